public struct TooFewKeyResultsRule: WorkspaceRule {
    public init() {}

    public struct Options: RuleOptions {
        var min = 2
        var parentsNeedKeyResults = false
        public init() {}
        public static let fields: [OptionField<Options>] = [
            .int("min", \.min, "Fewest key results an objective should have."),
            .bool("parents-need-key-results", \.parentsNeedKeyResults,
                  "Require key results also of objectives that other objectives align to."),
        ]
    }

    public static let description = RuleDescription(
        id: "too-few-key-results",
        summary: "An objective has no key result (error) or fewer than `min` (warning).",
        rationale: """
        Without key results an objective cannot be measured; Google's OKR playbook lists "insufficient KRs" among the \
        traps, and Viva Goals alerts on objectives with no KRs. One KR alone is a single point of failure: re:Work \
        recommends 3 to 5. An objective with no key result is reported as an error (unless the rule is set to info). \
        A parent objective that other objectives align to is measured by them (the cascade of Measure What Matters, \
        where a company objective's progress is its teams'), so it needs no key results of its own unless \
        `parents-need-key-results` is set.
        """,
        defaultSeverity: .warning,
        triggering: [
            RuleExample(exampleHeader + "## ↓O1: Make deploys boring\n- owner: @dana\n"),
            RuleExample(exampleHeader + "## ↓O1: Make deploys boring\n### KR1.1: Cut deploy time\n"),
            RuleExample(exampleCompany.replacingAll("## O", with: "## ↓O"),
                        options: ["parents-need-key-results": .bool(true)],
                        otherFiles: ["platform.okr": exampleHeader + "## O1: A\n- aligns: company/O1\n### KR1.1: a\n### KR1.2: b\n"]),
        ],
        passing: [
            RuleExample(exampleHeader + "## O1: Make deploys boring\n### KR1.1: Cut deploy time\n### KR1.2: Ship more often\n"),
            RuleExample(exampleHeader + "## O1: A\n### KR1.1: a\n", options: ["min": .int(1)]),
            // Measured by the team objectives aligned to it.
            RuleExample(exampleCompany.replacingAll("## O2: Be dependable\n", with: ""),
                        otherFiles: ["platform.okr": exampleHeader + "## O1: A\n- aligns: company/O1\n### KR1.1: a\n### KR1.2: b\n"]),
        ])

    public func check(_ context: Context) -> [Diagnostic] {
        let di = context.documentIndex
        let ws = context.workspace
        let min = context.options.min
        let parentsToo = context.options.parentsNeedKeyResults
        return ws.documents[di].objectives.enumerated().compactMap { oi, o in
            if !parentsToo && ws.children[ObjectiveRef(document: di, objective: oi)] != nil { return nil }
            let name = o.id?.value ?? o.title
            let range = o.id?.range ?? o.headingRange
            if o.keyResults.isEmpty {
                return context.diagnostic(range, "objective \(name) has no key results",
                    help: "add 2-5 key results (`### KR1.1: ...` with a `- metric:`) that show the objective is met, or align team objectives to it (`- aligns: team/\(o.id?.value ?? "O1")`) that measure it",
                    severity: context.severity == .info ? .info : .error)
            }
            guard o.keyResults.count < min else { return nil }
            return context.diagnostic(range,
                "objective \(name) has \(o.keyResults.count) key result\(o.keyResults.count == 1 ? "" : "s"); at least \(min) expected",
                help: "add key results that measure the objective from another side (quality as well as quantity)")
        }
    }
}
