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
        summary: "An objective's progress is far behind what its key results should show by now.",
        rationale: """
        Viva Goals flags OKRs whose progress is far behind the time elapsed; Google's mid-quarter review exists to catch \
        them while there is time to adapt (the seed article: review and adapt during the quarter). Progress is computed \
        from baseline, target and current (see the README) and compared with what each key result should show by \
        today: a metric moves evenly from the period's start to its `due` date (the key result's, else the \
        objective's, else the period's end); a milestone is binary, so it is expected done only once its due date has \
        passed and counts as 0% expected before (issue 21: a launch due on the last day is not late in week 3). Only \
        checked once `min-elapsed` of the period has gone.
        """,
        defaultSeverity: .warning,
        triggering: [
            RuleExample(exampleHeader + "## ↓O1: A\n### KR1.1: a\n- metric: 0 -> 100 x\n- current: 10 x\n", today: "2026-12-01"),
        ],
        passing: [
            RuleExample(exampleHeader + "## O1: A\n### KR1.1: a\n- metric: 0 -> 100 x\n- current: 60 x\n", today: "2026-12-01"),
            RuleExample(exampleHeader + "## O1: A\n### KR1.1: a\n- metric: 0 -> 100 x\n- current: 0 x\n", today: "2026-10-10"),
            // A milestone due on the last day is not expected done before then (issue 21).
            RuleExample(exampleHeader + "## O1: A\n### KR1.1: a\n- metric: 20 -> 40 %\n- current: 36 %\n### KR1.2: b\n- metric: milestone\n- current: not done\n",
                        today: "2026-12-05"),
        ])

    public func check(_ context: Context) -> [Diagnostic] {
        guard let period = context.period, period.contains(context.today) else { return [] }
        let elapsed = period.elapsedFraction(at: context.today)
        guard elapsed >= context.options.minElapsed else { return [] }
        let tolerance = context.options.tolerance
        return context.document.objectives.compactMap { o in
            guard let p = Progress.objective(o, in: context.document),
                  let expected = Progress.expected(o, in: context.document, period: period, today: context.today),
                  p < expected - tolerance else { return nil }
            let by = percent(expected) == percent(elapsed) ? "" : ", \(percent(expected)) expected by the key results' due dates"
            return context.diagnostic(o.id?.range ?? o.headingRange,
                "objective \(context.text(o.id) ?? "") is at \(percent(p)) with \(percent(elapsed)) of \(period.text) gone\(by)",
                help: "decide now: add or change initiatives, lower the target with the team, or say why in a check-in")
        }
    }
}

func percent(_ v: Double) -> String { "\(Int((v * 100).rounded()))%" }
