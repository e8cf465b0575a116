public struct SandbaggingRule: DocumentRule {
    public init() {}
    public static let description = RuleDescription(
        id: "sandbagging",
        summary: "Every key result of an objective is already met before mid-period: the targets were too timid.",
        rationale: """
        Google's OKR playbook lists sandbagging and timid goals among the traps (aspirational OKRs should average about \
        0.7); Viva Goals flags scores above 0.8 early in the period. Reaching 1.0 on everything before half-time says the \
        bar was set where the team already was.
        """,
        defaultSeverity: .info,
        triggering: [
            RuleExample(exampleHeader + "## ↓O1: A\n### KR1.1: a\n- metric: 0 -> 10 x\n- current: 10 x\n### KR1.2: b\n- metric: >= 5 y\n- current: 6 y\n", today: "2026-10-20"),
        ],
        passing: [
            RuleExample(exampleHeader + "## O1: A\n### KR1.1: a\n- metric: 0 -> 10 x\n- current: 10 x\n### KR1.2: b\n- metric: 0 -> 10 y\n- current: 6 y\n", today: "2026-10-20"),
            RuleExample(exampleHeader + "## O1: A\n### KR1.1: a\n- metric: 0 -> 10 x\n- current: 10 x\n", today: "2026-12-20"),
        ])

    public func check(_ context: Context) -> [Diagnostic] {
        guard let period = context.period, period.contains(context.today), period.elapsedFraction(at: context.today) < 0.5 else { return [] }
        return context.document.objectives.compactMap { o in
            let ps = o.keyResults.map { kr in Progress.keyResult(kr, latest: context.document.latestCheckIn(of: kr)) }
            guard !ps.isEmpty, ps.allSatisfy({ $0 == 1 }) else { return nil }
            return context.diagnostic(o.id?.range ?? o.headingRange,
                "every key result of \(context.text(o.id) ?? "this objective") is already met, \(percent(period.elapsedFraction(at: context.today))) into \(period.text)",
                help: "raise the targets to what would be a stretch, or mark the objective `- type: committed` if meeting it early was the plan")
        }
    }
}
