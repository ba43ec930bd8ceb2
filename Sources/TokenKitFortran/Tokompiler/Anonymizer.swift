import TokenKit

/// The result of running Tokompiler over one source: the lexicalized token stream, where each
/// token came from, and the mapping back to the original names.
public struct TokompilerOutput: Sendable, Hashable {
    /// The lexicalized tokens (`subroutine`, `func`, `7`, `(`, `arg`, `1`, …).
    public var tokens: [String]
    /// For each token, the byte range of the source it stands for (empty for the number half of
    /// an anonymized name).
    public var ranges: [Range<Int>]
    /// Every anonymized name, by first occurrence.
    public var names: [AnonymizedName]
    /// Source ranges and their anonymized replacements, in source order.
    public var replacements: [(range: Range<Int>, name: AnonymizedName)]

    public static func == (a: Self, b: Self) -> Bool {
        a.tokens == b.tokens && a.ranges == b.ranges && a.names == b.names
            && a.replacements.map(\.range) == b.replacements.map(\.range) && a.replacements.map(\.name) == b.replacements.map(\.name)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(tokens)
        hasher.combine(names)
    }

    /// The lexicalized stream as one string (tokens joined by single spaces).
    public var lexicalized: String { tokens.joined(separator: " ") }

    /// The source with every anonymized occurrence replaced by its name (`var_12`); everything
    /// else, trivia included, as written.
    public func anonymizedSource(_ source: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(source.count)
        var position = 0
        for (range, name) in replacements where range.lowerBound >= position && range.upperBound <= source.count {
            out.append(contentsOf: source[position..<range.lowerBound])
            out.append(contentsOf: name.replacement.utf8)
            position = range.upperBound
        }
        out.append(contentsOf: source[min(position, source.count)...])
        return out
    }

    /// De-anonymizes a lexicalized token stream: each `category number` pair this output
    /// produced becomes the original name again; other tokens stay.
    public func restore(_ tokens: [String]) -> [String] {
        var table: [String: String] = [:]
        for name in names { table["\(name.category.prefix) \(name.number)"] = name.original }
        var out: [String] = []
        var k = 0
        while k < tokens.count {
            if k + 1 < tokens.count, let original = table[tokens[k] + " " + tokens[k + 1]] {
                out.append(original)
                k += 2
            } else {
                out.append(tokens[k])
                k += 1
            }
        }
        return out
    }
}

/// Anonymizes a lexed Fortran file and lexicalizes it (the engine behind ``Tokompiler``).
struct Anonymizer {
    let mode: TokompilerMode
    let seed: UInt64

    /// Runs the pipeline.
    ///
    /// - Throws: `TokenizerError` (`unsupportedInput`) in faithful mode for fixed-form
    ///   source, and when a category has more than 1,001 distinct names (the reference fails).
    func run(_ file: FortranLexedFile) throws(TokenizerError) -> TokompilerOutput {
        if mode == .faithful && file.form == .fixed {
            throw TokenizerError(code: .unsupportedInput,
                                 message: "faithful Tokompiler reproduces a free-form-only reference; fixed-form source needs the improved mode (tokompiler:improved)")
        }
        var items: [SourceItem] = []
        var comments: [(Int, Int)] = []  // faithful: comment ranges, output verbatim
        items.reserveCapacity(file.tokens.count / 2)
        for t in file.logicalTokens() {
            let text = file.text(of: t)
            items.append(SourceItem(kind: t.kind, flags: t.flags, start: t.start, end: t.end, text: text,
                                    lower: SourceItem.lowercasedASCII(text)))
        }
        if mode == .faithful {
            for t in file.tokens where t.kind == .comment { comments.append((t.start, t.end)) }
        }
        var recognizer = StatementRecognizer(items: items)
        recognizer.run()
        items = recognizer.items
        let categories = mode == .faithful ? faithfulCategories(items) : improvedCategories(items)
        let table = try number(items, categories)
        return lexicalize(file, items, categories, table, comments)
    }

    // MARK: Categories

