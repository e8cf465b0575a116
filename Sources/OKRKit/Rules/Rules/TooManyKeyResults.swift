public struct TooManyKeyResultsRule: DocumentRule {
    public init() {}

    public struct Options: RuleOptions {
        var max = 5
        public init() {}
        public static let fields: [OptionField<Options>] = [
            .int("max", \.max, "Most key results allowed under one objective."),
        ]
    }

    public static let description = RuleDescription(
        id: "too-many-key-results",
        summary: "An objective has more key results than anyone can track.",
        rationale: """
        re:Work and Doerr recommend 3 to 5 key results per objective; more of them means the objective has no clear \
        shape and progress is spread thin (Viva Goals alerts on "too many KRs").
        """,
        defaultSeverity: .warning,
        triggering: [
            RuleExample(exampleHeader + "## ↓O1: A\n### KR1.1: a\n### KR1.2: b\n### KR1.3: c\n### KR1.4: d\n### KR1.5: e\n### KR1.6: f\n"),
            RuleExample(exampleHeader + "## ↓O1: A\n### KR1.1: a\n### KR1.2: b\n", options: ["max": .int(1)]),
        ],
        passing: [
            RuleExample(exampleHeader + "## O1: A\n### KR1.1: a\n### KR1.2: b\n### KR1.3: c\n"),
        ])

    public func check(_ context: Context) -> [Diagnostic] {
        let max = context.options.max
        return context.document.objectives.compactMap { o in
            guard o.keyResults.count > max else { return nil }
            return context.diagnostic(o.id?.range ?? o.headingRange,
                "objective \(context.text(o.id) ?? context.text(o.title)) has \(o.keyResults.count) key results; the limit is \(max)",
                help: "keep the \(max) that best show the objective is met; the rest may be initiatives or belong to another objective")
        }
    }
}
