public struct UnalignedObjectiveRule: Rule {
    public init() {}
    public let description = RuleDescription(
        id: "unaligned-objective",
        summary: "A team objective aligns to nothing while the workspace has a level above it.",
        rationale: """
        OKRs fail when teams pursue goals nobody above them set (the seed article's "lack of alignment"); Viva Goals \
        alerts on objectives that are not aligned. Files of the top-level teams (option `top-level-teams`) are exempt, \
        and nothing is reported while the workspace has no top-level file and no alignment at all.
        """,
        defaultSeverity: .warning,
        options: [RuleOption("top-level-teams", .strings(["company"]), "Teams whose objectives are the top level and align to nothing.")],
        triggering: [
            RuleExample(exampleHeader + "## O1: A\n- aligns: company/O1\n## ↓O2: B\n", otherFiles: ["company.okr": exampleCompany]),
        ],
        passing: [
            RuleExample(exampleHeader + "## O1: A\n- aligns: company/O1\n## O2: B\n- aligns: company/O2\n", otherFiles: ["company.okr": exampleCompany]),
            RuleExample(exampleHeader + "## O1: A\n## O2: B\n"),
            RuleExample(exampleCompany),
        ])

    public var scope: RuleScope { .workspace }

    public func check(_ context: RuleContext) -> [Diagnostic] {
        let ws = context.workspace
        guard let di = context.documentIndex, !context.isTopLevel(ws.documents[di]) else { return [] }
        let hasTop = context.strings("top-level-teams").contains { ws.teams[$0] != nil }
        guard hasTop || ws.hasAlignment else { return [] }
        return ws.documents[di].objectives.compactMap { o in
            guard o.aligns.isEmpty, !o.hasAlignsProperty else { return nil }
            return context.diagnostic(o.id?.range ?? o.headingRange, "objective \(o.id?.value ?? o.title) aligns to no objective above it",
                help: "add `- aligns: company/O1` naming the objective it serves; if it serves none, ask whether it belongs in this period")
        }
    }
}
