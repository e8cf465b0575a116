public struct InvalidPeriodRule: Rule {
    public init() {}
    public let description = RuleDescription(
        id: "invalid-period",
        summary: "The header's period is not a quarter, half, year or month.",
        rationale: """
        OKRs are set for a fixed period, usually a quarter (Google, Doerr); dates, staleness and progress against time \
        elapsed are all computed from it, so it must be a period okrlint can read.
        """,
        defaultSeverity: .error,
        triggering: [
            RuleExample("# T\n\n- okr: 1\n- team: platform\n- period: ↓2026-Q5\n"),
            RuleExample("# T\n\n- okr: 1\n- team: platform\n- period: ↓Q1 2026\n"),
        ],
        passing: [
            RuleExample("# T\n\n- okr: 1\n- team: platform\n- period: 2026-Q1\n"),
            RuleExample("# T\n\n- okr: 1\n- team: platform\n- period: 2026-H2\n"),
            RuleExample("# T\n\n- okr: 1\n- team: platform\n- period: 2026\n"),
        ])

    public func check(_ context: RuleContext) -> [Diagnostic] {
        guard let p = context.document.header.period, Period(p.value) == nil else { return [] }
        return [context.diagnostic(p.range, "period `\(p.value)` is not a period okrlint can read",
                                   help: "write a quarter `2026-Q1`, a half `2026-H1`, a year `2026` or a month `2026-03`")]
    }
}
