/// Which problems a sweep samples.
public enum ProbeDesign: Hashable, Sendable {
    /// Singh & Strouse's experiment A: addend lengths cycle through every pair of `lengths`
    /// (`(7,7), (7,8), …, (9,9)` for 7…9), each addend uniform among numbers of its length;
    /// shots are fresh problems with the same addend lengths. `problems` problems per cell.
    case lengthPairs(lengths: ClosedRange<Int>, problems: Int)
    /// Experiment B: `problems` problems per length signature, cycling through `signatures`
    /// (problem `i` has signature `i % count`); shots have the same signature.
    case signatures([LengthSignature], problems: Int)

    /// Experiment A as in the paper: 7…9 digits, 90 problems (10 per length pair).
    public static let experimentA = ProbeDesign.lengthPairs(lengths: 7...9, problems: 90)
    /// Experiment B as in the paper: the 13 signatures, 100 problems each.
    public static let experimentB = ProbeDesign.signatures(LengthSignature.experimentB, problems: 1300)

    /// `A` or `B`.
    public var label: String {
        switch self {
        case .lengthPairs: "A"
        case .signatures: "B"
        }
    }
}

/// A sweep: a design crossed with formats, shot counts, system prompts and operator spacing.
public struct ProbeSweep: Hashable, Sendable {
    /// The problems.
    public var design: ProbeDesign
    /// Problem formats (the answer format is the same unless ``answerFormat`` is set).
    public var formats: [NumberFormat]
    /// A fixed answer format for every cell (the paper's input ≠ output experiment), or `nil`.
    public var answerFormat: NumberFormat?
    /// Shot counts.
    public var shots: [Int]
    /// System prompt texts.
    public var systemPrompts: [String]
    /// Spaces around the operators.
    public var spaces: [Int]
    /// The seed.
    public var seed: UInt64

    /// Creates a sweep.
    public init(design: ProbeDesign, formats: [NumberFormat] = [.nosep, .commaR2L], answerFormat: NumberFormat? = nil,
                shots: [Int] = [8], systemPrompts: [String] = [SystemPrompts.helpful], spaces: [Int] = [0],
                seed: UInt64 = 0) {
        self.design = design
        self.formats = formats
        self.answerFormat = answerFormat
        self.shots = shots
        self.systemPrompts = systemPrompts
        self.spaces = spaces
        self.seed = seed
    }
}

/// Generates addition problems reproducibly from a seed.
///
/// Numbers are drawn with ``ProbeRandom`` (SplitMix64), so they are not the paper's JAX draws;
/// the *distributions* are the paper's (see ``sample(signature:using:)``).
public enum ProblemGenerator {
    /// The largest number of problems one sweep may produce.
    public static let maximumProblems = 10_000_000

    /// All problems of a sweep, cell by cell (system prompt × format × spacing × shots × index).
    ///
    /// - Throws: ``ProbeError`` for empty lists, negative counts, lengths outside 1…18 or an
    ///   impossible signature.
    /// - Complexity: O(problems × shots).
    public static func generate(_ sweep: ProbeSweep) throws(ProbeError) -> [ArithmeticProblem] {
        try validate(sweep)
        var out: [ArithmeticProblem] = []
        let count = problemCount(sweep.design)
        for (p, prompt) in sweep.systemPrompts.enumerated() {
            for format in sweep.formats {
                for spaces in sweep.spaces {
                    for k in sweep.shots {
                        for i in 0..<count {
                            let (a, b) = problem(sweep.design, index: i, seed: sweep.seed)
                            let shots = shotProblems(sweep.design, index: i, count: k, like: (a, b), seed: sweep.seed)
                            let answerFormat = sweep.answerFormat ?? format
                            let id = "\(sweep.design.label)-p\(p)-\(format.name)"
                                + (answerFormat == format ? "" : "-\(answerFormat.name)") + "-s\(spaces)-k\(k)-\(i)"
                            out.append(ArithmeticProblem(
                                id: id, experiment: sweep.design.label, index: i, seed: sweep.seed, a: a, b: b,
                                shots: shots, problemFormat: format, answerFormat: answerFormat, spaces: spaces,
                                systemPrompt: prompt))
                        }
                    }
                }
            }
        }
        return out
    }

    static func problemCount(_ design: ProbeDesign) -> Int {
        switch design {
        case .lengthPairs(_, let n), .signatures(_, let n): n
        }
    }

