public struct CheckInsOutOfOrderRule: DocumentRule {
    public init() {}
    public static let description = RuleDescription(
        id: "check-ins-out-of-order",
        summary: "Check-ins are not in date order.",
        rationale: """
        The check-in log is append-only, oldest first, so new entries are one-line appends and merges rarely conflict \
        (hledger's `ordereddates` check; format research). A date earlier than the line above is usually a typo.
        """,
        defaultSeverity: .info,
        triggering: [
            RuleExample(exampleHeader + "## O1: A\n### KR1.1: a\n\n## Check-ins\n- 2026-11-16 KR1.1: 4 min\n- ↓2026-11-02 KR1.1: 5 min\n"),
        ],
        passing: [
            RuleExample(exampleHeader + "## O1: A\n### KR1.1: a\n\n## Check-ins\n- 2026-11-02 KR1.1: 5 min\n- 2026-11-02 KR1.1: 4 min\n- 2026-11-16 KR1.1: 4 min\n"),
        ],
        fix: """
        Sorts the check-in lines by date, oldest first; lines of one date keep their order. Each line moves with its \
        bytes, its trailing comment and the comment lines right above it; blank lines, text and other lines stay where \
        they are. Safe, unless an `okrlint-disable` / `okrlint-enable` region comment stands among the check-ins (it \
        could end up covering other lines): then unsafe. No fix when a check-in has no readable date. When more than \
        16 lines move, only the first finding carries the fix (it fixes them all).
        """,
        corrections: [
            RuleCorrection(exampleHeader + "## O1: A\n### KR1.1: a\n\n## Check-ins\n- 2026-11-16 KR1.1: 4 min <!-- after the cache -->\n<!-- okrlint-disable-next-line current-out-of-sync -->\n- 2026-11-02 KR1.1: 5 min\n\n- 2026-11-09 KR1.1: 5 min -- same day as the review\n- 2026-11-02 KR1.1: 6 min\n",
                           exampleHeader + "## O1: A\n### KR1.1: a\n\n## Check-ins\n<!-- okrlint-disable-next-line current-out-of-sync -->\n- 2026-11-02 KR1.1: 5 min\n- 2026-11-02 KR1.1: 6 min\n\n- 2026-11-09 KR1.1: 5 min -- same day as the review\n- 2026-11-16 KR1.1: 4 min <!-- after the cache -->\n"),
            // The last line has no line ending: it keeps being the last.
            RuleCorrection(exampleHeader + "## O1: A\n### KR1.1: a\n\n## Check-ins\r\n- 2026-11-16 KR1.1: 4 min\r\n- 2026-11-02 KR1.1: 5 min",
                           exampleHeader + "## O1: A\n### KR1.1: a\n\n## Check-ins\r\n- 2026-11-02 KR1.1: 5 min\r\n- 2026-11-16 KR1.1: 4 min"),
        ])

    public func check(_ context: Context) -> [Diagnostic] {
        var out: [Diagnostic] = []
        var previous: CalendarDate? = nil
        var sortFix: Fix?? = nil
        for c in context.document.checkIns {
            guard let d = c.date else { continue }
            if let p = previous, d.value < p {
                // One sort fixes every finding. Each carries it while few lines move; past that only the first does,
                // so a report does not repeat a long fix once per finding.
                let fix: Fix?
                if let shared = sortFix {
                    fix = shared.flatMap { $0.edits.count <= Self.sharedFixEdits ? $0 : nil }
                } else {
                    sortFix = Self.sortFix(context.document)
                    fix = sortFix!
                }
                out.append(context.diagnostic(d.range, "check-in dated \(d.value) comes after one dated \(p)",
                    help: "keep check-ins oldest first; move this line up, or fix the date", fix: fix))
            } else {
                previous = d.value
            }
        }
        return out
    }

    /// Up to this many moved lines, every finding carries the sort; beyond, only the first.
    static let sharedFixEdits = 16

    /// One fix for all the findings: the check-ins sorted by date (stably). Each check-in is a group: its line and
    /// the comment lines right above it; the groups are sorted and put back in the places the groups held, in
    /// order, so every other line stays. A group's last line ending stays with its place, so a last line without
    /// one stays last without one. One edit per place whose group changes.
    static func sortFix(_ doc: Document) -> Fix? {
        let src = doc.source
        let lines = doc.lines
        guard lines.count == src.lineCount, !doc.checkIns.isEmpty else { return nil }
        var places: [SourceRange] = []
        var dates: [CalendarDate] = []
        places.reserveCapacity(doc.checkIns.count)
        var previousLine = -1
        for c in doc.checkIns {
            guard let d = c.date?.value else { return nil }
            let li = src.lineIndex(of: c.range.start)
            guard li > previousLine else { return nil }
            var first = li
            while first - 1 > previousLine && lines[first - 1].kind == .comment { first -= 1 }
            places.append(SourceRange(start: lines[first].start, end: lines[li].end))
            dates.append(d)
            previousLine = li
        }
        let order = dates.indices.sorted { dates[$0] != dates[$1] ? dates[$0] < dates[$1] : $0 < $1 }
        var edits: [TextEdit] = []
        for (k, g) in order.enumerated() where g != k {
            guard let text = src.utf8Text(places[g]) else { return nil }
            edits.append(.replace(places[k], with: text))
        }
        guard !edits.isEmpty else { return nil }
        // A region directive among the moved lines could end up covering other lines.
        let span = SourceRange(start: places[0].start, end: places[places.count - 1].end)
        let region = doc.comments.contains { c in
            c.range.start >= span.start && c.range.end <= span.end
                && (c.text.hasPrefix("okrlint-disable") || c.text.hasPrefix("okrlint-enable"))
                && !c.text.hasPrefix("okrlint-disable-line") && !c.text.hasPrefix("okrlint-disable-next-line")
                && !c.text.hasPrefix("okrlint-disable-file")
        }
        return Fix(region ? .unsafe : .safe, "sort the check-ins by date", edits: edits)
    }
}
