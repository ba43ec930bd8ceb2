import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import TokenKit

/// Answers problems through an OpenAI-compatible HTTP endpoint (a local llama.cpp or vLLM
/// server, or any service with `/v1/chat/completions` or `/v1/completions`).
///
/// Requests use temperature 0 and the paper's 20-token limit by default. Connection failures,
/// time-outs, HTTP 429 and 5xx are retried with exponential backoff; other HTTP errors stop the
/// run at once with the server's message.
public struct OpenAIEndpointResponder: ProbeResponder {
    /// Which endpoint to call.
    public enum API: String, Sendable, CaseIterable {
        /// `/v1/chat/completions` with the chat messages.
        case chat
        /// `/v1/completions` with ``ArithmeticProblem/completionPrompt`` (stops at a newline).
        case completions
    }

    /// The model name sent and recorded.
    public let modelName: String
    /// `http-chat` or `http-completions`.
    public var runnerName: String { "http-" + api.rawValue }
    /// The endpoint kind.
    public let api: API
    /// The full endpoint URL.
    public let url: URL
    /// Tokens to generate at most.
    public var maxTokens: Int
    /// Attempts per problem (1 = no retry).
    public var attempts: Int
    /// The first backoff delay in seconds (doubled after each failure, at most 30 s).
    public var backoff: Double
    /// Seconds before a request times out.
    public var timeout: Double
    /// A bearer token, if the server wants one.
    public var apiKey: String?

    /// Creates a responder.
    ///
    /// - Parameters:
    ///   - endpoint: A base URL (`http://127.0.0.1:8080`, `…/v1`) or the full endpoint URL.
    ///   - modelName: The `model` field of each request.
    ///   - api: Chat or plain completions.
    ///   - maxTokens: Tokens to generate at most.
    ///   - attempts: Attempts per problem (1 = no retry).
    ///   - backoff: The first backoff delay in seconds (doubled after each failure).
    ///   - timeout: Seconds before a request times out.
    ///   - apiKey: A bearer token, if the server wants one.
    /// - Throws: ``ProbeError/Code/invalidParameter`` for a URL that is not http(s).
    public init(endpoint: String, modelName: String, api: API = .chat, maxTokens: Int = 20, attempts: Int = 5,
                backoff: Double = 0.5, timeout: Double = 60, apiKey: String? = nil) throws(ProbeError) {
        var base = endpoint
        while base.hasSuffix("/") { base.removeLast() }
        let path = api == .chat ? "/chat/completions" : "/completions"
        let full: String
        if base.hasSuffix("/v1/chat/completions") || base.hasSuffix("/v1/completions") {
            full = base
        } else if base.hasSuffix("/v1") {
            full = base + path
        } else {
            full = base + "/v1" + path
        }
        guard let url = URL(string: full), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              url.host != nil else {
            throw .invalidParameter("'\(endpoint)' is not an http(s) URL")
        }
        guard maxTokens >= 1, attempts >= 1, backoff >= 0, timeout > 0 else {
            throw .invalidParameter("max tokens and attempts must be ≥ 1, backoff ≥ 0, timeout > 0")
        }
        self.url = url
        self.modelName = modelName
        self.api = full.hasSuffix("/v1/completions") ? .completions : (full.hasSuffix("/chat/completions") ? .chat : api)
        self.maxTokens = maxTokens
        self.attempts = attempts
        self.backoff = backoff
        self.timeout = timeout
        self.apiKey = apiKey
    }

    /// The request body for a problem.
    public func requestBody(_ p: ArithmeticProblem) -> [UInt8] {
        var members: [(key: String, value: JSONValue)] = [("model", .string(modelName))]
        switch api {
        case .chat:
            members.append(("messages", .array(p.messages.map {
                .object([("role", .string($0.role.rawValue)), ("content", .string($0.content))])
            })))
        case .completions:
            members.append(("prompt", .string(p.completionPrompt)))
            members.append(("stop", .array([.string("\n")])))
        }
        members.append(("temperature", JSON.int(0)))
        members.append(("max_tokens", JSON.int(maxTokens)))
        return JSONWriter.serialize(.object(members))
    }

    /// Posts the problem, retrying transient failures.
    public func respond(to problem: ArithmeticProblem) async throws(ProbeError) -> String {
        var delay = backoff
        var lastError = ProbeError(.endpoint, "no attempt made")
        for attempt in 1...attempts {
            do throws(Attempt) {
                return try await post(problem)
            } catch {
                switch error {
                case .fatal(let e): throw e
                case .transient(let e): lastError = e
                }
            }
            if attempt < attempts {
                try? await Task.sleep(nanoseconds: UInt64(delay * 1e9))
                delay = min(delay * 2, 30)
            }
        }
        throw ProbeError(.endpoint, "\(url.absoluteString): \(lastError.message) (after \(attempts) attempt\(attempts == 1 ? "" : "s"))")
    }

    enum Attempt: Error {
        case transient(ProbeError)
        case fatal(ProbeError)
    }

    private func post(_ problem: ArithmeticProblem) async throws(Attempt) -> String {
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        if let apiKey { request.setValue("Bearer \(apiKey)", forHTTPHeaderField: "Authorization") }
        request.httpBody = Data(requestBody(problem))
        let data: Data, response: URLResponse
        do {
            (data, response) = try await Self.session.data(for: request)
        } catch {
            throw .transient(ProbeError(.endpoint, "cannot reach the endpoint: \(error.localizedDescription)"))
        }
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        let body = [UInt8](data)
        let snippet = String(decoding: body.prefix(300), as: UTF8.self)
        if status == 429 || status >= 500 {
            throw .transient(ProbeError(.endpoint, "HTTP \(status): \(snippet)"))
        }
        guard (200..<300).contains(status) else {
            throw .fatal(ProbeError(.endpoint, "\(url.absoluteString): HTTP \(status): \(snippet)"))
        }
        let json: JSONValue
        do throws(FormatError) { json = try JSONParser.parse(body) } catch {
            throw .transient(ProbeError(.endpoint, "the reply is not JSON (\(error.message)): \(snippet)"))
        }
        guard let choice = json["choices"]?.arrayValue?.first else {
            throw .fatal(ProbeError(.endpoint, "\(url.absoluteString): the reply has no choices: \(snippet)"))
        }
        if let content = choice["message"]?["content"]?.stringValue { return content }
        if let text = choice["text"]?.stringValue { return text }
        if choice["message"]?["content"]?.isNull == true { return "" }
        throw .fatal(ProbeError(.endpoint, "\(url.absoluteString): the reply has neither message.content nor text: \(snippet)"))
    }

    /// One session for all requests (connection reuse); no caches, no cookies.
    static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = 16
        return URLSession(configuration: configuration)
    }()
}
