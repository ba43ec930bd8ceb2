import ArgumentParser

/// `tok train`: learn a tokenizer from corpora (one subcommand per family).
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train tokenizers from corpus files.",
        subcommands: [TrainBPECommand.self, TrainLiBCommand.self])
}
