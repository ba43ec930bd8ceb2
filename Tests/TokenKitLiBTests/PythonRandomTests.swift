import Testing
@testable import TokenKitLiB

/// CPython's `random` after `random.seed(0)` (spec §C2; values from running CPython).
@Suite struct PythonRandomTests {
    @Test func first32BitOutputsAfterSeedZero() {
        var rng = PythonRandom(seed: 0)
        #expect((0..<4).map { _ in rng.next32() } == [3_626_764_237, 1_654_615_998, 3_255_389_356, 3_823_568_514])
    }

    @Test func firstRandomDoublesAfterSeedZero() {
        var rng = PythonRandom(seed: 0)
        #expect(rng.random() == 0.8444218515250481)
        #expect(rng.random() == 0.7579544029403025)
        #expect(rng.random() == 0.420571580830845)
        #expect(rng.randomCalls == 3)
    }

    @Test func negativeSeedsUseTheMagnitude() {
        var a = PythonRandom(seed: -5)
        var b = PythonRandom(seed: 5)
        #expect(a.random() == b.random())
    }

    @Test func outputsStayInTheUnitInterval() {
        var rng = PythonRandom(seed: 12345)
        for _ in 0..<2000 {
            let x = rng.random()
            #expect(x >= 0 && x < 1)
        }
    }
}
