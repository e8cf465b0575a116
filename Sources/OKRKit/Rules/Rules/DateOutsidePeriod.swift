public struct DateOutsidePeriodRule: DocumentRule {
    public init() {}
    public static let description = RuleDescription(
        id: "date-outside-period",
        summary: "A due date or check-in date falls outside the file's period.",
        rationale: """
        OKRs are time-boxed; Viva Goals alerts on dates outside the OKR's period. A due date after the period ends is a \
        promise for another period, and a check-in outside it is usually a typo in the year or the file.
        """,
        defaultSeverity: .warning,
        triggering: [
            RuleExample(exampleHeader + "## O1: A\n### KR1.1: a\n- due: ↓2027-01-15\n- [ ] Cache ↓due:2026-09-30\n\n## Check-ins\n- ↓2025-11-02 KR1.1: 4 min\n"),
        ],
        passing: [
            RuleExample(exampleHeader + "## O1: A\n### KR1.1: a\n- due: 2026-12-15\n- [ ] Cache due:2026-10-30\n\n## Check-ins\n- 2026-11-02 KR1.1: 4 min\n"),
        ])

    public func check(_ context: Context) -> [Diagnostic] {
        guard let period = context.period else { return [] }
        var out: [Diagnostic] = []
        func check(_ date: Spanned<CalendarDate>?, _ what: String) {
            guard let d = date, !period.contains(d.value) else { return }
            out.append(context.diagnostic(d.range, "\(what) \(d.value) is outside the period \(period.text) (\(period.start) to \(period.end))",
                help: "move the date into the period, or move the item to the file of the period it belongs to"))
        }
        // Read in place (no copy of each objective and key result).
        context.document.objectives.withUnsafeBufferPointer { objectives in
            for o in objectives.indices {
                check(objectives[o].due, "due date")
                for i in objectives[o].initiatives { check(i.due, "due date") }
                objectives[o].keyResults.withUnsafeBufferPointer { krs in
                    for k in krs.indices {
                        check(krs[k].due, "due date")
                        for i in krs[k].initiatives { check(i.due, "due date") }
                    }
                }
            }
        }
        for i in context.document.initiatives { check(i.due, "due date") }
        for c in context.document.checkIns { check(c.date, "check-in date") }
        return out
    }
}
