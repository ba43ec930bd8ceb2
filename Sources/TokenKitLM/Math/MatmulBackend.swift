/// Matrix-vector products, the forward pass's hot loop, behind one interface.
///
/// Two implementations: ``SwiftMatmul`` (vectorized pure Swift, always there) and
/// ``OpenBLASMatmul`` (OpenBLAS's `cblas_sgemv`, loaded at run time). Tests run both and
/// compare; ``MatmulBackends/automatic`` picks OpenBLAS when it loads.
public protocol MatmulBackend: Sendable {
    /// A short name (`swift`, `openblas`) for reports.
    var name: String { get }

    /// `y[0..<rows] = W · x`, `W` row-major with `rows` rows of `cols` floats.
    ///
    /// - Complexity: O(`rows` × `cols`).
    func matvec(_ w: UnsafePointer<Float>, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, rows: Int, cols: Int)

    /// `Y = X · Wᵀ` for `count` input rows: row `j` of `y` (`rows` floats, `yStride` apart) is
    /// `W · x_j` (`x_j` has `cols` floats, consecutive rows). The default calls `matvec` per row.
    ///
    /// - Complexity: O(`count` × `rows` × `cols`).
    func matmul(_ w: UnsafePointer<Float>, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>,
                rows: Int, cols: Int, count: Int, yStride: Int)
}

extension MatmulBackend {
    public func matmul(_ w: UnsafePointer<Float>, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>,
                       rows: Int, cols: Int, count: Int, yStride: Int) {
        for j in 0..<count { matvec(w, x + j * cols, y + j * yStride, rows: rows, cols: cols) }
    }
}

/// The backends that can be had on this machine.
public enum MatmulBackends {
    /// The pure-Swift backend.
    public static let swift: any MatmulBackend = SwiftMatmul()

    /// OpenBLAS, or `nil` when `libopenblas.so.0` cannot be loaded.
    public static var openBLAS: (any MatmulBackend)? { OpenBLASMatmul.shared }

    /// OpenBLAS when available, else Swift.
    public static var automatic: any MatmulBackend { openBLAS ?? swift }

    /// The backend with this name (`swift`, `openblas`, `auto`), or `nil`.
    public static func named(_ name: String) -> (any MatmulBackend)? {
        switch name {
        case "swift": swift
        case "openblas": openBLAS
        case "auto": automatic
        default: nil
        }
    }
}
