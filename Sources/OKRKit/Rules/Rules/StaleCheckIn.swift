public struct StaleCheckInRule: DocumentRule {
    public init() {}

    public struct Options: RuleOptions {
        var maxDays = 14
        var graceDays = 14
        var fromHistory = false
        public init() {}
        public static let fields: [OptionField<Options>] = [
            .int("max-days", \.maxDays, "Days after the latest check-in before a key result is stale."),
            .int("grace-days", \.graceDays, "Days into the period before a key result with no check-in at all is reported."),
            .bool("from-history", \.fromHistory, "In a file with no check-in log, date each key result by the last commit that changed its `current` value (git)."),
        ]
    }

    public static let description = RuleDescription(
        id: "stale-check-in",
        summary: "While the period runs, a key result has had no check-in for too long.",
        rationale: """
        OKRs need regular review and adaptation during the period (the seed article; Google reviews mid-quarter); OKR \
        tools call a KR stalled when nobody checked in for 14 days. Only reported while the period is running, relative \
        to `--today` (or the config's `today`). A milestone whose `current` or latest check-in is `done` is done and \
        needs no more check-ins. A key result that other files align to (`aligns: company/KR1.2`) is measured by \
        them, its progress rolled up from their key results (Doerr's cascade, GitLab's parent key results): it is \
        checked in through them, and only they are reported when stale (issue 21).
        """,
        defaultSeverity: .warning,
        triggering: [
            RuleExample(exampleHeader + "## O1: A\n### ↓KR1.1: a\n### KR1.2: b\n\n## Check-ins\n- 2026-10-20 KR1.1: 4 min\n- 2026-11-20 KR1.2: 5 min\n",
                        today: "2026-11-25"),
            RuleExample(exampleHeader + "## O1: A\n### ↓KR1.1: a\n", today: "2026-11-25"),
            // No check-in log: with `from-history`, the last commit that changed `current` dates it.
            RuleExample(exampleHeader + "## O1: A\n### ↓KR1.1: a\n- metric: 0 -> 10 x\n- current: 4 x\n### KR1.2: b\n- metric: 0 -> 10 x\n- current: 6 x\n",
                        options: ["from-history": .bool(true)], today: "2026-11-25",
                        history: [("2026-10-01", exampleHeader + "## O1: A\n### KR1.1: a\n- metric: 0 -> 10 x\n- current: 0 x\n### KR1.2: b\n- metric: 0 -> 10 x\n- current: 0 x\n"),
                                  ("2026-10-20", exampleHeader + "## O1: A\n### KR1.1: a\n- metric: 0 -> 10 x\n- current: 4 x\n### KR1.2: b\n- metric: 0 -> 10 x\n- current: 3 x\n"),
                                  ("2026-11-18", exampleHeader + "## O1: A\n### KR1.1: a\n- metric: 0 -> 10 x\n- current: 4 x\n### KR1.2: b\n- metric: 0 -> 10 x\n- current: 6 x\n")]),
        ],
        passing: [
            RuleExample(exampleHeader + "## O1: A\n### KR1.1: a\n\n## Check-ins\n- 2026-11-20 KR1.1: 4 min\n", today: "2026-11-25"),
            RuleExample(exampleHeader + "## O1: A\n### KR1.1: a\n\n## Check-ins\n- 2026-10-20 KR1.1: 4 min\n", today: "2027-02-01"),
            RuleExample(exampleHeader + "## O1: A\n### KR1.1: a\n", today: "2026-10-05"),
            // A milestone checked in as done is done (issue 21): no more check-ins are due.
            RuleExample(exampleHeader + "## O1: A\n### KR1.1: a\n- metric: milestone\n\n## Check-ins\n- 2026-10-08 KR1.1: done\n", today: "2026-11-25"),
        ])

    public func check(_ context: Context) -> [Diagnostic] {
        guard let period = context.period, period.contains(context.today) else { return [] }
        let maxDays = context.options.maxDays
        let grace = context.options.graceDays
        var out: [Diagnostic] = []
        let document = context.document
        // A file that keeps no check-in log, read with its history: each key result dated by its `current`'s last change.
        if context.options.fromHistory, document.checkIns.isEmpty, let history = context.history, !history.versions.isEmpty {
            return Self.fromHistory(context, history, period: period)
        }
        for o in document.objectives {
            for kr in o.keyResults {
                // A key result with a final score is closed: nothing left to check in.
                guard let id = kr.id, kr.repeatsIDOf == nil, kr.score == nil, o.score == nil else { continue }
                // A milestone checked in (or set) as done is done: nothing left to report on (issue 21).
                if Self.isDoneMilestone(kr, latest: context.document.latestCheckIn(of: kr)) { continue }
                if let c = context.document.latestCheckIn(of: kr), let d = c.date?.value {
                    let age = context.today.days(since: d)
                    if age > maxDays {
                        out.append(context.diagnostic(id.range, "key result \(context.text(id)) has had no check-in for \(age) days (last \(d))",
                            help: "add a line `- \(context.today) \(context.text(id)): <value>` under `## Check-ins`; stale key results are how OKRs get forgotten"))
                    }
                } else if context.today.days(since: period.start) >= grace {
                    out.append(context.diagnostic(id.range, "key result \(context.text(id)) has no check-in \(context.today.days(since: period.start)) days into \(period.text)",
                        help: "add a line `- \(context.today) \(context.text(id)): <value>` under `## Check-ins`"))
                }
            }
        }
        return out
    }

    /// The findings of this rule on a document of `workspace`, without those on key results that other files align
    /// to: such a key result is checked in through the files under it (run between the passes, where the links are
    /// known; the rule itself reads one file).
    public static func checkedInThroughOthers(_ diagnostics: [Diagnostic], path: String, in workspace: Workspace) -> [Diagnostic] {
        guard !workspace.keyResultChildren.isEmpty, let di = workspace.index(ofPath: path),
              diagnostics.contains(where: { $0.ruleID == description.id }) else { return diagnostics }
        var measured = Set<Int>()
        for (oi, o) in workspace.documents[di].objectives.enumerated() {
            for (ki, kr) in o.keyResults.enumerated()
            where workspace.keyResultChildren[KeyResultRef(objective: ObjectiveRef(document: di, objective: oi), keyResult: ki)] != nil {
                if let r = kr.idRange { measured.insert(r.start) }
            }
        }
        guard !measured.isEmpty else { return diagnostics }
        return diagnostics.filter { $0.ruleID != description.id || !measured.contains($0.range.start) }
    }

    /// A milestone whose `current`, else latest check-in, is `done`.
    static func isDoneMilestone(_ kr: KeyResult, latest: CheckIn?) -> Bool {
        kr.metric?.kind == .milestone && Progress.keyResult(kr, latest: latest) == 1
    }

    /// Staleness from git: the date of the last version whose `current` of the key result differs from the one
    /// before it (the working tree counts as today); a key result never changed since it was written dates from then.
    static func fromHistory(_ context: Context, _ history: FileHistory, period: Period) -> [Diagnostic] {
        let doc = context.document
        func currents(_ d: Document) -> [String: String] {
            var out: [String: String] = [:]
            for o in d.objectives { for k in o.keyResults { if let id = d.text(k.id), out[id] == nil { out[id] = k.property("current").map { d.text($0.value) } ?? "" } } }
            return out
        }
        var versions = history.versions.map { (date: $0.date, commit: Optional($0.commit), values: currents($0.document)) }
        versions.append((date: context.today, commit: nil, values: currents(doc)))
        var out: [Diagnostic] = []
        for o in doc.objectives {
            for kr in o.keyResults {
                guard let idSpan = kr.id, kr.repeatsIDOf == nil, kr.score == nil, o.score == nil,
                      !isDoneMilestone(kr, latest: nil) else { continue }
                let id = context.text(idSpan)
                guard let now = versions.last?.values[id] else { continue }
                // Walk back while the value is the one shown now; the version after the last difference set it.
                var k = versions.count - 1
                while k > 0, versions[k - 1].values[id] == now { k -= 1 }
                let changed = versions[k]
                let age = context.today.days(since: changed.date)
                guard age > context.options.maxDays else { continue }
                let how = now.isEmpty ? "has had no value" : "has had the value `\(now)`"
                let since = changed.commit.map { "commit \($0.prefix(7)) on \(changed.date)" } ?? "\(changed.date)"
                out.append(context.diagnostic(idSpan.range, "key result \(id) \(how) for \(age) days (since \(since)), and the file keeps no check-in log",
                    help: "update `current` (or start a `## Check-ins` log: `- \(context.today) \(id): <value>`); stale key results are how OKRs get forgotten"))
            }
        }
        return out
    }
}
