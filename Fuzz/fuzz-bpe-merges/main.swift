// libFuzzer target: the vocab.json + merges.txt (and encoder.json + vocab.bpe) loader must turn
// any pair of files into a tokenizer or a LoadError (never a crash), and a tokenizer that loads
// with the whole byte alphabet must round-trip the input through encode and decode.
// Input layout: vocabulary JSON, a NUL byte, merges text, optionally a NUL byte and a
// tokenizer_config.json. Build and run: scripts/fuzz-bpe.sh SECONDS merges.
#if canImport(Glibc)
import Glibc
#endif
import TokenKit
import TokenKitBPE

/// A private folder in /dev/shm (memory) for the two or three files of one input.
let folder: String = {
    var template = Array("/dev/shm/tokenkit-fuzz-merges-XXXXXX".utf8CString)
    let made = template.withUnsafeMutableBufferPointer { $0.baseAddress.flatMap { mkdtemp($0) } }
    return made.map { String(cString: $0) } ?? "/tmp"
}()

func write(_ bytes: ArraySlice<UInt8>, to name: String) {
    let path = folder + "/" + name
    guard let f = fopen(path, "wb") else { return }
    _ = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, f) }
    fclose(f)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMergesFiles(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let parts = bytes.split(separator: 0, maxSplits: 2, omittingEmptySubsequences: false)
    guard parts.count >= 2 else { return 0 }
    // Alternate between the two spellings of the format by the input's length.
    let (vocabName, mergesName) = size % 2 == 0 ? ("vocab.json", "merges.txt") : ("encoder.json", "vocab.bpe")
    unlink(folder + "/vocab.json"); unlink(folder + "/merges.txt")
    unlink(folder + "/encoder.json"); unlink(folder + "/vocab.bpe"); unlink(folder + "/tokenizer_config.json")
    write(parts[0], to: vocabName)
    write(parts[1], to: mergesName)
    if parts.count == 3 { write(parts[2], to: "tokenizer_config.json") }
    let tokenizer: BPETokenizer
    do throws(LoadError) {
        tokenizer = try BPEFiles.loadFolder(path: folder)
    } catch {
        return 0
    }
    guard tokenizer.model.missingBytes.isEmpty else { return 0 }
    if let encoding = try? tokenizer.encode(bytes, options: .plain), let back = try? tokenizer.decode(encoding.ids) {
        if !back.elementsEqual(bytes) { fatalError("round trip failed") }
    }
    return 0
}