    /// The category of each item (nil: not anonymized), faithful to the reference's grammar.
    private func faithfulCategories(_ items: [SourceItem]) -> [AnonymizationCategory?] {
        var arguments = Set<String>()
        for item in items where item.role == .argument { arguments.insert(item.lower) }
        return items.map { item -> AnonymizationCategory? in
            if item.flags.contains(.inDirective) { return nil }  // directives are comments to the reference
            switch item.role {
            case .argument: return .arg
            case .variable, .declared, .declaredArray, .callee, .usedEntity, .intrinsicEntity:
                return arguments.contains(item.lower) ? .arg : .var
            case .call, .procedure:
                return arguments.contains(item.lower) ? .arg : .func
            case .field: return .field
            case .typeName: return .type
            case .number: return .num
            case .string: return .str
            case .keep, .keywordArgument, .labelReference, .programUnit, .usedModule, .endName, .directiveName: return nil
            }
        }
    }

    /// Symbol-table-aware categories.
    private func improvedCategories(_ items: [SourceItem]) -> [AnonymizationCategory?] {
        var arguments = Set<String>(), arrays = Set<String>(), procedures = Set<String>(), scalars = Set<String>()
        var types = Set<String>(), known = Set<String>(), intrinsicImports = Set<String>()
        for item in items where item.kind == .name && !item.flags.contains(.inDirective) {
            switch item.role {
            case .argument: arguments.insert(item.lower)
            case .declaredArray: arrays.insert(item.lower)
            case .procedure, .callee, .programUnit, .usedModule: procedures.insert(item.lower)
            case .declared: scalars.insert(item.lower)
            case .typeName: types.insert(item.lower)
            case .intrinsicEntity: intrinsicImports.insert(item.lower)
            default: break
            }
            switch item.role {
            case .keep, .keywordArgument, .labelReference, .directiveName, .field, .intrinsicEntity: break
            default: known.insert(item.lower)
            }
        }
        func resolve(_ name: String, _ role: NameRole) -> AnonymizationCategory? {
            if arguments.contains(name) { return .arg }
            if arrays.contains(name) { return .arr }
            if procedures.contains(name) { return .func }
            if types.contains(name) && (role == .endName || role == .variable || role == .usedEntity) { return .type }
            if intrinsicImports.contains(name) && !scalars.contains(name) { return nil }
            if role == .call && !scalars.contains(name) {
                if FortranKeywords.intrinsics.contains(name) { return nil }
                return .func
            }
            if role == .variable && !scalars.contains(name) && FortranKeywords.intrinsicModuleEntities.contains(name) { return nil }
            return .var
        }
        return items.map { item -> AnonymizationCategory? in
            switch item.role {
            case .keywordArgument:
                // A dummy argument of a procedure defined in this file, named at a call site.
                return arguments.contains(item.lower) ? .arg : nil
            case .keep, .labelReference: return nil
            case .number: return .num
            case .string: return .str
            case .field: return .field
            case .typeName: return .type
            case .directiveName: return known.contains(item.lower) ? resolve(item.lower, .variable) : nil
            default: return resolve(item.lower, item.role)
            }
        }
    }

    // MARK: Numbering

    /// The key a text is numbered under: names are case-insensitive, and the reference
    /// lowercases the whole source.
    private func key(_ item: SourceItem) -> String {
        mode == .faithful || item.kind == .name ? item.lower : item.text
    }

    /// Assigns numbers. Faithful: per category, a sample of distinct numbers from 0…1000 in
    /// the reference's category order, later categories overwriting earlier ones for the same
    /// text. Improved: per category, 0, 1, 2, … by first occurrence.
    private func number(_ items: [SourceItem], _ categories: [AnonymizationCategory?]) throws(TokenizerError) -> [String: AnonymizedName] {
        var firstSeen: [AnonymizationCategory: [String]] = [:]
        var seen = Set<String>()
        for (item, category) in zip(items, categories) {
            guard let category else { continue }
            let k = key(item)
            if seen.insert(category.rawValue + "\u{0}" + k).inserted { firstSeen[category, default: []].append(k) }
        }
        var table: [String: AnonymizedName] = [:]
        var rng = SplitMixRandom(seed: seed)
        for category in AnonymizationCategory.allCases {
            let names = firstSeen[category] ?? []
            if mode == .faithful {
                if names.count > 1001 {
                    throw TokenizerError(code: .unsupportedInput,
                                         message: "\(names.count) distinct \(category.rawValue) names; the reference numbers at most 1001 (0…1000) per category")
                }
                let numbers = rng.sample(from: 1001, count: names.count)
                for (name, n) in zip(names, numbers) {
                    table[name] = AnonymizedName(category: category, number: n, original: name)
                }
            } else {
                for (n, name) in names.enumerated() {
                    table[category.rawValue + "\u{0}" + name] = AnonymizedName(category: category, number: n, original: name)
                }
            }
        }
        return table
    }

