/// Comments, read as GitHub hides them (Grammar.md section 4, issue 20). What okrlint reads as a comment must be
/// what GitHub's renderer hides — cmark-gfm, then an HTML parser reading its output — and where the two cannot be
/// made to agree the line is a syntax error rather than silently skipped.
///
/// - An own-line comment is CommonMark's HTML block of type 2: a line that starts, after up to three spaces, with
///   `<!--`, up to the first line that holds `-->`. The comment ends at the first `-->` from the opener's third byte
///   on (CommonMark 0.31.2 and HTML), so `<!-->` and `<!--->` are whole, empty comments.
/// - A trailing comment is an inline HTML comment that ends its line. It is one only where cmark-gfm would read one:
///   not after a backslash, not inside a code span, not inside an HTML tag.
/// - Errors where renderers part: `--!>` (ends a comment in HTML, not in CommonMark), text after the `-->` of an
///   own-line comment, a comment indented under a list item that runs over lines (Markdown ends it with the item,
///   while the browser keeps it open), a list item that starts with a comment (an HTML block in the item), an inline
///   comment whose text ends in `-` (cmark-gfm shows `<!-- a --->`), and, under `## Notes`, code fences and HTML
///   blocks (a `<!--` line inside them is shown, not hidden).
extension LineScanner {
    /// The first `-->` that closes a comment opened at `open`: it may share the opener's dashes (`<!-->`, `<!--->`).
    func commentClose(open: Int, to end: Int) -> Int? {
        find(ScanBytes.commentClose, from: open + 2, to: end)
    }

    /// `--!>` between `from` and `to`: a browser ends the comment there and shows what follows, CommonMark does not.
    mutating func checkBangClose(_ from: Int, _ to: Int) {
        guard let at = find(ScanBytes.commentBangClose, from: from, to: to) else { return }
        error("`--!>` ends a comment in HTML: GitHub shows what follows it, which okrlint reads as comment",
              SourceRange(start: at, end: at + 4), help: "end the comment with `-->`, or remove the `!`")
    }

    /// A line inside a comment opened on an earlier line.
    mutating func continueComment(_ lineStart: Int, _ lineEnd: Int) {
        kind = .comment
        let close = find(ScanBytes.commentClose, from: lineStart, to: lineEnd)
        checkBangClose(lineStart, close ?? lineEnd)
        guard let close else { return }
        state.inComment = false
        sink.commentCloses(close)
        let after = skipSpaces(close + 3, lineEnd)
        if after < lineEnd {
            error("text after the end of a comment", SourceRange(start: after, end: trimEnd(after, lineEnd)),
                  help: "put it on its own line")
        }
    }

    /// A line whose content (after up to three spaces) starts with `<!--`.
    mutating func ownLineComment(_ lineStart: Int, _ s: Int, _ e0: Int) {
        kind = .comment
        if let close = commentClose(open: s, to: e0) {
            checkBangClose(s + 4, close)
            sink.comment(Comment(text: text(s + 4, close).trimmed(), range: SourceRange(start: s, end: close + 3), ownLine: true))
            let after = skipSpaces(close + 3, e0)
            if after < e0 {
                error("text after the end of a comment", SourceRange(start: after, end: e0), help: "put it on its own line")
            }
            return
        }
        checkBangClose(s + 4, e0)
        // Indented by two or more after a list item, Markdown reads it inside the item: the HTML block ends with the
        // item, but the comment it opened stays open in the page, so GitHub hides the rest of the file.
        if state.lastListItem != .none && s - lineStart >= 2 {
            error("a comment indented under a list item must close on its line: Markdown ends it with the item, and GitHub then hides the rest of the file",
                  SourceRange(start: lineStart, end: s + 4), help: "remove the indentation, or close the comment with `-->` on this line")
        }
        state.inComment = true
        sink.commentOpens(s)
    }

