import ArgumentParser

/// `tok train`: learn tokenizers from text.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train tokenizers from corpus files.",
        subcommands: [TrainBPECommand.self])
}
