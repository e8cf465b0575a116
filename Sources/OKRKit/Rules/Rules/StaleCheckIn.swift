public struct StaleCheckInRule: DocumentRule {
    public init() {}

    public struct Options: RuleOptions {
        var maxDays = 14
        var graceDays = 14
        public init() {}
        public static let fields: [OptionField<Options>] = [
            .int("max-days", \.maxDays, "Days after the latest check-in before a key result is stale."),
            .int("grace-days", \.graceDays, "Days into the period before a key result with no check-in at all is reported."),
        ]
    }

    public static let description = RuleDescription(
        id: "stale-check-in",
        summary: "While the period runs, a key result has had no check-in for too long.",
        rationale: """
        OKRs need regular review and adaptation during the period (the seed article; Google reviews mid-quarter); OKR \
        tools call a KR stalled when nobody checked in for 14 days. Only reported while the period is running, relative \
        to `--today` (or the config's `today`).
        """,
        defaultSeverity: .warning,
        triggering: [
            RuleExample(exampleHeader + "## O1: A\n### ↓KR1.1: a\n### KR1.2: b\n\n## Check-ins\n- 2026-10-20 KR1.1: 4 min\n- 2026-11-20 KR1.2: 5 min\n",
                        today: "2026-11-25"),
            RuleExample(exampleHeader + "## O1: A\n### ↓KR1.1: a\n", today: "2026-11-25"),
        ],
        passing: [
            RuleExample(exampleHeader + "## O1: A\n### KR1.1: a\n\n## Check-ins\n- 2026-11-20 KR1.1: 4 min\n", today: "2026-11-25"),
            RuleExample(exampleHeader + "## O1: A\n### KR1.1: a\n\n## Check-ins\n- 2026-10-20 KR1.1: 4 min\n", today: "2027-02-01"),
            RuleExample(exampleHeader + "## O1: A\n### KR1.1: a\n", today: "2026-10-05"),
        ])

    public func check(_ context: Context) -> [Diagnostic] {
        guard let period = context.period, period.contains(context.today) else { return [] }
        let maxDays = context.options.maxDays
        let grace = context.options.graceDays
        var out: [Diagnostic] = []
        for o in context.document.objectives {
            for kr in o.keyResults {
                // A key result with a final score is closed: nothing left to check in.
                guard let id = kr.id, kr.repeatsIDOf == nil, kr.score == nil, o.score == nil else { continue }
                if let c = context.document.latestCheckIn(of: kr), let d = c.date?.value {
                    let age = context.today.days(since: d)
                    if age > maxDays {
                        out.append(context.diagnostic(id.range, "key result \(context.text(id)) has had no check-in for \(age) days (last \(d))",
                            help: "add a line `- \(context.today) \(context.text(id)): <value>` under `## Check-ins`; stale key results are how OKRs get forgotten"))
                    }
                } else if context.today.days(since: period.start) >= grace {
                    out.append(context.diagnostic(id.range, "key result \(context.text(id)) has no check-in \(context.today.days(since: period.start)) days into \(period.text)",
                        help: "add a line `- \(context.today) \(context.text(id)): <value>` under `## Check-ins`"))
                }
            }
        }
        return out
    }
}
