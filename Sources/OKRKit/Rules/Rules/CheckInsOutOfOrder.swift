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
        ])

    public func check(_ context: Context) -> [Diagnostic] {
        var out: [Diagnostic] = []
        var previous: CalendarDate? = nil
        for c in context.document.checkIns {
            guard let d = c.date else { continue }
            if let p = previous, d.value < p {
                out.append(context.diagnostic(d.range, "check-in dated \(d.value) comes after one dated \(p)",
                    help: "keep check-ins oldest first; move this line up, or fix the date"))
            } else {
                previous = d.value
            }
        }
        return out
    }
}
