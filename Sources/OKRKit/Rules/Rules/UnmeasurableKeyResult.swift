public struct UnmeasurableKeyResultRule: DocumentRule {
    public init() {}

    public struct Options: RuleOptions {
        var vagueWords = ["improve", "better", "enhance", "optimize", "optimise", "increase",
                          "reduce", "grow", "boost", "maximize", "minimize", "strengthen", "more", "less"]
        /// `vagueWords` as a set, made by `prepare`.
        var vague: Set<String> = []
        public init() {}
        public static let fields: [OptionField<Options>] = [
            .strings("vague-words", \.vagueWords, "Words that make a KR without a metric read as a wish rather than a measure."),
        ]
        public mutating func prepare() { vague = Set(vagueWords) }
    }

    public static let description = RuleDescription(
        id: "unmeasurable-key-result",
        summary: "A key result has no metric, so nobody can say at the end of the period whether it was met.",
        rationale: """
        Key results must be measurable: "it's not a key result unless it has a number" (Marissa Mayer, quoted in \
        Doerr's Measure What Matters); Google's playbook grades every KR from 0.0 to 1.0, which needs a baseline and a \
        target. GitLab's handbook asks KRs to be written "from x to y". Vague verbs such as "improve" without a target are \
        the most common failure.
        """,
        defaultSeverity: .error,
        triggering: [
            RuleExample(exampleHeader + "## O1: Delight customers\n### ↓KR1.1: Improve the onboarding experience\n- owner: @dana\n"),
            RuleExample(exampleHeader + "## O1: Delight customers\n### ↓KR1.1: Customers love the product\n"),
        ],
        passing: [
            RuleExample(exampleHeader + "## O1: Delight customers\n### KR1.1: Raise onboarding completion\n- metric: 40% -> 70%\n"),
            RuleExample(exampleHeader + "## O1: Delight customers\n### KR1.1: Release the EU region\n- metric: milestone\n"),
        ])

    public func check(_ context: Context) -> [Diagnostic] {
        let vague = context.options.vague
        var out: [Diagnostic] = []
        for o in context.document.objectives {
            for kr in o.keyResults where kr.metric == nil {
                // A metric that failed to parse is already a syntax error.
                if kr.property("metric") != nil { continue }
                let name = context.text(kr.id) ?? context.text(kr.title)
                let range = kr.id?.range ?? kr.headingRange
                let words = context.text(kr.title).lowercasedWords
                if let v = words.first(where: { vague.contains($0) }) {
                    out.append(context.diagnostic(range,
                        "key result \(name) says \"\(v)\" but has no metric: how much, from what, to what?",
                        help: "add `- metric: <baseline> -> <target> <unit>`, e.g. `- metric: 40% -> 70%`"))
                } else if !context.text(kr.title).containsDigit {
                    out.append(context.diagnostic(range,
                        "key result \(name) has no metric and no number",
                        help: "add `- metric: <baseline> -> <target> <unit>` (or `- metric: milestone` for a yes/no result)"))
                } else {
                    out.append(context.diagnostic(range,
                        "key result \(name) has a number in its title but no `metric`, so its progress cannot be computed",
                        help: "move the numbers into `- metric: <baseline> -> <target> <unit>`"))
                }
            }
        }
        return out
    }
}
