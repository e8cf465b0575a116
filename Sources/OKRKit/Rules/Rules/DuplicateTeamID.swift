public struct DuplicateTeamIDRule: Rule {
    public init() {}
    public let description = RuleDescription(
        id: "duplicate-team-id",
        summary: "Two files of the same team and period define the same objective ID.",
        rationale: """
        Other files link to an objective as `team/ID`; when two files of one team and period both define `O1`, such a \
        link is ambiguous (IDs must be unique per team, okr-format design note).
        """,
        defaultSeverity: .error,
        triggering: [
            RuleExample(exampleHeader + "## ↓O1: A\n## O3: C\n", otherFiles: ["a-other.okr": exampleHeader + "## O1: B\n## O2: D\n"]),
        ],
        passing: [
            RuleExample(exampleHeader + "## O1: A\n", otherFiles: ["a-other.okr": exampleHeader.replacingAll("2026-Q4", with: "2027-Q1") + "## O1: B\n"]),
        ])

    public var scope: RuleScope { .workspace }

    public func check(_ context: RuleContext) -> [Diagnostic] {
        guard let di = context.documentIndex, let team = context.workspace.documents[di].team else { return [] }
        let ws = context.workspace
        let me = ws.documents[di]
        let period = me.periodText
        // The file whose path sorts first keeps the ID; the others are reported.
        let earlier = (ws.teams[team] ?? []).filter { $0 != di && ws.documents[$0].periodText == period && ws.documents[$0].path < me.path }
        guard !earlier.isEmpty else { return [] }
        var out: [Diagnostic] = []
        for o in me.objectives {
            guard let id = o.id else { continue }
            if let other = earlier.first(where: { ws.documents[$0].objectives.contains { $0.id?.value == id.value } }) {
                out.append(context.diagnostic(id.range, "\(team)/\(id.value) is also defined in \(ws.documents[other].path)",
                    help: "renumber one of them; links `\(team)/\(id.value)` cannot tell the two apart"))
            }
        }
        return out
    }
}
