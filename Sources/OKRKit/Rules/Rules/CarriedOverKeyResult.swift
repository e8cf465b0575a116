public struct CarriedOverKeyResultRule: HistoryRule {
    public init() {}

    public static let description = RuleDescription(
        id: "carried-over-key-result",
        summary: "A key result is carried over unchanged from the file's previous period, with no progress recorded.",
        rationale: """
        A key result copied into the next quarter with the same title and metric and still no progress is a \
        commitment nobody worked on: Google's playbook asks to re-evaluate an OKR that did not move rather than roll \
        it forward by habit, and Doerr's "OKRs are not set in stone" means deciding again, not copying. The rule \
        finds, in the file's git history, its last version for an earlier period, and reports each key result of \
        this period whose title and metric read the same there and whose `current` is still its baseline (or \
        missing, with no check-in). A key result marked `carried-from: 2026-Q3/KR1.1` (what `okrlint init --from` \
        writes) was carried on purpose and is not reported.
        """,
        defaultSeverity: .info,
        triggering: [
            RuleExample(exampleHeader + "## O1: Fast deploys\n### ↓KR1.1: Cut deploy time\n- metric: 45 -> 15 min\n- current: 45 min\n", today: "2026-11-25",
                        history: [("2026-08-01", exampleHeader.replacing("2026-Q4", with: "2026-Q3") + "## O1: Fast deploys\n### KR1.1: Cut deploy time\n- metric: 45 -> 15 min\n- current: 45 min\n")]),
        ],
        passing: [
            // Progress since, a new target, or a first period.
            RuleExample(exampleHeader + "## O1: Fast deploys\n### KR1.1: Cut deploy time\n- metric: 45 -> 15 min\n- current: 30 min\n", today: "2026-11-25",
                        history: [("2026-08-01", exampleHeader.replacing("2026-Q4", with: "2026-Q3") + "## O1: Fast deploys\n### KR1.1: Cut deploy time\n- metric: 45 -> 15 min\n- current: 45 min\n")]),
            RuleExample(exampleHeader + "## O1: Fast deploys\n### KR1.1: Cut deploy time\n- metric: 30 -> 10 min\n- current: 30 min\n", today: "2026-11-25",
                        history: [("2026-08-01", exampleHeader.replacing("2026-Q4", with: "2026-Q3") + "## O1: Fast deploys\n### KR1.1: Cut deploy time\n- metric: 45 -> 15 min\n- current: 30 min\n")]),
            RuleExample(exampleHeader + "## O1: Fast deploys\n### KR1.1: Cut deploy time\n- metric: 45 -> 15 min\n- current: 45 min\n", today: "2026-11-25",
                        history: [("2026-10-02", exampleHeader + "## O1: Fast deploys\n### KR1.1: Cut deploy time\n- metric: 45 -> 15 min\n- current: 45 min\n")]),
            // Carried on purpose.
            RuleExample(exampleHeader + "## O1: Fast deploys\n### KR1.1: Cut deploy time\n- metric: 45 -> 15 min\n- current: 45 min\n- carried-from: 2026-Q3/KR1.1\n", today: "2026-11-25",
                        history: [("2026-08-01", exampleHeader.replacing("2026-Q4", with: "2026-Q3") + "## O1: Fast deploys\n### KR1.1: Cut deploy time\n- metric: 45 -> 15 min\n- current: 45 min\n")]),
        ])

    public func check(_ context: Context) -> [Diagnostic] {
        let doc = context.document
        guard let period = context.period else { return [] }
        let periodText = context.text(doc.header.period)
        // The last version of an earlier period.
        guard let previous = context.versions.last(where: { v in
            guard let p = v.document.period(context.calendar) else { return false }
            return v.document.text(v.document.header.period) != periodText && p.end < period.start
        })?.document else { return [] }
        var before: [String: String] = [:]
        for o in previous.objectives {
            for k in o.keyResults {
                guard let m = k.property("metric") else { continue }
                before[Self.normalized(previous.text(k.title))] = previous.text(m.value).trimmingSpaces
            }
        }
        var out: [Diagnostic] = []
        for o in doc.objectives {
            for k in o.keyResults {
                guard let id = k.id, k.carriedFrom == nil, let m = k.property("metric"), let metric = k.metric,
                      before[Self.normalized(context.text(k.title))] == context.text(m.value).trimmingSpaces,
                      !Self.moved(k, metric, in: doc) else { continue }
                out.append(context.diagnostic(id.range,
                    "key result \(context.text(id)) is carried over from \(previous.text(previous.header.period) ?? "the previous period") with the same title and metric and no progress",
                    help: "decide again: drop it, change the approach (new initiatives), or set a target this period can reach; say why in a check-in note"))
            }
        }
        return out
    }

    static func normalized(_ s: String) -> String {
        s.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }

    /// Whether anything says the key result moved: a check-in, or a `current` other than the baseline.
    static func moved(_ k: KeyResult, _ m: Metric, in doc: Document) -> Bool {
        if doc.latestCheckIn(of: k) != nil { return true }
        guard let current = k.current else { return false }
        guard let baseline = m.baseline, let v = current.value(in: baseline.unitKey) else { return true }
        return abs(v - baseline.value) > 1e-9 * max(1, abs(baseline.value))
    }
}
