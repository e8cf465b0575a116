public struct NextPeriodNotPlannedRule: WorkspaceRule {
    public init() {}

    public struct Options: RuleOptions {
        var daysBeforeEnd = 14
        var daysBeforeEndOfYear = 92
        public init() {}
        public static let fields: [OptionField<Options>] = [
            .int("days-before-end", \.daysBeforeEnd, "How many days before a period's end the team should have a file for the next period."),
            .int("days-before-end-of-year", \.daysBeforeEndOfYear, "The same for a period of a year or longer (plan the next year during its last quarter)."),
        ]
    }

    public static let description = RuleDescription(
        id: "next-period-not-planned",
        summary: "A period is about to end and the team has no file for the next one.",
        rationale: """
        OKRs work as a cadence: the next set is drafted, discussed and aligned before the current one ends, so the \
        new quarter starts with goals rather than a planning meeting (the pitfall "no follow-through"). Google's \
        playbook and re:Work set the next quarter's OKRs at the end of the current one, and Doerr advises drafting \
        the next year's company OKRs during Q4; the GitLab handbook starts its OKR schedule weeks before the quarter. \
        In the last `days-before-end` days of a period (default 14; `days-before-end-of-year`, default 92, for a \
        year or longer), a team with no file in the workspace whose period starts after this one's is reported, on \
        its file for the period. An info: a reminder, and `okrlint init --from FILE` writes the next file.
        """,
        defaultSeverity: .info,
        triggering: [
            RuleExample(exampleHeader.replacing("# Platform team OKRs", with: "# ↓Platform team OKRs") + "## O1: A\n### KR1.1: a\n- metric: 0 -> 10 x\n", today: "2026-12-20"),
        ],
        passing: [
            RuleExample(exampleHeader + "## O1: A\n### KR1.1: a\n- metric: 0 -> 10 x\n", today: "2026-12-20",
                        otherFiles: ["platform-2027-q1.okr": exampleHeader.replacing("2026-Q4", with: "2027-Q1") + "## O1: A\n### KR1.1: a\n- metric: 0 -> 10 x\n"]),
            RuleExample(exampleHeader + "## O1: A\n### KR1.1: a\n- metric: 0 -> 10 x\n", today: "2026-11-25"),
            RuleExample(exampleHeader + "## O1: A\n### KR1.1: a\n- metric: 0 -> 10 x\n", options: ["days-before-end": .int(7)], today: "2026-12-20"),
        ])

    public func check(_ context: Context) -> [Diagnostic] {
        let ws = context.workspace
        let me = ws.documents[context.documentIndex]
        guard let team = me.team, let period = me.period, period.contains(context.today) else { return [] }
        let window = period.lengthInDays >= 360 ? context.options.daysBeforeEndOfYear : context.options.daysBeforeEnd
        let left = period.end.days(since: context.today)
        guard left < max(0, window) else { return [] }
        let planned = (ws.teams[team] ?? []).contains { di in
            guard di != context.documentIndex, let p = ws.documents[di].period else { return false }
            return p.start > period.start && p.end > period.end
        }
        guard !planned else { return [] }
        return [context.diagnostic(me.titleRange ?? SourceRange(start: 0, end: 0),
            "\(period.text) ends in \(left) day\(left == 1 ? "" : "s") and team \(team) has no file for the next period",
            help: "draft the next period's OKRs now: `okrlint init --from \(me.path)` writes the file with the unfinished key results carried over")]
    }
}
