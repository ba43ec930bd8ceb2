import TokenKit

/// Where the time of one inference went, in seconds of one clock (wall or process CPU).
public struct TimeSplit: Sendable, Equatable {
    /// Reading samples and counting pretokens.
    public var counting: Double = 0
    /// Replaying the merges over the counted pretokens.
    public var replay: Double = 0
    /// Building the LP's dense count tables from the trajectories.
    public var setup: Double = 0
    /// Check passes (the priority-queue violation checker).
    public var check: Double = 0
    /// LP solves.
    public var solve: Double = 0
    /// Creates a split (all zero by default).
    public init(counting: Double = 0, replay: Double = 0, setup: Double = 0, check: Double = 0, solve: Double = 0) {
        self.counting = counting
        self.replay = replay
        self.setup = setup
        self.check = check
        self.solve = solve
    }
    /// The sum.
    public var total: Double { counting + replay + setup + check + solve }
    /// Adds another split phase by phase.
    public static func += (a: inout TimeSplit, b: TimeSplit) {
        a.counting += b.counting
        a.replay += b.replay
        a.setup += b.setup
        a.check += b.check
        a.solve += b.solve
    }
}

/// Wall and process-CPU clocks read together (CPU time is the fair measure on a shared machine;
/// it includes every thread: counting runs on all cores, and so may the solver).
struct Stopwatch {
    private var wall = Timing.monotonicSeconds()
    private var cpu = Timing.processCPUSeconds()

    /// Seconds since the last lap (or creation), and starts the next lap.
    mutating func lap() -> (wall: Double, cpu: Double) {
        let w = Timing.monotonicSeconds(), c = Timing.processCPUSeconds()
        defer { wall = w; cpu = c }
        return (w - wall, c - cpu)
    }
}
