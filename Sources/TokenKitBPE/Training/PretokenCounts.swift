import Dispatch
import Synchronization
import TokenKit

/// How often each distinct pretoken occurs in a corpus: the input of training and merge replay.
///
/// Merges never cross pretoken boundaries, so this table is all the trainer needs of the
/// text. Counts are additive: shards counted separately and ``merge(_:)``d give exactly the
/// counts of the whole, which is how counting scales past one machine.
public struct PretokenCounts: Sendable {
    /// Distinct pretokens (raw UTF-8 bytes) and how often each occurs.
    public private(set) var entries: [(bytes: [UInt8], count: Int64)]
    /// The corpus bytes counted.
    public private(set) var byteCount: Int

    /// Creates counts from a table (duplicates are summed).
    public init(_ entries: [(bytes: [UInt8], count: Int64)], byteCount: Int = 0) {
        var counter = ByteSliceCounter(capacity: entries.count)
        for e in entries { e.bytes.withUnsafeBufferPointer { counter.add($0, count: e.count) } }
        self.entries = counter.entries().map { ($0.key, $0.count) }
        self.byteCount = byteCount
    }

    init(counter: ByteSliceCounter, byteCount: Int) {
        self.entries = counter.entries().map { ($0.key, $0.count) }
        self.byteCount = byteCount
    }

    /// The number of distinct pretokens.
    public var distinctCount: Int { entries.count }

    /// The total number of pretokens.
    public var totalCount: Int64 { entries.reduce(0) { $0 + $1.count } }

    /// Adds another shard's counts.
    ///
    /// - Complexity: O(*n* + *m*) in the two tables' sizes.
    public mutating func merge(_ other: PretokenCounts) {
        var counter = ByteSliceCounter(capacity: entries.count + other.entries.count)
        for e in entries { e.bytes.withUnsafeBufferPointer { counter.add($0, count: e.count) } }
        for e in other.entries { e.bytes.withUnsafeBufferPointer { counter.add($0, count: e.count) } }
        entries = counter.entries().map { ($0.key, $0.count) }
        byteCount += other.byteCount
    }

