import Foundation
import Testing
import TokenKit
import TokenKitBPE

/// `vocab.json` + `merges.txt` (+ `tokenizer_config.json`) folders built on the fly: a small
/// valid one, and the malformed cases the fuzzer and users hit.
@Suite("vocab.json + merges.txt folders")
struct MergesFolderTests {
    /// GPT-2's byte-level alphabet: byte → character.
    static let alphabet: [String] = {
        var bs = Array(33...126) + Array(161...172) + Array(174...255)
        var cs = bs
        var n = 0
        for b in 0..<256 where !bs.contains(b) {
            bs.append(b); cs.append(256 + n); n += 1
        }
        var out = [String](repeating: "", count: 256)
        for (b, c) in zip(bs, cs) { out[b] = Unicode.Scalar(UInt32(c)).map { String(Character($0)) } ?? "" }
        return out
    }()

    /// Writes a folder: the 256 byte tokens, then each merge's result, and an optional config.
    static func folder(merges: [String], config: String? = nil, extraVocab: [String: Int] = [:]) throws -> String {
        var vocab: [String: Int] = [:]
        for (b, ch) in alphabet.enumerated() { vocab[ch] = b }
        for m in merges {
            let parts = m.split(separator: " ").map(String.init)
            if parts.count == 2, vocab[parts[0] + parts[1]] == nil { vocab[parts[0] + parts[1]] = vocab.count }
        }
        for (k, v) in extraVocab { vocab[k] = v }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tokenkit-merges-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try JSONSerialization.data(withJSONObject: vocab).write(to: dir.appendingPathComponent("vocab.json"))
        try Data(("#version: 0.2\n" + merges.joined(separator: "\n") + "\n").utf8).write(to: dir.appendingPathComponent("merges.txt"))
        if let config { try Data(config.utf8).write(to: dir.appendingPathComponent("tokenizer_config.json")) }
        return dir.path
    }

    static func loadError(_ path: String) -> LoadError? {
        do throws(LoadError) {
            _ = try BPEFiles.loadFolder(path: path)
            return nil
        } catch { return error }
    }

    @Test("a small folder loads, merges and round-trips; its added token is a special")
    func valid() throws {
        let path = try Self.folder(merges: ["h e", "l l", "he ll", "Ġ w"],
                                   config: #"{"added_tokens_decoder": {"261": {"content": "<|end|>"}}, "eos_token": "<|end|>"}"#)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let t = try BPEFiles.loadFolder(path: path)
        #expect(try t.encode("hell w", options: .plain).ids == [258, 259])
        #expect(try t.decode(t.encode("hello w", options: .plain).ids) == Array("hello w".utf8))
        #expect(t.specialTokens.all.contains { $0.id == 261 && $0.text == "<|end|>" && $0.role == .eos })
    }

    /// Found by `fuzz-bpe-merges`: an added token on an id the vocabulary already uses made
    /// " w" decode as "<|end|>".
    @Test("an added token on an id the vocabulary uses for other bytes is refused")
    func addedTokenCollides() throws {
        let path = try Self.folder(merges: ["h e", "Ġ w"],
                                   config: #"{"added_tokens_decoder": {"257": {"content": "<|end|>"}}}"#)
        defer { try? FileManager.default.removeItem(atPath: path) }
        guard case .format(let e)? = Self.loadError(path) else {
            Issue.record("expected a format error")
            return
        }
        #expect(e.code == .duplicate)
        #expect(e.message.contains("<|end|>") && e.message.contains("257"))
        #expect(e.location.path?.hasSuffix("tokenizer_config.json") == true)
    }

    @Test("an added token that spells its own vocabulary entry is accepted")
    func addedTokenMatches() throws {
        let path = try Self.folder(merges: ["h e"], config: #"{"added_tokens_decoder": {"300": {"content": "<eos>"}}}"#,
                                   extraVocab: ["<eos>": 300])
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(Self.loadError(path) == nil)
    }

    @Test("a merge naming an unknown token gives the file, line and column")
    func unknownToken() throws {
        let path = try Self.folder(merges: ["h e", "he zz"])
        defer { try? FileManager.default.removeItem(atPath: path) }
        guard case .format(let e)? = Self.loadError(path) else {
            Issue.record("expected a format error")
            return
        }
        #expect(e.code == .unknownReference)
        #expect(e.location.path?.hasSuffix("merges.txt") == true)
        #expect(e.location.line == 3)
        #expect(e.location.column == 4)
    }
}
