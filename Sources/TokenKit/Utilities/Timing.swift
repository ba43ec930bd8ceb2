/// The clocks TokenKit's progress reports and benchmarks read, in seconds.
///
/// CPU time is the figure that stays honest on a busy shared machine (wall time stretches
/// with other jobs), so benchmarks report it; progress bars use the monotonic clock.
public enum Timing {
    /// Monotonic wall-clock seconds since an arbitrary start. The corresponding C call is
    /// `clock_gettime(CLOCK_MONOTONIC)`.
    public static func monotonicSeconds() -> Double { system_clockSeconds(_CLOCK_MONOTONIC) }

    /// CPU seconds used by the whole process (all threads). The corresponding C call is
    /// `clock_gettime(CLOCK_PROCESS_CPUTIME_ID)`.
    public static func processCPUSeconds() -> Double { system_clockSeconds(_CLOCK_PROCESS_CPUTIME_ID) }

    /// CPU seconds used by the calling thread. The corresponding C call is
    /// `clock_gettime(CLOCK_THREAD_CPUTIME_ID)`.
    public static func threadCPUSeconds() -> Double { system_clockSeconds(_CLOCK_THREAD_CPUTIME_ID) }
}
