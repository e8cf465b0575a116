/// Text that came from outside (file names, titles, messages quoting them, config keys) made safe to print on a
/// terminal or into a CI log. Every text format and every message on stderr goes through `SafeText.escape`, so a
/// file name with a newline cannot forge a `::error` workflow command or a gcc finding, and an ESC, OSC 8, BEL, C1
/// control or bidi override in a title cannot clear the screen, set the window title, plant a hyperlink or reorder
/// what a reviewer reads. JSON formats keep the data (their writer escapes the same characters as `\uXXXX`).
public enum SafeText {
    /// Whether a scalar must not reach a terminal or log raw: C0 controls (tab and line breaks included), DEL, C1
    /// controls, the bidi embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069) and the Unicode
    /// line and paragraph separators.
    @inline(__always)
    public static func isUnsafe(_ v: UInt32) -> Bool {
        v < 0x20 || (v >= 0x7F && v <= 0x9F) || (v >= 0x2028 && v <= 0x202E) || (v >= 0x2066 && v <= 0x2069)
    }

    /// Whether the UTF-8 of `s` may hold an unsafe scalar: a byte below 0x20, DEL, or the lead byte of C1 controls
    /// (0xC2) or of U+2028–U+202E / U+2066–U+2069 (0xE2). A quick test; `escape` looks closer.
    @inline(__always)
    static func mayNeedEscaping(_ s: String) -> Bool {
        s.utf8.contains { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 || $0 == 0xE2 }
    }

    /// `s` with every unsafe scalar written as a visible escape: `\n`, `\r`, `\t`, `\x1B` for other controls up to
    /// U+009F, `\u{202E}` above. Everything else is kept as it is.
    public static func escape(_ s: String) -> String {
        guard mayNeedEscaping(s) else { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count + 8)
        for ch in s.unicodeScalars {
            guard isUnsafe(ch.value) else { out.unicodeScalars.append(ch); continue }
            out += escaped(ch.value)
        }
        return out
    }

    /// The visible escape of one unsafe scalar.
    static func escaped(_ v: UInt32) -> String {
        switch v {
        case 0x0A: return "\\n"
        case 0x0D: return "\\r"
        case 0x09: return "\\t"
        default:
            let hex = String(v, radix: 16, uppercase: true)
            return v <= 0xFF ? "\\x" + (hex.count == 1 ? "0" : "") + hex : "\\u{" + hex + "}"
        }
    }

    /// A file name read from a folder as bytes, as a string: valid UTF-8 is kept as it is (reporters escape what
    /// they print; JSON keeps the real name), each byte of an invalid sequence is written `\xE9`, since a string
    /// cannot hold it. The result is what reports show; the bytes are what is opened.
    public static func fileName(_ bytes: some Collection<UInt8>) -> String {
        if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        var out = ""
        var it = Array(bytes)[...]
        while !it.isEmpty {
            let (scalar, length) = UTF8Decoding.decode(it)
            if let scalar {
                out.unicodeScalars.append(scalar)
            } else {
                let hex = String(it.first!, radix: 16, uppercase: true)
                out += "\\x" + hex
            }
            it = it.dropFirst(length)
        }
        return out
    }
}

/// Decoding one UTF-8 scalar at a time from bytes, for code that must not decode a whole line or name at once.
enum UTF8Decoding {
    /// The scalar starting at the first byte of `bytes` and its length; nil and length 1 for a byte that does not
    /// start a valid, shortest-form sequence (each such byte stands for one U+FFFD).
    static func decode(_ bytes: ArraySlice<UInt8>) -> (Unicode.Scalar?, Int) {
        let i = bytes.startIndex
        let b0 = bytes[i]
        if b0 < 0x80 { return (Unicode.Scalar(b0), 1) }
        let length: Int
        var v: UInt32
        switch b0 {
        case 0xC2...0xDF: length = 2; v = UInt32(b0 & 0x1F)
        case 0xE0...0xEF: length = 3; v = UInt32(b0 & 0x0F)
        case 0xF0...0xF4: length = 4; v = UInt32(b0 & 0x07)
        default: return (nil, 1)
        }
        guard bytes.count >= length else { return (nil, 1) }
        for k in 1..<length {
            let b = bytes[i + k]
            guard b & 0xC0 == 0x80 else { return (nil, 1) }
            v = v << 6 | UInt32(b & 0x3F)
        }
        // Overlong forms, surrogates and values past U+10FFFF are invalid.
        let minimum: UInt32 = length == 2 ? 0x80 : (length == 3 ? 0x800 : 0x10000)
        guard v >= minimum, let s = Unicode.Scalar(v) else { return (nil, 1) }
        return (s, length)
    }
}
