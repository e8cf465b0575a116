public struct ObjectiveAllMilestonesRule: DocumentRule {
    public init() {}

    public struct Options: RuleOptions {
        var minKeyResults = 2
        public init() {}
        public static let fields: [OptionField<Options>] = [
            .int("min-key-results", \.minKeyResults, "Fewest key results an objective needs before all-milestones is reported."),
        ]
    }

    public static let description = RuleDescription(
        id: "objective-all-milestones",
        summary: "Every key result of an objective is a milestone: the objective is a project plan, not an outcome.",
        rationale: """
        A milestone is done or not done: it marks work delivered. An objective whose key results are all milestones \
        measures that the work was done, never what it changed: a project plan. Google's OKR playbook accepts a \
        measurable milestone among key results but asks that key results "describe outcomes, not activities"; \
        Felipe Castro calls a set of deliverables "a task list" and asks for value-based key results (increase or \
        reduce a measure from X to Y). Keep the milestones as initiatives and add at least one key result that \
        measures the change the project is for. Issue 21: published sets (a study plan, a list of documents to \
        deliver) had no finding for this before.
        """,
        defaultSeverity: .warning,
        triggering: [
            RuleExample(exampleHeader + "## ↓O1: Ship the new importer\n### KR1.1: Importer beta live\n- metric: milestone\n### KR1.2: Docs for the importer published\n- metric: milestone\n"),
            RuleExample(exampleHeader + "## ↓O1: Learn Rust\n### KR1.1: Read the book\n- metric: milestone\n### KR1.2: Port one tool\n- metric: milestone\n### KR1.3: Give a talk\n- metric: milestone\n"),
        ],
        passing: [
            RuleExample(exampleHeader + "## O1: Faster imports\n### KR1.1: Importer beta live\n- metric: milestone\n### KR1.2: Import time from 40 to 5 minutes\n- metric: 40 -> 5 min\n"),
            // One milestone alone is too little to call a plan.
            RuleExample(exampleHeader + "## O1: Security\n### KR1.1: SOC 2 report signed\n- metric: milestone\n"),
            RuleExample(exampleHeader + "## O1: Learn Rust\n### KR1.1: Read the book\n- metric: milestone\n### KR1.2: Port one tool\n- metric: milestone\n",
                        options: ["min-key-results": .int(3)]),
        ])

    public func check(_ context: Context) -> [Diagnostic] {
        let least = max(1, context.options.minKeyResults)
        return context.document.objectives.compactMap { o in
            guard o.keyResults.count >= least, o.keyResults.allSatisfy({ $0.metric?.kind == .milestone }) else { return nil }
            let name = context.text(o.id) ?? "objective"
            return context.diagnostic(o.id?.range ?? o.title.range,
                "objective \(name) is a project plan: all \(o.keyResults.count) key results are milestones, so it measures work done, not what it changes",
                help: "keep the milestones as initiatives (`- [ ] ...`) and add a key result that measures the change the work is for (\"Grow <measure> from X to Y\")")
        }
    }
}
