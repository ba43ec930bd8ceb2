import ArgumentParser

/// `tok train`: learn a tokenizer from corpora (one subcommand per family).
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a tokenizer from text corpora.",
        subcommands: [TrainLiBCommand.self]
    )
}
