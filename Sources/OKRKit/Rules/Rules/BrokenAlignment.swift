public struct BrokenAlignmentRule: Rule {
    public init() {}
    public let description = RuleDescription(
        id: "broken-alignment",
        summary: "An `aligns` link names a team or objective that does not exist in the workspace.",
        rationale: """
        Alignment is how a team's objective says which company objective it serves (Doerr's "alignment" superpower; \
        Viva Goals alerts on OKRs that are not aligned). A link to nothing is alignment nobody can follow, usually a \
        renamed team or a renumbered objective.
        """,
        defaultSeverity: .error,
        triggering: [
            RuleExample(exampleHeader + "## O1: A\n- aligns: ↓compny/O1\n", otherFiles: ["company.okr": exampleCompany]),
            RuleExample(exampleHeader + "## O1: A\n- aligns: company/O1, ↓company/O9\n", otherFiles: ["company.okr": exampleCompany]),
        ],
        passing: [
            RuleExample(exampleHeader + "## O1: A\n- aligns: company/O1, company/O2\n", otherFiles: ["company.okr": exampleCompany]),
        ])

    public var scope: RuleScope { .workspace }

    public func check(_ context: RuleContext) -> [Diagnostic] {
        guard let di = context.documentIndex else { return [] }
        let ws = context.workspace
        var out: [Diagnostic] = []
        for l in ws.linksByDocument[di] ?? [] where l.parent == nil {
            guard let team = l.link.team else { continue } // in-file links are unknown-reference's
            if ws.teams[team] == nil {
                let hint = Suggest.closest(to: team, in: ws.teams.keys.sorted()).map { "did you mean `\($0)/\(l.link.objectiveID)`?" }
                out.append(context.diagnostic(l.link.range, "no team `\(team)` in the workspace",
                    help: hint ?? "teams: \(ws.teams.keys.sorted().prefix(8).joined(separator: ", ")); a team is the `- team:` of an .okr file under the workspace root"))
            } else {
                let ids = ws.documents(ofTeam: team).flatMap { $0.objectives.compactMap { $0.id?.value } }
                let hint = Suggest.closest(to: l.link.objectiveID, in: ids).map { "did you mean `\(team)/\($0)`?" }
                out.append(context.diagnostic(l.link.range, "team `\(team)` has no objective \(l.link.objectiveID)",
                    help: hint ?? "its objectives: \(ids.prefix(10).joined(separator: ", "))"))
            }
        }
        return out
    }
}
