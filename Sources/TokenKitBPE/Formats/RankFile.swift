import TokenKit

/// Reads tiktoken rank files (`.tiktoken`, Llama 3/4 `tokenizer.model`): one
/// `base64(token bytes) SP rank` per line.
public enum RankFile {
    /// The largest rank (and id) accepted: 16M, far above any published vocabulary (~260k);
    /// a larger rank in a file is an error rather than a multi-gigabyte allocation.
    public static let maximumRank = (1 << 24) - 1

    /// Parses a rank file into a token table (id = rank).
    ///
    /// - Parameters:
    ///   - bytes: The file's contents.
    ///   - path: The file name, for errors.
    /// - Throws: `FormatError` with the file and line: empty file, a line without a rank,
    ///   bad base64, a rank that is not a number, a duplicate rank or duplicate token bytes.
    /// - Complexity: O(file size); cl100k (1.7 MB) parses in a few tens of milliseconds.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>, path: String? = nil) throws(FormatError) -> TokenTable {
        guard let p = bytes.baseAddress, !bytes.isEmpty else {
            throw FormatError(.empty, "the rank file is empty", at: InputLocation(path: path))
        }
        let n = bytes.count
        var builder = TokenTable.Builder(capacity: n / 16)
        var lineOfID: [Int32] = []
        var scratch: [UInt8] = []
        scratch.reserveCapacity(256)
        var line = 0
        var i = 0
        while i < n {
            line += 1
            var e = i
            while e < n && p[e] != 0x0A { e += 1 }
            var lineEnd = e
            if lineEnd > i && p[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            defer { i = e + 1 }
            if lineEnd == i { continue }
            var sp = i
            while sp < lineEnd && p[sp] != 0x20 { sp += 1 }
            func here(_ column: Int) -> InputLocation {
                InputLocation(path: path, line: line, column: column + 1, byteOffset: i + column)
            }
            if sp == lineEnd {
                throw FormatError(e == n ? .truncated : .syntax,
                                  "expected 'base64-token rank' but the line has no rank", at: here(lineEnd - i))
            }
            scratch.removeAll(keepingCapacity: true)
            if let bad = Base64.decode(p, i, sp, into: &scratch) {
                throw FormatError(.invalidValue, "invalid base64 in the token", at: here(min(bad, sp - i)))
            }
            var r = sp + 1
            var rank = 0
            if r == lineEnd {
                throw FormatError(e == n ? .truncated : .syntax, "the rank is missing", at: here(r - i))
            }
            while r < lineEnd {
                let d = p[r]
                guard d >= 0x30 && d <= 0x39 else {
                    throw FormatError(.syntax, "the rank is not a decimal number", at: here(r - i))
                }
                rank = rank * 10 + Int(d - 0x30)
                if rank > RankFile.maximumRank {
                    throw FormatError(.invalidValue, "the rank is larger than \(RankFile.maximumRank) (TokenKit's limit)", at: here(sp + 1 - i))
                }
                r += 1
            }
            if builder.contains(id: TokenID(rank)) {
                let first = Int(lineOfID[rank])
                throw FormatError(.duplicate, "rank \(rank) appears twice (first on line \(first))", at: here(sp + 1 - i))
            }
            builder.add(scratch, id: TokenID(rank))
            if rank >= lineOfID.count { lineOfID.append(contentsOf: repeatElement(0, count: rank + 1 - lineOfID.count)) }
            lineOfID[rank] = Int32(line)
        }
        do throws(TokenTable.Duplicate) {
            return try builder.build()
        } catch {
            let l1 = Int(lineOfID[Int(error.firstID)]), l2 = Int(lineOfID[Int(error.secondID)])
            throw FormatError(.duplicate, "ranks \(error.firstID) (line \(l1)) and \(error.secondID) have the same token bytes",
                              at: InputLocation(path: path, line: l2))
        }
    }

    /// Reads and parses a rank file.
    public static func load(path: String) throws(LoadError) -> TokenTable {
        let file: MappedFile
        do throws(InputError) { file = try MappedFile(path: path) } catch { throw .input(error) }
        do throws(FormatError) { return try parse(file.bytes, path: path) } catch { throw .format(error) }
    }

    /// Whether `head` (the first bytes of a file) looks like a rank file.
    public static func looksLike(_ head: [UInt8]) -> Bool {
        guard let nl = head.firstIndex(of: 0x0A) ?? (head.count < 4096 ? head.endIndex : nil), nl > 2 else { return false }
        let line = head[..<nl]
        guard let sp = line.firstIndex(of: 0x20), sp > line.startIndex, sp + 1 < line.endIndex else { return false }
        let b64 = line[..<sp].allSatisfy { ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2B || $0 == 0x2F || $0 == 0x3D }
        let digits = line[(sp + 1)...].allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x0D }
        return b64 && digits
    }
}
