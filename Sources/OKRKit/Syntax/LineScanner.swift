/// The state a line is read in: everything earlier lines leave behind that changes how the next one reads. Two
/// parses that reach a line in equal states read the rest of the file identically, which is what lets an edit be
/// re-parsed from its line only until the state matches again (`ParseSession`).
struct ScanState: Equatable, Sendable {
    enum Context: Equatable, Sendable {
        case header
        case objective
        case keyResult
        case section(SectionKind)
        /// A key result heading outside any objective: its lines are read but attached to nothing.
        case stray
    }

    /// What the last list item was, so an indented item after it is read as nested under it.
    enum ListItem: Equatable, Sendable { case none, initiative, other }

    var context = Context.header
    /// Inside a comment opened on an earlier line and not closed yet.
    var inComment = false
    var sawTitle = false
    /// The header has a fact or a description line: a `#` title may no longer come.
    var headerHasContent = false
    /// Objectives so far, and key results of the current objective (suggested IDs count them).
    var objectives = 0
    var keyResults = 0
    var lastListItem = ListItem.none
    /// Indentation of the open nested items under the last initiative.
    var subItemIndents: [Int] = []

}

/// What one line holds for the tree.
/// Indirect: the payloads (a key result is about a kilobyte) sit in boxes, so a `LineResult` is small and copying the
/// results of a 2,000-line document, as the incremental re-parse does, moves pointers rather than megabytes.
indirect enum LineEvent: Sendable {
    case none
    case title(TextSpan)
    case section(SectionKind, SourceRange)
    case objective(Objective)
    case keyResult(KeyResult)
    /// A key result heading outside any objective: what follows it is attached to nothing.
    case stray
    case fact(Property, FactValue)
    case task(Initiative)
    case subItem(InitiativeSubItem)
    case checkIn(CheckIn)
    /// A description line, prose in a section, or a line of `## Notes`.
    case text(TextSpan)
}

/// The typed reading of a known fact; the tree builder puts it on the block the fact belongs to.
enum FactValue: Sendable {
    case none
    case formatVersion(TextSpan)
    case team(TextSpan)
    case period(TextSpan)
    case owner(TextSpan)
    case fiscalYearStart(Spanned<Int>)
    case aligns([AlignmentLink])
    case type(Spanned<ObjectiveType>)
    case due(Spanned<CalendarDate>)
    case score(Spanned<Double>)
    case metric(Metric)
    case current(Quantity)
    case confidence(Spanned<Double>)
    case weight(Spanned<Double>)
    case carriedFrom(TextSpan)
}

/// Where the scanner puts what it reads, as it reads it: the `TreeBuilder` directly (a full parse: nothing is held
/// per line), or a `LineRecorder` (a `ParseSession`, which keeps each line's `LineResult` to reuse after edits).
protocol LineSink {
    mutating func error(_ d: Diagnostic)
    mutating func comment(_ c: Comment)
    mutating func commentOpens(_ at: Int)
    mutating func commentCloses(_ at: Int)
    mutating func title(_ t: TextSpan)
    mutating func section(_ kind: SectionKind, _ range: SourceRange)
    mutating func objective(_ o: Objective)
    mutating func keyResult(_ k: KeyResult)
    mutating func stray()
    /// A fact with its typed value and the errors of its value (reported unless the key repeats).
    mutating func fact(_ p: Property, _ value: FactValue, _ valueErrors: [Diagnostic])
    mutating func task(_ i: Initiative)
    mutating func subItem(_ s: InitiativeSubItem)
    mutating func checkIn(_ c: CheckIn)
    mutating func text(_ t: TextSpan)
    /// The line is read: what it is.
    mutating func endLine(_ kind: LineKind)
}

/// Everything the scanner read on one line.
struct LineResult: Sendable {
    var kind = LineKind.blank
    var event = LineEvent.none
    /// A comment that fits on this line: an own-line comment, or one that ends it.
    var comment: Comment? = nil
    /// Where a comment that runs over lines opens on this line (its `<!--`), and where one opened on an earlier line
    /// closes on it (its `-->`): the tree builder makes the comment, so no result depends on another line's bytes.
    var commentOpens: Int? = nil
    var commentCloses: Int? = nil
    /// Errors of the line.
    var errors: [Diagnostic] = []
    /// Errors of a fact's value, reported unless the fact turns out to repeat a key (then only that is reported).
    var valueErrors: [Diagnostic] = []
}

private let SP: UInt8 = 0x20, TAB: UInt8 = 0x09

/// Reads one line at a time into a `LineResult`, given the state the earlier lines left (phase 1 of parsing; the
/// `TreeBuilder` is phase 2). It looks at no other line and builds no tree, so a line's result depends only on the
/// line's bytes and the state it starts in.
struct LineScanner<Sink: LineSink> {
    let bytes: [UInt8]
    let path: String
    var state = ScanState()
    var sink: Sink
    /// What the line being read is.
    var kind = LineKind.blank
    /// Errors go here while a fact's value is read, and reach the sink with the fact.
    private var valueErrors: [Diagnostic] = []
    private var readingValue = false

    init(bytes: [UInt8], path: String, state: ScanState = ScanState(), sink: Sink) {
        self.bytes = bytes
        self.path = path
        self.state = state
        self.sink = sink
    }

    // MARK: - Driver

    /// The line whose content (without its terminator, and after a byte order mark) is `lineStart..<lineEnd`.
    mutating func scan(_ lineStart: Int, _ lineEnd: Int) {
        kind = .blank
        readingValue = false
        if lineStart == 0 && bytes.count >= 2 && ((bytes[0] == 0xFE && bytes[1] == 0xFF) || (bytes[0] == 0xFF && bytes[1] == 0xFE)) {
            error("file starts with a UTF-16 byte order mark; .okr files are UTF-8", SourceRange(start: 0, end: 2),
                  help: "save the file as UTF-8")
        }
        checkEncoding(lineStart, lineEnd)
        parseLine(lineStart, lineEnd)
        sink.endLine(kind)
    }

    // MARK: - Diagnostics

    mutating func error(_ message: String, _ range: SourceRange, help: String? = nil, fix: Fix? = nil) {
        let d = Diagnostic(ruleID: syntaxErrorID, severity: .error, message: message, help: help, path: path, range: range, fix: fix)
        if readingValue { valueErrors.append(d) } else { sink.error(d) }
    }

