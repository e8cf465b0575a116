public struct UnscoredAfterPeriodRule: DocumentRule {
    public init() {}

    public struct Options: RuleOptions {
        var graceDays = 14
        public init() {}
        public static let fields: [OptionField<Options>] = [
            .int("grace-days", \.graceDays, "Days after the period's end before objectives and key results without a `score` are reported."),
        ]
    }

    public static let description = RuleDescription(
        id: "unscored-after-period",
        summary: "The period has ended and objectives or key results still have no `score`.",
        rationale: """
        The end of a period is when OKRs are graded and the lessons drawn: Google's playbook scores every key result \
        0.0 to 1.0 at the end of the quarter and reads the scores for the next cycle; Doerr's Measure What Matters \
        ends each cycle with scoring and reflection; Viva Goals closes OKRs in the last weeks of the period. \
        Skipping it is the pitfall "failure to review and adapt": nobody learns whether the bets paid off. \
        `grace-days` after the end (default 14, the time a review takes to schedule), each objective with no \
        `score`, or with key results that have none, is reported once, naming them.
        """,
        defaultSeverity: .warning,
        triggering: [
            RuleExample(exampleHeader + "## ↓O1: Make deploys boring\n### KR1.1: Cut deploy time\n- metric: 45 -> 15 min\n- score: 0.7\n### KR1.2: Raise deploys per week\n- metric: 12 -> 30 deploys/wk\n",
                        today: "2027-01-20"),
        ],
        passing: [
            RuleExample(exampleHeader + "## O1: Make deploys boring\n- score: 0.6\n### KR1.1: Cut deploy time\n- metric: 45 -> 15 min\n- score: 0.7\n### KR1.2: Raise deploys per week\n- metric: 12 -> 30 deploys/wk\n- score: 0.5\n",
                        today: "2027-01-20"),
            // Within the grace period, or while the period runs.
            RuleExample(exampleHeader + "## O1: Make deploys boring\n### KR1.1: Cut deploy time\n- metric: 45 -> 15 min\n", today: "2027-01-05"),
            RuleExample(exampleHeader + "## O1: Make deploys boring\n### KR1.1: Cut deploy time\n- metric: 45 -> 15 min\n",
                        options: ["grace-days": .int(30)], today: "2027-01-20"),
        ])

    public func check(_ context: Context) -> [Diagnostic] {
        guard let period = context.period else { return [] }
        let late = context.today.days(since: period.end)
        guard late > max(0, context.options.graceDays) else { return [] }
        var out: [Diagnostic] = []
        for o in context.document.objectives {
            let krs = o.keyResults.filter { $0.score == nil }.compactMap { context.text($0.id) }
            guard o.score == nil || !krs.isEmpty else { continue }
            let name = context.text(o.id) ?? "objective"
            var what: [String] = []
            if o.score == nil { what.append("objective \(name)") }
            if !krs.isEmpty {
                what.append(krs.count == o.keyResults.count && krs.count > 1 ? "its \(krs.count) key results" : (krs.count == 1 ? "key result \(krs[0])" : "key results \(krs.joined(separator: ", "))"))
            }
            out.append(context.diagnostic(o.id?.range ?? o.headingRange,
                "\(what.joined(separator: " and ")) \(what.count > 1 || krs.count > 1 && o.score != nil ? "have" : "has") no score, \(late) days after \(period.text) ended",
                help: "grade each one from 0.0 to 1.0 (`- score: 0.7`) in the review meeting, and write down what you learned before planning the next period"))
        }
        return out
    }
}
