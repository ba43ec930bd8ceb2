import TokenKit
import TokenKitSentencePiece

/// The result of ``Generator/generate(prompt:steps:sampling:stopTokens:)``.
public struct Generation: Sendable, Hashable {
    /// The prompt's ids (BOS first).
    public var promptIDs: [TokenID]
    /// The generated ids (after the prompt).
    public var ids: [TokenID]
    /// The generated text, decoded as `run.c` prints it (no specials; no dummy-prefix space after BOS).
    public var text: [UInt8]
    /// Why generation stopped.
    public var stop: StopReason

    /// Why generation stopped.
    public enum StopReason: String, Sendable, Hashable {
        /// The step limit was reached.
        case steps
        /// A stop token (BOS or EOS) was sampled; it is not included in ``ids``.
        case stopToken = "stop-token"
        /// The model's sequence length was reached.
        case contextFull = "context-full"
    }
}

/// Text generation with a llama2.c model and its tokenizer, with `run.c`'s loop semantics.
public struct Generator {
    /// The model.
    public let model: LlamaModel
    /// The tokenizer.
    public let tokenizer: LlamaTokenizer

    /// Pairs a model with its tokenizer.
    ///
    /// - Throws: ``LMError/Code/vocabularyMismatch`` when they do not fit.
    public init(model: LlamaModel, tokenizer: LlamaTokenizer) throws(LMError) {
        try model.checkCompatible(with: tokenizer)
        self.model = model
        self.tokenizer = tokenizer
    }

    /// Generates text after `prompt`.
    ///
    /// `steps` counts positions as `run.c` does: the prompt's tokens after BOS count too, so
    /// the result has `steps + 1 - promptIDs.count` generated ids unless a stop token comes
    /// first. The prompt is encoded with BOS first; an empty prompt is BOS alone.
    ///
    /// - Parameters:
    ///   - prompt: The prompt's bytes.
    ///   - steps: The position limit, as `run.c` counts it (see above).
    ///   - sampling: Temperature, top-p and seed.
    ///   - stopTokens: Ids that end generation when sampled (default: BOS, as `run.c`, and EOS).
    /// - Throws: ``LMError`` for bad parameters or a prompt longer than the context;
    ///   `TokenizerError` never (the tokenizer accepts any bytes).
    public func generate(prompt: [UInt8], steps: Int, sampling: SamplingOptions = .greedy,
                         stopTokens: Set<TokenID>? = nil) throws(LMError) -> Generation {
        guard steps >= 0 else { throw LMError(.invalidParameter, "steps \(steps) must be ≥ 0") }
        var sampler = try Sampler(sampling)
        let promptIDs: [TokenID]
        do throws(TokenizerError) {
            promptIDs = try tokenizer.encode(prompt, options: .default).ids
        } catch {
            throw LMError(.invalidParameter, "the prompt cannot be encoded: \(error.message)")
        }
        if promptIDs.count > model.contextLength { throw .contextTooLong(promptIDs.count, limit: model.contextLength) }
        let stops = stopTokens ?? [tokenizer.bos, tokenizer.eos]
        let session = model.makeSession()
        try session.append(contentsOf: promptIDs)
        var ids: [TokenID] = []
        var text: [UInt8] = []
        var previous = promptIDs.last
        var stop = Generation.StopReason.steps
        // Positions 0..<steps each predict one token; the prompt's own tokens fill the first ones.
        var position = promptIDs.count - 1
        while position < steps {
            let next = TokenID(try session.withLogits { sampler.sample($0) })
            if stops.contains(next) { stop = .stopToken; break }
            ids.append(next)
            text.append(contentsOf: tokenizer.piece(next, after: previous))
            previous = next
            position += 1
            if position < steps {
                if session.count >= model.contextLength { stop = .contextFull; break }
                try session.append(next)
            }
        }
        return Generation(promptIDs: promptIDs, ids: ids, text: text, stop: stop)
    }
}
