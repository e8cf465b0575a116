public struct DuplicateTeamIDRule: WorkspaceRule {
    public init() {}
    public static let description = RuleDescription(
        id: "duplicate-team-id",
        summary: "Two files of the same team and period define the same objective ID (reported on each of them).",
        rationale: """
        Other files link to an objective as `team/ID`; when two files of one team and period both define `O1`, such a \
        link is ambiguous (IDs must be unique per team, okr-format design note).
        """,
        defaultSeverity: .error,
        triggering: [
            RuleExample(exampleHeader + "## ↓O1: A\n## O3: C\n", otherFiles: ["a-other.okr": exampleHeader + "## O1: B\n## O2: D\n"]),
            // The file whose path sorts first is told too.
            RuleExample(exampleHeader + "## ↓O1: A\n## O3: C\n", otherFiles: ["z-other.okr": exampleHeader + "## O1: B\n## O2: D\n"]),
        ],
        passing: [
            RuleExample(exampleHeader + "## O1: A\n", otherFiles: ["a-other.okr": exampleHeader.replacingAll("2026-Q4", with: "2027-Q1") + "## O1: B\n"]),
        ])

    public func check(_ context: Context) -> [Diagnostic] {
        let di = context.documentIndex
        guard let team = context.workspace.documents[di].team else { return [] }
        let ws = context.workspace
        let me = ws.documents[di]
        // Every file that defines the ID is told, each naming the others: when pre-commit checks only the new
        // file, or only the old one, the finding is still there.
        var out: [Diagnostic] = []
        var reported = Set<String>()
        for o in me.objectives {
            guard let id = o.id, reported.insert(id.value).inserted else { continue }  // later ones: duplicate-id
            let (others, count) = ws.otherDefinitions(of: id.value, in: di)
            guard let first = others.first else { continue }
            let more = count > 1 ? " and \(count - 1) other file\(count == 2 ? "" : "s")" : ""
            let related = others.map { r in
                let other = ws.objective(r)
                let loc = other.idLocation ?? LineColumn(line: 1, column: 1)
                return RelatedLocation(path: ws.documents[r.document].path, range: other.id?.range ?? other.headingRange,
                                       line: Int(loc.line), column: Int(loc.column), message: "\(team)/\(id.value) is also defined here")
            }
            var d = context.diagnostic(id.range, "\(team)/\(id.value) is also defined in \(ws.documents[first.document].path)\(more)",
                help: "renumber one of them; links `\(team)/\(id.value)` cannot tell the two apart")
            d.related = Array(related)
            out.append(d)
        }
        return out
    }
}
