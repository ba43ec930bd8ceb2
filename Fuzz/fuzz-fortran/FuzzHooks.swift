import TokenKit
import TokenKitFortran

/// Further entry points exercised on every fuzz input: the joined-token view and Tokompiler in
/// both modes (encode, anonymized source, decode of the ids).
enum FuzzHooks {
    static let faithful = Tokompiler(options: .init(mode: .faithful, form: .free, seed: 1))
    static let improvedFree = Tokompiler(options: .init(mode: .improved, form: .free))
    static let improvedFixed = Tokompiler(options: .init(mode: .improved, form: .fixed))

    static func extra(_ bytes: UnsafeBufferPointer<UInt8>) {
        let file = FortranLexer().lex(Array(bytes), form: .free)
        _ = file.logicalTokens()
        for tk in [faithful, improvedFree, improvedFixed] {
            guard let out = try? tk.run(bytes) else { continue }
            if out.tokens.count != out.ranges.count { fatalError("tokens and ranges differ in length") }
            for r in out.ranges where r.lowerBound < 0 || r.upperBound > bytes.count { fatalError("range \(r) outside the input") }
            _ = out.anonymizedSource(Array(bytes))
            if let ids = try? tk.encode(bytes, options: .plain).ids {
                if (try? tk.decode(ids, options: .default)) == nil { fatalError("ids from encode do not decode") }
            }
        }
    }
}