    func text(_ a: Int, _ b: Int) -> String { String(decoding: bytes[a..<max(a, b)], as: UTF8.self) }
    func text(_ t: TextSpan) -> String { text(t.range.start, t.range.end) }

    /// Reports the first invalid UTF-8 sequence or control character of a line.
    mutating func checkEncoding(_ start: Int, _ end: Int) {
        var i = start
        // Eight bytes at a time while all are printable ASCII (0x20...0x7E): no high bit, none below 0x20, no DEL.
        bytes.withUnsafeBytes { raw in
            while i + 8 <= end {
                let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let high: UInt64 = 0x8080_8080_8080_8080
                let below20 = (x &- 0x2020_2020_2020_2020) & ~x & high
                let y = x ^ 0x7F7F_7F7F_7F7F_7F7F
                let del = (y &- 0x0101_0101_0101_0101) & ~y & high
                if (x & high) | below20 | del != 0 { break }
                i += 8
            }
        }
        while i < end {
            let b = bytes[i]
            if b < 0x80 {
                if (b < 0x20 && b != TAB) || b == 0x7F {
                    let name = b == 0 ? "NUL byte" : "control character U+\(hex2(b))"
                    error("\(name) in text", SourceRange(start: i, end: i + 1), help: "remove it; .okr files are plain text")
                    return
                }
                i += 1
                continue
            }
            let len = utf8SequenceLength(at: i, end: end)
            if len == 0 {
                error("invalid UTF-8 byte 0x\(hex2(bytes[i]))", SourceRange(start: i, end: i + 1),
                      help: "save the file as UTF-8")
                return
            }
            i += len
        }
    }

