/// The few functions of HiGHS's C API (`interfaces/highs_c_api.h`) that ``HighsSolver`` calls,
/// resolved from a libhighs loaded at run time (see ``HighsLibrary/shared``).
///
/// `HighsInt` is the C API's integer: 32-bit unless HiGHS was built with `HIGHSINT64`, which
/// ``load(from:)`` checks with `Highs_getSizeofHighsInt` before any other call.
struct HighsLibrary: @unchecked Sendable {
    // Sendable: immutable C function pointers into a library that is never unloaded.

    /// The C API's `HighsInt` in the builds this table accepts.
    typealias HighsInt = Int32

    typealias Create = @convention(c) () -> UnsafeMutableRawPointer?
    typealias Destroy = @convention(c) (UnsafeMutableRawPointer?) -> Void
    typealias SetBool = @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?, HighsInt) -> HighsInt
    typealias SetInt = @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?, HighsInt) -> HighsInt
    typealias SetString = @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?, UnsafePointer<CChar>?) -> HighsInt
    typealias GetDouble = @convention(c) (UnsafeRawPointer?, UnsafePointer<CChar>?, UnsafeMutablePointer<Double>?) -> HighsInt
    typealias GetInfinity = @convention(c) (UnsafeRawPointer?) -> Double
    typealias SizeofInt = @convention(c) (UnsafeRawPointer?) -> HighsInt
    typealias AddCols = @convention(c) (
        UnsafeMutableRawPointer?, HighsInt, UnsafePointer<Double>?, UnsafePointer<Double>?, UnsafePointer<Double>?,
        HighsInt, UnsafePointer<HighsInt>?, UnsafePointer<HighsInt>?, UnsafePointer<Double>?
    ) -> HighsInt
    typealias AddRows = @convention(c) (
        UnsafeMutableRawPointer?, HighsInt, UnsafePointer<Double>?, UnsafePointer<Double>?,
        HighsInt, UnsafePointer<HighsInt>?, UnsafePointer<HighsInt>?, UnsafePointer<Double>?
    ) -> HighsInt
    typealias Run = @convention(c) (UnsafeMutableRawPointer?) -> HighsInt
    typealias GetModelStatus = @convention(c) (UnsafeRawPointer?) -> HighsInt
    typealias GetObjective = @convention(c) (UnsafeRawPointer?) -> Double
    typealias GetSolution = @convention(c) (
        UnsafeRawPointer?, UnsafeMutablePointer<Double>?, UnsafeMutablePointer<Double>?,
        UnsafeMutablePointer<Double>?, UnsafeMutablePointer<Double>?
    ) -> HighsInt
    typealias GetBasis = @convention(c) (UnsafeRawPointer?, UnsafeMutablePointer<HighsInt>?, UnsafeMutablePointer<HighsInt>?) -> HighsInt
    typealias DeleteRowsBySet = @convention(c) (UnsafeMutableRawPointer?, HighsInt, UnsafePointer<HighsInt>?) -> HighsInt

    /// `kHighsStatusError`.
    static let statusError: HighsInt = -1
    /// `kHighsModelStatusOptimal`.
    static let modelStatusOptimal: HighsInt = 7
    /// `kHighsBasisStatusBasic`.
    static let basisStatusBasic: HighsInt = 1

    let create: Create
    let destroy: Destroy
    let setBoolOptionValue: SetBool
    let setIntOptionValue: SetInt
    let setStringOptionValue: SetString
    let getDoubleOptionValue: GetDouble
    let getInfinity: GetInfinity
    let addCols: AddCols
    let addRows: AddRows
    let run: Run
    let getModelStatus: GetModelStatus
    let getObjectiveValue: GetObjective
    let getSolution: GetSolution
    let getBasis: GetBasis
    let deleteRowsBySet: DeleteRowsBySet
    /// The file (or loader name) it came from.
    let path: String

    /// The environment variable naming a libhighs file to load before any other.
    static let environmentVariable = "TOKENKIT_HIGHS_LIBRARY"
    /// The name the system loader is asked for.
    #if canImport(Darwin)
    static let systemName = "libhighs.dylib"
    #else
    static let systemName = "libhighs.so"
    #endif
    /// Where `scripts/setup-highs.sh` installs the library, relative to a checkout of this repository.
    static let checkoutRelativePath = ".deps/highs/highsbox/highs_dist/lib/" + systemName

    /// HiGHS, loaded on first use from, in order: `$TOKENKIT_HIGHS_LIBRARY`, the system loader
    /// (``systemName``), then ``checkoutRelativePath`` in the running executable's folder or the
    /// nearest folder above it that holds one (a checkout's own `tok` and tests). On failure:
    /// every place tried, with the reason.
    static let shared: Result<HighsLibrary, HighsUnavailable> = loadFirst()

    private static func loadFirst() -> Result<HighsLibrary, HighsUnavailable> {
        var tried: [DynamicLibrary.LoadFailure] = []
        func attempt(_ path: String) -> HighsLibrary? {
            switch load(from: path) {
            case .success(let library): return library
            case .failure(let failure): tried.append(failure); return nil
            }
        }
        if let path = DynamicLibrary.environment(environmentVariable), let library = attempt(path) { return .success(library) }
        if let library = attempt(systemName) { return .success(library) }
        switch checkoutLibrary() {
        case .success(let path): if let library = attempt(path) { return .success(library) }
        case .failure(let failure): tried.append(failure)
        }
        return .failure(HighsUnavailable(tried: tried))
    }

    /// The first `<folder>/.deps/highs/…/libhighs` walking up from the executable's folder.
    private static func checkoutLibrary() -> Result<String, DynamicLibrary.LoadFailure> {
        guard let executable = DynamicLibrary.executablePath() else {
            return .failure(.init(path: checkoutRelativePath, reason: "the running executable's path is unknown"))
        }
        var folder = executable
        while let slash = folder.lastIndex(of: "/") {
            folder = String(folder[..<slash])
            let candidate = folder + "/" + checkoutRelativePath
            if DynamicLibrary.fileExists(candidate) { return .success(candidate) }
        }
        return .failure(.init(path: checkoutRelativePath, reason: "not in \(executable)'s folder or any folder above it"))
    }

    /// Loads libhighs from `path` and resolves every function this table holds.
    static func load(from path: String) -> Result<HighsLibrary, DynamicLibrary.LoadFailure> {
        let handle: DynamicLibrary.Handle
        switch DynamicLibrary.open(path) {
        case .success(let h): handle = h
        case .failure(let failure): return .failure(failure)
        }
        var missing = ""
        func resolve<F>(_ name: String, as type: F.Type) -> F? {
            guard let address = DynamicLibrary.symbol(handle, name) else { missing = name; return nil }
            return unsafeBitCast(address, to: type)
        }
        guard let sizeofInt = resolve("Highs_getSizeofHighsInt", as: SizeofInt.self),
              let create = resolve("Highs_create", as: Create.self),
              let destroy = resolve("Highs_destroy", as: Destroy.self),
              let setBool = resolve("Highs_setBoolOptionValue", as: SetBool.self),
              let setInt = resolve("Highs_setIntOptionValue", as: SetInt.self),
              let setString = resolve("Highs_setStringOptionValue", as: SetString.self),
              let getDouble = resolve("Highs_getDoubleOptionValue", as: GetDouble.self),
              let getInfinity = resolve("Highs_getInfinity", as: GetInfinity.self),
              let addCols = resolve("Highs_addCols", as: AddCols.self),
              let addRows = resolve("Highs_addRows", as: AddRows.self),
              let run = resolve("Highs_run", as: Run.self),
              let getModelStatus = resolve("Highs_getModelStatus", as: GetModelStatus.self),
              let getObjective = resolve("Highs_getObjectiveValue", as: GetObjective.self),
              let getSolution = resolve("Highs_getSolution", as: GetSolution.self),
              let getBasis = resolve("Highs_getBasis", as: GetBasis.self),
              let deleteRows = resolve("Highs_deleteRowsBySet", as: DeleteRowsBySet.self)
        else {
            return .failure(.init(path: path, reason: "not the HiGHS C API: no symbol \(missing)"))
        }
        // The C API's integer width is a build option of HiGHS; the table is declared for 32 bits.
        let width = sizeofInt(nil)
        guard width == 4 else {
            return .failure(.init(path: path, reason: "HighsInt is \(width) bytes (a HIGHSINT64 build); TokenKit needs 4"))
        }
        return .success(HighsLibrary(
            create: create, destroy: destroy, setBoolOptionValue: setBool, setIntOptionValue: setInt,
            setStringOptionValue: setString, getDoubleOptionValue: getDouble, getInfinity: getInfinity,
            addCols: addCols, addRows: addRows, run: run, getModelStatus: getModelStatus,
            getObjectiveValue: getObjective, getSolution: getSolution, getBasis: getBasis,
            deleteRowsBySet: deleteRows, path: path))
    }
}

/// HiGHS could not be loaded: every place that was tried, in order, with the reason.
struct HighsUnavailable: Error, Sendable, CustomStringConvertible {
    /// Each path or loader name tried, and why it did not load.
    let tried: [(path: String, reason: String)]

    init(tried: [DynamicLibrary.LoadFailure]) {
        self.tried = tried.map { ($0.path, $0.reason) }
    }

    var description: String {
        "HiGHS could not be loaded (set \(HighsLibrary.environmentVariable) to a libhighs file, or install it where the system loader finds it); tried: "
            + tried.map { "\($0.path) (\($0.reason))" }.joined(separator: "; ")
    }
}
