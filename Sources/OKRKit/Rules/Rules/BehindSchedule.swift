public struct BehindScheduleRule: DocumentRule {
    public init() {}

    public struct Options: RuleOptions {
        var tolerance = 0.25
        var minElapsed = 0.25
        public init() {}
        public static let fields: [OptionField<Options>] = [
            .double("tolerance", \.tolerance, "How far (0-1) progress may trail the elapsed share of the period."),
            .double("min-elapsed", \.minElapsed, "Share of the period that must have gone before the rule reports."),
        ]
    }

    public static let description = RuleDescription(
        id: "behind-schedule",
        summary: "An objective's progress is far behind the share of the period already gone.",
        rationale: """
        Viva Goals flags OKRs whose progress is far behind the time elapsed; Google's mid-quarter review exists to catch \
        them while there is time to adapt (the seed article: review and adapt during the quarter). Progress is computed \
        from baseline, target and current (see the README); only checked once `min-elapsed` of the period has gone.
        """,
        defaultSeverity: .warning,
        triggering: [
            RuleExample(exampleHeader + "## ↓O1: A\n### KR1.1: a\n- metric: 0 -> 100 x\n- current: 10 x\n", today: "2026-12-01"),
        ],
        passing: [
            RuleExample(exampleHeader + "## O1: A\n### KR1.1: a\n- metric: 0 -> 100 x\n- current: 60 x\n", today: "2026-12-01"),
            RuleExample(exampleHeader + "## O1: A\n### KR1.1: a\n- metric: 0 -> 100 x\n- current: 0 x\n", today: "2026-10-10"),
        ])

    public func check(_ context: Context) -> [Diagnostic] {
        guard let period = context.period, period.contains(context.today) else { return [] }
        let elapsed = period.elapsedFraction(at: context.today)
        guard elapsed >= context.options.minElapsed else { return [] }
        let tolerance = context.options.tolerance
        return context.document.objectives.compactMap { o in
            guard let p = Progress.objective(o, in: context.document), p < elapsed - tolerance else { return nil }
            return context.diagnostic(o.id?.range ?? o.headingRange,
                "objective \(context.text(o.id) ?? "") is at \(percent(p)) with \(percent(elapsed)) of \(period.text) gone",
                help: "decide now: add or change initiatives, lower the target with the team, or say why in a check-in")
        }
    }
}

func percent(_ v: Double) -> String { "\(Int((v * 100).rounded()))%" }
