public struct MissingOwnerRule: DocumentRule {
    public init() {}

    public struct Options: RuleOptions {
        var keyResults = true
        public init() {}
        public static let fields: [OptionField<Options>] = [
            .bool("key-results", \.keyResults, "Also report key results without an owner (at info)."),
        ]
    }

    public static let description = RuleDescription(
        id: "missing-owner",
        summary: "An objective has no owner (warning); a key result has no owner (info).",
        rationale: """
        Every objective needs one accountable owner: Viva Goals alerts on OKRs with no owner, and Google's playbook \
        expects each OKR to have someone who reports on it. A key result without an owner falls to the objective's owner, \
        so it is only reported as info. The header's owner does not count for objectives.
        """,
        defaultSeverity: .warning,
        triggering: [
            RuleExample(exampleHeader + "## ↓O1: Make deploys boring\n### KR1.1: Cut deploy time\n- owner: @raj\n"),
            RuleExample(exampleHeader + "## O1: Make deploys boring\n- owner: @dana\n### ↓KR1.1: Cut deploy time\n"),
        ],
        passing: [
            RuleExample(exampleHeader + "## O1: Make deploys boring\n- owner: @dana\n### KR1.1: Cut deploy time\n- owner: @raj\n"),
            RuleExample(exampleHeader + "## O1: Make deploys boring\n- owner: @dana\n### KR1.1: Cut deploy time\n", options: ["key-results": .bool(false)]),
        ])

    public func check(_ context: Context) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let krs = context.options.keyResults
        for o in context.document.objectives {
            if o.owner == nil && o.property("owner") == nil {
                out.append(context.diagnostic(o.id?.range ?? o.headingRange,
                    "objective \(context.text(o.id) ?? context.text(o.title)) has no owner",
                    help: "add `- owner: @name` under the heading: one person accountable for it"))
            }
            guard krs else { continue }
            for kr in o.keyResults where kr.owner == nil && kr.property("owner") == nil {
                out.append(context.diagnostic(kr.id?.range ?? kr.headingRange,
                    "key result \(context.text(kr.id) ?? context.text(kr.title)) has no owner",
                    help: "add `- owner: @name`; until then it falls to the objective's owner",
                    severity: min(context.severity, .info)))
            }
        }
        return out
    }
}
