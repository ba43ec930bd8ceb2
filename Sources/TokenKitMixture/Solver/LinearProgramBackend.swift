/// The LP backends of mixture inference: HiGHS, loaded at run time when it can be, and COIN-OR
/// CLP, linked in under the package trait `CLP` (on by default).
public enum LinearProgramBackend: String, CaseIterable, Sendable {
    /// HiGHS (MIT), the default when it loads: ``HighsSolver``.
    ///
    /// libhighs is loaded with `dlopen` on first use, from the first of: the file named by
    /// `$TOKENKIT_HIGHS_LIBRARY`; `libhighs.so` (`libhighs.dylib` on macOS) as the system loader
    /// finds it (`LD_LIBRARY_PATH`, `ldconfig`'s folders); `.deps/highs/highsbox/highs_dist/lib/`
    /// in the running executable's folder or the nearest folder above it, where
    /// `scripts/setup-highs.sh` installs it in a checkout of this repository.
    case highs
    /// COIN-OR CLP (EPL), the alternative: ``ClpSolver``.
    case clp

    /// Whether the backend can be used: CLP when this build links it, HiGHS when libhighs loads.
    public var isAvailable: Bool {
        switch self {
        case .highs:
            if case .success = HighsLibrary.shared { return true }
            return false
        case .clp:
            #if CLP
            return true
            #else
            return false
            #endif
        }
    }

    /// Why the backend cannot be used (every place HiGHS was looked for), or `nil` when it can.
    public var unavailableReason: String? {
        switch self {
        case .highs:
            if case .failure(let unavailable) = HighsLibrary.shared { return unavailable.description }
            return nil
        case .clp:
            return isAvailable ? nil : "this build has no CLP backend (package trait CLP is off)"
        }
    }

    /// The backends that can be used, preferred first.
    public static var available: [LinearProgramBackend] { allCases.filter(\.isAvailable) }

    /// HiGHS when it loads, else CLP; `nil` when neither can be used.
    public static var preferred: LinearProgramBackend? { available.first }

    /// A fresh, empty solver of this backend.
    ///
    /// - Throws: ``MixtureError`` with code `solverUnavailable` when the backend cannot be used
    ///   (for HiGHS, the message lists every place it was looked for).
    public func makeSolver() throws(MixtureError) -> any LinearProgramSolver {
        switch self {
        case .highs:
            return try HighsSolver()
        case .clp:
            #if CLP
            return ClpSolver()
            #else
            throw MixtureError(.solverUnavailable, "\(unavailableReason ?? "CLP is not available"); available: \(Self.available.map(\.rawValue).joined(separator: ", "))")
            #endif
        }
    }

    /// A solver of ``preferred``.
    ///
    /// - Throws: ``MixtureError`` with code `solverUnavailable` when no backend can be used.
    public static func makePreferred() throws(MixtureError) -> any LinearProgramSolver {
        guard let backend = preferred else {
            throw MixtureError(.solverUnavailable, "no LP backend: \(allCases.compactMap(\.unavailableReason).joined(separator: "; "))")
        }
        return try backend.makeSolver()
    }
}
