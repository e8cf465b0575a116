public struct MilestoneWithoutDueRule: DocumentRule {
    public init() {}

    public static let description = RuleDescription(
        id: "milestone-without-due",
        summary: "A milestone key result has no due date, so nothing shows it is late before the period ends.",
        rationale: """
        A milestone is binary: it has no progress to watch until it is done. Google's OKR playbook accepts a \
        milestone as a key result when it can be checked by a date ("publish average and tail latency measurements \
        from six Colossus cells by March 7"), and the GitLab handbook and the playbook warn about key results that \
        are all due on the quarter's last day (no real plan). Without a date, `behind-schedule` can only expect it on \
        the period's last day (issue 21), so a slipping milestone surfaces when it is too late. The rule reports a \
        milestone with no `due`, whose objective has no `due` either and whose title names no date ("by March 7", \
        "by end of Q3"); a milestone already done, or scored, is left alone. An info: a note for the planning \
        meeting, not a failure.
        """,
        defaultSeverity: .info,
        triggering: [
            RuleExample(exampleHeader + "## O1: Faster imports\n### ↓KR1.1: Importer beta live\n- metric: milestone\n### KR1.2: Import time from 40 to 5 minutes\n- metric: 40 -> 5 min\n"),
        ],
        passing: [
            RuleExample(exampleHeader + "## O1: Faster imports\n### KR1.1: Importer beta live\n- metric: milestone\n- due: 2026-11-15\n"),
            RuleExample(exampleHeader + "## O1: Faster imports\n- due: 2026-11-30\n### KR1.1: Importer beta live\n- metric: milestone\n"),
            RuleExample(exampleHeader + "## O1: Latency\n### KR1.1: Publish tail latency measurements by March 7\n- metric: milestone\n"),
            RuleExample(exampleHeader + "## O1: Faster imports\n### KR1.1: Importer beta live\n- metric: milestone\n- current: done\n"),
        ])

    public func check(_ context: Context) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for o in context.document.objectives where o.due == nil && o.score == nil {
            for kr in o.keyResults where kr.metric?.kind == .milestone && kr.due == nil && kr.score == nil {
                let latest = context.document.latestCheckIn(of: kr)
                if StaleCheckInRule.isDoneMilestone(kr, latest: latest) { continue }
                let title = context.text(kr.title)
                if OutputClassifier.hasDeadline(title) { continue }
                let name = context.text(kr.id) ?? "key result"
                out.append(context.diagnostic(kr.id?.range ?? kr.headingRange,
                    "milestone \(name) has no due date: until it is done it shows no progress, so nothing says it is late before the period ends",
                    help: "add `- due: YYYY-MM-DD` (the day it should be done), or split it into milestones with their own dates"))
            }
        }
        return out
    }
}
