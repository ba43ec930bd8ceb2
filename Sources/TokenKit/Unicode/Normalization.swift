/// Unicode normalization forms and case folding over UTF-8 bytes (utf8proc).
public enum NormalizationForm: String, Sendable, Hashable, CaseIterable {
    /// Canonical composition.
    case nfc
    /// Canonical decomposition.
    case nfd
    /// Compatibility composition.
    case nfkc
    /// Compatibility decomposition.
    case nfkd
    /// NFKC followed by full case folding (NFKC_Casefold-like, as utf8proc defines it).
    case nfkcCasefold

    var utf8procOptions: UInt32 {
        switch self {
        case .nfc: UTF8Proc.stable | UTF8Proc.compose
        case .nfd: UTF8Proc.stable | UTF8Proc.decompose
        case .nfkc: UTF8Proc.stable | UTF8Proc.compose | UTF8Proc.compat
        case .nfkd: UTF8Proc.stable | UTF8Proc.decompose | UTF8Proc.compat
        case .nfkcCasefold: UTF8Proc.stable | UTF8Proc.compose | UTF8Proc.compat | UTF8Proc.casefold
        }
    }
}

/// Unicode text services that work on UTF-8 bytes and never touch `Character`s.
public enum UnicodeText {
    /// `bytes` in normalization form `form`.
    ///
    /// ASCII input is returned unchanged without calling into utf8proc: every form maps ASCII to
    /// itself except case folding.
    ///
    /// - Throws: ``TokenizerError/Code/invalidUTF8`` with the offset of the first bad byte.
    /// - Complexity: O(*n*).
    public static func normalize(_ bytes: UnsafeBufferPointer<UInt8>, to form: NormalizationForm) throws(TokenizerError) -> [UInt8] {
        if form != .nfkcCasefold && isASCII(bytes) { return Array(bytes) }
        if let bad = UTF8Validation.firstInvalidOffset(in: bytes) { throw .invalidUTF8(at: bad) }
        guard let out = UTF8Proc.map(bytes, options: form.utf8procOptions) else {
            throw TokenizerError(code: .unsupportedInput, message: "utf8proc could not normalize the input")
        }
        return out
    }

    /// A string in normalization form `form` (valid UTF-8 in, so it cannot fail).
    public static func normalize(_ text: String, to form: NormalizationForm) -> String {
        var text = text
        let out = text.withUTF8 { buffer in (try? normalize(buffer, to: form)) ?? Array(buffer) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Full case folding (utf8proc `CASEFOLD`) without compatibility mapping.
    ///
    /// - Throws: ``TokenizerError/Code/invalidUTF8``.
    public static func caseFolded(_ bytes: UnsafeBufferPointer<UInt8>) throws(TokenizerError) -> [UInt8] {
        if let bad = UTF8Validation.firstInvalidOffset(in: bytes) { throw .invalidUTF8(at: bad) }
        guard let out = UTF8Proc.map(bytes, options: UTF8Proc.stable | UTF8Proc.casefold) else {
            throw TokenizerError(code: .unsupportedInput, message: "utf8proc could not case-fold the input")
        }
        return out
    }

    /// The simple (one-to-one) lower-case mapping of a scalar.
    public static func simpleLowercase(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        Unicode.Scalar(UTF8Proc.lower(scalar.value)) ?? scalar
    }

    /// The simple (one-to-one) upper-case mapping of a scalar.
    public static func simpleUppercase(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        Unicode.Scalar(UTF8Proc.upper(scalar.value)) ?? scalar
    }

    /// Whether every byte is ASCII.
    ///
    /// - Complexity: O(*n*), eight bytes at a time.
    public static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        var i = 0
        let n = bytes.count
        while i + 8 <= n {
            if UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
            i += 8
        }
        while i < n {
            if base[i] >= 0x80 { return false }
            i += 1
        }
        return true
    }

    /// The version of utf8proc and of the Unicode tables behind these services.
    public static var versions: (utf8proc: String, unicode: String) {
        (UTF8Proc.version, UTF8Proc.unicodeVersion)
    }
}
