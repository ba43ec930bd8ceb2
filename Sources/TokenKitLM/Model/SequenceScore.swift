import TokenKit

/// Per-token log-probabilities of a sequence, with their total and perplexity.
public struct SequenceScore: Sendable, Hashable {
    /// The scored ids (BOS first).
    public var ids: [TokenID]
    /// `logProbabilities[i] = log P(ids[i + 1] | ids[...i])` (natural log).
    public var logProbabilities: [Double]

    /// Creates a score.
    public init(ids: [TokenID], logProbabilities: [Double]) {
        self.ids = ids
        self.logProbabilities = logProbabilities
    }

    /// The log-probability of the whole sequence after its first token.
    public var total: Double { logProbabilities.reduce(0, +) }

    /// `exp(-total / count)`; 1 for a sequence with nothing scored.
    public var perplexity: Double {
        logProbabilities.isEmpty ? 1 : _exp(-total / Double(logProbabilities.count))
    }
}

extension LanguageModel {
    /// Scores `sequence` (see ``score(_:)``) and wraps the result.
    public func scoreSequence(_ sequence: [TokenID]) throws(LMError) -> SequenceScore {
        SequenceScore(ids: sequence, logProbabilities: try score(sequence))
    }
}
