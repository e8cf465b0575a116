/// `okrlint init --from FILE`: the next period's file, written from the current one. Unfinished key results are
/// carried with their last value (`current`, else the latest check-in) as the new baseline and marked
/// `carried-from: PERIOD/ID` (Grammar.md, key results), so `carried-over-key-result` and
/// `carried-over-from-previous-file` know it was decided; finished ones (progress 1: target reached, milestone done,
/// a score of 1.0) are dropped, and so is an objective with nothing left to carry.
public enum CarryForward {
    public struct Result: Sendable {
        public var text: String
        public var period: String
        /// Key results carried, and finished ones dropped.
        public var carried: Int
        public var dropped: Int
        /// Objectives dropped because all their key results were finished (or they had none).
        public var droppedObjectives: Int
    }

    /// The period after `p`, written as the file wrote its own when it can be (`2026-Q3` -> `2026-Q4`, `FY2027-Q4`
    /// -> `FY2028-Q1`, `2026` -> `2027`, `2026-H2` -> `2027-H1`, `2026-03` -> `2026-04`), else as a range of the same
    /// length right after it (`2026-05..2026-07` -> `2026-08..2026-10`).
    public static func nextPeriod(_ p: Period, calendar: FiscalCalendar) -> String {
        let ns = p.end.adding(days: 1)
        let monthAligned = p.start.day == 1 && p.end.day == CalendarDate.daysIn(month: p.end.month, year: p.end.year)
        guard monthAligned else {
            let ne = ns.adding(days: p.lengthInDays - 1)
            return "\(ns)..\(ne)"
        }
        let months = (p.end.year * 12 + p.end.month) - (p.start.year * 12 + p.start.month) + 1
        let endIndex = ns.year * 12 + (ns.month - 1) + months - 1
        let ne = CalendarDate(year: endIndex / 12, month: endIndex % 12 + 1,
                              day: CalendarDate.daysIn(month: endIndex % 12 + 1, year: endIndex / 12))!
        func fits(_ text: String) -> Bool {
            guard let q = Period(text, calendar: calendar) else { return false }
            return q.start == ns && q.end == ne
        }
        var candidates: [String] = []
        if p.isFiscal {
            for y in (ns.year - 1)...(ns.year + 2) {
                switch months {
                case 3: candidates += (1...4).map { "FY\(y)-Q\($0)" }
                case 6: candidates += (1...2).map { "FY\(y)-H\($0)" }
                case 12: candidates.append("FY\(y)")
                default: break
                }
            }
        } else {
            switch months {
            case 1: candidates.append("\(ns.year)-\(ns.month < 10 ? "0" : "")\(ns.month)")
            case 3: candidates.append("\(ns.year)-Q\((ns.month - 1) / 3 + 1)")
            case 6: candidates.append("\(ns.year)-H\((ns.month - 1) / 6 + 1)")
            case 12: candidates.append("\(ns.year)")
            default: break
            }
        }
        if let c = candidates.first(where: fits) { return c }
        func month(_ d: CalendarDate) -> String { "\(d.year)-\(d.month < 10 ? "0" : "")\(d.month)" }
        return months == 1 ? month(ns) : "\(month(ns))..\(month(ne))"
    }

    /// Text for an HTML comment: `-->` and `--!>` would close it early.
    static func defused(_ s: String) -> String {
        SafeText.escape(s).replacing("-->", with: "- ->").replacing("--!>", with: "- -!>")
    }

    /// Whether the key result is finished: its progress (or score) is 1.
    static func isFinished(_ kr: KeyResult, in doc: Document) -> Bool {
        (Progress.keyResult(kr, latest: doc.latestCheckIn(of: kr)) ?? 0) >= 1 - 1e-9
    }

    /// The metric of a carried key result: from its last value to the same target when it moves from a baseline;
    /// as written otherwise (a level, a milestone, a change relative to the period's start, no value yet).
    static func carriedMetric(_ kr: KeyResult, in doc: Document) -> String? {
        guard let written = kr.property("metric").map({ doc.text($0.value) }) else { return nil }
        guard let m = kr.metric, m.kind == .increase || m.kind == .decrease, !m.relative, let target = m.target,
              let base = m.baseline, var last = kr.current ?? doc.latestCheckIn(of: kr)?.value else { return written }
        if last.hasNoUnit { last = last.taking(unitOf: base.hasNoUnit ? target : base) }
        return "\(last.display) -> \(target.display)"
    }

    /// The file for the period after `doc`'s, as text. `period` and `team` replace what the file says when given.
    public static func render(_ doc: Document, calendar: FiscalCalendar, period: String? = nil, team: String? = nil) -> Result? {
        guard let current = doc.period(calendar) else { return nil }
        let oldText = doc.text(doc.header.period) ?? current.text
        let next = period ?? nextPeriod(current, calendar: calendar)
        let teamName = team ?? doc.text(doc.header.team) ?? "my-team"
        var lines: [String] = []
        let title = doc.text(doc.header.title).map { $0.replacing(oldText, with: next) } ?? "\(teamName) OKRs \(next)"
        lines.append("# \(title == doc.text(doc.header.title) && !title.contains(next) ? "\(title) (\(next))" : title)")
        lines.append("")
        lines.append("- okr: 1")
        lines.append("- team: \(teamName)")
        lines.append("- period: \(next)")
        if let o = doc.text(doc.header.owner) { lines.append("- owner: \(o)") }
        if let f = doc.header.properties.first(where: { $0.key.value == "fiscal-year-start" }) { lines.append("- fiscal-year-start: \(doc.text(f.value))") }
        lines.append("")
        lines.append("<!-- Carried forward from \(defused(Path.name(doc.path))) (\(defused(oldText))) by `okrlint init --from`: unfinished key results start from their last value. -->")
        var carried = 0, dropped = 0, droppedObjectives = 0
        for o in doc.objectives {
            let open = o.keyResults.filter { !isFinished($0, in: doc) && $0.repeatsIDOf == nil }
            dropped += o.keyResults.count - open.count
            guard !open.isEmpty, let oid = doc.text(o.id) else { droppedObjectives += 1; continue }
            lines.append("")
            lines.append("## \(oid): \(doc.text(o.title))")
            for key in ["owner", "type", "aligns"] {
                if let p = o.property(key) { lines.append("- \(key): \(doc.text(p.value))") }
            }
            for kr in open {
                guard let kid = doc.text(kr.id) else { continue }
                carried += 1
                lines.append("")
                lines.append("### \(kid): \(doc.text(kr.title))")
                if let m = carriedMetric(kr, in: doc) { lines.append("- metric: \(m)") }
                if let v = doc.text(kr.owner) { lines.append("- owner: \(v)") }
                if let w = kr.property("weight") { lines.append("- weight: \(doc.text(w.value))") }
                lines.append("- carried-from: \(oldText)/\(kid)")
                for i in kr.initiatives where !i.done {
                    lines.append("- [ ] \(doc.text(i.title))" + (doc.text(i.owner).map { " \($0)" } ?? ""))
                }
            }
        }
        lines.append("")
        return Result(text: lines.joined(separator: "\n"), period: next, carried: carried, dropped: dropped, droppedObjectives: droppedObjectives)
    }
}
