// libFuzzer target: the tiktoken rank-file loader must turn any bytes into a table or a
// FormatError (never a crash), and a table that loads must encode and round-trip.
// Build: see scripts/fuzz-bpe.sh (swift build --sanitize=fuzzer -Xswiftc -parse-as-library).
import TokenKit
import TokenKitBPE

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRankFile(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let table: TokenTable
    do throws(FormatError) {
        table = try RankFile.parse(bytes, path: "fuzz.tiktoken")
    } catch {
        return 0
    }
    // Complete the byte alphabet so the model accepts it, then encode the input itself.
    var builder = TokenTable.Builder()
    var next = TokenID(table.idCount)
    for id in 0..<TokenID(table.idCount) where table.contains(id) { builder.add(Array(table.bytes(id)), id: id) }
    for b in 0..<256 where table.id(of: [UInt8(b)]) == nil {
        builder.add([UInt8(b)], id: next)
        next += 1
    }
    guard let full = try? builder.build() else { return 0 }
    let tokenizer = BPETokenizer(model: BPEModel(table: full, rule: .ranks), pattern: .cl100k, name: "fuzz", source: "fuzz")
    if let encoding = try? tokenizer.encode(bytes, options: .plain), let back = try? tokenizer.decode(encoding.ids) {
        if !back.elementsEqual(bytes) { fatalError("round trip failed") }
    }
    return 0
}
