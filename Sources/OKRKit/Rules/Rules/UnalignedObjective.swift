public struct UnalignedObjectiveRule: WorkspaceRule {
    public init() {}

    public struct Options: TopLevelTeamsOption {
        public var topLevelTeams = ["company"]
        public init() {}
        public static let fields: [OptionField<Options>] = [
            .strings("top-level-teams", \.topLevelTeams, "Teams whose objectives are the top level and align to nothing."),
        ]
    }

    public static let description = RuleDescription(
        id: "unaligned-objective",
        summary: "A team objective aligns to nothing while the workspace has a level above it.",
        rationale: """
        OKRs fail when teams pursue goals nobody above them set (the seed article's "lack of alignment"); Viva Goals \
        alerts on objectives that are not aligned. The top level is exempt: files of the teams in `top-level-teams`, and \
        files that others align to while they align to no other team. Nothing is reported while the workspace has no \
        top-level file and no alignment at all.
        """,
        defaultSeverity: .warning,
        triggering: [
            RuleExample(exampleHeader + "## O1: A\n- aligns: company/O1\n## ↓O2: B\n", otherFiles: ["company.okr": exampleCompany]),
        ],
        passing: [
            RuleExample(exampleHeader + "## O1: A\n- aligns: company/O1\n## O2: B\n- aligns: company/O2\n", otherFiles: ["company.okr": exampleCompany]),
            RuleExample(exampleHeader + "## O1: A\n## O2: B\n"),
            RuleExample(exampleCompany),
            // The top level found from the files: others align to `group`, and it aligns to no other team.
            RuleExample(exampleCompany.replacingAll("team: company", with: "team: group"),
                        options: ["top-level-teams": .strings([])],
                        otherFiles: ["platform.okr": exampleHeader + "## O1: A\n- aligns: group/O1\n"]),
        ])

    public func check(_ context: Context) -> [Diagnostic] {
        let ws = context.workspace
        let di = context.documentIndex
        guard !context.isTopLevel(di) else { return [] }
        let hasTop = context.options.topLevelTeams.contains { ws.teams[$0] != nil }
        guard hasTop || ws.hasAlignment else { return [] }
        return ws.documents[di].objectives.compactMap { o in
            guard o.aligns.isEmpty, !o.hasAlignsProperty else { return nil }
            return context.diagnostic(o.id?.range ?? o.headingRange, "objective \(o.id?.value ?? o.title) aligns to no objective above it",
                help: "add `- aligns: company/O1` naming the objective it serves; if it serves none, ask whether it belongs in this period")
        }
    }
}
