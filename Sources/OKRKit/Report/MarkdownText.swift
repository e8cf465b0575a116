/// Text a file controls (titles, owners, IDs, link text, paths) put into Markdown that an editor or a site renders
/// (the language server's hovers): it must show as the text it is, never become a link, an image — which a renderer
/// loads from a remote host as soon as it shows — raw HTML, emphasis or code.
public enum MarkdownText {
    /// `s` for use inside a line of Markdown (not at its start). Backslash escapes (CommonMark: any ASCII punctuation
    /// may be escaped, and shows as itself) on what makes inline syntax: `\` `` ` `` `*` `_` `~` `[` `]` `!` `<` `>`
    /// `&` `|` `$` `#`; on `:` and `/`, so no `scheme://` autolink can form (GFM and linkify both need them
    /// together), and on a `.` before a letter, so no `www.` or bare `host.tld` link can (an escape splits the text a
    /// linkifier reads). Controls, bidi overrides and line separators become visible escapes (`SafeText`), so the
    /// text stays on its line. IDs like `KR1.2`, `@owner` and most words come out as they were.
    public static func escapeInline(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count + 8)
        let scalars = Array(s.unicodeScalars)
        for (i, u) in scalars.enumerated() {
            if SafeText.isUnsafe(u.value) {
                out += "\\" + SafeText.escaped(u.value)  // `\n` shown as `\n`: its backslash escaped
                continue
            }
            switch u {
            case "\\", "`", "*", "_", "~", "[", "]", "!", "<", ">", "&", "|", "$", "#", ":", "/":
                out += "\\"
            case ".":
                if i + 1 < scalars.count, isLetter(scalars[i + 1]) { out += "\\" }
            default:
                break
            }
            out.unicodeScalars.append(u)
        }
        return out
    }

    /// `s` as a code span, which shows its text literally: fenced with one more backtick than its longest run of
    /// backticks (padded with spaces when it starts or ends with one), unsafe scalars made visible.
    public static func codeSpan(_ s: String) -> String {
        let clean = SafeText.escape(s)
        var longest = 0, run = 0
        for c in clean.unicodeScalars {
            if c == "`" { run += 1; longest = max(longest, run) } else { run = 0 }
        }
        let fence = String(repeating: "`", count: longest + 1)
        let pad = clean.hasPrefix("`") || clean.hasSuffix("`") || clean.isEmpty ? " " : ""
        return fence + pad + clean + pad + fence
    }

    /// A letter a host name may start a label with: ASCII letters and anything past ASCII (internationalised names).
    static func isLetter(_ u: Unicode.Scalar) -> Bool {
        (u.value >= 0x41 && u.value <= 0x5A) || (u.value >= 0x61 && u.value <= 0x7A) || u.value >= 0x80
    }
}
