/// Inline suppressions in HTML comments (markdownlint's forms):
///
///     <!-- okrlint-disable-file [ids] [-- reason] -->       the whole file
///     <!-- okrlint-disable [ids] -->  ...  <!-- okrlint-enable [ids] -->   a region
///     <!-- okrlint-disable-line [ids] -->                  the line the comment is on
///     <!-- okrlint-disable-next-line [ids] -->             the line after the comment
///
/// No ids means every rule. Ids are separated by spaces or commas. Syntax errors cannot be suppressed.
public struct Suppression: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case file = "okrlint-disable-file"
        case disable = "okrlint-disable"
        case enable = "okrlint-enable"
        case line = "okrlint-disable-line"
        case nextLine = "okrlint-disable-next-line"
    }

    public var kind: Kind
    /// Rule ids named, with their ranges; empty means every rule.
    public var ids: [Spanned<String>]
    public var reason: String?
    public var range: SourceRange
    /// 0-based lines the directive covers (from..<to); for `disable`, from its line on (where a region ends
    /// depends on the rule: see `Table`); for `enable`, the line it takes effect on (an empty range).
    public var lines: Range<Int>

    /// Reads the directives of a document's comments. Comments that do not start with `okrlint-` are ignored.
    public static func parse(_ doc: Document) -> [Suppression] {
        var out: [Suppression] = []
        let src = doc.source
        for c in doc.comments {
            let text = c.text
            guard text.hasPrefix("okrlint-") else { continue }
            var word = ""
            // A line ending of any kind separates words (CRLF is one `Character`, neither "\r" nor "\n").
            func isSpace(_ ch: Character) -> Bool { ch == " " || ch == "\t" || ch == "\n" || ch == "\r" || ch == "\r\n" }
            for ch in text { if isSpace(ch) { break }; word.append(ch) }
            guard let kind = Kind(rawValue: word) else { continue }
            var rest = String(text.dropFirst(word.count))
            var reason: String? = nil
            if let r = Substring(rest).range(of: "--") {
                reason = String(rest[r.upperBound...]).trimmed()
                rest = String(rest[..<r.lowerBound])
            }
            // Ids with their byte ranges, found in order after the directive word.
            var ids: [Spanned<String>] = []
            // Raw bytes, not decoded text: with invalid UTF-8 the decoded offsets would not be the file's.
            let bytes = Array(src.bytes[c.range.start..<min(c.range.end, src.bytes.count)])
            func find(_ needle: [UInt8], from: Int) -> Int? {
                var at = from
                while at + needle.count <= bytes.count {
                    var k = 0
                    while k < needle.count && bytes[at + k] == needle[k] { k += 1 }
                    if k == needle.count { return at }
                    at += 1
                }
                return nil
            }
            var searchFrom = (find(Array(word.utf8), from: 0) ?? 0) + word.utf8.count
            for raw in rest.split(whereSeparator: { $0 == "," || isSpace($0) }) {
                let needle = Array(String(raw).utf8)
                // An id with a replacement character came from invalid UTF-8 and is not in the bytes as such:
                // it is not searched for (a search per such id would rescan the comment each time).
                if !raw.unicodeScalars.contains("\u{FFFD}"), let at = find(needle, from: searchFrom) {
                    ids.append(Spanned(String(raw), SourceRange(start: c.range.start + at, end: c.range.start + at + needle.count)))
                    searchFrom = at + needle.count
                } else {
                    // Not found byte for byte (invalid UTF-8 in the id): point at the whole comment.
                    ids.append(Spanned(String(raw), c.range))
                }
            }
            let first = src.lineIndex(of: c.range.start)
            let last = src.lineIndex(of: max(c.range.start, c.range.end - 1))
            let lines: Range<Int>
            switch kind {
            case .file: lines = 0..<Int.max
            case .line: lines = first..<(last + 1)
            case .nextLine: lines = (last + 1)..<(last + 2)
            case .disable: lines = first..<Int.max
            case .enable: lines = first..<first
            }
            out.append(Suppression(kind: kind, ids: ids, reason: reason, range: c.range, lines: lines))
        }
        return out
    }

    /// Which directives hide a finding of a rule on a line: a sweep over the file's lines, asked in ascending line
    /// order, built once per file. Regions follow markdownlint's per-rule state: `enable X` turns X back on whatever
    /// else was disabled with it, and an `enable` without ids turns everything back on. Each directive is marked
    /// used once, however many findings it hides, so the work is linear in directives plus findings.
    struct Table {
        let directives: [Suppression]
        enum Action { case on, off }
        /// (line, directive, action) in line order; the same line keeps document order.
        var events: [(line: Int, index: Int, action: Action)] = []
        var nextEvent = 0
        // `disable-file`, `disable-line`, `disable-next-line` in force, per rule or for all rules (counted, since
        // several may overlap), and those not yet marked used.
        var allCount = 0
        var ruleCount: [String: Int] = [:]
        var allPending: Set<Int> = []
        var rulePending: [String: Set<Int>] = [:]
        // Regions: the `disable` in force for all rules, the rules re-enabled since, and per-rule `disable`s.
        var allRegion: Int? = nil
        var reenabled: Set<String> = []
        var ruleRegion: [String: Int] = [:]

        init(_ directives: [Suppression]) {
            self.directives = directives
            for (i, s) in directives.enumerated() {
                switch s.kind {
                case .file:
                    events.append((0, i, .on))
                case .line, .nextLine:
                    events.append((s.lines.lowerBound, i, .on))
                    events.append((s.lines.upperBound, i, .off))
                case .disable, .enable:
                    events.append((s.lines.lowerBound, i, .on))
                }
            }
            var order = Array(events.indices)
            order.sort { events[$0].line != events[$1].line ? events[$0].line < events[$1].line : $0 < $1 }
            events = order.map { events[$0] }
        }

        /// Applies what starts or ends on or before `line` (lines must not decrease between calls).
        mutating func advance(to line: Int) {
            while nextEvent < events.count && events[nextEvent].line <= line {
                let (_, i, action) = events[nextEvent]
                nextEvent += 1
                let s = directives[i]
                switch s.kind {
                case .file, .line, .nextLine:
                    let delta = action == .on ? 1 : -1
                    if s.ids.isEmpty {
                        allCount += delta
                        if action == .on { allPending.insert(i) } else { allPending.remove(i) }
                    } else {
                        for id in s.ids {
                            ruleCount[id.value, default: 0] += delta
                            if action == .on { rulePending[id.value, default: []].insert(i) } else { rulePending[id.value]?.remove(i) }
                        }
                    }
                case .disable:
                    if s.ids.isEmpty {
                        allRegion = i
                        reenabled.removeAll()
                        ruleRegion.removeAll()
                    } else {
                        for id in s.ids { ruleRegion[id.value] = i }
                    }
                case .enable:
                    if s.ids.isEmpty {
                        allRegion = nil
                        reenabled.removeAll()
                        ruleRegion.removeAll()
                    } else {
                        for id in s.ids {
                            ruleRegion[id.value] = nil
                            if allRegion != nil { reenabled.insert(id.value) }
                        }
                    }
                }
            }
        }

        /// Whether `rule` is hidden on the current line; marks the directives that hide it in `used`.
        mutating func hides(_ rule: String, _ used: inout [Bool]) -> Bool {
            var hidden = false
            if allCount > 0 {
                hidden = true
                for i in allPending { used[i] = true }
                allPending.removeAll()
            }
            if ruleCount[rule, default: 0] > 0 {
                hidden = true
                for i in rulePending[rule] ?? [] { used[i] = true }
                rulePending[rule] = nil
            }
            if let r = ruleRegion[rule] ?? (reenabled.contains(rule) ? nil : allRegion) {
                hidden = true
                used[r] = true
            }
            return hidden
        }
    }

    /// Removes suppressed diagnostics and reports directives that suppressed nothing or name unknown rules.
    /// `activeRuleIDs` are the rules that ran: a directive for a rule turned off is not reported as unused.
    public static func apply(_ diagnostics: [Diagnostic], document: Document, knownRuleIDs: [String],
                             activeRuleIDs: Set<String>, unusedSeverity: Severity?) -> [Diagnostic] {
        let directives = parse(document)
        guard !directives.isEmpty else { return diagnostics }
        var used = [Bool](repeating: false, count: directives.count)
        var kept: [Diagnostic] = []
        let src = document.source
        var table = Table(directives)
        // In line order, for the sweep.
        let lines = diagnostics.map { src.lineIndex(of: $0.range.start) }
        for k in diagnostics.indices.sorted(by: { lines[$0] != lines[$1] ? lines[$0] < lines[$1] : $0 < $1 }) {
            let d = diagnostics[k]
            if d.ruleID == syntaxErrorID { kept.append(d); continue }
            table.advance(to: lines[k])
            if !table.hides(d.ruleID, &used) { kept.append(d) }
        }
        guard let severity = unusedSeverity else { return kept }
        let known = Set(knownRuleIDs)
        for (i, s) in directives.enumerated() where s.kind != .enable {
            var reportedUnknown = false
            for id in s.ids where !known.contains(id.value) {
                reportedUnknown = true
                let hint = Suggest.closest(to: id.value, in: knownRuleIDs, maxDistance: 4).map { "did you mean `\($0)`? " } ?? ""
                kept.append(Diagnostic(ruleID: UnusedSuppressionRule.id, severity: severity,
                                       message: "`\(s.kind.rawValue)` names unknown rule `\(id.value)`",
                                       help: "\(hint)`okrlint rules` lists the rule ids", path: document.path, range: id.range))
            }
            // A directive only for rules that are off cannot be judged unused.
            let judged = s.ids.isEmpty || s.ids.contains { activeRuleIDs.contains($0.value) }
            if !used[i] && !reportedUnknown && judged {
                let what = s.ids.isEmpty ? "any rule" : s.ids.map { "`\($0.value)`" }.joined(separator: ", ")
                kept.append(Diagnostic(ruleID: UnusedSuppressionRule.id, severity: severity,
                                       message: "`\(s.kind.rawValue)` suppresses nothing: no finding of \(what) here",
                                       help: "remove the comment; suppressions that outlive their finding hide the next one",
                                       path: document.path, range: s.range, fix: removal(s.range, in: document)))
            }
        }
        kept.sort(by: Diagnostic.ordered)
        return kept
    }

    /// Removes the comment at `range`: its whole lines when nothing else is on them, else the comment and the
    /// spaces before it (or after it, at the start of a line).
    static func removal(_ range: SourceRange, in document: Document) -> Fix {
        let src = document.source
        let bytes = src.bytes
        let first = src.lineIndex(of: range.start)
        let last = src.lineIndex(of: max(range.start, range.end - 1))
        let lineStart = src.contentRange(ofLine: first).lowerBound
        let lineEnd = src.contentRange(ofLine: last).upperBound
        func blank(_ a: Int, _ b: Int) -> Bool { a >= b || bytes[a..<b].allSatisfy { $0 == 0x20 || $0 == 0x09 } }
        let message = "remove the unused suppression"
        if blank(lineStart, range.start) && blank(range.end, lineEnd) {
            let next = last + 1 < src.lineCount ? src.lineStarts[last + 1] : bytes.count
            var start = src.lineStarts[first]
            // The last line has no ending: take the ending of the line before instead, so no empty line is left.
            if next == bytes.count && lineEnd == bytes.count && first > 0 {
                start = src.contentRange(ofLine: first - 1).upperBound
            }
            return .safe(message, .delete(SourceRange(start: start, end: next)))
        }
        var start = range.start
        while start > lineStart && (bytes[start - 1] == 0x20 || bytes[start - 1] == 0x09) { start -= 1 }
        var end = range.end
        if start == lineStart {
            while end < lineEnd && (bytes[end] == 0x20 || bytes[end] == 0x09) { end += 1 }
        }
        return .safe(message, .delete(SourceRange(start: start, end: end)))
    }
}
