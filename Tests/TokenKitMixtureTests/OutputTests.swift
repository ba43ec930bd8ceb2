import Testing
import TokenKit
@testable import TokenKitMixture

@Suite struct OutputTests {
    static let result = MixtureInference.Result(
        names: ["en", "fr \"quoted\""], proportions: [0.75, 0.25], pairProportions: [0.7, 0.3], objective: 1.5,
        mergesUsed: 90, mergesSkipped: 10, missingMerges: 2, rounds: 3, rows: 41, columns: 120,
        wall: TimeSplit(counting: 0.5, replay: 0.25, setup: 0.25, check: 0.5, solve: 0.25), cpu: TimeSplit(counting: 1, solve: 0.5), solver: "clp",
        sampleBytes: [100, 200], samplePairs: [80, 150])

    /// The issue's `--json` contract: these keys, proportions keyed by name.
    @Test func jsonHonoursTheContract() throws {
        let text = Self.result.json()
        let json = try Array(text.utf8).withUnsafeBufferPointer { b in
            Result { () throws(FormatError) -> JSONValue in try JSONParser.parse(b) }
        }.get()
        #expect(json["proportions"]?["en"]?.doubleValue == 0.75)
        #expect(json["proportions"]?["fr \"quoted\""]?.doubleValue == 0.25)
        #expect(json["objective"]?.doubleValue == 1.5)
        #expect(json["merges_used"]?.intValue == 90)
        #expect(json["merges_skipped"]?.intValue == 10)
        #expect(json["rounds"]?.intValue == 3)
        #expect(json["rows"]?.intValue == 41)
        #expect(json["seconds"]?.doubleValue == 1.75)
        #expect(json["seconds_split"]?["counting"]?.doubleValue == 0.5)
        #expect(json["seconds_split"]?["replay"]?.doubleValue == 0.25)
        #expect(json["seconds_split"]?["solves"]?.doubleValue == 0.25)
        #expect(json["seconds_split"]?["trajectories"]?.doubleValue == 1)
        #expect(json["cpu_seconds"]?.doubleValue == 1.5)
    }

    @Test func tableAndReportAreSortedByShare() {
        let lines = Self.result.table().split(separator: "\n").map(String.init)
        let en = lines.firstIndex { $0.hasPrefix("en ") }, fr = lines.firstIndex { $0.hasPrefix("fr ") }
        #expect(en != nil && fr != nil && en! < fr!)
        #expect(Self.result.markdown(source: "t", dropped: 0, unreachable: 0).contains("| en | 75.000% |"))
        #expect(Self.result.svg().hasPrefix("<svg"))
        #expect(Self.result.svg().contains("fr \"quoted\""))
    }
}
