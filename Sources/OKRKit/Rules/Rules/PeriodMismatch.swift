public struct PeriodMismatchRule: WorkspaceRule {
    public init() {}
    public static let description = RuleDescription(
        id: "period-mismatch",
        summary: "An `aligns` link reaches an objective of a period that does not contain this file's period.",
        rationale: """
        A quarter's objective can serve an objective of the same quarter or of the year around it; a link to last \
        quarter's objective is alignment to a goal that is already closed (OKRs are time-boxed: Google, Doerr).
        """,
        defaultSeverity: .warning,
        triggering: [
            RuleExample(exampleHeader + "## O1: A\n- aligns: ↓company/O1\n",
                        otherFiles: ["company.okr": exampleCompany.replacingAll("2026-Q4", with: "2026-Q3")]),
        ],
        passing: [
            RuleExample(exampleHeader + "## O1: A\n- aligns: company/O1\n",
                        otherFiles: ["company.okr": exampleCompany.replacingAll("2026-Q4", with: "2026")]),
        ])

    public func check(_ context: Context) -> [Diagnostic] {
        let di = context.documentIndex
        guard let mine = context.workspace.documents[di].period else { return [] }
        let ws = context.workspace
        var out: [Diagnostic] = []
        for l in ws.linksByDocument[di] ?? [] {
            guard let p = l.parent, p.document != di, let theirs = ws.documents[p.document].period else { continue }
            if !(theirs.contains(mine.start) && theirs.contains(mine.end)) {
                out.append(context.diagnostic(l.link.range, "\(l.link.display) is an objective of \(theirs.text), but this file is \(mine.text)",
                    help: "link to the \(mine.text) objective it serves (the parent's period must contain this one)"))
            }
        }
        return out
    }
}
