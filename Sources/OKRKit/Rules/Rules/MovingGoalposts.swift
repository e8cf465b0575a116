public struct MovingGoalpostsRule: HistoryRule {
    public init() {}

    public struct Options: RuleOptions {
        var graceDays = 7
        public init() {}
        public static let fields: [OptionField<Options>] = [
            .int("grace-days", \.graceDays, "Days after the period starts during which targets may still be set and changed."),
        ]
    }

    public static let description = RuleDescription(
        id: "moving-goalposts",
        summary: "A key result's target was eased after its period started (found in the file's git history).",
        rationale: """
        A key result is a commitment made at the start of the period; grading it against a target lowered halfway \
        through turns a miss into a pass and teaches the team that goals move (Doerr, Measure What Matters: "OKRs \
        are not set in stone", but changing them is a decision to make in the open, at a review, not a quiet edit; \
        Google's playbook grades against the targets set at the start). The rule reads the file's history (one \
        `git log` for the run; see "Which history" in the README: the first-parent history of the default branch, \
        a commit dated no earlier than the one before it, a branch's commits counted as one change dated today, \
        the file followed through renames, deletions and re-additions; versions of another team or period do not \
        count) and reports each commit after the period's start plus `grace-days` that moved a target toward its \
        baseline, loosened a threshold (`>= 99.9%` to `>= 99.5%`), turned a target into an easier level to keep \
        (`45 -> 15 min` to `<= 30 min`: a target and a level commit to the same side of a number) or dropped a \
        milestone key result, with the commit, its date and the old and new value; an uncommitted edit counts as \
        well. Raising a target is fine. Without git, or outside a repository, the rule does not run; a history \
        too large to read (a version over 4 MiB, or versions adding up to over 32 MiB) is a finding on the file.
        """,
        defaultSeverity: .warning,
        triggering: [
            RuleExample(exampleHeader + "## O1: Fast deploys\n### KR1.1: Cut deploy time\n- metric: ↓45 -> 25 min\n", today: "2026-11-25",
                        history: [("2026-10-02", exampleHeader + "## O1: Fast deploys\n### KR1.1: Cut deploy time\n- metric: 45 -> 15 min\n")]),
            RuleExample(exampleHeader + "## O1: Reliable\n### KR1.1: Keep availability up\n- metric: ↓>= 99.5%\n### KR1.2: Grow sign-ups\n- metric: ↓↓100 -> 150\n",
                        today: "2026-11-25",
                        history: [("2026-09-28", exampleHeader + "## O1: Reliable\n### KR1.1: Keep availability up\n- metric: >= 99.9%\n### KR1.2: Grow sign-ups\n- metric: 100 -> 200\n"),
                                  ("2026-11-03", exampleHeader + "## O1: Reliable\n### KR1.1: Keep availability up\n- metric: >= 99.9%\n### KR1.2: Grow sign-ups\n- metric: 100 -> 180\n")]),
            // A target to reach rewritten as an easier level to keep.
            RuleExample(exampleHeader + "## O1: Fast deploys\n### KR1.1: Cut deploy time\n- metric: ↓<= 30 min\n", today: "2026-11-25",
                        history: [("2026-10-02", exampleHeader + "## O1: Fast deploys\n### KR1.1: Cut deploy time\n- metric: 45 -> 15 min\n")]),
            // The period spelled another way is the same period: the easing still counts.
            RuleExample(exampleHeader.replacing("2026-Q4", with: "Q4 2026") + "## O1: Fast deploys\n### KR1.1: Cut deploy time\n- metric: ↓45 -> 25 min\n", today: "2026-11-25",
                        history: [("2026-10-02", exampleHeader + "## O1: Fast deploys\n### KR1.1: Cut deploy time\n- metric: 45 -> 15 min\n")]),
            // Another team's key results took this file's place mid-quarter (two files swapped their texts).
            RuleExample(exampleHeader.replacing("team: platform", with: "team: ↓web") + "## O1: Fast pages\n### KR1.1: Cut load time\n- metric: 3 -> 2 s\n", today: "2026-11-25",
                        history: [("2026-10-02", exampleHeader + "## O1: Fast deploys\n### KR1.1: Cut deploy time\n- metric: 45 -> 15 min\n")]),
            RuleExample(exampleHeader + "## ↓O1: Launch\n### KR1.2: Grow sign-ups\n- metric: 100 -> 200\n", today: "2026-11-25",
                        history: [("2026-10-01", exampleHeader + "## O1: Launch\n### KR1.1: Ship the API\n- metric: milestone\n### KR1.2: Grow sign-ups\n- metric: 100 -> 200\n")]),
        ],
        passing: [
            // Raised, eased within the grace days, or eased before the period.
            RuleExample(exampleHeader + "## O1: Fast deploys\n### KR1.1: Cut deploy time\n- metric: 45 -> 10 min\n", today: "2026-11-25",
                        history: [("2026-10-02", exampleHeader + "## O1: Fast deploys\n### KR1.1: Cut deploy time\n- metric: 45 -> 15 min\n")]),
            RuleExample(exampleHeader + "## O1: Fast deploys\n### KR1.1: Cut deploy time\n- metric: 45 -> 25 min\n", today: "2026-11-25",
                        history: [("2026-09-20", exampleHeader + "## O1: Fast deploys\n### KR1.1: Cut deploy time\n- metric: 45 -> 15 min\n"),
                                  ("2026-10-05", exampleHeader + "## O1: Fast deploys\n### KR1.1: Cut deploy time\n- metric: 45 -> 25 min\n")]),
            // Next quarter's file written over this one before the quarter ended: planning, not a change.
            RuleExample(exampleHeader + "## O1: Fast deploys\n### KR1.1: Cut deploy time\n- metric: 45 -> 30 min\n", today: "2026-11-25",
                        history: [("2026-08-01", exampleHeader.replacing("2026-Q4", with: "2026-Q3") + "## O1: Fast deploys\n### KR1.1: Cut deploy time\n- metric: 45 -> 15 min\n"),
                                  ("2026-09-24", exampleHeader + "## O1: Fast deploys\n### KR1.1: Cut deploy time\n- metric: 45 -> 30 min\n")]),
            // A new period: the file was rewritten for 2026-Q4, last quarter's targets do not count.
            RuleExample(exampleHeader + "## O1: Fast deploys\n### KR1.1: Cut deploy time\n- metric: 45 -> 30 min\n", today: "2026-11-25",
                        history: [("2026-08-01", exampleHeader.replacing("2026-Q4", with: "2026-Q3") + "## O1: Fast deploys\n### KR1.1: Cut deploy time\n- metric: 45 -> 15 min\n"),
                                  ("2026-10-20", exampleHeader + "## O1: Fast deploys\n### KR1.1: Cut deploy time\n- metric: 45 -> 30 min\n")]),
        ])

    public func check(_ context: Context) -> [Diagnostic] {
        guard let period = context.period else { return [] }
        let cutoff = period.start.adding(days: max(0, context.options.graceDays))
        guard context.today > cutoff else { return [] }
        let identity = CommitmentIdentity(context.document, calendar: context.calendar)
        var out = Self.replaced(context, identity: identity)
        // The versions of this period and team, by meaning (`CommitmentIdentity`; a file that another file's text
        // replaced, as when two files swap names, was another commitment): committed ones, then the working tree
        // (dated today).
        var versions: [(commit: String?, date: CalendarDate, document: Document)] = context.versions
            .filter { CommitmentIdentity($0.document, calendar: context.calendar) == identity }
            .map { (commit: $0.commit, date: $0.date, document: $0.document) }
        versions.append((commit: nil, date: context.today, document: context.document))
        // The commitment: the last version at the cut-off (or the first one, for a file written later).
        let start = versions.lastIndex { $0.date <= cutoff } ?? 0
        guard start + 1 < versions.count else { return out }
        // Each version's key results read once (not once per pair): by ID, the first of a repeated ID.
        let tables = versions[start...].map { Self.metrics($0.document) }
        let current = tables.last!
        var currentIndex: [String: Int]? = nil
        var objectives: [String: Objective]? = nil
        let when = "after \(period.text) started on \(period.start)\(context.options.graceDays > 0 ? " (+\(context.options.graceDays) days' grace)" : "")"
        for i in (start + 1)..<versions.count {
            let old = tables[i - 1 - start], new = tables[i - start]
            let by = versions[i].commit.map { "in commit \($0.prefix(7)) on \(versions[i].date)" } ?? context.workingTreeChange
            // Most commits keep the key results in their order: they are then paired without a lookup.
            let aligned = old.entries.count == new.entries.count && zip(old.entries, new.entries).allSatisfy { $0.id == $1.id }
            let newIndex = aligned ? [:] : new.index()
            for (n, entry) in old.entries.enumerated() {
                let id = entry.id
                guard entry.metricValue != nil, let b = old.metric(entry) else { continue }
                guard let after = aligned ? new.entries[n] : newIndex[id].map({ new.entries[$0] }) else {
                    if b.kind == .milestone {
                        // Where it was: its objective, else the file's title.
                        if objectives == nil {
                            var table: [String: Objective] = [:]
                            for o in context.document.objectives { if let oid = context.text(o.id), table[oid] == nil { table[oid] = o } }
                            objectives = table
                        }
                        let at = old.document.text(old.document.objectives[entry.o].id).flatMap { objectives![$0] }
                        out.append(context.diagnostic(at.map { $0.id?.range ?? $0.headingRange } ?? context.document.header.title?.range ?? SourceRange(start: 0, end: 0),
                            "milestone key result \(id) was dropped \(by), \(when)",
                            help: "a key result dropped mid-period is a change of commitment: record it at a review (in a check-in note) or put it back"))
                    }
                    continue
                }
                // The same metric text is the same metric: most pairs stop here, before reading the metric.
                if let x = entry.metricValue, let y = after.metricValue,
                   old.document.source.bytes[x.start..<x.end].elementsEqual(new.document.source.bytes[y.start..<y.end]) { continue }
                guard let a = new.metric(after), let eased = Self.eased(from: b, to: a) else { continue }
                if currentIndex == nil { currentIndex = current.index() }
                guard let now = currentIndex![id], let range = current.entries[now].metricValue else { continue }
                out.append(context.diagnostic(range,
                    "target of \(id) eased from `\(eased.old)` to `\(eased.new)` \(by), \(when)",
                    help: "grade against the target set at the start: restore `\(eased.old)`, or record the change and why in a check-in note and disable this finding on the line"))
            }
        }
        return out
    }

    /// Each change of the file's team or period made while the commitment it replaced was running (after that
    /// period's start plus the grace days, before its end) to one whose period overlaps it: a commitment moved to
    /// another file, or dropped, under cover of a rewrite (two files swapping their texts; a quarter's file turned
    /// into a half-year's).
    static func replaced(_ context: Context, identity: CommitmentIdentity) -> [Diagnostic] {
        var out: [Diagnostic] = []
        var previous: (identity: CommitmentIdentity, document: Document)? = nil
        let steps = context.versions.map { (commit: Optional($0.commit), date: $0.date, document: $0.document, moved: $0.moved) }
            + [(commit: nil, date: context.today, document: context.document, moved: false)]
        for v in steps {
            let now = v.commit == nil ? identity : CommitmentIdentity(v.document, calendar: context.calendar)
            defer { previous = (now, v.document) }
            // Replaced by a period that overlaps the old one: a rewrite for the next period, even one written before
            // the last one ended, is planning, not a change of commitment.
            // Bytes another file held (files swapping names) are a move, not a rewrite.
            guard let (was, old) = previous, was != now, !v.moved, let p = old.period(context.calendar),
                  let q = v.document.period(context.calendar), q.start <= p.end, q.end >= p.start,
                  v.date > p.start.adding(days: max(0, context.options.graceDays)), v.date <= p.end else { continue }
            let by = v.commit.map { "in commit \($0.prefix(7)) on \(v.date)" } ?? context.workingTreeChange
            let oldTeam = old.text(old.header.team) ?? "?", newTeam = v.document.text(v.document.header.team) ?? "?"
            let newPeriod = v.document.text(v.document.header.period) ?? "?"
            let at = context.document.header.team?.range ?? context.document.header.title?.range ?? SourceRange(start: 0, end: 0)
            out.append(context.diagnostic(at,
                "this file held team \(oldTeam)'s \(p.text) key results until they were replaced by team \(newTeam)'s \(newPeriod) \(by), after \(p.text) started",
                help: "a commitment moved to another file or dropped mid-period is a change to review: keep each team's file for its period, and record the change in a check-in note"))
        }
        return out
    }

    struct Entry {
        var id: String
        /// Where it is: objective and key result indices in the version's document.
        var o: Int
        var k: Int
        /// Where the `metric` fact's value is written.
        var metricValue: SourceRange?
    }

    /// A version's key results in order, one per ID (a repeated ID is the first one's, as the parser resolved it),
    /// and their places by ID.
    struct Table {
        let document: Document
        var entries: [Entry] = []

        init(_ doc: Document) {
            document = doc
            for (oi, o) in doc.objectives.enumerated() {
                for (ki, k) in o.keyResults.enumerated() where k.repeatsIDOf == nil {
                    guard let id = doc.text(k.id) else { continue }
                    entries.append(Entry(id: id, o: oi, k: ki, metricValue: k.property("metric")?.value.range))
                }
            }
        }

        func metric(_ e: Entry) -> Metric? { document.objectives[e.o].keyResults[e.k].metric }

        /// Places by ID (built only for a commit that reordered, added or removed key results).
        func index() -> [String: Int] {
            var out: [String: Int] = [:]
            out.reserveCapacity(entries.count)
            for (n, e) in entries.enumerated() where out[e.id] == nil { out[e.id] = n }
            return out
        }
    }

    static func metrics(_ doc: Document) -> Table { Table(doc) }

    /// What a metric commits to, as a bound on its value: at least its target (`increase`, `stayAbove`) or at most
    /// it (`decrease`, `stayBelow`), strictly or not. A target to reach and a level to keep commit to the same
    /// side of the same number, so `45 -> 15 min` and `<= 30 min` compare: at most 15, then at most 30.
    struct Bound {
        var atLeast: Bool
        var value: Double
        var strict: Bool
    }

    static func bound(_ m: Metric) -> Bound? {
        guard let t = m.target else { return nil }
        switch m.kind {
        case .increase: return Bound(atLeast: true, value: t.value, strict: false)
        case .stayAbove: return Bound(atLeast: true, value: t.value, strict: m.strict)
        case .decrease: return Bound(atLeast: false, value: t.value, strict: false)
        case .stayBelow: return Bound(atLeast: false, value: t.value, strict: m.strict)
        case .flat, .milestone, .placeholder: return nil
        }
    }

    /// The old and new target as written when `b` -> `a` eases the commitment — the new bound is on the same side
    /// and easier to meet: a lower floor, a higher ceiling, or a strict threshold made inclusive at the same value —
    /// whether each is written as a target or as a level; nil otherwise (raised, unchanged, the other side, a
    /// milestone or flat metric, relative against absolute, units that do not compare).
    static func eased(from b: Metric, to a: Metric) -> (old: String, new: String)? {
        guard b.relative == a.relative, let old = bound(b), let bt = b.target, let at = a.target,
              let newValue = at.value(in: bt.unitKey), var new = bound(a), new.atLeast == old.atLeast else { return nil }
        new.value = newValue
        let tolerance = 1e-12 * max(1, abs(old.value))
        let easier = old.atLeast ? new.value < old.value - tolerance : new.value > old.value + tolerance
        // Loosening a strict threshold (`> 99%` to `>= 99%`) at the same value eases it too.
        let loosened = !easier && old.strict && !new.strict && abs(new.value - old.value) <= tolerance
        guard easier || loosened else { return nil }
        return (Self.describe(b), Self.describe(a))
    }

    static func describe(_ m: Metric) -> String {
        let t = m.target?.display ?? "?"
        switch m.kind {
        case .stayAbove: return (m.strict ? "> " : ">= ") + t
        case .stayBelow: return (m.strict ? "< " : "<= ") + t
        default: return t
        }
    }
}
