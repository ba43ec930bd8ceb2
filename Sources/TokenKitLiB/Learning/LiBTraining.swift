import TokenKit

/// Training a lexicon end to end: read corpora, learn, clean, describe as a ``LexiconFile``.
///
/// What `tok train lib` runs; the CLI adds only argument parsing and progress display.
public enum LiBTraining {
    /// Reads and prepares corpus files (each file's lines, in file order).
    ///
    /// - Throws: ``LiBError`` for unreadable files (`invalidUTF8` also names the file) and
    ///   `emptyCorpus` when no file has a non-empty line.
    public static func corpus(paths: [String], removeDivider: Bool) throws(LiBError) -> LiBCorpus {
        var sentences: [[Unicode.Scalar]] = []
        for path in paths {
            let bytes: [UInt8]
            do throws(InputError) { bytes = try FileIO.readAll(path: path) } catch {
                throw LiBError(.unreadable, error.description)
            }
            sentences += try LiBCorpus(utf8: bytes, removeDivider: removeDivider, name: path).sentences
        }
        if sentences.isEmpty { throw .emptyCorpus }
        var corpus = LiBCorpus(sentences: [])
        corpus.sentences = sentences
        return corpus
    }

    /// Trains a learner on `corpus` for `steps` steps, then (optionally) cleans the lexicon.
    ///
    /// - Parameters:
    ///   - corpus: The training sentences.
    ///   - parameters: The learner's parameters.
    ///   - steps: The number of training steps (articles).
    ///   - mode: `.production` pins single symbols (``LiBParameters/pinSymbols``);
    ///     `.faithful` runs the reference learner unchanged.
    ///   - clean: Whether to clean the lexicon after training.
    ///   - progress: Called after every step with (steps done, sentences read so far).
    /// - Throws: ``LiBError`` for bad parameters or an empty corpus.
    public static func train(corpus: LiBCorpus, parameters: LiBParameters, steps: Int, mode: LiBTokenizer.Mode,
                             clean: Bool = true, progress: (Int, Int) -> Void = { _, _ in }) throws(LiBError) -> LiBLearner {
        var parameters = parameters
        parameters.pinSymbols = mode == .production
        try parameters.validate()
        if corpus.sentences.isEmpty { throw .emptyCorpus }
        if steps < 1 { throw .invalidParameter("steps must be at least 1, got \(steps)") }
        var learner = LiBLearner(parameters: parameters)
        var read = 0
        let perStep = parameters.articleLength
        let n = corpus.sentences.count
        var position = 0
        learner.train(on: corpus, steps: steps) { done in
            let taken = min(perStep, n - position)
            read += taken
            position = position + taken >= n ? 0 : position + taken
            progress(done, read)
        }
        if clean { learner.cleanLexicon() }
        return learner
    }
}

extension LexiconFile {
    /// Describes a trained learner's lexicon, recording its settings as `param` lines.
    public init(learner: LiBLearner, mode: LiBTokenizer.Mode, corpora: [String] = []) {
        let p = learner.parameters
        var parameters: [Parameter] = [
            .init(name: "alpha", value: "\(p.alpha)"), .init(name: "omega", value: "\(p.omega)"),
            .init(name: "life", value: "\(p.life)"), .init(name: "delta", value: "\(p.delta)"),
            .init(name: "seed", value: "\(p.seed)"), .init(name: "article-length", value: "\(p.articleLength)"),
            .init(name: "steps", value: "\(learner.stepsDone)"), .init(name: "pin-symbols", value: "\(p.pinSymbols)"),
        ]
        if let m = p.maxChunkLength { parameters.append(.init(name: "max-chunk-length", value: "\(m)")) }
        for c in corpora { parameters.append(.init(name: "corpus", value: c)) }
        self.init(lexicon: learner.lexicon, mode: mode, parameters: parameters)
    }
}
