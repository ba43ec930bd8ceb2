import Testing
import TokenKit

/// MrT5 deletion statistics and the fixed-deletion baseline: the fixtures of
/// other-tokenizers.md §5.3.
@Suite struct ByteLevelDeletionTests {
    @Test func gateFixture() throws {
        let s = try DeletionStatistics(gate: [-1, -20, -14.9, -15.1, -30], ids: [104, 105, 106, 107, 108], threshold: -15)
        #expect(s.keptIndices == [0, 2])
        #expect(s.keptCount == 2)
        #expect(s.deletedCount == 3 && s.nonPaddingCount == 5)
        #expect(s.deletedPercent == 60)
    }

    /// `G == τ` is neither kept (`>`) nor deleted (`<`); padding is never kept or counted.
    @Test func thresholdEqualityAndPadding() throws {
        let s = try DeletionStatistics(gate: [-15, 0, 0, -30], ids: [104, 105, 0, 0], threshold: -15)
        #expect(s.keptIndices == [1])
        #expect(s.deletedCount == 0 && s.nonPaddingCount == 2)
        #expect(s.deletedPercent == 0)
        let pads = try DeletionStatistics(gate: [0, 0], ids: [0, 0], threshold: -15)
        #expect(pads.deletedPercent == nil && pads.deletesEverything)
    }

    @Test func badInput() {
        #expect(throws: DeletionStatisticsError.self) { try DeletionStatistics(gate: [0], ids: [1, 2], threshold: -15) }
        #expect(throws: DeletionStatisticsError.self) { try DeletionStatistics(gate: [.nan], ids: [4], threshold: -15) }
        #expect(throws: DeletionStatisticsError.self) { try FixedDeletionBaseline(rate: 1.5) }
        #expect(throws: DeletionStatisticsError.self) { try FixedDeletionBaseline(rate: -0.1) }
    }

    @Test func fixedDeletionFixture() throws {
        let ids = try ByteTokenizer.byt5.encode("the cat.").ids
        #expect(ids == [119, 107, 104, 35, 102, 100, 119, 49, 1])
        #expect(ids.indices.filter { FixedDeletionBaseline.isSeparator(ids[$0]) } == [3, 7, 8])
        #expect(FixedDeletionBaseline.segments(ids) == [[0, 1, 2], [3, 4, 5, 6], [7], [8]])
        let baseline = try FixedDeletionBaseline(rate: 0.5)
        let kept = baseline.keptIndices(ids)
        #expect(kept == [0, 1, 3, 4, 7, 8])
        #expect(try ByteTokenizer.byt5.decodeString(kept.map { ids[$0] }) == "th c.</s>")
        let stats = baseline.statistics(ids)
        #expect(stats.deletedCount == 3 && stats.nonPaddingCount == 9)
        #expect(abs((stats.deletedPercent ?? 0) - 100.0 / 3) < 1e-9)
        // The synthetic gate gives the same statistics through DeletionStatistics.
        let viaGate = try DeletionStatistics(gate: baseline.gate(ids), ids: ids, threshold: -15)
        #expect(viaGate.keptIndices == kept && viaGate.deletedCount == 3)
    }

    @Test func fixedDeletionEdges() throws {
        let ids: [TokenID] = [104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 1, 0, 0]
        #expect(try FixedDeletionBaseline(rate: 0).keptIndices(ids) == Array(0...10))
        #expect(try FixedDeletionBaseline(rate: 1).keptIndices(ids).isEmpty)
        // (1 − 0.7) × 10 = 3.0000000000000004 in binary floating point: ceil keeps 4, as
        // Python's math.ceil((1 - 0.7) * 10) does.
        #expect(try FixedDeletionBaseline(rate: 0.7).keptIndices(ids) == [0, 1, 2, 3, 10])
        #expect(try FixedDeletionBaseline(rate: 0.3).keptIndices(ids) == [0, 1, 2, 3, 4, 5, 6, 10])
        #expect(FixedDeletionBaseline.segments([]) == [])
    }

    /// Random sequences: deleted% in 0…100, kept ⊆ non-padding, every segment keeps its head when d < 1.
    @Test func deletionLaws() throws {
        var state: UInt64 = 12345
        func next() -> UInt64 { state = state &* 6364136223846793005 &+ 1442695040888963407; return state >> 33 }
        for _ in 0..<200 {
            let ids = (0..<Int(next() % 40)).map { _ in TokenID(next() % 130) }
            let d = Double(next() % 100) / 100
            let baseline = try FixedDeletionBaseline(rate: d)
            let s = baseline.statistics(ids)
            if let p = s.deletedPercent { #expect(p >= 0 && p <= 100) }
            #expect(s.keptIndices.allSatisfy { ids[$0] != 0 })
            let heads = FixedDeletionBaseline.segments(ids).map { $0[0] }
            #expect(heads.allSatisfy { s.keptIndices.contains($0) })
        }
    }

    @Test func perLanguageReport() throws {
        var report = DeletionReport()
        report.add(try DeletionStatistics(gate: [-1, -20], ids: [4, 5], threshold: -15), label: "en")
        report.add(try DeletionStatistics(gate: [-20, -20, -1, 0], ids: [4, 5, 6, 0], threshold: -15), label: "de")
        report.add(try DeletionStatistics(gate: [-20, -20], ids: [4, 5], threshold: -15), label: "en")
        #expect(report.rows.map(\.label) == ["en", "de"])
        #expect(report.rows[0].deletedPercent == 75)
        #expect(report.rows[1].nonPaddingCount == 3 && report.rows[1].deletedCount == 2)
        #expect(report.total.deletedCount == 5 && report.total.nonPaddingCount == 7)
    }
}
