/// Text a file controls written into Markdown that someone renders: it must read as the same text and form nothing a
/// reader can click, that loads from a remote host (an image) or that notifies anyone. Two renderers, two escapes:
/// GitHub's cmark-gfm for `okrlint report --format markdown` and `okrlint diff --format markdown` (`escapeInline`,
/// `codeSpan`; checked by `Tests/integration/markdown-links.py`), and editors' markdown-it with linkify for the
/// language server's hovers (`escapeForEditor`, `codeSpanForEditor`; checked by the pytest-lsp hover tests).
public enum MarkdownText {
    /// `s` as literal inline Markdown text (in a paragraph, a list item, a heading or a table cell):
    ///
    /// - every ASCII punctuation character with a Markdown meaning is backslash-escaped (emphasis, code, links and
    ///   images `[`, `]`, `(`, `)`, `!`, HTML `<` `>`, table cells `|`, headings `#`, strikethrough `~`, math `$`),
    ///   and `&` is written `&amp;`, so no entity or character reference can be formed;
    /// - GitHub's autolinks are broken: `:` is written `&#58;` (no `https://`, `http://`, `ftp://`, `mailto:` or
    ///   `xmpp:` link, and no `:emoji:` either), the `.` after `www` is written `&#46;`, and a zero-width non-joiner
    ///   follows each `@` (no email link and no `@mention`) and each `#` before a digit (no `#123` issue link). The
    ///   extension finds `www.` and `scheme:` in the text as written, so the entities keep it from matching, while
    ///   it finds emails after entities are decoded, which is why `@` needs an invisible character instead;
    /// - control characters, line and paragraph separators and bidi controls (`SafeText.isUnsafe`) become a space,
    ///   so the text stays on one line;
    /// - at the start, where a line could begin, a `-`, `+` or `=` and the `.` or `)` after leading digits are
    ///   escaped too (no list item, thematic break or setext underline).
    public static func escapeInline(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count + 16)
        var ws = 0  // how many `w`/`W` came right before
        var leadingDigits = true
        let scalars = Array(s.unicodeScalars)
        for (i, u) in scalars.enumerated() {
            let wasW = ws
            ws = (u == "w" || u == "W") ? ws + 1 : 0
            let afterDigits = leadingDigits && i > 0
            leadingDigits = leadingDigits && isDigit(u)
            if SafeText.isUnsafe(u.value) { out += " "; continue }
            if (i == 0 && (u == "-" || u == "+" || u == "=")) || (afterDigits && (u == "." || u == ")")) {
                out += "\\"; out.unicodeScalars.append(u); continue
            }
            switch u {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "~", "!", "(", ")", "{", "}", "$", "^":
                out += "\\"; out.unicodeScalars.append(u)
            case "#":
                out += "\\#"
                if i + 1 < scalars.count, isDigit(scalars[i + 1]) { out += "\u{200C}" }
            case "&": out += "&amp;"
            case ":": out += "&#58;"
            case ".": out += wasW >= 3 ? "&#46;" : "."
            case "@": out += "@\u{200C}"
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }

    static func isDigit(_ u: Unicode.Scalar) -> Bool { u.value >= 0x30 && u.value <= 0x39 }

    /// A code span that holds any text: fenced with one more backtick than the longest run inside, padded with a
    /// space when it starts or ends with a backtick; unsafe characters are left out and `|` becomes `¦` (a table
    /// cell would end at it). Nothing in a code span is a link, an emphasis or a mention.
    public static func codeSpan(_ s: String) -> String {
        let clean = String(String.UnicodeScalarView(s.unicodeScalars.filter { !SafeText.isUnsafe($0.value) })).replacing("|", with: "¦")
        var longest = 0, run = 0
        for c in clean.unicodeScalars { if c == "`" { run += 1; longest = max(longest, run) } else { run = 0 } }
        let fence = String(repeating: "`", count: longest + 1)
        return fence + (clean.hasPrefix("`") || clean.hasSuffix("`") ? " \(clean) " : clean) + fence
    }

    /// For an editor's Markdown (the language server's hovers, rendered by markdown-it with linkify in VS Code and
    /// others): `s` for use inside a line of Markdown (not at its start). Backslash escapes (CommonMark: any ASCII punctuation
    /// may be escaped, and shows as itself) on what makes inline syntax: `\` `` ` `` `*` `_` `~` `[` `]` `!` `<` `>`
    /// `&` `|` `$` `#`; on `:` and `/`, so no `scheme://` autolink can form (GFM and linkify both need them
    /// together), and on a `.` before a letter, so no `www.` or bare `host.tld` link can (an escape splits the text a
    /// linkifier reads). Controls, bidi overrides and line separators become visible escapes (`SafeText`), so the
    /// text stays on its line. IDs like `KR1.2`, `@owner` and most words come out as they were.
    public static func escapeForEditor(_ s: String) -> String {
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

    /// For an editor's Markdown: `s` as a code span, which shows its text literally: fenced with one more backtick than its longest run of
    /// backticks (padded with spaces when it starts or ends with one), unsafe scalars made visible.
    public static func codeSpanForEditor(_ s: String) -> String {
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
