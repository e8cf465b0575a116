public struct TooManyObjectivesRule: DocumentRule {
    public init() {}

    public struct Options: RuleOptions {
        var max = 4
        public init() {}
        public static let fields: [OptionField<Options>] = [
            .int("max", \.max, "Most objectives allowed in one file."),
        ]
    }

    public static let description = RuleDescription(
        id: "too-many-objectives",
        summary: "A team file has more objectives than a team can focus on in one period.",
        rationale: """
        Five or six objectives in a quarter dilute focus: when everything is a priority, nothing is (the seed article). \
        Google's re:Work guide and John Doerr recommend 3 to 5 objectives; GitLab's handbook caps a team at 3.
        """,
        defaultSeverity: .warning,
        triggering: [
            RuleExample(exampleHeader + "## O1: A\n## O2: B\n## O3: C\n## O4: D\n## ↓O5: E\n## O6: F\n"),
            RuleExample(exampleHeader + "## O1: A\n## O2: B\n## ↓O3: C\n", options: ["max": .int(2)]),
        ],
        passing: [
            RuleExample(exampleHeader + "## O1: A\n## O2: B\n## O3: C\n## O4: D\n"),
        ])

    public func check(_ context: Context) -> [Diagnostic] {
        let max = context.options.max
        let objectives = context.document.objectives
        guard objectives.count > max else { return [] }
        let first = objectives[max]
        return [context.diagnostic(first.id?.range ?? first.headingRange,
            "\(objectives.count) objectives in one file; the limit is \(max)",
            help: "keep the \(max) that matter most this period; move the others to the next period or under `## Notes`")]
    }
}
