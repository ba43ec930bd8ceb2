/// Matrix-vector products in vectorized Swift: four rows at a time, eight columns per SIMD step.
///
/// Multiply then add, not `addingProduct`: without the FMA target feature (the default x86-64
/// baseline) a fused multiply-add on SIMD vectors becomes one `fmaf` call per lane.
/// Marked `@_optimize(speed)` so that even debug builds (the test suite) run it at full speed.
public struct SwiftMatmul: MatmulBackend {
    /// Creates the backend.
    public init() {}

    public var name: String { "swift" }

    @_optimize(speed)
    public func matvec(_ w: UnsafePointer<Float>, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, rows: Int, cols: Int) {
        let vectorCols = cols & ~7
        let raw = UnsafeRawPointer(w)
        let xr = UnsafeRawPointer(x)
        var r = 0
        while r + 4 <= rows {
            var a0 = SIMD8<Float>(), a1 = SIMD8<Float>(), a2 = SIMD8<Float>(), a3 = SIMD8<Float>()
            let b0 = r * cols, b1 = b0 + cols, b2 = b1 + cols, b3 = b2 + cols
            var c = 0
            while c < vectorCols {
                let xv = xr.loadUnaligned(fromByteOffset: c * 4, as: SIMD8<Float>.self)
                a0 += raw.loadUnaligned(fromByteOffset: (b0 + c) * 4, as: SIMD8<Float>.self) * xv
                a1 += raw.loadUnaligned(fromByteOffset: (b1 + c) * 4, as: SIMD8<Float>.self) * xv
                a2 += raw.loadUnaligned(fromByteOffset: (b2 + c) * 4, as: SIMD8<Float>.self) * xv
                a3 += raw.loadUnaligned(fromByteOffset: (b3 + c) * 4, as: SIMD8<Float>.self) * xv
                c += 8
            }
            var s0 = a0.sum(), s1 = a1.sum(), s2 = a2.sum(), s3 = a3.sum()
            while c < cols {
                let xv = x[c]
                s0 += w[b0 + c] * xv
                s1 += w[b1 + c] * xv
                s2 += w[b2 + c] * xv
                s3 += w[b3 + c] * xv
                c += 1
            }
            y[r] = s0
            y[r + 1] = s1
            y[r + 2] = s2
            y[r + 3] = s3
            r += 4
        }
        while r < rows {
            var a = SIMD8<Float>()
            let b = r * cols
            var c = 0
            while c < vectorCols {
                a += raw.loadUnaligned(fromByteOffset: (b + c) * 4, as: SIMD8<Float>.self)
                    * xr.loadUnaligned(fromByteOffset: c * 4, as: SIMD8<Float>.self)
                c += 8
            }
            var s = a.sum()
            while c < cols {
                s += w[b + c] * x[c]
                c += 1
            }
            y[r] = s
            r += 1
        }
    }
}
