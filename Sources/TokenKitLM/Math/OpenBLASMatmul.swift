/// Matrix-vector products through OpenBLAS's `cblas_sgemv`, loaded with `dlopen` at run time.
///
/// Why run-time loading rather than a SwiftPM system-library target: a system library whose
/// header is missing breaks the *build* of every target that depends on it, and the package must
/// build where `libopenblas-dev` is absent. `dlopen("libopenblas.so.0")` needs no header and no
/// link flag; when the library is missing, ``shared`` is `nil` and callers use ``SwiftMatmul``.
///
/// OpenBLAS is pinned to one thread (`openblas_set_num_threads(1)`): the model's matrices are
/// tiny and the machine is shared, so threads only add overhead.
public final class OpenBLASMatmul: MatmulBackend, @unchecked Sendable {
    // Sendable: the function pointers are set once in init; cblas_sgemv is reentrant.

    private typealias SGEMV = @convention(c) (
        Int32, Int32, Int32, Int32, Float, UnsafePointer<Float>?, Int32, UnsafePointer<Float>?, Int32, Float,
        UnsafeMutablePointer<Float>?, Int32
    ) -> Void
    private typealias SGEMM = @convention(c) (
        Int32, Int32, Int32, Int32, Int32, Int32, Float, UnsafePointer<Float>?, Int32, UnsafePointer<Float>?, Int32, Float,
        UnsafeMutablePointer<Float>?, Int32
    ) -> Void
    private typealias SetThreads = @convention(c) (Int32) -> Void

    private let sgemv: SGEMV
    private let sgemm: SGEMM
    /// The library file that was loaded.
    public let libraryName: String

    /// The loaded backend, or `nil` when OpenBLAS is not installed.
    public static let shared: OpenBLASMatmul? = OpenBLASMatmul()

    private init?() {
        var handle: UnsafeMutableRawPointer?
        var loaded = ""
        for name in ["libopenblas.so.0", "libopenblas.so", "libopenblas.dylib"] {
            handle = system_dlopen(name)
            if handle != nil { loaded = name; break }
        }
        guard let handle, let f = system_dlsym(handle, "cblas_sgemv"), let g = system_dlsym(handle, "cblas_sgemm") else { return nil }
        sgemv = unsafeBitCast(f, to: SGEMV.self)
        sgemm = unsafeBitCast(g, to: SGEMM.self)
        libraryName = loaded
        if let t = system_dlsym(handle, "openblas_set_num_threads") {
            unsafeBitCast(t, to: SetThreads.self)(1)
        }
    }

    public var name: String { "openblas" }

    public func matvec(_ w: UnsafePointer<Float>, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, rows: Int, cols: Int) {
        // CblasRowMajor = 101, CblasNoTrans = 111.
        sgemv(101, 111, Int32(rows), Int32(cols), 1, w, Int32(cols), x, 1, 0, y, 1)
    }

    public func matmul(_ w: UnsafePointer<Float>, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>,
                       rows: Int, cols: Int, count: Int, yStride: Int) {
        // Y (count × rows) = X (count × cols) · Wᵀ: RowMajor = 101, NoTrans = 111, Trans = 112.
        sgemm(101, 111, 112, Int32(count), Int32(rows), Int32(cols), 1, x, Int32(cols), w, Int32(cols), 0, y, Int32(yStride))
    }
}
