import TokenKit

/// The BPE engine's hand-written scanners offered to `Split` stages: a regex spelled exactly
/// like one of the published patterns (GPT-2, cl100k, Llama 3, o200k, Qwen2) is run by its
/// scanner instead of ICU, with the same pieces.
public struct EngineScanners: HFScannerProvider {
    /// Creates the provider.
    public init() {}

    public func scanner(forPattern pattern: String) -> (@Sendable ([UInt8]) -> [Range<Int>])? {
        guard let split = try? SplitPattern(regex: pattern), split.isScanner, split.regexString == pattern else { return nil }
        return { bytes in
            bytes.withUnsafeBufferPointer { buffer in (try? split.pieces(buffer)) ?? [] }
        }
    }
}