    /// Counts the pretokens of files, on all cores.
    ///
    /// Each file is read as Hugging Face's `train_from_files` reads it: line by line, each line
    /// keeping its `\n`, normalized and split on its own. Files are memory-mapped, so memory
    /// holds the distinct pretokens, not the text.
    ///
    /// - Parameters:
    ///   - files: Corpus files (UTF-8 text).
    ///   - preTokenizer: Normalization and split.
    ///   - byteLimit: Count only about this many bytes: the files in order, the last one cut at
    ///     the first line end at or after the limit (a sample of a larger corpus).
    ///   - progress: Called with (bytes done, bytes total) from the counting threads.
    /// - Throws: ``TrainingError`` for unreadable or non-UTF-8 files and bad patterns.
    public static func count(
        files: [String], preTokenizer: TrainingPreTokenizer, byteLimit: Int = .max,
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) throws(TrainingError) -> PretokenCounts {
        try preTokenizer.validate()
        var mapped: [MappedFile] = []
        for path in files {
            do throws(InputError) {
                mapped.append(try MappedFile(path: path))
            } catch {
                throw TrainingError(.unreadableInput, error.description)
            }
        }
        for file in mapped {
            if let bad = UTF8Validation.firstInvalidOffset(in: file.bytes) {
                throw TrainingError(.binaryInput, "\(file.path): not UTF-8 text (invalid byte at offset \(bad)); train on text files only")
            }
        }
        // Cut every file into ~1 MiB chunks at line ends; workers take chunks in turn.
        var chunks: [(file: Int, range: Range<Int>)] = []
        var budget = byteLimit
        for (k, file) in mapped.enumerated() where budget > 0 {
            var start = 0
            var n = file.count
            if n > budget {
                n = budget
                while n < file.count && file.bytes[n - 1] != 0x0A { n += 1 }
            }
            budget -= n
            while start < n {
                var end = min(n, start + (1 << 20))
                while end < n && file.bytes[end - 1] != 0x0A { end += 1 }
                chunks.append((k, start..<end))
                start = end
            }
        }
        let total = chunks.reduce(0) { $0 + $1.range.count }
        let workers = min(BatchRunner.activeProcessorCount, max(1, chunks.count))
        let results = CountingResults(workers: workers)
        // Published patterns run on scanners; only a custom regex needs an ICU matcher per worker.
        let regex: ICURegex? = if case .regex(let r) = preTokenizer.pattern { r } else { nil }
        let files = mapped
        let chunkList = chunks
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var counter = ByteSliceCounter()
            var matcher: ICURegexMatcher? = nil
            if let regex {
                guard let m = try? ICURegexMatcher(regex) else {
                    results.fail(worker, TrainingError(.invalidPattern, "the split pattern does not compile"))
                    return
                }
                matcher = m
            }
            var k = worker
            while k < chunkList.count {
                let (fileIndex, range) = chunkList[k]
                let bytes = UnsafeBufferPointer(rebasing: files[fileIndex].bytes[range])
                if let error = countChunk(bytes, preTokenizer: preTokenizer, matcher: matcher, into: &counter) {
                    results.fail(worker, TrainingError(.binaryInput, "\(files[fileIndex].path): \(error)"))
                    return
                }
                progress?(results.advance(range.count), total)
                k += workers
            }
            results.store(worker, counter)
        }
        if let error = results.firstError { throw error }
        var merged = ByteSliceCounter()
        for counter in results.counters { if let counter { merged.merge(counter) } }
        return PretokenCounts(counter: merged, byteCount: total)
    }

    /// Counts one chunk of whole lines; returns an error message or nil.
    private static func countChunk(
        _ bytes: UnsafeBufferPointer<UInt8>, preTokenizer: TrainingPreTokenizer, matcher: ICURegexMatcher?,
        into counter: inout ByteSliceCounter
    ) -> String? {
        var start = 0
        let n = bytes.count
        while start < n {
            var end = start
            while end < n && bytes[end] != 0x0A { end += 1 }
            if end < n { end += 1 }  // keep the "\n", as HF's lines_with_ending does
            let line = UnsafeBufferPointer(rebasing: bytes[start..<end])
            do throws(ICUError) {
                if let form = preTokenizer.normalization, !UnicodeText.isASCII(line) {
                    guard let normalized = try? UnicodeText.normalize(line, to: form) else { return "cannot normalize line" }
                    try normalized.withUnsafeBufferPointer { buffer throws(ICUError) in
                        try preTokenizer.forEachPretoken(in: buffer, matcher: matcher) { counter.add($0) }
                    }
                } else {
                    try preTokenizer.forEachPretoken(in: line, matcher: matcher) { counter.add($0) }
                }
            } catch {
                return "the split pattern failed: \(error)"
            }
            start = end
        }
        return nil
    }
}

/// Results of parallel counting: each worker stores its table (or its error) once at the
/// end, and all add to the shared progress total.
private final class CountingResults: Sendable {
    private struct State {
        var counters: [ByteSliceCounter?]
        var errors: [TrainingError?]
        var done = 0
    }

    private let state: Mutex<State>

    init(workers: Int) {
        state = Mutex(State(counters: Array(repeating: nil, count: workers), errors: Array(repeating: nil, count: workers)))
    }

    func store(_ worker: Int, _ counter: ByteSliceCounter) {
        state.withLock { $0.counters[worker] = counter }
    }

    func fail(_ worker: Int, _ error: TrainingError) {
        state.withLock { $0.errors[worker] = error }
    }

    var firstError: TrainingError? { state.withLock { $0.errors.compactMap { $0 }.first } }

    var counters: [ByteSliceCounter?] { state.withLock { $0.counters } }

    func advance(_ n: Int) -> Int {
        state.withLock { s in
            s.done += n
            return s.done
        }
    }
}
