import TokenKit

/// Runs a responder over a manifest's problems, appending one results line per problem.
///
/// Resumable: problems whose id already has a response in the output file are skipped, so an
/// interrupted run (or one stopped by an unreachable endpoint) continues where it left off.
/// Requests run concurrently up to a limit; lines are written by one task, in completion order,
/// each flushed to the file as soon as its response arrives.
public enum ProbeRunner {
    /// What a run did.
    public struct Summary: Hashable, Sendable {
        /// Problems in the manifest.
        public var total: Int
        /// Problems already answered in the output file before this run.
        public var alreadyDone: Int
        /// Problems answered by this run.
        public var completed: Int
    }

    /// Runs `responder` over `problems`, appending results to `path`.
    ///
    /// - Parameters:
    ///   - problems: The problems, in manifest order.
    ///   - responder: What answers them.
    ///   - path: The results file (JSON lines); problems already in it are skipped.
    ///   - concurrency: The most problems in flight at once (≥ 1).
    ///   - progress: Called after each result with (done, total).
    /// - Throws: ``ProbeError`` from the responder (after its own retries) or from writing; the
    ///   results written before the failure stay in the file, and the error says how many.
    public static func run(problems: [ArithmeticProblem], responder: some ProbeResponder, output path: String,
                           concurrency: Int = 4, progress: (@Sendable (Int, Int) -> Void)? = nil) async throws(ProbeError) -> Summary {
        guard concurrency >= 1 else { throw .invalidParameter("concurrency must be at least 1") }
        let done = try finishedIDs(path: path)
        let pending = problems.filter { !done.contains($0.id) }
        var summary = Summary(total: problems.count, alreadyDone: problems.count - pending.count, completed: 0)
        if pending.isEmpty { return summary }
        var file = try AppendFile(path: path)
        defer { file.close() }
        var failure: ProbeError?
        typealias Answer = (response: String, details: [(key: String, value: JSONValue)])
        await withTaskGroup(of: (ArithmeticProblem, Result<Answer, ProbeError>).self) { group in
            var next = 0
            func launch() {
                let p = pending[next]
                next += 1
                group.addTask {
                    do throws(ProbeError) {
                        let response = try await responder.respond(to: p)
                        return (p, .success((response, try await responder.details(for: p))))
                    } catch {
                        return (p, .failure(error))
                    }
                }
            }
            while next < pending.count && next < concurrency { launch() }
            while let (problem, result) = await group.next() {
                switch result {
                case .success(let answer):
                    do throws(ProbeError) {
                        let line = try ProbeManifest.resultJSON(problem, model: responder.modelName, runner: responder.runnerName,
                                                                response: answer.response, extra: answer.details)
                        try file.writeLine(JSONWriter.serialize(line))
                        summary.completed += 1
                        progress?(summary.alreadyDone + summary.completed, summary.total)
                    } catch {
                        if failure == nil { failure = error }
                    }
                case .failure(let error):
                    if failure == nil { failure = error }
                }
                if failure == nil && next < pending.count { launch() }
            }
        }
        if let failure {
            let remaining = summary.total - summary.alreadyDone - summary.completed
            throw ProbeError(failure.code, "\(failure.message) — stopped with \(summary.alreadyDone + summary.completed) of \(summary.total) problems answered (\(remaining) left); the results so far are in \(path): rerun the same command to resume")
        }
        return summary
    }

    /// The ids that already have a response in a results file (none if it does not exist).
    static func finishedIDs(path: String) throws(ProbeError) -> Set<String> {
        guard FileIO.exists(path) else { return [] }
        var ids = Set<String>()
        _ = try ProbeManifest.forEachObject(path: path) { (value, _) throws(ProbeError) in
            if let id = value["id"]?.stringValue, value["response"]?.stringValue != nil { ids.insert(id) }
        }
        return ids
    }
}

/// An append-only file that writes whole lines (POSIX `O_APPEND`, so a crash leaves at most a
/// partial last line, which the next run's reader skips and reports).
struct AppendFile: ~Copyable {
    private var fd: Int32
    let path: String

    init(path: String) throws(ProbeError) {
        self.path = path
        fd = system_openForAppending(path)
        if fd < 0 { throw ProbeError(.io, "\(path): cannot open for writing (\(system_strerror(system_errno)))") }
        // Start on a fresh line if a previous run stopped mid-line.
        if let size = system_fileSize(fd), size > 0 {
            let reader = system_openForReading(path)
            if reader >= 0 {
                let last = system_preadByte(reader, at: size - 1)
                system_close(reader)
                if let last, last != 0x0A { try writeBytes([0x0A]) }
            }
        }
    }

    mutating func writeLine(_ bytes: [UInt8]) throws(ProbeError) {
        var line = bytes
        line.append(0x0A)
        try writeBytes(line)
    }

    /// One checked write of all the bytes (TokenKit's `FileIO.writeAll`).
    private func writeBytes(_ bytes: [UInt8]) throws(ProbeError) {
        let (fd, path) = (self.fd, self.path)
        try bytes.withUnsafeBytes { raw in
            Result { () throws(OutputError) in try FileIO.writeAll(raw, to: fd, path: path) }
        }.mapError(ProbeError.init).get()
    }

    mutating func close() {
        if fd >= 0 { system_close(fd) }
        fd = -1
    }

    deinit { if fd >= 0 { system_close(fd) } }
}
