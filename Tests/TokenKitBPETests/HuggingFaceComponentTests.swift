import Testing
import TokenKit
import TokenKitBPE
import TokenKitTestSupport

/// Every normalizer, pre-tokenizer, decoder, post-processor, added-token flag and model option,
/// each in a small `tokenizer.json` built from a trained base, against the ids and decoded
/// text Hugging Face `tokenizers` gives (Fixtures/hf-components.json, made by
/// scripts/hf-reference.sh).
@Suite("Hugging Face tokenizer.json: components vs tokenizers")
struct HuggingFaceComponentTests {
    struct Variant: CustomTestStringConvertible, Sendable {
        let name: String
        let json: [UInt8]
        let cases: [(text: String, ids: [TokenID], decoded: String?)]
        var testDescription: String { name }
    }

    static let fixture: JSONValue? = {
        guard let bytes = try? FileIO.readAll(path: SharedData.fixture("hf-components.json")) else { return nil }
        return try? JSONParser.parse(bytes)
    }()

    static let variants: [Variant] = {
        guard let fixture, let bases = fixture["bases"], let list = fixture["variants"]?.arrayValue else { return [] }
        var out: [Variant] = []
        for v in list {
            guard let name = v["name"]?.stringValue, let baseName = v["base"]?.stringValue,
                  case .object(var members)? = bases[baseName], let patch = v["patch"]?.objectValue else { continue }
            for (key, value) in patch {
                if key == "model", case .object(var model)? = members.last(where: { $0.key == "model" })?.value,
                   case .object(let extra) = value {
                    model.append(contentsOf: extra)
                    members.append((key: "model", value: .object(model)))
                } else {
                    members.append((key: key, value: value))
                }
            }
            let json = JSONWriter.serialize(.object(members))
            var cases: [(text: String, ids: [TokenID], decoded: String?)] = []
            for c in v["cases"]?.arrayValue ?? [] {
                guard let text = c["text"]?.stringValue, let ids = c["ids"]?.arrayValue else { continue }
                cases.append((text, ids.compactMap { $0.intValue.map { TokenID($0) } }, c["decoded"]?.stringValue))
            }
            out.append(Variant(name: name, json: json, cases: cases))
        }
        return out
    }()

    @Test("the fixture is present and complete")
    func fixturePresent() {
        #expect(Self.variants.count >= 50)
    }

    @Test("ids and decoded text equal tokenizers'", arguments: variants)
    func variant(_ v: Variant) throws {
        let tokenizer = try HFTokenizer(json: v.json, path: v.name)
        for c in v.cases {
            let got = try tokenizer.encode(c.text, options: EncodeOptions(framing: .tokenizerDefault, specials: .matchAll))
            #expect(got.ids == c.ids, "\(v.name): \(c.text.debugDescription)")
            #expect(got.offsets.count == got.ids.count)
            if let want = c.decoded {
                let decoded = String(decoding: try tokenizer.decode(c.ids), as: UTF8.self)
                #expect(decoded == want, "\(v.name): decode of \(c.text.debugDescription)")
            }
        }
    }
}
