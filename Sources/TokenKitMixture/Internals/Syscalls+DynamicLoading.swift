#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The module's thin layer over the C dynamic loader (`dlopen`, `dlsym`, `dlerror`), the
/// environment and the running executable's path: the only place TokenKitMixture calls them.
///
/// Why run-time loading: HiGHS is optional, and a library that is linked must be found when the
/// *dependent* package is built and run, which SwiftPM cannot arrange for a library outside the
/// system paths (it drops `-rpath` from pkg-config flags and refuses `unsafeFlags` in a
/// dependency). `dlopen` needs no header and no link flag.
enum DynamicLibrary {
    /// An opened library (never closed: the solvers keep using its functions).
    struct Handle: @unchecked Sendable {
        // Sendable: dlopen handles are process-wide and dlsym is thread-safe.
        let raw: UnsafeMutableRawPointer
    }

    /// Opens `path` (a file path, or a bare name the system loader searches for); on failure,
    /// returns the loader's own message.
    static func open(_ path: String) -> Result<Handle, LoadFailure> {
        if let raw = dlopen(path, RTLD_NOW | RTLD_LOCAL) { return .success(Handle(raw: raw)) }
        return .failure(LoadFailure(path: path, reason: lastError() ?? "dlopen failed"))
    }

    /// The address of `name` in `handle`, or `nil`.
    static func symbol(_ handle: Handle, _ name: String) -> UnsafeMutableRawPointer? {
        dlsym(handle.raw, name)
    }

    /// The loader's last error message, if any.
    private static func lastError() -> String? {
        guard let message = dlerror() else { return nil }
        return String(cString: message)
    }

    /// Whether a file exists at `path` (`access(F_OK)`).
    static func fileExists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }

    /// The value of environment variable `name`, or `nil` when it is unset or empty.
    static func environment(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        let string = String(cString: value)
        return string.isEmpty ? nil : string
    }

    /// The absolute path of the running executable, or `nil` when the system does not say.
    static func executablePath() -> String? {
        #if os(Linux)
        var buffer = [CChar](repeating: 0, count: 4097)
        let n = buffer.withUnsafeMutableBufferPointer { readlink("/proc/self/exe", $0.baseAddress!, 4096) }
        guard n > 0 else { return nil }
        return String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        #elseif canImport(Darwin)
        var size: UInt32 = 4096
        var buffer = [CChar](repeating: 0, count: Int(size) + 1)
        guard _NSGetExecutablePath(&buffer, &size) == 0 else { return nil }
        return String(cString: buffer)
        #else
        return nil
        #endif
    }

    /// One place a library was looked for, and why it did not load there.
    struct LoadFailure: Error, Sendable, CustomStringConvertible {
        /// The path or name given to the loader.
        let path: String
        /// The loader's message (or why the library there was refused).
        let reason: String
        var description: String { "\(path): \(reason)" }
    }
}