    /// A trailing comment `text <!-- ... -->` belongs to the line but not to its value: it is recorded, and the end of
    /// the line's content before it is returned.
    mutating func trailingComment(_ s: Int, _ e0: Int) -> Int {
        // A comment ends the line: its last bytes are `-->`.
        guard e0 - s >= 7, bytes[e0 - 1] == UInt8(ascii: ">"), bytes[e0 - 2] == UInt8(ascii: "-"), bytes[e0 - 3] == UInt8(ascii: "-") else { return e0 }
        guard let open = inlineCommentStart(s, e0), let close = commentClose(open: open, to: e0), close + 3 == e0 else { return e0 }
        checkBangClose(open + 4, close)
        // cmark-gfm shows an inline comment whose text ends in `-` (`<!-- a --->`); CommonMark and HTML hide it.
        if close > open + 4 && bytes[close - 1] == UInt8(ascii: "-") {
            error("GitHub shows a comment that ends in `--->` after text", SourceRange(start: open, end: e0),
                  help: "write ` -->` to end it, with a space before the dashes")
        }
        sink.comment(Comment(text: text(open + 4, close).trimmed(), range: SourceRange(start: open, end: e0), ownLine: false))
        return trimEnd(s, open)
    }

    /// Where the first inline comment of `s..<e` opens, read as cmark-gfm reads inlines: a backslash escapes the next
    /// punctuation, a code span holds no HTML, and an HTML tag's attribute may hold `<!--`. Nil when there is none, or
    /// when a `<?`, `<!X` or `<![` construct comes first (okrlint then reads the line as text, which GitHub may partly
    /// hide). Linear in the line: code spans find their closing run through an index of the line's backtick runs, and
    /// a quote left open in one tag makes later tags with that quote fail at once.
    func inlineCommentStart(_ s: Int, _ e: Int) -> Int? {
        var runs = BacktickRuns()
        var j = s
        while j < e {
            if bytes[j] == UInt8(ascii: "`") {
                let k = backtickRunEnd(j, e)
                runs.starts[k - j, default: []].append(j)
                j = k
            } else {
                j += 1
            }
        }
        var openQuotes: Set<UInt8> = []
        var i = s
        while i < e {
            let b = bytes[i]
            if b == UInt8(ascii: "\\") {
                i += i + 1 < e && isASCIIPunctuation(bytes[i + 1]) ? 2 : 1
            } else if b == UInt8(ascii: "`") {
                // A code span: up to the next run of exactly as many backticks; without one the run is literal.
                let n = backtickRunEnd(i, e) - i
                i = runs.next(length: n, from: i + n).map { $0 + n } ?? i + n
            } else if b == UInt8(ascii: "<") {
                if hasPrefix(ScanBytes.commentOpen, at: i, end: e) { return i }
                guard i + 1 < e else { return nil }
                let n = bytes[i + 1]
                if n == UInt8(ascii: "?") || (n == UInt8(ascii: "!") && i + 2 < e && (isASCIILetter(bytes[i + 2]) || bytes[i + 2] == UInt8(ascii: "["))) {
                    return nil
                }
                i = htmlTagEnd(i, e, &openQuotes) ?? i + 1
            } else {
                i += 1
            }
        }
        return nil
    }

    func backtickRunEnd(_ i: Int, _ e: Int) -> Int {
        var k = i
        while k < e && bytes[k] == UInt8(ascii: "`") { k += 1 }
        return k
    }

    /// After the HTML open or closing tag at `i` (CommonMark's raw HTML, section 6.6), or nil when none is there.
    /// `openQuotes`: quote characters found unclosed to the end of the line by an earlier tag.
    func htmlTagEnd(_ i: Int, _ e: Int, _ openQuotes: inout Set<UInt8>) -> Int? {
        var j = i + 1
        let closing = j < e && bytes[j] == UInt8(ascii: "/")
        if closing { j += 1 }
        guard j < e, isASCIILetter(bytes[j]) else { return nil }
        while j < e && (isASCIILetter(bytes[j]) || isDigit(bytes[j]) || bytes[j] == UInt8(ascii: "-")) { j += 1 }
        if !closing {
            // Attributes: white space, a name, and an optional `= value`.
            while true {
                let w = skipSpaces(j, e)
                guard w > j, w < e, isAttributeNameStart(bytes[w]) else { j = w; break }
                j = w + 1
                while j < e && (isAttributeNameStart(bytes[j]) || isDigit(bytes[j]) || bytes[j] == UInt8(ascii: ".") || bytes[j] == UInt8(ascii: "-")) { j += 1 }
                let eq = skipSpaces(j, e)
                guard eq < e, bytes[eq] == UInt8(ascii: "=") else { continue }
                let v = skipSpaces(eq + 1, e)
                guard v < e else { return nil }
                let q = bytes[v]
                if q == UInt8(ascii: "\"") || q == UInt8(ascii: "'") {
                    if openQuotes.contains(q) { return nil }
                    var k = v + 1
                    while k < e && bytes[k] != q { k += 1 }
                    guard k < e else { openQuotes.insert(q); return nil }
                    j = k + 1
                } else {
                    var k = v
                    while k < e && !isUnquotedValueStop(bytes[k]) { k += 1 }
                    guard k > v else { return nil }
                    j = k
                }
            }
            if j < e && bytes[j] == UInt8(ascii: "/") { j += 1 }
        } else {
            j = skipSpaces(j, e)
        }
        guard j < e, bytes[j] == UInt8(ascii: ">") else { return nil }
        return j + 1
    }

