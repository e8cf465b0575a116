public struct CurrentWithoutCheckInRule: HistoryRule {
    public init() {}

    public static let description = RuleDescription(
        id: "current-without-check-in",
        summary: "A key result's `current` was changed with no check-in ever recording it, in a file that keeps a check-in log.",
        rationale: """
        The check-in log is the record of progress: the dated value, the confidence and a note of what changed \
        (Wodtke's Monday check-in; Google's weekly updates). Editing `current` without a check-in line rewrites the \
        number with no date and no reason, and the trend and staleness checks lose it. The rule compares the file's \
        versions in this period (git history and the working tree) and reports a change of `current` that came \
        with no new check-in for that key result — only in files that keep a log (at least one check-in), and only         for key results with no check-in of their own yet (with one, `current-out-of-sync` reports the difference).
        """,
        defaultSeverity: .warning,
        triggering: [
            RuleExample(exampleHeader + "## O1: Fast deploys\n### KR1.1: Cut deploy time\n- metric: 45 -> 15 min\n- current: ↓20 min\n### KR1.2: Raise deploys\n- metric: 10 -> 30\n- current: 15\n\n## Check-ins\n- 2026-10-15 KR1.2: 15\n",
                        today: "2026-11-25",
                        history: [("2026-10-15", exampleHeader + "## O1: Fast deploys\n### KR1.1: Cut deploy time\n- metric: 45 -> 15 min\n- current: 30 min\n### KR1.2: Raise deploys\n- metric: 10 -> 30\n- current: 15\n\n## Check-ins\n- 2026-10-15 KR1.2: 15\n")]),
        ],
        passing: [
            RuleExample(exampleHeader + "## O1: Fast deploys\n### KR1.1: Cut deploy time\n- metric: 45 -> 15 min\n- current: 20 min\n\n## Check-ins\n- 2026-10-15 KR1.1: 30 min\n- 2026-11-20 KR1.1: 20 min\n",
                        today: "2026-11-25",
                        history: [("2026-10-15", exampleHeader + "## O1: Fast deploys\n### KR1.1: Cut deploy time\n- metric: 45 -> 15 min\n- current: 30 min\n\n## Check-ins\n- 2026-10-15 KR1.1: 30 min\n")]),
            // A file without a check-in log updates `current` as its record.
            RuleExample(exampleHeader + "## O1: Fast deploys\n### KR1.1: Cut deploy time\n- metric: 45 -> 15 min\n- current: 20 min\n",
                        today: "2026-11-25",
                        history: [("2026-10-15", exampleHeader + "## O1: Fast deploys\n### KR1.1: Cut deploy time\n- metric: 45 -> 15 min\n- current: 30 min\n")]),
        ])

    public func check(_ context: Context) -> [Diagnostic] {
        let doc = context.document
        guard !doc.checkIns.isEmpty, let period = context.period else { return [] }
        // This period's versions (the period by its dates, however it is spelled), then the working tree.
        let thisPeriod = CommitmentIdentity(doc, calendar: context.calendar).period
        let samePeriod = { (d: Document) in CommitmentIdentity(d, calendar: context.calendar).period == thisPeriod }
        var versions = context.versions.filter { samePeriod($0.document) && $0.date >= period.start }
            .map { (commit: Optional($0.commit), date: $0.date, document: $0.document) }
        guard let last = context.versions.last, samePeriod(last.document) else { return [] }
        if versions.isEmpty { versions = [(commit: last.commit, date: last.date, document: last.document)] }
        versions.append((commit: nil, date: context.today, document: doc))
        var out: [Diagnostic] = []
        // Each version read once into a table, when the first key result needs it (a search per key result and
        // version would be quadratic).
        var built: [[String: (current: String, checkIns: Int)]]? = nil
        for o in doc.objectives {
            for k in o.keyResults {
                // A key result with check-ins of its own: `current-out-of-sync` compares `current` with the latest.
                guard let idSpan = k.id, let current = k.property("current"), k.repeatsIDOf == nil, doc.latestCheckIn(of: k) == nil else { continue }
                let id = context.text(idSpan)
                let now = context.text(current.value).trimmingSpaces
                if built == nil { built = versions.map { Self.states($0.document) } }
                let tables = built!
                // The change that set today's value: the last pair whose `current` differs.
                var j = versions.count - 1
                while j > 0, tables[j - 1][id]?.current == now { j -= 1 }
                guard j > 0, let before = tables[j - 1][id], let after = tables[j][id],
                      before.current != after.current, after.checkIns <= before.checkIns else { continue }
                let by = versions[j].commit.map { "in commit \($0.prefix(7)) on \(versions[j].date)" } ?? context.workingTreeChange
                out.append(context.diagnostic(current.value.range,
                    "`current` of \(id) changed from `\(before.current)` to `\(after.current)` \(by) with no check-in recording it",
                    help: "add `- \(context.today) \(id): \(after.current)` under `## Check-ins` (with the confidence and a note of what changed)"))
            }
        }
        return out
    }

    /// Each key result's `current` (as written) and how many check-ins name it, by ID (the first of a repeated ID).
    static func states(_ d: Document) -> [String: (current: String, checkIns: Int)] {
        var counts: [String: Int] = [:]
        for c in d.checkIns { counts[d.text(c.keyResultID), default: 0] += 1 }
        var out: [String: (current: String, checkIns: Int)] = [:]
        for o in d.objectives {
            for k in o.keyResults {
                guard let id = d.text(k.id), out[id] == nil else { continue }
                out[id] = (k.property("current").map { d.text($0.value).trimmingSpaces } ?? "", counts[id] ?? 0)
            }
        }
        return out
    }
}
