public struct CheckInInFutureRule: DocumentRule {
    public init() {}
    public static let description = RuleDescription(
        id: "check-in-in-future",
        summary: "A check-in is dated after today.",
        rationale: """
        A check-in records progress that happened (Doerr's weekly check-ins, Wodtke's Monday commitments); one dated in \
        the future is a typo in the date or a forecast written as a fact, and it makes the key result look fresher \
        than it is to `stale-check-in` and progress.
        """,
        defaultSeverity: .warning,
        triggering: [
            RuleExample(exampleHeader + "## O1: A\n### KR1.1: a\n- metric: 45 -> 15 min\n\n## Check-ins\n- 2026-11-02 KR1.1: 40 min\n- ↓2026-12-20 KR1.1: 30 min\n", today: "2026-11-25"),
        ],
        passing: [
            RuleExample(exampleHeader + "## O1: A\n### KR1.1: a\n- metric: 45 -> 15 min\n\n## Check-ins\n- 2026-11-02 KR1.1: 40 min\n- 2026-11-25 KR1.1: 30 min\n", today: "2026-11-25"),
        ])

    public func check(_ context: Context) -> [Diagnostic] {
        context.document.checkIns.compactMap { c in
            guard let d = c.date, d.value > context.today else { return nil }
            return context.diagnostic(d.range, "check-in dated \(d.value) is after today (\(context.today))",
                help: "fix the date; a check-in records what happened, plans go in initiatives")
        }
    }
}