    /// A list item whose text starts with `<!--` is an HTML block inside the item in Markdown: a comment left open
    /// there hides the rest of the file on GitHub, and text after one that closes is shown as HTML.
    mutating func listItemStartsWithComment(_ p: Int, _ e: Int, _ line: SourceRange) -> Bool {
        guard hasPrefix(ScanBytes.commentOpen, at: p, end: e) else { return false }
        kind = .invalid
        error("a list item starts with a comment: Markdown reads it as HTML, and GitHub hides what follows an open one",
              line, help: "put the comment on its own line, or at the end of the item after its text")
        return true
    }

    /// A code fence or an HTML block under `## Notes`: GitHub shows a `<!--` line inside them (as code, or inside a
    /// tag or a bogus comment), where okrlint would read a comment and skip what follows.
    func notesBlockShowingComments(_ s: Int, _ e: Int) -> String? {
        let b = bytes[s]
        if (b == UInt8(ascii: "`") || b == UInt8(ascii: "~")) && e - s >= 3 && bytes[s + 1] == b && bytes[s + 2] == b {
            return "a code fence"
        }
        guard b == UInt8(ascii: "<"), s + 1 < e else { return nil }
        let n = bytes[s + 1]
        if n == UInt8(ascii: "?") || n == UInt8(ascii: "!") { return "an HTML block" }
        // `<tag` or `</tag` followed by white space, `>`, `/` or the end: HTML blocks of types 1, 6 and 7
        // (`<https://…>`, an autolink, is not one).
        var j = s + 1
        if bytes[j] == UInt8(ascii: "/") { j += 1 }
        guard j < e, isASCIILetter(bytes[j]) else { return nil }
        while j < e && (isASCIILetter(bytes[j]) || isDigit(bytes[j]) || bytes[j] == UInt8(ascii: "-")) { j += 1 }
        if j == e || bytes[j] == UInt8(ascii: " ") || bytes[j] == UInt8(ascii: "\t") || bytes[j] == UInt8(ascii: ">") || bytes[j] == UInt8(ascii: "/") {
            return "an HTML block"
        }
        return nil
    }

    func isASCIILetter(_ b: UInt8) -> Bool { (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) }

    func isASCIIPunctuation(_ b: UInt8) -> Bool {
        (b >= 0x21 && b <= 0x2F) || (b >= 0x3A && b <= 0x40) || (b >= 0x5B && b <= 0x60) || (b >= 0x7B && b <= 0x7E)
    }

    func isAttributeNameStart(_ b: UInt8) -> Bool {
        isASCIILetter(b) || b == UInt8(ascii: "_") || b == UInt8(ascii: ":")
    }

    func isUnquotedValueStop(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") || b == UInt8(ascii: "=")
            || b == UInt8(ascii: "<") || b == UInt8(ascii: ">") || b == UInt8(ascii: "`")
    }
}

/// The backtick runs of a line by length, each with a cursor: asked with growing positions, `next` is amortised O(1).
struct BacktickRuns {
    var starts: [Int: [Int]] = [:]
    var cursor: [Int: Int] = [:]

    /// The start of the first run of exactly `length` backticks at or after `from`.
    mutating func next(length: Int, from: Int) -> Int? {
        guard let list = starts[length] else { return nil }
        var c = cursor[length] ?? 0
        while c < list.count && list[c] < from { c += 1 }
        cursor[length] = c
        return c < list.count ? list[c] : nil
    }
}
