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
    /// 0-based lines the directive covers (from..<to); for `enable`, where it ends a region.
    public var lines: Range<Int>

    /// Reads the directives of a document's comments. Comments that do not start with `okrlint-` are ignored.
    public static func parse(_ doc: Document) -> [Suppression] {
        var out: [Suppression] = []
        let src = doc.source
        for c in doc.comments {
            let text = c.text
            guard text.hasPrefix("okrlint-") else { continue }
            var word = ""
            for ch in text { if ch == " " || ch == "\t" || ch == "\n" { break }; word.append(ch) }
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
                    if Array(bytes[at..<(at + needle.count)]) == needle { return at }
                    at += 1
                }
                return nil
            }
            var searchFrom = (find(Array(word.utf8), from: 0) ?? 0) + word.utf8.count
            for raw in rest.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" || $0 == "\n" }) {
                let needle = Array(String(raw).utf8)
                if let at = find(needle, from: searchFrom) {
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
        // A region ends at the next `enable` naming the same rules (or all).
        for i in out.indices where out[i].kind == .disable {
            let ids = Set(out[i].ids.map(\.value))
            if let end = out[(i + 1)...].first(where: { $0.kind == .enable && (Set($0.ids.map(\.value)) == ids || $0.ids.isEmpty) }) {
                out[i].lines = out[i].lines.lowerBound..<end.lines.lowerBound
            }
        }
        return out
    }

    func covers(_ ruleID: String, line: Int) -> Bool {
        kind != .enable && lines.contains(line) && (ids.isEmpty || ids.contains { $0.value == ruleID })
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
        for d in diagnostics {
            if d.ruleID == syntaxErrorID { kept.append(d); continue }
            let line = src.lineIndex(of: d.range.start)
            var suppressed = false
            for (i, s) in directives.enumerated() where s.covers(d.ruleID, line: line) {
                used[i] = true
                suppressed = true
            }
            if !suppressed { kept.append(d) }
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
                                       path: document.path, range: s.range))
            }
        }
        kept.sort(by: Diagnostic.ordered)
        return kept
    }
}
