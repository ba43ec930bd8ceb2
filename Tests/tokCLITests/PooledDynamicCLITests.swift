import Foundation
import Testing
import TokenKitTestSupport

/// `tok encode -t pooled:…`, `tok encode -t dynamic:…` and `tok stats deletion` through the
/// built binary (skipped, saying so, when `TokRunner.binary` has not been built).
@Suite struct PooledDynamicCLITests {
    static var built: ConditionTrait {
        .enabled(if: FileManager.default.isExecutableFile(atPath: TokRunner.binary), "tok is not built at \(TokRunner.binary)")
    }

    /// Runs tok with `stdin`; returns (status, stdout, stderr).
    static func tok(_ args: [String], stdin: String) throws -> (Int32, String, String) {
        let r = try TokRunner.run(args, stdin: Array(stdin.utf8))
        return (r.status, r.text, r.stderr)
    }

    static let oracleA = """
        {"tokens": ["<s>","ĠR","ib","on","uc","le","op","rote","in","Ġparticles","Ġreg","ulate","Ġm","R","NA","Ġstability",".","</s>"]}
        {"tokens": ["<s>","Ġm","R","NA","Ġstability","Ġis","Ġmod","ulated","Ġby","Ġrib","on","uc","le","op","rote","in","Ġfactors",".","</s>"]}

        """

    @Test(Self.built) func dynamicOracleAContract() throws {
        let (status, out, err) = try Self.tok(["encode", "-t", "dynamic:bytes", "--jsonl", "--pretokenized", "--merges", "10", "--merge-log"],
                                              stdin: Self.oracleA)
        #expect(status == 0, "\(err)")
        let lines = out.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines.first?.hasPrefix(#"{"tokens":["<s>","ĠRibonucleoprotein","Ġparticles","Ġregulate","ĠmRNA","Ġstability",".","</s>"],"ids":["#) == true)
        #expect(lines.dropFirst().first?.hasPrefix(#"{"tokens":["<s>","ĠmRNA","Ġstability","Ġis","Ġmod","ulated","Ġby","Ġrib","onucleoprotein","Ġfactors",".","</s>"]"#) == true)
        #expect(lines.last == #"{"merge_log":[["on","uc",2],["onuc","le",2],["onucle","op",2],["onucleop","rote",2],["onucleoprote","in",2],["Ġm","R",2],["ĠmR","NA",2],["ĠR","ib",1],["ĠRib","onucleoprotein",1],["Ġreg","ulate",1]]}"#)
    }

    /// The same contract over GPT-2: unmerged tokens carry GPT-2's ids (from encoder.json:
    /// Ġparticles 13166, ĠmRNA 47227, Ġstability 10159, "." 13), new tokens ids ≥ 50257.
    @Test(Self.built, SharedData.requires("vocabularies/gpt2/encoder.json"))
    func dynamicOracleAOverGPT2() throws {
        let gpt2 = try #require(SharedData.path("vocabularies/gpt2"))
        let (status, out, err) = try Self.tok(["encode", "-t", "dynamic:" + gpt2, "--jsonl", "--pretokenized", "--merges", "10", "--merge-log"],
                                              stdin: Self.oracleA)
        #expect(status == 0, "\(err)")
        let lines = out.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        // <s> and ĠRibonucleoprotein get batch-local ids ≥ 50257; Ġparticles, Ġregulate (merged,
        // but a GPT-2 token), ĠmRNA (merged, a GPT-2 token), Ġstability and "." keep GPT-2's.
        #expect(lines.first?.contains(#",13166,16697,47227,10159,13,"#) == true)
        #expect(lines.last?.hasPrefix(#"{"merge_log":[["on","uc",2],"#) == true)
    }

    @Test(Self.built) func dynamicBadInput() throws {
        let empty = try Self.tok(["encode", "-t", "dynamic:bytes", "--jsonl"], stdin: "")
        #expect(empty.0 != 0 && empty.2.contains("empty"))
        let negative = try Self.tok(["encode", "-t", "dynamic:bytes", "--jsonl", "--merges=-2"], stdin: #"{"text":"a"}"# + "\n")
        #expect(negative.0 != 0 && negative.2.contains("--merges"))
        let notByteLevel = try Self.tok(["encode", "-t", "dynamic:bytes", "--jsonl", "--pretokenized"], stdin: #"{"tokens":["a","€"]}"# + "\n")
        #expect(notByteLevel.0 != 0 && notByteLevel.2.contains("byte-level"))
        let badMode = try Self.tok(["encode", "-t", "dynamic/mode=nope:bytes", "--jsonl"], stdin: #"{"text":"a"}"# + "\n")
        #expect(badMode.0 != 0 && badMode.2.contains("mode"))
        // Empty texts are accepted: they get no tokens.
        let emptyText = try Self.tok(["encode", "-t", "dynamic:bytes", "--jsonl"], stdin: #"{"text":""}"# + "\n" + #"{"text":"aa"}"# + "\n")
        #expect(emptyText.0 == 0 && emptyText.1.hasPrefix(#"{"tokens":[],"ids":[]}"#))
    }

    @Test(Self.built) func pooledNestedJSON() throws {
        let (status, out, err) = try Self.tok(["encode", "-t", "pooled/norm=edataset-nat,p=2:byt5"], stdin: "cat's hat\n")
        #expect(status == 0, "\(err)")
        #expect(out == #"{"words":["cat","'","s","hat"],"units":[[102,100,119],[42,0,0],[118,0,0],[107,100,119]],"lengths":[3,1,1,3],"cls":[384,385],"width":3,"offsets":[[0,3],[3,4],[4,5],[6,9]]}"# + "\n")
    }

    @Test(Self.built) func deletionStatistics() throws {
        let gates = try Self.tok(["stats", "deletion", "--gates"],
                                 stdin: #"{"gate":[-1,-20,-14.9,-15.1,-30],"ids":[104,105,106,107,108],"lang":"en"}"# + "\n")
        #expect(gates.0 == 0)
        #expect(gates.1.hasPrefix(#"{"kept":[0,2],"kept_count":2,"deleted_percent":60.0}"#))
        let fixed = try Self.tok(["stats", "deletion", "--fixed", "0.5"], stdin: "the cat.\n")
        #expect(fixed.1.hasPrefix(#"{"kept":[0,1,3,4,7,8],"kept_count":6,"deleted_percent":33.3333}"#))
        let mismatch = try Self.tok(["stats", "deletion", "--gates"], stdin: #"{"gate":[0],"ids":[1,2]}"# + "\n")
        #expect(mismatch.0 != 0 && mismatch.2.contains("gate values"))
    }
}
