#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The clocks TokenKit's progress reports and benchmarks read, in seconds.
///
/// CPU time is the figure that stays honest on a busy shared machine (wall time stretches
/// with other jobs), so benchmarks report it; progress bars use the monotonic clock.
public enum Timing {
    /// Monotonic wall-clock seconds since an arbitrary start. The corresponding C call is
    /// `clock_gettime(CLOCK_MONOTONIC)`.
    public static func monotonicSeconds() -> Double { read(CLOCK_MONOTONIC) }

    /// CPU seconds used by the whole process (all threads). The corresponding C call is
    /// `clock_gettime(CLOCK_PROCESS_CPUTIME_ID)`.
    public static func processCPUSeconds() -> Double { read(CLOCK_PROCESS_CPUTIME_ID) }

    /// CPU seconds used by the calling thread. The corresponding C call is
    /// `clock_gettime(CLOCK_THREAD_CPUTIME_ID)`.
    public static func threadCPUSeconds() -> Double { read(CLOCK_THREAD_CPUTIME_ID) }

    private static func read(_ clock: clockid_t) -> Double {
        var ts = timespec()
        clock_gettime(clock, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
