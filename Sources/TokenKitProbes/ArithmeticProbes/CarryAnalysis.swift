/// Carries of a column addition, as Singh & Strouse's analysis counts them.
public struct CarryAnalysis: Hashable, Sendable {
    /// For each column of the longer addend, left to right, whether that column carries out.
    public var carriesOut: [Bool]

    /// Adds `a` and `b` column by column.
    ///
    /// - Complexity: O(digits).
    public init(_ a: UInt64, _ b: UInt64) {
        let n = max(decimalLength(a), decimalLength(b))
        var out = [Bool](repeating: false, count: n)
        var (x, y, carry) = (a, b, UInt64(0))
        for i in stride(from: n - 1, through: 0, by: -1) {
            let v = x % 10 + y % 10 + carry
            carry = v >= 10 ? 1 : 0
            out[i] = carry == 1
            x /= 10
            y /= 10
        }
        self.carriesOut = out
    }

    /// The number of columns that carry.
    public var count: Int { carriesOut.reduce(0) { $0 + ($1 ? 1 : 0) } }

    /// The longest run of consecutive carrying columns.
    public var longestChain: Int {
        var best = 0, run = 0
        for c in carriesOut {
            run = c ? run + 1 : 0
            best = max(best, run)
        }
        return best
    }

    /// Whether the answer digit at right-aligned position `j` (0 = units) receives a carry.
    public func carryIn(rightPosition j: Int) -> Bool {
        guard j >= 1, j - 1 < carriesOut.count else { return false }
        return carriesOut[carriesOut.count - j]
    }

    /// Whether the column at right-aligned position `j` (0 = units) carries out.
    public func carryOut(rightPosition j: Int) -> Bool {
        guard j >= 0, j < carriesOut.count else { return false }
        return carriesOut[carriesOut.count - 1 - j]
    }
}
