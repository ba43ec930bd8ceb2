/// The digit lengths of an addition problem: first addend, second addend, answer (`8+7=9`).
///
/// Singh & Strouse's experiment B controls all three, because when the answer is longer than
/// both addends an L2R-chunking model must shift every output chunk against the input chunks.
public struct LengthSignature: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The largest addend length supported (answers then fit in `UInt64`).
    public static let maximumLength = 18

    /// Digits of the first addend (as shown in the prompt).
    public var a: Int
    /// Digits of the second addend.
    public var b: Int
    /// Digits of the answer.
    public var answer: Int

    /// Creates a signature, checking that some problem has it.
    ///
    /// - Throws: ``ProbeError/Code/impossibleSignature`` when the answer is shorter than the
    ///   longer addend or more than one digit longer, or a length is outside 1…18.
    public init(a: Int, b: Int, answer: Int) throws(ProbeError) {
        for (what, n) in [("first addend", a), ("second addend", b)] where !(1...Self.maximumLength).contains(n) {
            throw ProbeError(.impossibleSignature, "\(a)+\(b)=\(answer): the \(what) length must be 1…\(Self.maximumLength)")
        }
        let longer = max(a, b)
        guard answer == longer || answer == longer + 1 else {
            throw ProbeError(.impossibleSignature,
                             "\(a)+\(b)=\(answer) is impossible: the sum of a \(a)-digit and a \(b)-digit number has \(longer) or \(longer + 1) digits")
        }
        self.a = a
        self.b = b
        self.answer = answer
    }

    /// The signature of a concrete problem (always possible).
    public init(of a: UInt64, _ b: UInt64) {
        self.a = decimalLength(a)
        self.b = decimalLength(b)
        self.answer = decimalLength(a + b)
    }

    /// Parses `A+B=C` (`8+7=9`).
    ///
    /// - Throws: ``ProbeError`` for bad syntax or an impossible signature.
    public init(parsing text: String) throws(ProbeError) {
        let parts = text.split(whereSeparator: { $0 == "+" || $0 == "=" }).map { Int($0.trimmingSpaces) }
        guard parts.count == 3, let a = parts[0], let b = parts[1], let c = parts[2],
              text.filter({ $0 == "+" }).count == 1, text.filter({ $0 == "=" }).count == 1
        else { throw ProbeError(.invalidParameter, "'\(text)' is not a length signature like 8+7=9") }
        try self.init(a: a, b: b, answer: c)
    }

    /// Whether the answer has as many digits as the longer addend (no new leading digit).
    public var lengthMatch: Bool { answer == max(a, b) }

    /// The 13 signatures of Singh & Strouse's experiment B, in the paper's order.
    public static let experimentB: [LengthSignature] = [
        (7, 7, 7), (7, 7, 8), (8, 7, 8), (7, 8, 8), (8, 7, 9), (7, 8, 9), (8, 8, 8), (8, 8, 9),
        (9, 7, 9), (7, 9, 9), (9, 8, 9), (8, 9, 9), (9, 9, 9),
    ].map { LengthSignature(unchecked: $0.0, $0.1, $0.2) }

    init(unchecked a: Int, _ b: Int, _ answer: Int) {
        self.a = a
        self.b = b
        self.answer = answer
    }

    public static func < (l: LengthSignature, r: LengthSignature) -> Bool {
        (l.a, l.b, l.answer) < (r.a, r.b, r.answer)
    }

    /// `A+B=C`.
    public var description: String { "\(a)+\(b)=\(answer)" }
}

/// The number of decimal digits of `n` (1 for 0).
@inlinable
func decimalLength(_ n: UInt64) -> Int {
    var n = n
    var k = 1
    while n >= 10 { n /= 10; k += 1 }
    return k
}

/// `10^k` for `k` in 0…19.
@inlinable
func powerOfTen(_ k: Int) -> UInt64 {
    var p: UInt64 = 1
    for _ in 0..<k { p &*= 10 }
    return p
}

extension Substring {
    var trimmingSpaces: Substring {
        var s = self
        while let f = s.first, f == " " { s.removeFirst() }
        while let l = s.last, l == " " { s.removeLast() }
        return s
    }
}
