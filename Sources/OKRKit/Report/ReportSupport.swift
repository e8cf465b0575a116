/// The rule descriptions reporters list (SARIF `rules[]`), with the parser's `syntax-error` first.
public struct RuleInfo: Sendable {
    public var id: String
    public var summary: String
    public var rationale: String
    public var defaultSeverity: Severity

    public static var all: [RuleInfo] {
        [RuleInfo(id: syntaxErrorID, summary: "A line the .okr format cannot read.",
                  rationale: "The parser reports lines it cannot read: bad encoding, Markdown constructs the format does not use, malformed headings, facts, metrics and dates. See Grammar.md.",
                  defaultSeverity: .error)]
            + Registry.all.map { RuleInfo(id: $0.description.id, summary: $0.description.summary,
                                          rationale: $0.description.rationale, defaultSeverity: $0.description.defaultSeverity) }
    }
}

enum XML {
    /// Text from outside for XML attributes and content: unsafe characters made visible (`SafeText`), then escaped.
    static func text(_ s: String) -> String { escape(SafeText.escape(s)) }

    /// Escapes text for XML attributes and content. Tab, CR and LF become character references, so attribute
    /// normalisation cannot turn them into spaces; characters XML 1.0 forbids become U+FFFD.
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t": out += "&#9;"
            case "\n": out += "&#10;"
            case "\r": out += "&#13;"
            default:
                if ch.value < 0x20 || ch.value == 0xFFFE || ch.value == 0xFFFF {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(ch)
                }
            }
        }
        return out
    }
}

/// FNV-1a 64-bit, for fingerprints that are stable across runs and platforms.
func fnv1a(_ s: String) -> String {
    var h: UInt64 = 0xcbf29ce484222325
    for b in s.utf8 {
        h ^= UInt64(b)
        h = h &* 0x100000001b3
    }
    let hex = String(h, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
}

extension FileResult {
    /// A fingerprint per diagnostic that does not change when unrelated lines move: it hashes the rule, the
    /// path, the message and the text of the diagnostic's line (trimmed), plus a counter for identical ones.
    func fingerprints() -> [String] {
        let file = self
        var seen: [String: Int] = [:]
        // The trimmed text of the last line asked for (findings are sorted, so one line's come together), cut at
        // 1,024 bytes so a long line costs once, not once per finding on it.
        var cached: (line: Int, text: String) = (-1, "")
        return file.diagnostics.map { d in
            let line = file.source.lineIndex(of: d.range.start)
            if cached.line != line {
                let trimmed = file.source.lineText(line).trimmed()
                cached = (line, trimmed.utf8.count <= 1024 ? trimmed : String(decoding: trimmed.utf8.prefix(1024), as: UTF8.self))
            }
            let text = cached.text
            let base = "\(d.ruleID)\u{0}\(file.path)\u{0}\(d.message)\u{0}\(text)"
            let n = seen[base, default: 0]
            seen[base] = n + 1
            return fnv1a(base) + ":\(n + 1)"
        }
    }
}
