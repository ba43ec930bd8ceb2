/// The LP backends compiled into this build (package traits `HiGHS` and `CLP`).
public enum LinearProgramBackend: String, CaseIterable, Sendable {
    /// HiGHS (MIT), the default: ``HighsSolver``.
    case highs
    /// COIN-OR CLP (EPL), the alternative: ``ClpSolver``.
    case clp

    /// Whether this build contains the backend.
    public var isAvailable: Bool {
        switch self {
        case .highs:
            #if HiGHS
            return true
            #else
            return false
            #endif
        case .clp:
            #if CLP
            return true
            #else
            return false
            #endif
        }
    }

    /// The backends in this build, preferred first.
    public static var available: [LinearProgramBackend] { allCases.filter(\.isAvailable) }

    /// HiGHS when compiled in, else CLP; `nil` for a build with neither trait.
    public static var preferred: LinearProgramBackend? { available.first }

    /// A fresh, empty solver of this backend.
    ///
    /// - Throws: ``MixtureError/solverFailed(_:)`` when the build lacks the backend.
    public func makeSolver() throws(MixtureError) -> any LinearProgramSolver {
        switch self {
        case .highs:
            #if HiGHS
            return HighsSolver()
            #else
            throw missing
            #endif
        case .clp:
            #if CLP
            return ClpSolver()
            #else
            throw missing
            #endif
        }
    }

    private var missing: MixtureError {
        .solverFailed("this build has no \(rawValue) backend (package trait \(self == .highs ? "HiGHS" : "CLP")); available: \(Self.available.map(\.rawValue).joined(separator: ", "))")
    }

    /// A solver of ``preferred``.
    ///
    /// - Throws: ``MixtureError/solverFailed(_:)`` for a build with no backend at all.
    public static func makePreferred() throws(MixtureError) -> any LinearProgramSolver {
        guard let backend = preferred else {
            throw .solverFailed("this build has no LP backend: build with the package trait HiGHS or CLP")
        }
        return try backend.makeSolver()
    }
}
