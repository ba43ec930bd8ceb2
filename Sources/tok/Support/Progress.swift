import TokenKit

/// A progress bar on stderr, shown only when stderr is a terminal and the work is large.
///
/// Redraws at most ten times a second with the share done, the rate and the time left, and
/// clears itself when done, so it never mixes with piped output.
struct ProgressBar {
    private let total: Int
    private let label: String
    private let enabled: Bool
    private var always: Bool { total < Self.threshold }
    private let start: Double
    private var lastDraw = 0.0

    /// Inputs smaller than this finish too fast for a bar to help.
    static let threshold = 8 << 20

    /// Creates a bar; `always` shows it for small totals too (units other than bytes).
    init(total: Int, label: String, always: Bool = false) {
        self.total = total
        self.label = label
        self.enabled = (always || total >= Self.threshold) && FileDescriptor.standardError.isTerminal
        self.start = Self.now()
    }

    static func now() -> Double { Timing.monotonicSeconds() }

    mutating func update(done: Int) {
        guard enabled else { return }
        let t = Self.now()
        if t - lastDraw < 0.1 && done < total { return }
        lastDraw = t
        let fraction = total > 0 ? Double(done) / Double(total) : 1
        let width = 30
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "=", count: filled) + String(repeating: " ", count: width - filled)
        let elapsed = max(t - start, 1e-9)
        let eta = done > 0 ? elapsed * Double(total - done) / Double(done) : 0
        let rate = always ? "\(Int(Double(done) / elapsed))/s" : "\(oneDecimal(Double(done) / elapsed / 1e6)) MB/s"
        let line = "\r\(label) [\(bar)] \(Int(fraction * 100))% \(rate) ETA \(Int(eta.rounded()))s "
        _ = try? FileDescriptor.standardError.writeAll(Array(line.utf8))  // a progress bar is best effort
    }

    func finish() {
        guard enabled else { return }
        let clear = "\r" + String(repeating: " ", count: 80) + "\r"
        _ = try? FileDescriptor.standardError.writeAll(Array(clear.utf8))  // a progress bar is best effort
    }
}

/// `x` with one decimal ("12.3"), for rates and seconds in progress lines.
func oneDecimal(_ x: Double) -> String {
    let tenths = Int((x * 10).rounded())
    return "\(tenths / 10).\(tenths % 10)"
}
