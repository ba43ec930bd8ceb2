import Foundation
import TokenKit
import TokenKitProbes

/// A tiny HTTP/1.1 server on 127.0.0.1 for testing the endpoint runner: one request per
/// connection, bounded number of requests, stopped by `stop()` (or after `limit` requests).
final class ProbeTestServer: @unchecked Sendable {
    typealias Handler = @Sendable (_ path: String, _ body: [UInt8], _ requestNumber: Int) -> (status: Int, body: String)

    let port: UInt16
    private let listener: Int32
    private let handler: Handler
    private let limit: Int
    private let lock = NSLock()
    private var served = 0
    private(set) var paths: [String] = []
    private var thread: Thread?

    init(limit: Int = 2000, handler: @escaping Handler) throws {
        self.handler = handler
        self.limit = limit
        guard let (fd, port) = system_listenOnLoopback() else { throw POSIXError(.EADDRINUSE) }
        self.port = port
        self.listener = fd
        let t = Thread { [self] in self.serve() }
        self.thread = t
        t.start()
    }

    var url: String { "http://127.0.0.1:\(port)" }

    var requestCount: Int { lock.withLock { served } }

    /// Stops accepting; the serving thread closes the socket itself (closing it here could let a
    /// new server reuse the descriptor number while this thread still waits in `accept`).
    func stop() {
        system_shutdown(listener)
    }

    private func serve() {
        defer { system_close(listener) }
        while true {
            let conn = system_accept(listener)
            if conn < 0 { return }
            let n: Int = lock.withLock { served += 1; return served }
            handle(conn, number: n)
            system_close(conn)
            if n >= limit { return }
        }
    }

    private func handle(_ conn: Int32, number: Int) {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        var headerEnd: Int?
        var contentLength = 0
        // Read the head, then the body (bounded: 1 MiB).
        while data.count < 1 << 20 {
            let r = buffer.withUnsafeMutableBytes { system_recv(conn, $0) }
            if r <= 0 { break }
            data.append(contentsOf: buffer[0..<r])
            if headerEnd == nil, let range = find(data, Array("\r\n\r\n".utf8)) {
                headerEnd = range
                let head = String(decoding: data[0..<range], as: UTF8.self).lowercased()
                for line in head.split(separator: "\r\n") where line.hasPrefix("content-length:") {
                    contentLength = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) ?? 0
                }
            }
            if let h = headerEnd, data.count >= h + 4 + contentLength { break }
        }
        guard let h = headerEnd else { return }
        let requestLine = String(decoding: data[0..<(data.firstIndex(of: 0x0D) ?? 0)], as: UTF8.self)
        let path = requestLine.split(separator: " ").dropFirst().first.map(String.init) ?? ""
        lock.withLock { paths.append(path) }
        let body = Array(data[(h + 4)...].prefix(contentLength))
        let (status, reply) = handler(path, body, number)
        let bytes = Array(reply.utf8)
        let head = "HTTP/1.1 \(status) X\r\nContent-Type: application/json\r\nContent-Length: \(bytes.count)\r\nConnection: close\r\n\r\n"
        let out = Array(head.utf8) + bytes
        _ = out.withUnsafeBytes { system_send(conn, $0) }
    }

    private func find(_ haystack: [UInt8], _ needle: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for i in 0...(haystack.count - needle.count) where haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
        return nil
    }

    /// A free loopback port with nothing listening (bound, then closed).
    static func deadPort() -> UInt16 {
        guard let s = try? ProbeTestServer(limit: 0, handler: { _, _, _ in (500, "") }) else { return 9 }
        s.stop()
        Thread.sleep(forTimeInterval: 0.05)  // let the thread close the socket
        return s.port
    }
}

/// What a scripted "model" answers: the true sum, or — to imitate the paper's L2R failure —
/// the sum with digit 4 changed when the answer is longer than both addends.
enum ScriptedAdder {
    /// The two numbers in the last `a+b=` of a prompt, separators ignored.
    static func operands(of prompt: String) -> (UInt64, UInt64)? {
        let lastLine = prompt.split(separator: "\n").last.map(String.init) ?? prompt
        let parts = lastLine.split(separator: "+")
        guard parts.count == 2 else { return nil }
        let digitsA = parts[0].filter(\.isNumber), digitsB = parts[1].split(separator: "=").first?.filter(\.isNumber) ?? ""
        guard let a = UInt64(digitsA), let b = UInt64(digitsB) else { return nil }
        return (a, b)
    }

    static func answer(_ prompt: String, faultyL2R: Bool) -> String {
        guard let (a, b) = operands(of: prompt) else { return "I cannot parse that" }
        var digits = Array(String(a + b))
        let longer = digits.count > max(String(a).count, String(b).count)
        if faultyL2R && longer && digits.count >= 4 && !prompt.hasSuffix(",") && !lastLineHasComma(prompt) {
            let d = digits[3].wholeNumberValue ?? 0
            digits[3] = Character(String((d + 1) % 10))
        }
        return String(digits)
    }

    static func lastLineHasComma(_ prompt: String) -> Bool {
        (prompt.split(separator: "\n").last ?? "").contains(",")
    }

    /// An OpenAI-style reply body for a request body.
    static func reply(to body: [UInt8], faultyL2R: Bool) -> String {
        guard let json = try? JSONParser.parse(body) else { return "{}" }
        let prompt: String
        if let messages = json["messages"]?.arrayValue, let last = messages.last?["content"]?.stringValue {
            prompt = last
        } else {
            prompt = json["prompt"]?.stringValue ?? ""
        }
        let answer = answer(prompt, faultyL2R: faultyL2R)
        var out: [UInt8] = []
        JSONWriter.appendString(answer, to: &out)
        let quoted = String(decoding: out, as: UTF8.self)
        if json["messages"] != nil {
            return #"{"id":"x","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"#
                + quoted + #"},"finish_reason":"stop"}]}"#
        }
        return #"{"id":"x","object":"text_completion","choices":[{"index":0,"text":"# + quoted + #","finish_reason":"stop"}]}"#
    }
}

/// A scripted model for the built-in runner over raw-byte ids: it reads the prompt and emits
/// the (optionally L2R-faulty) sum followed by a newline, one byte per token.
struct ScriptedByteModel: ProbeLanguageModel {
    var name: String { faultyL2R ? "scripted-l2r-faulty" : "scripted-adder" }
    var faultyL2R: Bool

    func greedyContinuation(of prompt: [TokenID], maxTokens: Int, stop: (TokenID) -> Bool) throws(ProbeError) -> [TokenID] {
        let text = String(decoding: prompt.map { UInt8(truncatingIfNeeded: $0) }, as: UTF8.self)
        var out: [TokenID] = []
        for b in Array(ScriptedAdder.answer(text, faultyL2R: faultyL2R).utf8) + [0x0A] {
            guard out.count < maxTokens else { break }
            out.append(TokenID(b))
            if stop(TokenID(b)) { break }
        }
        return out
    }
}
