public struct CarriedOverFromPreviousFileRule: WorkspaceRule {
    public init() {}

    public static let description = RuleDescription(
        id: "carried-over-from-previous-file",
        summary: "A key result is copied from the team's file for the previous period with the same title and metric, and no progress recorded.",
        rationale: """
        The same check as `carried-over-key-result`, for teams that keep a file per period (`web-2026-q3.okr`, then \
        `web-2026-q4.okr`) instead of rewriting one: a key result copied into the new quarter with the same title and \
        metric and still no progress is a commitment nobody worked on, and Google's playbook asks to decide again \
        rather than roll it forward by habit. The previous file is the team's file (same `team`) of the latest period \
        that ends before this one starts, found in the workspace (the first by path if several end that day); a key \
        result is reported when its title (ASCII case and spacing aside) and its metric as written are the same there, and \
        its `current` is still its baseline (or missing, with no check-in). No git is needed. A key result marked \\
        `carried-from: 2026-Q3/KR1.2` (what `okrlint init --from` writes) was carried on purpose and is not reported.
        """,
        defaultSeverity: .info,
        triggering: [
            RuleExample(exampleHeader + "## O1: Fast deploys\n### ↓KR1.1: Cut deploy time\n- metric: 45 -> 15 min\n- current: 45 min\n",
                        otherFiles: ["web-2026-q3.okr": exampleHeader.replacing("2026-Q4", with: "2026-Q3") + "## O1: Deploys\n### KR2.4: cut  DEPLOY time\n- metric: 45 -> 15 min\n- current: 40 min\n"]),
            // The latest earlier period counts, not an older one.
            RuleExample(exampleHeader + "## O1: Grow\n### ↓KR1.1: Grow sign-ups\n- metric: 100 -> 200\n",
                        otherFiles: ["web-q2.okr": exampleHeader.replacing("2026-Q4", with: "2026-Q2") + "## O1: Grow\n### KR1.1: Grow sign-ups\n- metric: 50 -> 80\n",
                                     "web-q3.okr": exampleHeader.replacing("2026-Q4", with: "2026-Q3") + "## O1: Grow\n### KR1.1: Grow sign-ups\n- metric: 100 -> 200\n"]),
        ],
        passing: [
            // Progress this period, a new target, another team, or a later file.
            RuleExample(exampleHeader + "## O1: Fast deploys\n### KR1.1: Cut deploy time\n- metric: 45 -> 15 min\n- current: 30 min\n",
                        otherFiles: ["web-2026-q3.okr": exampleHeader.replacing("2026-Q4", with: "2026-Q3") + "## O1: Deploys\n### KR1.1: Cut deploy time\n- metric: 45 -> 15 min\n"]),
            RuleExample(exampleHeader + "## O1: Fast deploys\n### KR1.1: Cut deploy time\n- metric: 30 -> 10 min\n",
                        otherFiles: ["web-2026-q3.okr": exampleHeader.replacing("2026-Q4", with: "2026-Q3") + "## O1: Deploys\n### KR1.1: Cut deploy time\n- metric: 45 -> 15 min\n"]),
            RuleExample(exampleHeader + "## O1: Fast deploys\n### KR1.1: Cut deploy time\n- metric: 45 -> 15 min\n",
                        otherFiles: ["api-2026-q3.okr": exampleHeader.replacing("2026-Q4", with: "2026-Q3").replacing("team: platform", with: "team: api") + "## O1: Deploys\n### KR1.1: Cut deploy time\n- metric: 45 -> 15 min\n"]),
            RuleExample(exampleHeader + "## O1: Grow\n### KR1.1: Grow sign-ups\n- metric: 100 -> 200\n",
                        otherFiles: ["web-q1.okr": exampleHeader.replacing("2026-Q4", with: "2027-Q1") + "## O1: Grow\n### KR1.1: Grow sign-ups\n- metric: 100 -> 200\n",
                                     "web-q3.okr": exampleHeader.replacing("2026-Q4", with: "2026-Q3") + "## O1: Grow\n### KR1.1: Grow sign-ups\n- metric: 50 -> 80\n"]),
            // Carried on purpose (`okrlint init --from` marks it).
            RuleExample(exampleHeader + "## O1: Fast deploys\n### KR1.1: Cut deploy time\n- metric: 45 -> 15 min\n- carried-from: 2026-Q3/KR2.4\n",
                        otherFiles: ["web-2026-q3.okr": exampleHeader.replacing("2026-Q4", with: "2026-Q3") + "## O1: Deploys\n### KR2.4: Cut deploy time\n- metric: 45 -> 15 min\n"]),
        ])

    public func check(_ context: Context) -> [Diagnostic] {
        let ws = context.workspace
        let me = ws.documents[context.documentIndex]
        guard let team = me.team, let period = me.period, !me.commitments.isEmpty,
              let pi = ws.previousPeriodDocument(team: team, before: period), pi != context.documentIndex else { return [] }
        let previous = ws.documents[pi]
        guard !previous.commitments.isEmpty else { return [] }
        var out: [Diagnostic] = []
        for o in me.objectives {
            for k in o.keyResults {
                guard let c = k.commitment, !k.moved, let id = k.id, let range = k.idRange, Self.contains(previous.commitments, c) else { continue }
                out.append(context.diagnostic(range,
                    "key result \(id) is carried over from \(previous.periodText ?? "the previous period") (\(previous.path)) with the same title and metric and no progress",
                    help: "decide again: drop it, change the approach (new initiatives), or set a target this period can reach; say why in a check-in note"))
            }
        }
        return out
    }

    static func contains(_ sorted: [Int], _ x: Int) -> Bool {
        let i = sorted.partitionPoint { $0 >= x }
        return i < sorted.count && sorted[i] == x
    }
}
