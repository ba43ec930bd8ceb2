// MARK: - Default implementations

extension Tokenizer {
    /// Defaults to `false`: most tokenizers encode each input on its own.
    public var dependsOnBatch: Bool { false }

    /// Encodes and counts.
    public func count(_ bytes: UnsafeBufferPointer<UInt8>, options: EncodeOptions) throws(TokenizerError) -> Int {
        try encode(bytes, options: options).count
    }

    /// Escapes the token's bytes with ``TokenText/escaped(_:)``.
    public func displayString(_ id: TokenID) -> String? {
        tokenBytes(id).map(TokenText.escaped)
    }

    /// Defaults to `nil`: no safe cut point is known.
    public func independentBoundary(in bytes: UnsafeBufferPointer<UInt8>, before limit: Int) -> Int? {
        nil
    }

    /// Concatenates ``tokenBytes(_:)``; special tokens are written as their text unless
    /// `options.skipSpecialTokens`.
    public func decode(_ ids: [TokenID], options: DecodeOptions) throws(TokenizerError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(ids.count * 4)
        let specials = specialTokens
        for (index, id) in ids.enumerated() {
            if options.skipSpecialTokens && specials.contains(id: id) { continue }
            guard let bytes = tokenBytes(id) else {
                throw .unknownTokenID(id, at: index, vocabularySize: vocabularySize)
            }
            out.append(contentsOf: bytes)
        }
        return out
    }

    /// Splits the inputs into one chunk per core and encodes the chunks in child tasks.
    public func encodeBatch(_ inputs: [[UInt8]], options: EncodeOptions) async throws(TokenizerError) -> [Encoding] {
        try await BatchRunner.map(inputs) { (input: [UInt8]) throws(TokenizerError) -> Encoding in
            try self.encode(input, options: options)
        }
    }
}

// MARK: - API

extension Tokenizer {
    /// Encodes an array of bytes.
    public func encode(_ bytes: [UInt8], options: EncodeOptions = .default) throws(TokenizerError) -> Encoding {
        let result = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(TokenizerError) -> Encoding in try encode(buffer, options: options) }
        }
        return try result.get()
    }

    /// Encodes a string's UTF-8; offsets are UTF-8 byte offsets into it.
    public func encode(_ text: String, options: EncodeOptions = .default) throws(TokenizerError) -> Encoding {
        var text = text
        let result = text.withUTF8 { buffer in
            Result { () throws(TokenizerError) -> Encoding in try encode(buffer, options: options) }
        }
        return try result.get()
    }

    /// Counts the tokens of an array of bytes.
    public func count(_ bytes: [UInt8], options: EncodeOptions = .default) throws(TokenizerError) -> Int {
        let result = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(TokenizerError) -> Int in try count(buffer, options: options) }
        }
        return try result.get()
    }

    /// Counts the tokens of a string.
    public func count(_ text: String, options: EncodeOptions = .default) throws(TokenizerError) -> Int {
        var text = text
        let result = text.withUTF8 { buffer in
            Result { () throws(TokenizerError) -> Int in try count(buffer, options: options) }
        }
        return try result.get()
    }

    /// Decodes with default options.
    public func decode(_ ids: [TokenID]) throws(TokenizerError) -> [UInt8] {
        try decode(ids, options: .default)
    }

    /// Decodes to a `String`, handling bytes that are not valid UTF-8 as `policy` says.
    ///
    /// - Throws: ``TokenizerError/Code/invalidUTF8`` under ``InvalidUTF8Policy/error``.
    public func decodeString(
        _ ids: [TokenID], options: DecodeOptions = .default, invalidUTF8 policy: InvalidUTF8Policy = .replace
    ) throws(TokenizerError) -> String {
        let bytes = try decode(ids, options: options)
        switch policy {
        case .error:
            if let bad = UTF8Validation.firstInvalidOffset(in: bytes) { throw .invalidUTF8(at: bad) }
            return String(decoding: bytes, as: UTF8.self)
        case .replace:
            return String(decoding: bytes, as: UTF8.self)
        case .drop:
            return String(decoding: UTF8Validation.droppingInvalid(bytes), as: UTF8.self)
        }
    }
}

/// What to do with bytes that are not valid UTF-8 where text is needed.
public enum InvalidUTF8Policy: String, Sendable, Hashable, CaseIterable {
    /// Fail with the offset of the first bad byte.
    case error
    /// Replace each maximal invalid subsequence with U+FFFD (Swift's and WHATWG's rule).
    case replace
    /// Leave invalid bytes out (Hugging Face ByT5's `errors="ignore"`).
    case drop
}
