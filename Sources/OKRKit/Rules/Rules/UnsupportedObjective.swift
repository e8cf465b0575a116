public struct UnsupportedObjectiveRule: Rule {
    public init() {}
    public let description = RuleDescription(
        id: "unsupported-objective",
        summary: "A parent objective has no team objective aligned to it: nobody is working on it.",
        rationale: """
        Company objectives nobody references get no follow-through (the seed article); alignment is meant to run both \
        ways (Doerr). Reported for objectives of the top-level teams (option `top-level-teams`) and of any file other \
        files align to, once the workspace holds more than one file.
        """,
        defaultSeverity: .warning,
        options: [RuleOption("top-level-teams", .strings(["company"]), "Teams whose objectives are the top level.")],
        triggering: [
            RuleExample(exampleCompany.replacingAll("## O2: Be dependable", with: "## ↓O2: Be dependable"),
                        otherFiles: ["platform.okr": exampleHeader + "## O1: A\n- aligns: company/O1\n"]),
        ],
        passing: [
            RuleExample(exampleCompany, otherFiles: ["platform.okr": exampleHeader + "## O1: A\n- aligns: company/O1, company/O2\n"]),
            RuleExample(exampleCompany),
        ])

    public var scope: RuleScope { .workspace }

    public func check(_ context: RuleContext) -> [Diagnostic] {
        let ws = context.workspace
        guard ws.documents.count > 1, let di = context.documentIndex else { return [] }
        let me = ws.documents[di]
        guard context.isTopLevel(me) || ws.isParentLevel(di) else { return [] }
        var out: [Diagnostic] = []
        for (oi, o) in me.objectives.enumerated() {
            let r = ObjectiveRef(document: di, objective: oi)
            let supporters = (ws.children[r] ?? []).filter { $0.document != di }
            if supporters.isEmpty {
                let team = me.team ?? "this team"
                out.append(context.diagnostic(o.id?.range ?? o.headingRange,
                    "no team objective aligns to \(team)/\(o.id?.value ?? "?"): nobody is working on it",
                    help: "add `- aligns: \(team)/\(o.id?.value ?? "O1")` to the team objectives that serve it, or drop it from this period"))
            }
        }
        return out
    }
}
