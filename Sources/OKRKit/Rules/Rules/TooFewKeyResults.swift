public struct TooFewKeyResultsRule: Rule {
    public init() {}
    public let description = RuleDescription(
        id: "too-few-key-results",
        summary: "An objective has no key result (error) or fewer than `min` (warning).",
        rationale: """
        Without key results an objective cannot be measured; Google's OKR playbook lists "insufficient KRs" among the \
        traps, and Viva Goals alerts on objectives with no KRs. One KR alone is a single point of failure: re:Work \
        recommends 3 to 5. An objective with no key result is reported as an error (unless the rule is set to info).
        """,
        defaultSeverity: .warning,
        options: [RuleOption("min", .int(2), "Fewest key results an objective should have.")],
        triggering: [
            RuleExample(exampleHeader + "## ↓O1: Make deploys boring\n- owner: @dana\n"),
            RuleExample(exampleHeader + "## ↓O1: Make deploys boring\n### KR1.1: Cut deploy time\n"),
        ],
        passing: [
            RuleExample(exampleHeader + "## O1: Make deploys boring\n### KR1.1: Cut deploy time\n### KR1.2: Ship more often\n"),
            RuleExample(exampleHeader + "## O1: A\n### KR1.1: a\n", options: ["min": .int(1)]),
        ])

    public func check(_ context: RuleContext) -> [Diagnostic] {
        let min = context.int("min")
        return context.document.objectives.compactMap { o in
            let name = o.id?.value ?? o.title.value
            let range = o.id?.range ?? o.headingRange
            if o.keyResults.isEmpty {
                return context.diagnostic(range, "objective \(name) has no key results",
                    help: "add 2-5 key results (`### KR1.1: ...` with a `- metric:`) that show the objective is met",
                    severity: context.severity == .info ? .info : .error)
            }
            guard o.keyResults.count < min else { return nil }
            return context.diagnostic(range,
                "objective \(name) has \(o.keyResults.count) key result\(o.keyResults.count == 1 ? "" : "s"); at least \(min) expected",
                help: "add key results that measure the objective from another side (quality as well as quantity)")
        }
    }
}