    func hex2(_ b: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(b >> 4)], digits[Int(b & 15)]])
    }

    /// Length of a valid UTF-8 sequence starting at `i`, or 0 if invalid.
    func utf8SequenceLength(at i: Int, end: Int) -> Int {
        let b0 = bytes[i]
        func cont(_ k: Int) -> UInt8? { i + k < end && bytes[i + k] & 0xC0 == 0x80 ? bytes[i + k] : nil }
        switch b0 {
        case 0xC2...0xDF:
            return cont(1) != nil ? 2 : 0
        case 0xE0...0xEF:
            guard let b1 = cont(1), cont(2) != nil else { return 0 }
            if b0 == 0xE0 && b1 < 0xA0 { return 0 }
            if b0 == 0xED && b1 > 0x9F { return 0 }
            return 3
        case 0xF0...0xF4:
            guard let b1 = cont(1), cont(2) != nil, cont(3) != nil else { return 0 }
            if b0 == 0xF0 && b1 < 0x90 { return 0 }
            if b0 == 0xF4 && b1 > 0x8F { return 0 }
            return 4
        default:
            return 0
        }
    }

    // MARK: - Byte helpers

    func find(_ needle: [UInt8], from: Int, to: Int) -> Int? {
        guard needle.count > 0, to - from >= needle.count else { return nil }
        var i = from
        let last = to - needle.count
        let first = needle[0]
        while i <= last {
            if bytes[i] == first {
                var k = 1
                while k < needle.count && bytes[i + k] == needle[k] { k += 1 }
                if k == needle.count { return i }
            }
            i += 1
        }
        return nil
    }

    /// Whether `prefix` is at `i` (without allocating).
    func hasPrefix(_ prefix: [UInt8], at i: Int, end: Int) -> Bool {
        guard end - i >= prefix.count else { return false }
        for k in 0..<prefix.count where bytes[i + k] != prefix[k] { return false }
        return true
    }

    func trimEnd(_ a: Int, _ b: Int) -> Int {
        var e = b
        while e > a && (bytes[e - 1] == SP || bytes[e - 1] == TAB) { e -= 1 }
        return e
    }

    func skipSpaces(_ a: Int, _ b: Int) -> Int {
        var s = a
        while s < b && (bytes[s] == SP || bytes[s] == TAB) { s += 1 }
        return s
    }

    func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    func isIDStart(_ b: UInt8) -> Bool { (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) }
    func isIDByte(_ b: UInt8) -> Bool { isIDStart(b) || b == UInt8(ascii: ".") || b == UInt8(ascii: "_") || b == UInt8(ascii: "-") }


    // MARK: - Lines

    mutating func parseLine(_ lineStart: Int, _ lineEnd: Int) {
        if state.inComment {
            continueComment(lineStart, lineEnd)
            return
        }

        // Indentation: up to three spaces are allowed (as in Markdown); more, or a tab, would make
        // Markdown render a code block or a nested list.
        var s = lineStart
        while s < lineEnd && bytes[s] == SP && s - lineStart < 3 { s += 1 }
        let e0 = trimEnd(s, lineEnd)
        if s == e0 {
            return // blank
        }
        // A list item indented under the previous list item is nested in Markdown: under an initiative it is kept as
        // a sub-item; under a fact or a check-in it has no meaning.
        if state.lastListItem != .none && state.context != .section(.notes) && (s - lineStart >= 2 || bytes[s] == SP || bytes[s] == TAB) {
            let (width, c) = indentation(lineStart, e0)
            if width >= 2 && bytes[c] == UInt8(ascii: "-") && (c + 1 == e0 || bytes[c + 1] == SP || bytes[c + 1] == TAB) {
                let e = trailingComment(c, e0)
                if e > c { parseNestedItem(width, c, e) } else { kind = .comment }
                return
            }
        }
        if bytes[s] == SP || bytes[s] == TAB {
            if case .section(.notes) = state.context {
                addText(s, e0)
                return
            }
            kind = .invalid
            error("indented line: .okr structure comes from headings, not indentation",
                  SourceRange(start: lineStart, end: e0),
                  help: "remove the indentation (Markdown would render this as a code block or a nested list)")
            return
        }

        // Whole-line comment (Comments.swift).
        if hasPrefix(ScanBytes.commentOpen, at: s, end: e0) {
            ownLineComment(lineStart, s, e0)
            return
        }

        let e = trailingComment(s, e0)
        if e == s { kind = .comment; return }
        if bytes[s] != UInt8(ascii: "-") { state.lastListItem = .none }

        switch bytes[s] {
        case UInt8(ascii: "#"):
            parseHeading(s, e)
        case UInt8(ascii: "-"):
            parseDashLine(s, e)
        default:
            if state.context == .section(.notes) {
                if let reason = notesBlockShowingComments(s, e) {
                    kind = .invalid
                    error("\(reason) under `## Notes`: GitHub may show a `<!--` line inside it that okrlint reads as a comment",
                          SourceRange(start: s, end: e), help: "write it as plain text, or indent it four spaces as a code block")
                    return
                }
                addText(s, e)
            } else if let message = markdownBlockMeaning(s, e) {
                kind = .invalid
                error(message, SourceRange(start: s, end: e),
                      help: "write plain text, a `- key: value` fact, a `- [ ]` initiative, or move it under `## Notes`")
            } else {
                addText(s, e)
            }
        }
    }

    /// Columns of leading white space (a tab to the next multiple of four) and where the content starts.
    func indentation(_ lineStart: Int, _ end: Int) -> (Int, Int) {
        var width = 0
        var i = lineStart
        while i < end && (bytes[i] == SP || bytes[i] == TAB) {
            width = bytes[i] == TAB ? (width / 4 + 1) * 4 : width + 1
            i += 1
        }
        return (width, i)
    }

    /// A list item nested under the previous one (`  - [ ] step` under `- [ ] initiative`).
    mutating func parseNestedItem(_ width: Int, _ c: Int, _ e: Int) {
        let line = SourceRange(start: c, end: e)
        guard state.lastListItem == .initiative else {
            kind = .invalid
            error("a nested list item has no meaning under a fact or a check-in", line,
                  help: "write it on its own line without indentation, as a description line, or under `## Notes`")
            return
        }
        kind = .subItem
        while let last = state.subItemIndents.last, last >= width { state.subItemIndents.removeLast() }
        let depth = state.subItemIndents.count + 1
        state.subItemIndents.append(width)
        let p = skipSpaces(c + 1, e)
        if listItemStartsWithComment(p, e, line) { return }
        var done: Bool? = nil
        var textStart = p
        if e - p >= 3 && bytes[p] == UInt8(ascii: "[") && bytes[p + 2] == UInt8(ascii: "]")
            && (bytes[p + 1] == SP || bytes[p + 1] == UInt8(ascii: "x") || bytes[p + 1] == UInt8(ascii: "X"))
            && (p + 3 == e || bytes[p + 3] == SP || bytes[p + 3] == TAB) {
            done = bytes[p + 1] != SP
            textStart = skipSpaces(p + 3, e)
        }
        if textStart == e {
            error("empty nested list item", line, help: "write what the step is, or remove the line")
        }
        sink.subItem(InitiativeSubItem(done: done, text: TextSpan(textStart, e),
                                       range: line, depth: depth))
    }

    /// What Markdown would make of a line that `.okr` does not read, said as the finding's message (a literal: a file of
    /// such lines shares it rather than making one per line), or nil for a plain paragraph line.
    func markdownBlockMeaning(_ s: Int, _ e: Int) -> String? {
        let b = bytes[s]
        let next: UInt8 = s + 1 < e ? bytes[s + 1] : SP
        switch b {
        case UInt8(ascii: "*"), UInt8(ascii: "+"):
            if next == SP || next == TAB || s + 1 == e {
                return b == UInt8(ascii: "*") ? "a `*` list item (use `- `) is not part of the .okr format" : "a `+` list item (use `- `) is not part of the .okr format"
            }
            if b == UInt8(ascii: "*") && isRule(s, e, b) { return "a thematic break is not part of the .okr format" }
        case UInt8(ascii: ">"):
            return "a block quote is not part of the .okr format"
        case UInt8(ascii: "`"), UInt8(ascii: "~"):
            if e - s >= 3 && bytes[s + 1] == b && bytes[s + 2] == b { return "a code fence is not part of the .okr format" }
        case UInt8(ascii: "|"):
            return "a table row is not part of the .okr format"
        case UInt8(ascii: "="):
            if isRule(s, e, b) { return "a setext heading underline is not part of the .okr format" }
        case UInt8(ascii: "_"):
            if isRule(s, e, b) { return "a thematic break is not part of the .okr format" }
        case UInt8(ascii: "["):
            if let close = find([UInt8(ascii: "]"), UInt8(ascii: ":")], from: s, to: e), close > s + 1 { return "a link reference definition is not part of the .okr format" }
        case UInt8(ascii: "<"):
            return "an HTML block is not part of the .okr format"
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            var i = s
            while i < e && i - s < 9 && bytes[i] >= 0x30 && bytes[i] <= 0x39 { i += 1 }
            if i < e && (bytes[i] == UInt8(ascii: ".") || bytes[i] == UInt8(ascii: ")")) && (i + 1 == e || bytes[i + 1] == SP || bytes[i + 1] == TAB) {
                return "an ordered list item is not part of the .okr format"
            }
        default:
            break
        }
        return nil
    }

    func isRule(_ s: Int, _ e: Int, _ c: UInt8) -> Bool {
        var count = 0
        for i in s..<e {
            if bytes[i] == c { count += 1 } else if bytes[i] != SP && bytes[i] != TAB { return false }
        }
        return count >= (c == UInt8(ascii: "=") ? 1 : 3)
    }

    /// A description line, prose in a section, or a line of `## Notes`; lines under a stray key result are read and
    /// attached to nothing.
    mutating func addText(_ s: Int, _ e: Int) {
        kind = .text
        if state.context == .header { state.headerHasContent = true }
        if state.context != .stray { sink.text(TextSpan(s, e)) }
    }

    // MARK: - Headings

    mutating func parseHeading(_ s: Int, _ e: Int) {
        var n = 0
        while s + n < e && bytes[s + n] == UInt8(ascii: "#") { n += 1 }
        let afterHashes = s + n
        if afterHashes < e && bytes[afterHashes] != SP && bytes[afterHashes] != TAB {
            if state.context == .section(.notes) { addText(s, e); return }
            kind = .invalid
            error("a heading needs a space after `\(String(repeating: "#", count: n))`", SourceRange(start: s, end: e),
                  help: "write `\(String(repeating: "#", count: min(n, 3))) ` followed by the text")
            return
        }
        if n > 6 {
            if state.context == .section(.notes) { addText(s, e); return }
            kind = .invalid
            error("`\(String(repeating: "#", count: n))` is not a heading", SourceRange(start: s, end: e))
            return
        }
        let ts = skipSpaces(afterHashes, e)
        let te = headingTextEnd(ts, e)
        let line = SourceRange(start: s, end: e)
        switch n {
        case 1:
            kind = .title
            if state.context == .header && !state.sawTitle && !state.headerHasContent {
                state.sawTitle = true
                sink.title(TextSpan(ts, te))
                if ts == te { error("the title is empty", line, help: "write `# <team> OKRs <period>`") }
            } else {
                error("a file has one `#` title, at the top", line,
                      help: state.sawTitle ? "use `## ID: title` for an objective" : "move the title to the first line")
            }
        case 2:
            if let sk = sectionKind(ts, te) {
                kind = .section
                sink.section(sk, line)
                state.context = .section(sk)
            } else {
                parseObjectiveHeading(s, e, ts, te)
            }
        case 3:
            parseKeyResultHeading(s, e, ts, te)
        default:
            if state.context == .section(.notes) { addText(s, e); return }
            kind = .invalid
            error("headings below `###` have no meaning in .okr", line,
                  help: "objectives are `##`, key results `###`; write plain text or move it under `## Notes`")
        }
    }

    /// Drops an optional closing sequence of `#` (CommonMark ATX headings).
    func headingTextEnd(_ ts: Int, _ e: Int) -> Int {
        var k = e
        while k > ts && bytes[k - 1] == UInt8(ascii: "#") { k -= 1 }
        if k < e && (k == ts || bytes[k - 1] == SP || bytes[k - 1] == TAB) { return trimEnd(ts, k) }
        return e
    }

    func sectionKind(_ ts: Int, _ te: Int) -> SectionKind? {
        guard te - ts <= 11 else { return nil }
        switch text(ts, te).lowercased() {
        case "check-ins", "checkins", "check ins": return .checkIns
        case "initiatives": return .initiatives
        case "notes": return .notes
        default: return nil
        }
    }

    /// Splits `ID: title`. Returns nil when the text has no valid ID.
    func splitID(_ ts: Int, _ te: Int) -> (id: TextSpan, title: TextSpan)? {
        var i = ts
        while i < te && isIDByte(bytes[i]) { i += 1 }
        guard i > ts, i < te, bytes[i] == UInt8(ascii: ":"), isIDStart(bytes[ts]) else { return nil }
        guard i + 1 == te || bytes[i + 1] == SP || bytes[i + 1] == TAB else { return nil }
        let titleStart = skipSpaces(i + 1, te)
        return (TextSpan(ts, i),
                TextSpan(titleStart, te))
    }

    /// `ID: title` for a heading written without the colon: `O2 - Delight customers`, `O2. Delight`, `KR1.1) Cut`
    /// and `O2 Delight` keep their own ID; other text gets `fallbackID`.
    func headingSuggestion(_ ts: Int, _ te: Int, _ fallbackID: String) -> String {
        guard let h = headingID(ts, te) else { return "\(fallbackID): \(text(ts, te))" }
        return "\(h.id): \(text(h.titleStart, te))"
    }

    /// The ID a heading without the colon starts with (see `headingSuggestion`), where its title starts, and whether
    /// a separator stood between them (without one, `3D printing` would read as ID `3D`).
    func headingID(_ ts: Int, _ te: Int) -> (id: String, titleStart: Int, separated: Bool)? {
        var i = ts
        while i < te && isIDByte(bytes[i]) { i += 1 }
        var idEnd = i
        while idEnd > ts && bytes[idEnd - 1] == UInt8(ascii: ".") { idEnd -= 1 }
        let id = text(ts, idEnd)
        let looksLikeID = idEnd > ts && idEnd - ts <= 16 && isIDStart(bytes[ts]) && id.utf8.contains(where: isDigit)
        var j = skipSpaces(i, te)
        var separated = idEnd < i
        // A separator between the ID and the title: `-`, `–`, `—`, `.`, `)` or `:`.
        for sep in [[UInt8(ascii: "-")], Array("–".utf8), Array("—".utf8), [UInt8(ascii: ".")], [UInt8(ascii: ")")], [UInt8(ascii: ":")]]
        where hasPrefix(sep, at: j, end: te) {
            j += sep.count
            separated = true
            break
        }
        let titleStart = skipSpaces(j, te)
        guard looksLikeID, i < te, titleStart < te else { return nil }
        return (id, titleStart, separated)
    }

    /// The fix of a heading without the colon whose ID is clear: `O2 - Title` -> `O2: Title` (safe with a
    /// separator, unsafe without one).
    func headingFix(_ ts: Int, _ te: Int) -> Fix? {
        guard let h = headingID(ts, te) else { return nil }
        return Fix(h.separated ? .safe : .unsafe, "write the heading as `\(h.id): ...`",
                   edits: [.replace(SourceRange(start: ts, end: h.titleStart), with: "\(h.id): ")])
    }

    mutating func parseObjectiveHeading(_ s: Int, _ e: Int, _ ts: Int, _ te: Int) {
        let line = SourceRange(start: s, end: e)
        kind = .objective
        var objective: Objective
        if let (id, title) = splitID(ts, te) {
            objective = Objective(id: id, title: title, headingRange: line, range: line)
            if title.isEmpty { error("objective \(text(id)) has no title", line, help: "write `## \(text(id)): what you want to achieve`") }
        } else {
            objective = Objective(id: nil, title: TextSpan(ts, te), headingRange: line, range: line)
            let range = ts == te ? line : SourceRange(start: ts, end: te)
            if let section = Suggest.closest(to: text(ts, te), in: ["Check-ins", "Initiatives", "Notes"], maxDistance: 2) {
                error("objective heading has no ID", range,
                      help: "did you mean the section `## \(section)`? Otherwise write `## O\(state.objectives + 1): \(text(ts, te))`")
            } else {
                error("objective heading has no ID", range, help: "write `## \(headingSuggestion(ts, te, "O\(state.objectives + 1)"))`; reserved sections are `## Check-ins`, `## Initiatives` and `## Notes`",
                      fix: headingFix(ts, te))
            }
        }
        sink.objective(objective)
        state.objectives += 1
        state.keyResults = 0
        state.context = .objective
    }

    mutating func parseKeyResultHeading(_ s: Int, _ e: Int, _ ts: Int, _ te: Int) {
        let line = SourceRange(start: s, end: e)
        if state.context == .section(.notes) { addText(s, e); return }
        kind = .keyResult
        guard state.objectives > 0, state.context == .objective || state.context == .keyResult else {
            error("a key result (`###`) must be under an objective (`##`)", line,
                  help: "add an objective heading `## O1: ...` above it")
            sink.stray()
            state.context = .stray
            return
        }
        var kr: KeyResult
        if let (id, title) = splitID(ts, te) {
            kr = KeyResult(id: id, title: title, headingRange: line, range: line)
            if title.isEmpty { error("key result \(text(id)) has no title", line) }
        } else {
            kr = KeyResult(id: nil, title: TextSpan(ts, te), headingRange: line, range: line)
            error("key result heading has no ID", ts == te ? line : SourceRange(start: ts, end: te),
                  help: "write `### \(headingSuggestion(ts, te, "KR\(state.objectives).\(state.keyResults + 1)"))`",
                  fix: headingFix(ts, te))
        }
        sink.keyResult(kr)
        state.keyResults += 1
        state.context = .keyResult
    }

    // MARK: - List items

    mutating func parseDashLine(_ s: Int, _ e: Int) {
        let line = SourceRange(start: s, end: e)
        state.lastListItem = .other
        let inNotes = state.context == .section(.notes)
        if s + 1 < e && bytes[s + 1] != SP && bytes[s + 1] != TAB {
            if inNotes { addText(s, e); return }
            kind = .invalid
            if isRule(s, e, UInt8(ascii: "-")) {
                error("a thematic break (`---`) is not part of the .okr format", line, help: "remove it; headings separate objectives")
            } else {
                error("a list item needs a space after `-`", line, help: "write `- key: value` or `- [ ] initiative`")
            }
            return
        }
        let p = skipSpaces(s + 1, e)
        if p == e {
            if inNotes { addText(s, e); return }
            kind = .invalid
            error("empty list item", line, help: "remove it or write `- key: value`")
            return
        }
        if listItemStartsWithComment(p, e, line) { return }
        if inNotes { addText(s, e); return }
        // Task item `- [ ]`, `- [x]`, `- [X]`.
        if e - p >= 3 && bytes[p] == UInt8(ascii: "[") && bytes[p + 2] == UInt8(ascii: "]")
            && (bytes[p + 1] == SP || bytes[p + 1] == UInt8(ascii: "x") || bytes[p + 1] == UInt8(ascii: "X"))
            && (p + 3 == e || bytes[p + 3] == SP || bytes[p + 3] == TAB) {
            parseTask(s, e, done: bytes[p + 1] != SP, titleStart: skipSpaces(p + 3, e))
            return
        }
        // Check-in `- YYYY-MM-DD ...`.
        if e - p >= 10 && looksLikeDate(p) && (p + 10 == e || bytes[p + 10] == SP || bytes[p + 10] == TAB || bytes[p + 10] == UInt8(ascii: ":")) {
            kind = .checkIn
            if state.context == .section(.checkIns) {
                parseCheckIn(s, e, dateStart: p)
            } else {
                error("a check-in belongs in the `## Check-ins` section", line,
                      help: "move this line under a `## Check-ins` heading at the end of the file")
            }
            return
        }
        // Property `- key: value`.
        var k = p
        if k < e && bytes[k] >= 0x61 && bytes[k] <= 0x7A {
            k += 1
            while k < e && ((bytes[k] >= 0x61 && bytes[k] <= 0x7A) || (bytes[k] >= 0x30 && bytes[k] <= 0x39) || bytes[k] == UInt8(ascii: "-") || bytes[k] == UInt8(ascii: "_")) { k += 1 }
            if k < e && bytes[k] == UInt8(ascii: ":") && (k + 1 == e || bytes[k + 1] == SP || bytes[k + 1] == TAB) {
                let vs = skipSpaces(k + 1, e)
                let prop = Property(key: Spanned(text(p, k), SourceRange(start: p, end: k)),
                                    value: TextSpan(vs, e),
                                    range: line)
                parseFact(prop)
                return
            }
        }
        kind = .invalid
        // `- Owner: x`: a key with capitals.
        var u = p
        while u < e && ((bytes[u] >= 0x41 && bytes[u] <= 0x5A) || (bytes[u] >= 0x61 && bytes[u] <= 0x7A) || bytes[u] == UInt8(ascii: "-")) { u += 1 }
        if u > p && u < e && bytes[u] == UInt8(ascii: ":") && bytes[p] >= 0x41 && bytes[p] <= 0x5A && state.context != .section(.checkIns) {
            let key = text(p, u)
            // Lowercased, the key reads as a fact when a space or the end follows its colon.
            var reads = u + 1 == e || bytes[u + 1] == SP || bytes[u + 1] == TAB
            if case .section = state.context { reads = false }
            error("fact keys are lowercase: `\(key)` should be `\(key.lowercased())`", SourceRange(start: p, end: u),
                  help: "write `- \(key.lowercased()):`",
                  fix: reads ? .safe("write the key as `\(key.lowercased())`", .replace(SourceRange(start: p, end: u), with: key.lowercased())) : nil)
            return
        }
        if state.context == .section(.checkIns) {
            error("a check-in starts with its date: `- YYYY-MM-DD KR1.1: value`", line,
                  help: "write the date first, e.g. `- 2026-01-12 KR1.1: 38 min`")
        } else {
            error("list item is neither a `- key: value` fact nor a `- [ ]` initiative", line,
                  help: "write a fact as `- key: value` (lowercase key), an initiative as `- [ ] title`, or plain text without `- `")
        }
    }

    func looksLikeDate(_ p: Int) -> Bool {
        for i in 0..<10 {
            let b = bytes[p + i]
            if i == 4 || i == 7 {
                if b != UInt8(ascii: "-") { return false }
            } else if b < 0x30 || b > 0x39 {
                return false
            }
        }
        return true
    }

    // MARK: - Facts

    /// A `- key: value` fact, read for the block it stands in.
    mutating func parseFact(_ prop: Property) {
        kind = .fact
        let value: FactValue
        switch state.context {
        case .header:
            state.headerHasContent = true
            readingValue = true
            value = readHeaderFact(prop)
        case .objective:
            readingValue = true
            value = readObjectiveFact(prop)
        case .keyResult:
            readingValue = true
            value = readKeyResultFact(prop)
        case .section(let kind):
            error("a `- key: value` fact does not belong in `## \(kind.rawValue)`", prop.range,
                  help: "facts follow the title, an objective heading or a key result heading")
            return
        case .stray:
            return
        }
        readingValue = false
        sink.fact(prop, value, valueErrors)
        valueErrors.removeAll()
    }

    mutating func requireValue(_ prop: Property) -> Bool {
        if prop.value.isEmpty {
            error("`\(prop.key.value)` has no value", prop.range, help: "write `- \(prop.key.value): <value>` or remove the line")
            return false
        }
        return true
    }

    mutating func readHeaderFact(_ prop: Property) -> FactValue {
        switch prop.key.value {
        case "okr":
            guard requireValue(prop) else { return .none }
            if !Parser.supportedVersions.contains(text(prop.value)) {
                error("unsupported format version `\(text(prop.value))`", prop.value.range,
                      help: "this okrlint reads format version \(Parser.supportedVersions.joined(separator: ", ")): write `- okr: 1`")
            }
            return .formatVersion(prop.value)
        case "team":
            guard requireValue(prop) else { return .none }
            if !text(prop.value).utf8.allSatisfy({ isIDByte($0) }) {
                error("team name `\(text(prop.value))` may use only letters, digits, `.`, `_` and `-`", prop.value.range,
                      help: "other files link to this team as `team/O1`, so it cannot hold spaces or `/`")
            }
            return .team(prop.value)
        case "period":
            guard requireValue(prop) else { return .none }
            return .period(prop.value)
        case "owner":
            guard requireValue(prop) else { return .none }
            return .owner(prop.value)
        case "fiscal-year-start":
            guard requireValue(prop) else { return .none }
            if let m = FiscalCalendar.month(text(prop.value)) { return .fiscalYearStart(Spanned(m, prop.value.range)) }
            error("`fiscal-year-start` is a month, not `\(text(prop.value))`", prop.value.range,
                  help: "write the month the fiscal year starts in: `2`, `Feb` or `February`")
            return .none
        default:
            return .none
        }
    }

    mutating func readObjectiveFact(_ prop: Property) -> FactValue {
        let r = prop.value.range
        switch prop.key.value {
        case "owner":
            guard requireValue(prop) else { return .none }
            return .owner(prop.value)
        case "aligns":
            guard requireValue(prop) else { return .none }
            return .aligns(parseAlignments(r))
        case "type":
            guard requireValue(prop) else { return .none }
            if let t = ObjectiveType(rawValue: text(prop.value).lowercased()) { return .type(Spanned(t, r)) }
            error("objective type must be `committed` or `aspirational`", r,
                  help: "committed OKRs are expected to reach 1.0; aspirational ones about 0.7")
            return .none
        case "due":
            guard requireValue(prop) else { return .none }
            return parseDueDate(r.start, r.end).map { .due(Spanned($0, r)) } ?? .none
        case "score":
            guard requireValue(prop) else { return .none }
            return parseScore(r).map { .score(Spanned($0, r)) } ?? .none
        default:
            return .none
        }
    }

    mutating func readKeyResultFact(_ prop: Property) -> FactValue {
        let r = prop.value.range
        switch prop.key.value {
        case "metric":
            guard requireValue(prop) else { return .none }
            switch ValueReader.metric(bytes, r.start, r.end) {
            case .success(let m): return .metric(m)
            case .failure(let p): error(p.message, r, help: p.help); return .none
            }
        case "current":
            guard requireValue(prop) else { return .none }
            switch ValueReader.milestoneOrQuantity(bytes, r.start, r.end) {
            case .success(let q): return .current(q)
            case .failure(let p):
                error("cannot read current value `\(text(prop.value))`: \(p.message)", r,
                      help: "write a number and unit such as `32 min`, `99.9%`, `$4.2M`, or `done` / `not done` for a milestone")
                return .none
            }
        case "confidence":
            guard requireValue(prop) else { return .none }
            switch ValueReader.confidence(bytes, r.start, r.end) {
            case .success(let c): return .confidence(Spanned(c, r))
            case .failure(let p): error(p.message, r, help: p.help); return .none
            }
        case "owner":
            guard requireValue(prop) else { return .none }
            return .owner(prop.value)
        case "due":
            guard requireValue(prop) else { return .none }
            return parseDueDate(r.start, r.end).map { .due(Spanned($0, r)) } ?? .none
        case "weight":
            guard requireValue(prop) else { return .none }
            if case .success(let q) = ValueReader.quantity(bytes, r.start, r.end), q.hasNoUnit, q.value > 0 {
                return .weight(Spanned(q.value, r))
            }
            error("weight must be a positive number", r, help: "write e.g. `- weight: 2`; key results weigh 1 by default")
            return .none
        case "score":
            guard requireValue(prop) else { return .none }
            return parseScore(r).map { .score(Spanned($0, r)) } ?? .none
        case "carried-from":
            guard requireValue(prop) else { return .none }
            // `2026-Q3/KR1.2`: the period it was carried from and its ID there.
            if let slash = bytes[r.start..<r.end].lastIndex(of: 0x2F), slash > r.start, slash + 1 < r.end,
               !bytes[(slash + 1)..<r.end].contains(0x20) {
                return .carriedFrom(prop.value)
            }
            error("`carried-from` names the period the key result was carried from and its ID there", r,
                  help: "write e.g. `- carried-from: 2026-Q3/KR1.2` (what `okrlint init --from` writes)")
            return .none
        default:
            return .none
        }
    }

    // MARK: - Values

    /// Digits `bytes[a..<b]` as a number, nil unless they are all digits.
    func number(_ a: Int, _ b: Int) -> Int? { Self.number(bytes, a, b) }

    static func number(_ bytes: [UInt8], _ a: Int, _ b: Int) -> Int? {
        var v = 0
        for i in a..<b {
            let d = Int(bytes[i]) &- 48
            guard d >= 0 && d <= 9 else { return nil }
            v = v * 10 + d
        }
        return v
    }

    /// `YYYY-MM-DD` at `a` (ten bytes there), or nil; static, so the scanner is not touched on the common path.
    static func isoDate(_ bytes: [UInt8], _ a: Int) -> CalendarDate? {
        guard a >= 0, a + 10 <= bytes.count, bytes[a + 4] == UInt8(ascii: "-"), bytes[a + 7] == UInt8(ascii: "-") else { return nil }
        guard let y = number(bytes, a, a + 4), let m = number(bytes, a + 5, a + 7), let d = number(bytes, a + 8, a + 10) else { return nil }
        return CalendarDate(year: y, month: m, day: d)
    }

    mutating func parseDate(_ a: Int, _ b: Int, what: String) -> CalendarDate? {
        // Read from the bytes: most dates are fine, and need no string.
        if b - a == 10, let date = Self.isoDate(bytes, a) { return date }
        let t = text(a, b)
        if b - a == 10 && looksLikeDate(a) {
            error("\(what) `\(t)` is not a real date", SourceRange(start: a, end: b), help: "check the month and the day")
        } else {
            error("\(what) `\(t)` is not a date", SourceRange(start: a, end: b), help: "write dates as YYYY-MM-DD")
        }
        return nil
    }

    /// A due date: `YYYY-MM-DD`, or a month `YYYY-MM` meaning its last day.
    mutating func parseDueDate(_ a: Int, _ b: Int) -> CalendarDate? {
        if b - a == 7 && looksLikeMonth(a) {
            if let y = number(a, a + 4), let m = number(a + 5, a + 7), (1...12).contains(m), y >= 1,
               let d = CalendarDate.endOfMonth(year: y, month: m) { return d }
            error("due month `\(text(a, b))` is not a real month", SourceRange(start: a, end: b), help: "months are 01 to 12")
            return nil
        }
        if b - a == 10 && looksLikeDate(a) { return parseDate(a, b, what: "due date") }
        error("due date `\(text(a, b))` is not a date", SourceRange(start: a, end: b),
              help: "write a date `YYYY-MM-DD`, or a month `YYYY-MM` for its last day")
        return nil
    }

    func looksLikeMonth(_ p: Int) -> Bool {
        for i in 0..<7 {
            let c = bytes[p + i]
            if i == 4 { if c != UInt8(ascii: "-") { return false } } else if c < 0x30 || c > 0x39 { return false }
        }
        return true
    }

    /// A final grade from 0.0 to 1.0 (`0.7`, `70%`).
    mutating func parseScore(_ r: SourceRange) -> Double? {
        if case .success(let q) = ValueReader.quantity(bytes, r.start, r.end), q.hasNoUnit || q.unitKey == "%" {
            let v = q.unitKey == "%" ? q.value / 100 : q.value
            if v >= 0 && v <= 1 { return v }
        }
        error("score must be a grade from 0.0 to 1.0, not `\(text(r.start, r.end))`", r,
              help: "grade the result at the end of the period: 1.0 met, 0.7 a good stretch, 0.3 or less missed")
        return nil
    }

    mutating func parseAlignments(_ r: SourceRange) -> [AlignmentLink] {
        var links: [AlignmentLink] = []
        var i = r.start
        while i <= r.end {
            var j = i
            while j < r.end && bytes[j] != UInt8(ascii: ",") { j += 1 }
            let a = skipSpaces(i, j)
            let b = trimEnd(a, j)
            if a < b {
                if let link = parseLink(a, b) {
                    links.append(link)
                } else {
                    error("cannot read alignment `\(text(a, b))`", SourceRange(start: a, end: b),
                          help: "write `team/ID` for another team's objective (`company/O2`), or `ID` for one in this file; separate several with commas")
                }
            } else if j < r.end || i > r.start {
                error("empty alignment in the list", SourceRange(start: min(a, r.end), end: min(a + 1, r.end)),
                      help: "remove the extra comma")
            }
            i = j + 1
        }
        return links
    }

    func parseLink(_ a: Int, _ b: Int) -> AlignmentLink? {
        var slash: Int? = nil
        for i in a..<b {
            let c = bytes[i]
            if c == UInt8(ascii: "/") {
                if slash != nil { return nil }
                slash = i
            } else if !isIDByte(c) {
                return nil
            }
        }
        if let sl = slash {
            guard sl > a, sl + 1 < b, isIDStart(bytes[sl + 1]) else { return nil }
            return AlignmentLink(team: text(a, sl), objectiveID: text(sl + 1, b), range: SourceRange(start: a, end: b))
        }
        guard isIDStart(bytes[a]) else { return nil }
        return AlignmentLink(team: nil, objectiveID: text(a, b), range: SourceRange(start: a, end: b))
    }

    // MARK: - Initiatives

    mutating func parseTask(_ s: Int, _ e: Int, done: Bool, titleStart: Int) {
        let line = SourceRange(start: s, end: e)
        kind = .task
        var titleEnd = e
        var owner: TextSpan? = nil
        var due: Spanned<CalendarDate>? = nil
        var kr: TextSpan? = nil
        // Trailing tokens, read from the end: `@owner`, `due:YYYY-MM-DD`, `kr:ID`.
        while titleEnd > titleStart {
            var ts = titleEnd
            while ts > titleStart && bytes[ts - 1] != SP && bytes[ts - 1] != TAB { ts -= 1 }
            let range = SourceRange(start: ts, end: titleEnd)
            let first = bytes[ts]
            if first == UInt8(ascii: "@") && titleEnd - ts > 1 && owner == nil {
                owner = TextSpan(range)
            } else if first == UInt8(ascii: "d") && hasPrefix(ScanBytes.duePrefix, at: ts, end: titleEnd) && due == nil {
                if let d = parseDueDate(ts + 4, titleEnd) { due = Spanned(d, range) }
            } else if first == UInt8(ascii: "k") && hasPrefix(ScanBytes.krPrefix, at: ts, end: titleEnd) && kr == nil && titleEnd - ts > 3 {
                kr = TextSpan(ts + 3, titleEnd)
            } else {
                break
            }
            titleEnd = trimEnd(titleStart, ts)
        }
        let title = TextSpan(titleStart, titleEnd)
        if title.isEmpty {
            error("initiative has no title", line, help: "write `- [ ] what will be done @owner due:YYYY-MM-DD`")
        }
        let initiative = Initiative(done: done, title: title, owner: owner, due: due, keyResultRef: kr, range: line)
        var attached = false
        switch state.context {
        case .keyResult, .objective, .section(.initiatives), .header:
            sink.task(initiative)
            attached = true
        case .section(let kind):
            error("an initiative does not belong in `## \(kind.rawValue)`", line,
                  help: "put initiatives under the key result they serve")
        case .stray:
            break
        }
        state.lastListItem = attached ? .initiative : .other
        state.subItemIndents.removeAll(keepingCapacity: true)
    }

    // MARK: - Check-ins


    /// Whether `b[a..<e]` starts with `word` in any letter case.
    func startsWithFolded(_ word: [UInt8], _ a: Int, _ e: Int) -> Bool {
        guard e - a >= word.count else { return false }
        for k in 0..<word.count {
            var c = bytes[a + k]
            if c >= 0x41 && c <= 0x5A { c += 32 }
            if c != word[k] { return false }
        }
        return true
    }

    mutating func parseCheckIn(_ s: Int, _ e: Int, dateStart p: Int) {
        let line = SourceRange(start: s, end: e)
        let dateRange = SourceRange(start: p, end: p + 10)
        let dateText = TextSpan(dateRange)
        let date = parseDate(p, p + 10, what: "check-in date").map { Spanned($0, dateRange) }
        let idStart = skipSpaces(p + 10, e)
        if idStart < e && bytes[idStart] == UInt8(ascii: ":") || idStart == e {
            error("a check-in names its key result after the date: `- \(text(dateText)) KR1.1: value`", line,
                  help: "write the ID of the key result this check-in is for, then a colon")
            return
        }
        var i = idStart
        while i < e && isIDByte(bytes[i]) { i += 1 }
        guard i > idStart, i == e || bytes[i] == UInt8(ascii: ":") else {
            error("a check-in names its key result: `- YYYY-MM-DD KR1.1: value`", line,
                  help: "write the key result ID and a colon after the date, e.g. `- \(text(dateText)) KR1.1: 38 min`")
            return
        }
        let id = TextSpan(idStart, i)
        var rest = i < e ? i + 1 : e
        rest = skipSpaces(rest, e)
        // Note after ` -- ` or ` — `.
        var measureEnd = e
        var note: TextSpan? = nil
        if rest < e {
            var best: (Int, Int)? = nil
            for sep in ScanBytes.noteSeparators {
                if let at = find(sep, from: rest - 1 >= 0 ? rest - 1 : rest, to: e), best == nil || at < best!.0 { best = (at, sep.count) }
            }
            if rest + 2 <= e && bytes[rest] == UInt8(ascii: "-") && bytes[rest + 1] == UInt8(ascii: "-") && (rest + 2 == e || bytes[rest + 2] == SP) {
                best = (rest - 1, 3)
            }
            if let (at, len) = best {
                let ns = skipSpaces(min(at + len, e), e)
                note = TextSpan(ns, e)
                measureEnd = trimEnd(rest, max(rest, at))
            }
        }
        var value: Quantity? = nil
        var confidence: Spanned<Double>? = nil
        var partStart = rest
        var first = true
        while partStart < measureEnd {
            var j = partStart
            // Parts end at `,` or `;`, or before the word `confidence` (`12 deploys/wk confidence 0.5`).
            while j < measureEnd && bytes[j] != UInt8(ascii: ";") {
                // A comma between digits groups thousands (`1,200`); any other ends the part.
                if bytes[j] == UInt8(ascii: ","), !(j > partStart && j + 1 < measureEnd && isDigit(bytes[j - 1]) && isDigit(bytes[j + 1])) { break }
                if j > partStart && bytes[j] == SP && find(ScanBytes.confidenceWord, from: j, to: min(measureEnd, j + ScanBytes.confidenceWord.count)) == j { break }
                j += 1
            }
            let a = skipSpaces(partStart, j)
            let b = trimEnd(a, j)
            if startsWithFolded(ScanBytes.confidenceLower, a, b) {
                var c = a + ScanBytes.confidenceLower.count
                if c < b && bytes[c] == UInt8(ascii: ":") { c += 1 }
                switch ValueReader.confidence(bytes, c, b) {
                case .success(let v): confidence = Spanned(v, SourceRange(start: a, end: b))
                case .failure(let p): error(p.message, SourceRange(start: a, end: b), help: "write e.g. `confidence 0.7`, `70%` or `7/10`")
                }
            } else if first, a < b {
                switch ValueReader.milestoneOrQuantity(bytes, a, b) {
                case .success(let q): value = q
                case .failure(let p):
                    error("cannot read `\(text(a, b))` in a check-in: \(p.message)", SourceRange(start: a, end: b),
                          help: "write `- YYYY-MM-DD KR1.1: value unit, confidence 0.6 -- note`")
                }
            } else if a < b {
                error("cannot read `\(text(a, b))` in a check-in", SourceRange(start: a, end: b),
                      help: "write `- YYYY-MM-DD KR1.1: value unit, confidence 0.6 -- note`")
            }
            first = false
            partStart = j < measureEnd && bytes[j] == SP ? j : j + 1
        }
        sink.checkIn(CheckIn(date: date, dateText: dateText, keyResultID: id, value: value,
                             confidence: confidence, note: note, range: line))
    }
}

extension String {
    func trimmed() -> String {
        // Scalars, not characters: CRLF is one `Character`, equal to neither "\r" nor "\n".
        var u = Substring(self).unicodeScalars
        while let f = u.first, f == " " || f == "\t" || f == "\n" || f == "\r" { u = u.dropFirst() }
        while let l = u.last, l == " " || l == "\t" || l == "\n" || l == "\r" { u = u.dropLast() }
        return String(u)
    }
}

/// Byte strings the scanner looks for (outside the generic scanner: generic types hold no static stored properties).
enum ScanBytes {
    static let duePrefix = Array("due:".utf8)
    static let krPrefix = Array("kr:".utf8)
    static let noteSeparators: [[UInt8]] = [Array(" -- ".utf8), Array(" — ".utf8)]
    static let confidenceLower = Array("confidence".utf8)
    static let commentClose = Array("-->".utf8)
    static let commentOpen = Array("<!--".utf8)
    static let commentBangClose = Array("--!>".utf8)
    static let confidenceWord = Array(" confidence".utf8)
}
