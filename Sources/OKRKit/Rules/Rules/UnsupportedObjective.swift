public struct UnsupportedObjectiveRule: WorkspaceRule {
    public init() {}

    public struct Options: TopLevelTeamsOption {
        public var topLevelTeams = ["company"]
        public init() {}
        public static let fields: [OptionField<Options>] = [
            .strings("top-level-teams", \.topLevelTeams, "Teams whose objectives are the top level."),
        ]
    }

    public static let description = RuleDescription(
        id: "unsupported-objective",
        summary: "A top-level objective has no team objective aligned to it: nobody is working on it.",
        rationale: """
        Company objectives nobody references get no follow-through (the seed article); alignment is meant to run both \
        ways (Doerr). Reported for objectives of the top level only, once the workspace holds more than one file: the \
        teams named in `top-level-teams`, and files that others align to while they align to no other team. A \
        mid-level team's objective that nobody below aligns to is not reported: teams are free to pursue an objective \
        themselves.
        """,
        defaultSeverity: .warning,
        triggering: [
            RuleExample(exampleCompany.replacingAll("## O2: Be dependable", with: "## ↓O2: Be dependable"),
                        otherFiles: ["platform.okr": exampleHeader + "## O1: A\n- aligns: company/O1\n"]),
        ],
        passing: [
            RuleExample(exampleCompany, otherFiles: ["platform.okr": exampleHeader + "## O1: A\n- aligns: company/O1, company/O2\n"]),
            RuleExample(exampleCompany),
            // A mid-level team (it aligns to the company) need not be supported by every team below it.
            RuleExample(exampleHeader + "## O1: A\n- aligns: company/O1\n## O2: B\n- aligns: company/O2\n",
                        otherFiles: ["company.okr": exampleCompany,
                                     "web.okr": exampleHeader.replacingAll("team: platform", with: "team: web") + "## O1: C\n- aligns: platform/O1\n"]),
            // Serving a key result of the objective supports it.
            RuleExample(exampleCompany.replacingAll("## O2: Be dependable", with: "## O2: Be dependable\n### KR2.1: Uptime\n- metric: >= 99.9%"),
                        otherFiles: ["platform.okr": exampleHeader + "## O1: A\n- aligns: company/O1\n## O2: B\n- aligns: company/KR2.1\n"]),
        ])

    public func check(_ context: Context) -> [Diagnostic] {
        let ws = context.workspace
        guard ws.documents.count > 1 else { return [] }
        let di = context.documentIndex
        let me = ws.documents[di]
        guard context.isTopLevel(di) else { return [] }
        var out: [Diagnostic] = []
        for (oi, o) in me.objectives.enumerated() {
            let r = ObjectiveRef(document: di, objective: oi)
            let supporters = (ws.children[r] ?? []).filter { $0.document != di }
            if supporters.isEmpty {
                let team = me.team ?? "this team"
                out.append(context.diagnostic(o.id?.range ?? o.headingRange,
                    "no team objective aligns to \(team)/\(o.id?.value ?? "?"): nobody is working on it",
                    help: "add `- aligns: \(team)/\(o.id?.value ?? "O1")` to the team objectives that serve it, or drop it from this period (reported for the top level: teams in `top-level-teams` and files others align to that align to no other team)"))
            }
        }
        return out
    }
}
