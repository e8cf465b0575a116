public struct CurrentOutOfSyncRule: DocumentRule {
    public init() {}
    public static let description = RuleDescription(
        id: "current-out-of-sync",
        summary: "A key result's `current` differs from its latest check-in.",
        rationale: """
        `current` is a snapshot for readers; the check-in log is the record. Like Beancount's balance assertions, the \
        snapshot must agree with the latest record, or one of them is stale (format research, V105).
        """,
        defaultSeverity: .warning,
        triggering: [
            RuleExample(exampleHeader + "## O1: A\n### KR1.1: a\n- metric: 45 -> 15 min\n- current: ↓31 min\n\n## Check-ins\n- 2026-11-02 KR1.1: 38 min\n- 2026-11-16 KR1.1: 32 min\n"),
        ],
        passing: [
            RuleExample(exampleHeader + "## O1: A\n### KR1.1: a\n- metric: 45 -> 15 min\n- current: 32 min\n\n## Check-ins\n- 2026-11-02 KR1.1: 38 min\n- 2026-11-16 KR1.1: 32 min\n"),
            RuleExample(exampleHeader + "## O1: A\n### KR1.1: a\n- metric: 45 -> 15 min\n- current: 32 min\n"),
        ],
        fix: "Sets `current` to the value of the latest check-in, as that check-in writes it (safe).",
        corrections: [
            RuleCorrection(exampleHeader + "## O1: A\n### KR1.1: a\n- metric: 45 -> 15 min\n- current: 31 min <!-- from the dashboard -->\n\n## Check-ins\n- 2026-11-16 KR1.1: 32 minutes, confidence 0.6 -- cache on\n- 2026-11-02 KR1.1: 38 min\n",
                           exampleHeader + "## O1: A\n### KR1.1: a\n- metric: 45 -> 15 min\n- current: 32 minutes <!-- from the dashboard -->\n\n## Check-ins\n- 2026-11-16 KR1.1: 32 minutes, confidence 0.6 -- cache on\n- 2026-11-02 KR1.1: 38 min\n"),
        ])

    public func check(_ context: Context) -> [Diagnostic] {
        var out: [Diagnostic] = []
        // With a duplicated ID, check-ins belong to the first key result (the duplicate is `duplicate-id`'s finding).
        for o in context.document.objectives {
            for kr in o.keyResults {
                guard let id = kr.id, kr.repeatsIDOf == nil, let cur = kr.current, let c = context.document.latestCheckIn(of: kr), let v = c.value, let d = c.date?.value else { continue }
                // Compared in one unit: `12 min` and `720 s` agree; values that cannot be compared are metric-inconsistent's.
                let key = kr.metric?.unitKey ?? cur.unitKey
                guard let a = cur.value(in: key), let b = v.value(in: key) else { continue }
                if abs(a - b) > 1e-9 * max(1, abs(a), abs(b)) {
                    let written = context.source.utf8Text(v.range)
                    out.append(context.diagnostic(cur.range, "current value \(cur.display) of \(context.text(id)) differs from its latest check-in \(v.display) (\(d))",
                        help: "set `- current: \(v.display)`, or add a newer check-in if the value changed since",
                        fix: written.map { .safe("set `current` to `\($0)`, the latest check-in's value", .replace(cur.range, with: $0)) }))
                }
            }
        }
        return out
    }
}