    // MARK: Lexicalization

    private func lexicalize(_ file: FortranLexedFile, _ items: [SourceItem], _ categories: [AnonymizationCategory?],
                            _ table: [String: AnonymizedName], _ comments: [(Int, Int)]) -> TokompilerOutput {
        var out = TokompilerOutput(tokens: [], ranges: [], names: [], replacements: [])
        out.tokens.reserveCapacity(items.count + items.count / 4)
        out.ranges.reserveCapacity(items.count + items.count / 4)
        var named = Set<String>()
        var c = 0
        func emitRaw(_ start: Int, _ end: Int, into out: inout TokompilerOutput) {
            for (piece, range) in PythonText.splitWithRanges(file.bytes[start..<end], base: start) {
                out.tokens.append(mode == .faithful ? SourceItem.lowercasedASCII(piece) : piece)
                out.ranges.append(range)
            }
        }
        var k = 0
        while k < items.count {
            let item = items[k]
            while c < comments.count && comments[c].0 < item.start {
                emitRaw(comments[c].0, comments[c].1, into: &out)
                c += 1
            }
            // Faithful: a directive is one comment to the reference — pass its text through.
            if mode == .faithful && item.kind == .directiveSentinel && !(item.lower == "!$" || item.lower == "c$" || item.lower == "*$") {
                var last = k
                while last + 1 < items.count && (items[last + 1].flags.contains(.inDirective)
                      || (items[last + 1].kind == .directiveSentinel && items[last + 1].lower == item.lower && !items[last].endsStatement)) {
                    last += 1
                }
                emitRaw(item.start, items[last].end, into: &out)
                k = last + 1
                continue
            }
            if let category = categories[k] {
                let lookup = mode == .faithful ? key(item) : category.rawValue + "\u{0}" + key(item)
                if let name = table[lookup] {
                    out.tokens.append(name.category.prefix)
                    out.ranges.append(item.start..<item.end)
                    out.tokens.append(String(name.number))
                    out.ranges.append(item.end..<item.end)
                    out.replacements.append((item.start..<item.end, name))
                    if named.insert(lookup).inserted { out.names.append(name) }
                    k += 1
                    continue
                }
            }
            switch item.kind {
            case .preprocessor, .error, .directiveSentinel:
                emitRaw(item.start, item.end, into: &out)
            case .string, .hollerith, .formatSpec:
                out.tokens.append(item.text)
                out.ranges.append(item.start..<item.end)
            default:
                out.tokens.append(item.lower)
                out.ranges.append(item.start..<item.end)
            }
            k += 1
        }
        while c < comments.count {
            emitRaw(comments[c].0, comments[c].1, into: &out)
            c += 1
        }
        return out
    }
}

/// A small seeded generator (SplitMix64) for faithful mode's random numbering.
///
/// The reference draws with Python's `random.sample` over an unordered set, which no other
/// implementation can reproduce; outputs agree with it up to a per-category renaming.
struct SplitMixRandom {
    private var core: SplitMix64

    init(seed: UInt64) { core = SplitMix64(seed: seed) }

    mutating func next() -> UInt64 { core.next() }

    /// `count` distinct numbers from `0..<range`, in draw order (a partial Fisher–Yates shuffle).
    mutating func sample(from range: Int, count: Int) -> [Int] {
        var pool = Array(0..<range)
        var out: [Int] = []
        out.reserveCapacity(count)
        for k in 0..<min(count, range) {
            let j = k + Int(next() % UInt64(range - k))
            pool.swapAt(k, j)
            out.append(pool[k])
        }
        return out
    }
}
