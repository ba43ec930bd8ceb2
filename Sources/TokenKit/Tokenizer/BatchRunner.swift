/// Runs a throwing transform over many inputs on all cores, keeping input order.
///
/// Inputs are cut into contiguous chunks, one child task per chunk, so the per-task overhead
/// is paid once per core rather than once per input.
public enum BatchRunner {
    /// The number of cores that are online (at least 1).
    public static var activeProcessorCount: Int {
        max(1, system_onlineProcessorCount())
    }

    /// Applies `transform` to every input, concurrently, and returns the results in input order.
    ///
    /// - Parameters:
    ///   - inputs: The inputs.
    ///   - parallelism: The number of child tasks; defaults to the number of cores.
    ///   - transform: The work for one input.
    /// - Throws: The error of the first input (in input order) whose transform failed.
    /// - Complexity: The sum of the transforms' costs divided over `parallelism` tasks.
    public static func map<Input: Sendable, Output: Sendable, Failure: Error>(
        _ inputs: [Input],
        parallelism: Int = activeProcessorCount,
        _ transform: @escaping @Sendable (Input) throws(Failure) -> Output
    ) async throws(Failure) -> [Output] {
        let n = inputs.count
        let tasks = min(max(1, parallelism), n)
        if tasks <= 1 {
            var out: [Output] = []
            out.reserveCapacity(n)
            for input in inputs { out.append(try transform(input)) }
            return out
        }
        let chunk = (n + tasks - 1) / tasks
        let parts = await withTaskGroup(of: (Int, Result<[Output], Failure>).self) { group in
            for t in 0..<tasks {
                let lo = t * chunk, hi = min(n, lo + chunk)
                if lo >= hi { continue }
                let slice = Array(inputs[lo..<hi])
                group.addTask {
                    var out: [Output] = []
                    out.reserveCapacity(slice.count)
                    for input in slice {
                        do throws(Failure) { out.append(try transform(input)) } catch { return (t, .failure(error)) }
                    }
                    return (t, .success(out))
                }
            }
            var parts = [Result<[Output], Failure>?](repeating: nil, count: tasks)
            for await (t, part) in group { parts[t] = part }
            return parts
        }
        var out: [Output] = []
        out.reserveCapacity(n)
        for part in parts {
            guard let part else { continue }
            out.append(contentsOf: try part.get())
        }
        return out
    }
}
