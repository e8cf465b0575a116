public struct AlignmentCycleRule: WorkspaceRule {
    public init() {}
    public static let description = RuleDescription(
        id: "alignment-cycle",
        summary: "Objectives align to each other in a loop, or an objective aligns to itself.",
        rationale: """
        Alignment is a hierarchy: team objectives serve the objectives above them (Doerr, re:Work). A loop has no top, \
        so its objectives serve nothing, and progress cannot roll up through it.
        """,
        defaultSeverity: .error,
        triggering: [
            RuleExample(exampleHeader + "## O1: A\n- aligns: ↓company/O1\n",
                        otherFiles: ["company.okr": exampleCompany.replacingAll("## O1: Win mid-market teams", with: "## O1: Win mid-market teams\n- aligns: platform/O1")]),
            RuleExample(exampleHeader + "## O1: A\n- aligns: ↓O2\n## O2: B\n- aligns: ↓O1\n"),
            RuleExample(exampleHeader + "## O1: A\n- aligns: ↓O1\n"),
            // Loops that share objectives (O1 -> O4 -> O3 -> O1 and O1 -> O2 -> O3 -> O1): every link on either.
            RuleExample(exampleHeader + "## O1: A\n- aligns: ↓O4, ↓O2\n## O2: B\n- aligns: ↓O3\n## O3: C\n- aligns: ↓O1\n## O4: D\n- aligns: ↓O3\n"),
        ],
        passing: [
            RuleExample(exampleHeader + "## O1: A\n- aligns: company/O1\n## O2: B\n- aligns: O1\n", otherFiles: ["company.okr": exampleCompany]),
        ])

    public func check(_ context: Context) -> [Diagnostic] {
        let di = context.documentIndex
        let ws = context.workspace
        var out: [Diagnostic] = []
        for l in ws.linksByDocument[di] ?? [] {
            guard let p = l.parent, let loop = ws.loopText(child: l.child, parent: p) else { continue }
            out.append(context.diagnostic(l.link.range, "alignment loop: \(loop)",
                help: l.child == p ? "an objective cannot serve itself; align it to the objective above it" : "alignment points up the hierarchy; remove the link that points back down"))
        }
        return out
    }
}
