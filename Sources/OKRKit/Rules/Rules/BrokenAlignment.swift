public struct BrokenAlignmentRule: WorkspaceRule {
    public init() {}
    public static let description = RuleDescription(
        id: "broken-alignment",
        summary: "An `aligns` link names a team or objective that does not exist in the workspace (also reported on the file that should define it).",
        rationale: """
        Alignment is how a team's objective says which company objective it serves (Doerr's "alignment" superpower; \
        Viva Goals alerts on OKRs that are not aligned). A link to nothing is alignment nobody can follow, usually a \
        renamed team or a renumbered objective.
        """,
        defaultSeverity: .error,
        triggering: [
            RuleExample(exampleHeader + "## O1: A\n- aligns: ↓compny/O1\n", otherFiles: ["company.okr": exampleCompany]),
            // The company file renumbered O2 to O3; the team file that still links to company/O2 is not checked.
            RuleExample(exampleCompany.replacingAll("## O1", with: "## ↓O1").replacingAll("## O2", with: "## O3"),
                        otherFiles: ["teams/platform.okr": exampleHeader + "## O1: A\n- aligns: company/O2\n"]),
            RuleExample(exampleHeader + "## O1: A\n- aligns: company/O1, ↓company/O9\n", otherFiles: ["company.okr": exampleCompany]),
        ],
        passing: [
            RuleExample(exampleHeader + "## O1: A\n- aligns: company/O1, company/O2\n", otherFiles: ["company.okr": exampleCompany]),
        ])

    public func check(_ context: Context) -> [Diagnostic] {
        let di = context.documentIndex
        let ws = context.workspace
        var out: [Diagnostic] = []
        var budget = Suggest.fileBudget
        var idsByTeam: [String: [String]] = [:]
        func ids(of team: String) -> [String] {
            if let known = idsByTeam[team] { return known }
            let list = ws.documents(ofTeam: team).flatMap { $0.objectives.compactMap { $0.id?.value } }
            idsByTeam[team] = list
            return list
        }
        for l in ws.linksByDocument[di] ?? [] where l.parent == nil {
            guard let team = l.link.team else { continue } // in-file links are unknown-reference's
            if ws.teams[team] == nil {
                let hint = Suggest.closest(to: team, in: ws.teamNames, budget: &budget).map { "did you mean `\($0)/\(l.link.objectiveID)`?" }
                out.append(context.diagnostic(l.link.range, "no team `\(team)` in the workspace",
                    help: hint ?? "teams: \(ws.teamNames.prefix(8).joined(separator: ", ")); a team is the `- team:` of an .okr file under the workspace root"))
            } else {
                let ids = ids(of: team)
                let hint = Suggest.closest(to: l.link.objectiveID, in: ids, budget: &budget).map { "did you mean `\(team)/\($0)`?" }
                out.append(context.diagnostic(l.link.range, "team `\(team)` has no objective \(l.link.objectiveID)",
                    help: hint ?? "its objectives: \(ids.prefix(10).joined(separator: ", "))"))
            }
        }
        out += incoming(di, ws, context, &budget)
        return out
    }

    /// Links from files this run does not report on, to objectives this file was meant to define: when pre-commit
    /// checks only the company file in which O3 was renumbered, the team files that still link to `company/O3`
    /// are named here (one finding per missing ID, at the objective whose ID is closest, else at the title).
    func incoming(_ di: Int, _ ws: Workspace, _ context: Context, _ budget: inout Int) -> [Diagnostic] {
        guard let links = ws.brokenIncoming[di], let team = ws.documents[di].team else { return [] }
        var byID: [String: [ResolvedLink]] = [:]
        var order: [String] = []
        for l in links where !ws.isReported(l.child.document) {
            if byID[l.link.objectiveID] == nil { order.append(l.link.objectiveID) }
            byID[l.link.objectiveID, default: []].append(l)
        }
        let me = ws.documents[di]
        let myIDs = me.objectives.compactMap { $0.id?.value }
        var out: [Diagnostic] = []
        for id in order {
            let from = byID[id]!
            let files = Array(Set(from.map { ws.documents[$0.child.document].path })).sorted()
            let named = files.prefix(3).joined(separator: ", ") + (files.count > 3 ? " and \(files.count - 3) more" : "")
            let closest = Suggest.closest(to: id, in: myIDs, budget: &budget)
            let at = closest.flatMap { c in me.objectives.first { $0.id?.value == c }?.id?.range } ?? me.titleRange ?? SourceRange(start: 0, end: 0)
            var d = context.diagnostic(at, "\(team)/\(id) is linked from \(named), but no file of team `\(team)` defines it",
                help: (closest.map { "if \(id) is now \($0), update the links to `\(team)/\($0)`; " } ?? "") + "restore \(id) or change the `aligns` lines that name it")
            d.related = from.map { l in
                let loc = ws.documents[l.child.document].linkLocation(objective: l.child.objective, link: l.index)
                return RelatedLocation(path: ws.documents[l.child.document].path, range: l.link.range, line: Int(loc.line), column: Int(loc.column),
                                       message: "aligns to \(team)/\(id)")
            }
            out.append(d)
        }
        return out
    }
}
