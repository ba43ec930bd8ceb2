import Testing
import TokenKit
import TokenKitBPE
import TokenKitTestSupport
@testable import TokenKitMixture

/// SentencePiece-converted merge lists (spec §2.7): literal pieces with `▁`, characters composed
/// by a prelude, redundant and hand-added whitespace merges dropped, SentencePiece's own split.
@Suite struct SentencePieceTests {
    /// A Gemma-like list: hand-added whitespace runs first, a redundant path, a Llama-like
    /// whitespace run at the end.
    static let listJSON = """
        {"model": {"type": "BPE", "byte_fallback": true, "vocab": {}, "merges": [
          "\\n \\n", "\\t \\t", "▁ ▁",
          "▁ t", "h e", "▁t he", "▁th e", "a t", "▁ c", "▁c at", "e a", "▁t ea", "é t", "▁ été",
          "▁▁ ▁", "1 2", ", ,"]}}
        """

    static func load() throws -> MergeList {
        let path = try temporaryFile(ArraySlice(Array(listJSON.utf8)), name: "sp-tokenizer.json")
        return try MergeList.load(path)
    }

    @Test func handAddedAndRedundantMergesAreDroppedAndCharactersComposed() throws {
        let list = try Self.load()
        #expect(list.sentencePieceAlphabet != nil)
        let reasons = Dictionary(grouping: list.dropped, by: { $0.index }).mapValues { $0[0].reason }
        // "\n \n", "\t \t", "▁ ▁", "▁▁ ▁": hand-added; "▁th e": "▁th" is no token ("a part is not a
        // token yet"); "▁ été": "été" is never made.
        #expect(Set(reasons.keys) == [0, 1, 2, 6, 13, 14])
        for k in [0, 1, 2, 14] { #expect(reasons[k]?.hasPrefix("hand-added") == true, "\(k): \(reasons[k] ?? "")") }
        // The prelude composes ▁ (E2 96 81) and é (C3 A9) from bytes: E2+96, E296+81, C3+A9.
        #expect(list.preludeCount == 3)
        #expect(list.count == 17 - 6)
        let tokens = Set(list.tokenBytes.map { String(decoding: $0, as: UTF8.self) })
        for t in ["▁", "é", "▁t", "▁the", "▁cat", "▁tea", "ét"] { #expect(tokens.contains(t), "\(t)") }
    }

    @Test func redundantPathsKeepTheFirst() throws {
        let path = try temporaryFile(ArraySlice(Array("""
            {"model": {"type": "BPE", "merges": ["▁ t", "h e", "▁t h", "▁t he", "▁th e"]}}
            """.utf8)), name: "sp-redundant.json")
        let list = try MergeList.load(path)
        #expect(list.dropped.map(\.index) == [4])
        #expect(list.dropped.first?.reason.hasPrefix("redundant") == true)
    }

    /// The split: `▁` before every word and the line's first, single digits, punctuation runs
    /// apart from words, characters outside the alphabet (and tabs) dropped as boundaries.
    @Test func samplesSplitAsSentencePieceDoes() throws {
        let list = try Self.load()
        let file = try temporaryFile(ArraySlice(Array("the cat\n  tea 12,  été☃at\tat\n".utf8)), name: "sp-sample.txt")
        let counts = try list.countSentencePiecePretokens(files: [file], byteLimit: .max)
        var table: [String: Int64] = [:]
        for e in counts.entries { table[String(decoding: e.bytes, as: UTF8.self), default: 0] += e.count }
        #expect(table == ["▁the": 1, "▁cat": 1, "▁tea": 1, "1": 1, "2": 1, ",": 1, "▁été": 1, "at": 2])
        #expect(counts.byteCount == Array("the cat\n  tea 12,  été☃at\tat\n".utf8).count)
    }

    /// Inference over a SentencePiece list runs end to end; the prelude is replayed without rows.
    @Test(SharedData.requires("corpora/lang/english.txt"), arguments: LinearProgramBackend.available)
    func inferenceRunsOverASentencePieceList(backend: LinearProgramBackend) throws {
        let list = try Self.load()
        var categories: [MixtureInference.Category] = []
        for name in ["english", "french"] {
            let all = try FileIO.readAll(path: try #require(SharedData.path("corpora/lang/\(name).txt")))
            try categories.append(.init(name: name, files: [temporaryFile(all.prefix(60_000), name: "sp-\(name)")]))
        }
        let result = try MixtureInference(mergeList: list).run(categories: categories, solver: backend.makeSolver())
        #expect(result.mergesUsed == list.count)
        #expect(abs(result.proportions.reduce(0, +) - 1) < 1e-9)
        #expect(result.verifiedViolation <= 1e-6)
    }

    /// Llama 2's tokenizer.model, converted to a merge list as Hugging Face's converter does
    /// (every split of a piece into two pieces, ordered by the piece's score): its `▁▁`… runs
    /// (score −1e9, hand-added) are dropped and the redundant splits leave one merge per piece.
    @Test(SharedData.requires("vocabularies/llama2-sentencepiece/tokenizer.model"))
    func llama2ConvertedListIsCleaned() throws {
        let model = try FileIO.readAll(path: try #require(SharedData.path("vocabularies/llama2-sentencepiece/tokenizer.model")))
        let pieces = try #require(SentencePieceModelReader.pieces(model))
        #expect(pieces.count == 32_000)
        let merges = SentencePieceModelReader.hfMerges(pieces)
        var json = Array(#"{"model": {"type": "BPE", "byte_fallback": true, "merges": ["#.utf8)
        for (k, m) in merges.enumerated() {
            json += Array((k == 0 ? "[" : ",[").utf8)
            JSONWriter.appendString(m.0, to: &json)
            json.append(UInt8(ascii: ","))
            JSONWriter.appendString(m.1, to: &json)
            json.append(UInt8(ascii: "]"))
        }
        json += Array("]}}".utf8)
        let list = try MergeList.load(temporaryFile(json[...], name: "llama2-tokenizer.json"))
        let handAdded = list.dropped.filter { $0.reason.hasPrefix("hand-added") }
        let runs = pieces.filter { $0.piece.count >= 2 && $0.piece.unicodeScalars.allSatisfy { $0 == "\u{2581}" } }
        #expect(runs.count == 15)
        #expect(handAdded.count == merges.filter { MergeList.isHandAddedWhitespace(Array(($0.0 + $0.1).utf8)) }.count)
        #expect(handAdded.count >= runs.count)
        // No kept token is a whitespace run.
        let kept = list.tokenBytes[(256 + list.preludeCount)...].map { String(decoding: $0, as: UTF8.self) }
        #expect(!kept.contains { $0.count >= 2 && $0.unicodeScalars.allSatisfy { $0 == "\u{2581}" } })
        #expect(list.dropped.count == merges.count - list.count)
        // Every learned multi-character piece (type 1) is made by exactly one kept merge.
        let learned = pieces.filter { $0.type == 1 && $0.piece.unicodeScalars.count >= 2 }
        #expect(list.count == learned.count - runs.count, "\(list.count) merges kept of \(learned.count) pieces")
        #expect(Set(kept) == Set(learned.map(\.piece)).subtracting(runs.map(\.piece)))
    }
}

/// Reads the pieces of a SentencePiece `ModelProto` (field 1: pieces {1: text, 2: score, 3: type}).
enum SentencePieceModelReader {
    struct Piece { var piece: String; var score: Float; var type: Int }

    static func pieces(_ bytes: [UInt8]) -> [Piece]? {
        var out: [Piece] = []
        var ok = true, innerOK = true
        forEachField(bytes[...], ok: &ok) { field, payload in
            guard field == 1, let payload else { return }
            var p = Piece(piece: "", score: 0, type: 1)
            forEachField(payload, ok: &innerOK) { f, sub in
                if f == 1, let sub { p.piece = String(decoding: sub, as: UTF8.self) }
            } fixed32: { f, bits in if f == 2 { p.score = Float(bitPattern: bits) } } varint: { f, v in if f == 3 { p.type = Int(v) } }
            out.append(p)
        } fixed32: { _, _ in } varint: { _, _ in }
        return ok && innerOK ? out : nil
    }

    private static func forEachField(_ b: ArraySlice<UInt8>, ok: inout Bool, _ bytesField: (Int, ArraySlice<UInt8>?) -> Void,
                                     fixed32: (Int, UInt32) -> Void, varint: (Int, UInt64) -> Void) {
        var i = b.startIndex
        func readVarint() -> UInt64? {
            var r: UInt64 = 0, shift: UInt64 = 0
            while i < b.endIndex, shift < 64 {
                let x = b[i]; i += 1
                r |= UInt64(x & 0x7F) << shift
                if x < 0x80 { return r }
                shift += 7
            }
            return nil
        }
        while i < b.endIndex {
            guard let key = readVarint() else { ok = false; return }
            let field = Int(key >> 3)
            switch key & 7 {
            case 0: guard let v = readVarint() else { ok = false; return }; varint(field, v)
            case 1: guard i + 8 <= b.endIndex else { ok = false; return }; i += 8
            case 2:
                guard let n = readVarint(), i + Int(n) <= b.endIndex else { ok = false; return }
                bytesField(field, b[i..<(i + Int(n))]); i += Int(n)
            case 5:
                guard i + 4 <= b.endIndex else { ok = false; return }
                fixed32(field, UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24); i += 4
            default: ok = false; return
            }
        }
    }

    /// Hugging Face's SentencePiece extractor: for each piece, every split into two pieces of the
    /// vocabulary (ordered by the parts' ids), all ordered by the piece's score, highest first.
    static func hfMerges(_ pieces: [Piece]) -> [(String, String)] {
        var id: [String: Int] = [:]
        for (k, p) in pieces.enumerated() { id[p.piece] = k }
        var all: [(String, String, Float, Int)] = []
        for (k, p) in pieces.enumerated() {
            let scalars = Array(p.piece.unicodeScalars)
            guard scalars.count >= 2 else { continue }
            var local: [(String, String)] = []
            for cut in 1..<scalars.count {
                let l = String(String.UnicodeScalarView(scalars[..<cut])), r = String(String.UnicodeScalarView(scalars[cut...]))
                if id[l] != nil && id[r] != nil { local.append((l, r)) }
            }
            local.sort { (id[$0.0]!, id[$0.1]!) < (id[$1.0]!, id[$1.1]!) }
            for m in local { all.append((m.0, m.1, p.score, k)) }
        }
        // A stable sort by score, highest first (Python's sorted is stable).
        return all.enumerated().sorted { ($0.element.2, -$0.offset) > ($1.element.2, -$1.offset) }.map { ($0.element.0, $0.element.1) }
    }
}
