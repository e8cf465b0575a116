public struct InvalidPeriodRule: DocumentRule {
    public init() {}
    public static let description = RuleDescription(
        id: "invalid-period",
        summary: "The header's period cannot be read, or names a fiscal period without saying when the fiscal year starts.",
        rationale: """
        OKRs are set for a fixed period, usually a quarter (Google, Doerr); dates, staleness and progress against time \
        elapsed are all computed from it, so it must be a period okrlint can read: a quarter, half, year or month, a \
        fiscal period of a declared fiscal year, or an explicit range of dates for seasons, sprints and odd cycles. A \
        fiscal period (`FY2021-Q2`) with no `fiscal-year-start` is read as the calendar quarter, which is wrong for \
        any company whose fiscal year starts in another month: that is a warning.
        """,
        defaultSeverity: .error,
        triggering: [
            RuleExample("# T\n\n- okr: 1\n- team: platform\n- period: ↓2026-Q5\n"),
            RuleExample("# T\n\n- okr: 1\n- team: platform\n- period: ↓2026-07-31..2026-05-01\n"),
            RuleExample("# T\n\n- okr: 1\n- team: platform\n- period: ↓FY2021-Q2\n"),
        ],
        passing: [
            RuleExample("# T\n\n- okr: 1\n- team: platform\n- period: 2026-Q1\n"),
            RuleExample("# T\n\n- okr: 1\n- team: platform\n- period: Q1 2026\n"),
            RuleExample("# T\n\n- okr: 1\n- team: platform\n- period: 2026-H2\n"),
            RuleExample("# T\n\n- okr: 1\n- team: platform\n- period: 2026\n"),
            RuleExample("# T\n\n- okr: 1\n- team: platform\n- period: 2026-05-01..2026-07-31\n"),
            RuleExample("# T\n\n- okr: 1\n- team: platform\n- period: FY2021-Q2\n- fiscal-year-start: February\n"),
        ])

    public func check(_ context: Context) -> [Diagnostic] {
        guard let p = context.document.header.period else { return [] }
        var calendar = context.calendar
        if let s = context.document.header.fiscalYearStart?.value { calendar.startMonth = s }
        switch Period.read(context.text(p), calendar: calendar) {
        case .failure(let problem):
            return [context.diagnostic(p.range, "period `\(context.text(p))` cannot be read: \(problem.message)",
                                       help: "write \(Period.forms)")]
        case .success(let period) where period.isFiscal && calendar.startMonth == nil:
            return [context.diagnostic(p.range,
                "fiscal period `\(context.text(p))` is read as \(period.start) to \(period.end) because no fiscal year start is set",
                help: "add `- fiscal-year-start: <month>` to the header, or `\"fiscal-year-start\": <month>` to .okrlint.json; a fiscal year is named by the calendar year it ends in",
                severity: min(context.severity, .warning))]
        case .success:
            return []
        }
    }
}