    static func validate(_ sweep: ProbeSweep) throws(ProbeError) {
        if sweep.formats.isEmpty { throw .invalidParameter("no number formats given") }
        if sweep.shots.isEmpty || sweep.shots.contains(where: { $0 < 0 || $0 > 1000 }) {
            throw .invalidParameter("shot counts must be 0…1000 (got \(sweep.shots))")
        }
        if sweep.systemPrompts.isEmpty { throw .invalidParameter("no system prompts given") }
        if sweep.spaces.isEmpty || sweep.spaces.contains(where: { $0 < 0 || $0 > 16 }) {
            throw .invalidParameter("operator spacing must be 0…16 (got \(sweep.spaces))")
        }
        let n = problemCount(sweep.design)
        if n < 1 { throw .invalidParameter("the number of problems must be at least 1 (got \(n))") }
        let cells = sweep.systemPrompts.count * sweep.formats.count * sweep.spaces.count * sweep.shots.count
        if cells.multipliedReportingOverflow(by: n).overflow || cells * n > maximumProblems {
            throw .invalidParameter("the sweep has more than \(maximumProblems) problems")
        }
        switch sweep.design {
        case .lengthPairs(let lengths, _):
            guard lengths.lowerBound >= 1, lengths.upperBound <= LengthSignature.maximumLength else {
                throw ProbeError(.impossibleSignature, "addend lengths must be within 1…\(LengthSignature.maximumLength) (got \(lengths))")
            }
        case .signatures(let signatures, _):
            if signatures.isEmpty { throw .invalidParameter("no length signatures given") }
            for s in signatures { _ = try LengthSignature(a: s.a, b: s.b, answer: s.answer) }
        }
    }

    /// Problem `index` of a design (the same in every cell).
    public static func problem(_ design: ProbeDesign, index: Int, seed: UInt64) -> (UInt64, UInt64) {
        var rng = ProbeRandom.derived(seed, 0, UInt64(index))
        switch design {
        case .lengthPairs(let lengths, _):
            let (la, lb) = lengthPair(lengths, index)
            return (uniformOfLength(la, using: &rng), uniformOfLength(lb, using: &rng))
        case .signatures(let signatures, _):
            return sample(signature: signatures[index % signatures.count], using: &rng)
        }
    }

    /// The first `count` shots for problem `index`: fresh problems with the same addend lengths
    /// (design A) or the same signature (design B). Shots for `k` are a prefix of those for `k' > k`.
    public static func shotProblems(_ design: ProbeDesign, index: Int, count: Int, like problem: (UInt64, UInt64),
                                    seed: UInt64) -> [(UInt64, UInt64)] {
        var rng = ProbeRandom.derived(seed, 1, UInt64(index))
        var out: [(UInt64, UInt64)] = []
        out.reserveCapacity(count)
        let signature = LengthSignature(of: problem.0, problem.1)
        for _ in 0..<count {
            switch design {
            case .lengthPairs:
                out.append((uniformOfLength(signature.a, using: &rng), uniformOfLength(signature.b, using: &rng)))
            case .signatures:
                out.append(sample(signature: signature, using: &rng))
            }
        }
        return out
    }

    /// The length pair of problem `index` in design A: pairs in row-major order over `lengths`.
    static func lengthPair(_ lengths: ClosedRange<Int>, _ index: Int) -> (Int, Int) {
        let n = lengths.count
        let k = index % (n * n)
        return (lengths.lowerBound + k / n, lengths.lowerBound + k % n)
    }

    /// A number with exactly `length` digits, uniformly.
    public static func uniformOfLength(_ length: Int, using rng: inout ProbeRandom) -> UInt64 {
        let low = length == 1 ? 0 : powerOfTen(length - 1)
        return rng.uniform(low == 0 ? 1 : low, powerOfTen(length))
    }

    /// A problem with a given signature, sampled as the paper's code does: the shorter addend
    /// (the second when lengths tie) uniformly, capped so the answer can have the target length;
    /// then the answer uniformly in its feasible range; the longer addend is the difference.
    ///
    /// - Precondition: `signature` is possible (``LengthSignature/init(a:b:answer:)`` checked it).
    public static func sample(signature: LengthSignature, using rng: inout ProbeRandom) -> (UInt64, UInt64) {
        let shortIsA = signature.a < signature.b
        let (ls, ll, la) = shortIsA ? (signature.a, signature.b, signature.answer) : (signature.b, signature.a, signature.answer)
        let minLonger = ll == 1 ? 1 : powerOfTen(ll - 1)
        let maxShorter = powerOfTen(la) - minLonger
        let lowShort = ls == 1 ? 1 : powerOfTen(ls - 1)
        let short = rng.uniform(lowShort, max(lowShort + 1, min(powerOfTen(ls), maxShorter)))
        let lowAnswer = max(la == 1 ? 0 : powerOfTen(la - 1), short + minLonger)
        let highAnswer = min(powerOfTen(ll) + short, powerOfTen(la))
        let answer = rng.uniform(lowAnswer, max(lowAnswer + 1, highAnswer))
        let long = answer - short
        return shortIsA ? (short, long) : (long, short)
    }
}
