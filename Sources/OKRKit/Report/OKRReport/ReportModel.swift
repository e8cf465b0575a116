import Dispatch

/// What `okrlint report` shows, computed once and rendered as text, Markdown, HTML or JSON: every team file with
/// its objectives and key results scored (progress, Google's band, the progress expected by today, confidence and
/// its trend from check-ins, owner, days since the last check-in), the alignment tree, and what needs attention
/// first. Progress is `Progress` (the README's scoring), the expected share is `Period.elapsedFraction` (the one
/// `behind-schedule` uses), and attention comes from the run's own findings (so the config's options and
/// suppressions apply) plus key results whose latest confidence is below 0.4.
public struct ReportModel: Sendable {
    public struct KeyResultRow: Sendable {
        public var id: String?
        public var title: String
        public var owner: String?
        public var metric: String?
        public var current: String?
        public var progress: Double?
        public var band: Band? { progress.map(Band.init) }
        /// The latest confidence: the latest check-in's, else the key result's `confidence`.
        public var confidence: Double?
        /// Confidence at each check-in that gives one, in date order (with the key result's own at the end when no
        /// check-in gives one): what the sparkline draws.
        public var confidenceTrend: [Double]
        public var lastCheckIn: CalendarDate?
        public var daysSinceCheckIn: Int?
    }

    public struct ObjectiveRow: Sendable {
        public var document: Int
        public var objective: Int
        public var id: String?
        public var title: String
        public var owner: String?
        public var type: String?
        /// Rolled up: its key results and the objectives aligned to it.
        public var progress: Double?
        public var band: Band? { progress.map(Band.init) }
        /// `team/ID` of the objectives (or key results) it aligns to, as written.
        public var aligns: [String]
        /// `team/ID` of the objectives aligned to it.
        public var supporters: [String]
        public var keyResults: [KeyResultRow]
        /// What the run's findings say about the objective itself (behind schedule, unaligned, unsupported).
        public var attention: [AttentionKind] = []
    }

    public struct TeamSection: Sendable {
        public var path: String
        public var team: String?
        public var title: String?
        public var period: String?
        public var owner: String?
        /// Share of the period gone by `today` (0-1), when the period is known.
        public var expected: Double?
        /// Mean of its objectives' rolled-up progress.
        public var progress: Double?
        public var objectives: [ObjectiveRow]
    }

    public enum AttentionKind: String, Sendable, CaseIterable {
        case behindSchedule = "behind-schedule", stale = "stale", lowConfidence = "low-confidence"
        case unsupported = "unsupported", unaligned = "unaligned"

        public var label: String {
            switch self {
            case .behindSchedule: "behind schedule"
            case .stale: "stale"
            case .lowConfidence: "low confidence"
            case .unsupported: "unsupported"
            case .unaligned: "unaligned"
            }
        }
    }

    public struct AttentionItem: Sendable {
        public var kind: AttentionKind
        public var path: String
        public var line: Int
        public var message: String
    }

    public struct Finding: Sendable {
        public var path: String
        public var line: Int
        public var column: Int
        public var ruleID: String
        public var severity: Severity
        public var message: String
    }

    /// One objective in the alignment tree, with the objectives aligned to it. An objective aligned to several
    /// parents is shown under each; its subtree only the first time (`repeated` the others), so loops end.
    public struct TreeNode: Sendable {
        public var document: Int
        public var objective: Int
        public var repeated: Bool
        public var children: [TreeNode]
    }

    public var today: CalendarDate
    public var teams: [TeamSection]
    public var attention: [AttentionItem]
    public var tree: [TreeNode]
    public var findings: [Finding]

    public static let lowConfidence = 0.4

    public func objective(_ document: Int, _ objective: Int) -> (TeamSection, ObjectiveRow) {
        (teams[document], teams[document].objectives[objective])
    }

    /// `team/ID` of an objective, for the tree and lists.
    public func name(_ document: Int, _ objective: Int) -> String {
        let (t, o) = self.objective(document, objective)
        return "\(t.team ?? Path.name(t.path))/\(o.id ?? "?")"
    }

    public var objectiveCount: Int { teams.reduce(0) { $0 + $1.objectives.count } }
    public var keyResultCount: Int { teams.reduce(0) { $0 + $1.objectives.reduce(0) { $0 + $1.keyResults.count } } }

    /// Key results by band (and without progress).
    public var bandCounts: (red: Int, yellow: Int, green: Int, none: Int) {
        var c = (red: 0, yellow: 0, green: 0, none: 0)
        for t in teams { for o in t.objectives { for k in o.keyResults {
            switch k.band { case .red: c.red += 1; case .yellow: c.yellow += 1; case .green: c.green += 1; case nil: c.none += 1 }
        } } }
        return c
    }

    /// Mean of every objective's rolled-up progress.
    public var overallProgress: Double? {
        let values = teams.flatMap { $0.objectives.compactMap(\.progress) }
        return values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }

    public func count(_ severity: Severity) -> Int { findings.filter { $0.severity == severity }.count }

    /// Builds the model. `documents[i]` is the parsed file of `workspace.documents[i]` (the same order; a file
    /// that could not be read again is left out of the sections but not of the tree's numbering), `findings` the
    /// run's findings by path, `calendars` the fiscal calendar of each file's config.
    public init(workspace ws: Workspace, documents: [Document?], findings: [String: [Diagnostic]], today: CalendarDate,
                calendar: (String) -> FiscalCalendar) {
        self.init(workspace: ws, document: { $0 < documents.count ? documents[$0] : nil }, findings: findings, today: today, calendar: calendar)
    }

    /// As above, with each file's document made when its section is built and dropped after: a report over
    /// thousands of files holds a syntax tree per core at a time. Sections are built in parallel, then put in order.
    public init(workspace ws: Workspace, document: @escaping @Sendable (Int) -> Document?, findings: [String: [Diagnostic]],
                today: CalendarDate, calendar: (String) -> FiscalCalendar) {
        self.today = today
        let calendars = ws.documents.map { calendar($0.path) }
        let parts = Slots<(section: TeamSection, attention: [AttentionItem], findings: [Finding])>(ws.documents.count)
        DispatchQueue.concurrentPerform(iterations: ws.documents.count) { di in
            parts[di] = Self.section(di, in: ws, document: document(di), findings: findings[ws.documents[di].path] ?? [],
                                     today: today, calendar: calendars[di])
        }
        var teams: [TeamSection] = []
        var attention: [AttentionItem] = []
        var allFindings: [Finding] = []
        for di in ws.documents.indices {
            guard let p = parts[di] else { continue }
            teams.append(p.section)
            attention += p.attention
            allFindings += p.findings
        }
        let order = Dictionary(uniqueKeysWithValues: AttentionKind.allCases.enumerated().map { ($1, $0) })
        self.attention = attention.enumerated().sorted { a, b in
            order[a.element.kind]! != order[b.element.kind]! ? order[a.element.kind]! < order[b.element.kind]! : a.offset < b.offset
        }.map(\.element)
        self.teams = teams
        self.findings = allFindings
        self.tree = Self.tree(ws)
    }

    /// One file's section, its attention items and its findings.
    static func section(_ di: Int, in ws: Workspace, document doc: Document?, findings: [Diagnostic], today: CalendarDate,
                        calendar: FiscalCalendar) -> (section: TeamSection, attention: [AttentionItem], findings: [Finding]) {
        let summary = ws.documents[di]
        var attention: [AttentionItem] = []
        var allFindings: [Finding] = []
        let period = doc?.period(calendar) ?? summary.period
        var section = TeamSection(path: summary.path, team: summary.team, title: doc.flatMap { $0.text($0.header.title) },
                                  period: summary.periodText, owner: doc.flatMap { $0.text($0.header.owner) },
                                  expected: period.map { min(1, max(0, $0.elapsedFraction(at: today))) }, progress: nil, objectives: [])
        // Each key result's check-ins, grouped once (not searched per key result: linear in the file).
        var checkInsOf: [KeyResultIndex: [Int]] = [:]
        if let doc { for (i, c) in doc.checkIns.enumerated() { if let k = c.keyResult { checkInsOf[k, default: []].append(i) } } }
        for (oi, o) in summary.objectives.enumerated() {
            let ref = ObjectiveRef(document: di, objective: oi)
            var row = ObjectiveRow(document: di, objective: oi, id: o.id?.value, title: o.title, owner: nil, type: nil,
                                   progress: ws.rolledUp(ref), aligns: o.aligns.map(\.display),
                                   supporters: (ws.children[ref] ?? []).map { ws.name($0) }, keyResults: [])
            if let doc, oi < doc.objectives.count {
                let node = doc.objectives[oi]
                row.owner = doc.text(node.owner)
                row.type = node.type.map { "\($0.value)" }
                row.keyResults = node.keyResults.enumerated().map { k, kr in
                    let index = KeyResultIndex(objective: oi, keyResult: k)
                    return Self.keyResultRow(kr, (checkInsOf[index] ?? []).map { doc.checkIns[$0] }, in: doc, today: today)
                }
                for kr in row.keyResults where (kr.confidence ?? 1) < Self.lowConfidence {
                    attention.append(AttentionItem(kind: .lowConfidence, path: summary.path, line: 0,
                                                   message: "\(kr.id ?? "a key result") of \(section.team ?? summary.path)/\(o.id?.value ?? "?") has confidence \(Self.decimal(kr.confidence!))"))
                }
            }
            section.objectives.append(row)
        }
        let values = section.objectives.compactMap(\.progress)
        section.progress = values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
        var locator = doc.map { SourceLocator($0.source) }
        // Each finding's objective by binary search over the headings (was a search from the first objective per
        // finding: quadratic in a file with many).
        for d in findings {
            let loc = locator?.location(of: d.range.start)
            allFindings.append(Finding(path: summary.path, line: loc?.line ?? 0, column: loc?.column ?? 0, ruleID: d.ruleID,
                                       severity: d.severity, message: d.message))
            let kind: AttentionKind? = switch d.ruleID {
            case "behind-schedule": .behindSchedule
            case "stale-check-in": .stale
            case "unsupported-objective": .unsupported
            case "unaligned-objective": .unaligned
            default: nil
            }
            if let kind {
                attention.append(AttentionItem(kind: kind, path: summary.path, line: loc?.line ?? 0, message: d.message))
                // The rules point at the objective's ID or heading.
                if let oi = summary.objectiveIndex(atHeading: d.range.start) {
                    section.objectives[oi].attention.append(kind)
                }
            }
        }
        return (section, attention, allFindings)
    }

    static func keyResultRow(_ kr: KeyResult, _ own: [CheckIn], in doc: Document, today: CalendarDate) -> KeyResultRow {
        let checkIns = own.sorted { ($0.date?.value ?? today) < ($1.date?.value ?? today) }
        let latest = kr.latestCheckIn.flatMap { $0 < doc.checkIns.count ? doc.checkIns[$0] : nil }
        var trend = checkIns.compactMap { $0.confidence?.value }
        if trend.isEmpty, let c = kr.confidence?.value { trend = [c] }
        let last = checkIns.compactMap { $0.date?.value }.max()
        return KeyResultRow(id: doc.text(kr.id), title: doc.text(kr.title), owner: doc.text(kr.owner),
                            metric: kr.property("metric").map { doc.text($0.value) }, current: (kr.current ?? latest?.value)?.display,
                            progress: Progress.keyResult(kr, latest: latest),
                            confidence: checkIns.last(where: { $0.confidence != nil })?.confidence?.value ?? kr.confidence?.value,
                            confidenceTrend: trend, lastCheckIn: last, daysSinceCheckIn: last.map { today.days(since: $0) })
    }

    /// Roots: objectives aligned to nothing that resolves, top-level files first.
    static func tree(_ ws: Workspace) -> [TreeNode] {
        var expanded = Set<ObjectiveRef>()
        func node(_ r: ObjectiveRef, depth: Int) -> TreeNode {
            guard depth < 64, expanded.insert(r).inserted else { return TreeNode(document: r.document, objective: r.objective, repeated: true, children: []) }
            let kids = (ws.children[r] ?? []).sorted()
            return TreeNode(document: r.document, objective: r.objective, repeated: false, children: kids.map { node($0, depth: depth + 1) })
        }
        let docs = ws.documents.indices.sorted { a, b in
            let ta = ws.topLevelDocuments.contains(a), tb = ws.topLevelDocuments.contains(b)
            return ta != tb ? ta : a < b
        }
        var roots: [TreeNode] = []
        for di in docs {
            for oi in ws.documents[di].objectives.indices {
                let r = ObjectiveRef(document: di, objective: oi)
                if ws.parents[r] == nil && !expanded.contains(r) { roots.append(node(r, depth: 0)) }
            }
        }
        // What is only on loops has no root: start from its first objective.
        for di in ws.documents.indices {
            for oi in ws.documents[di].objectives.indices where !expanded.contains(ObjectiveRef(document: di, objective: oi)) {
                roots.append(node(ObjectiveRef(document: di, objective: oi), depth: 0))
            }
        }
        return roots
    }

    static func decimal(_ v: Double) -> String {
        let r = (v * 100).rounded() / 100
        return r == r.rounded() ? String(Int(r)) : String(r)
    }

    static func percent(_ v: Double?) -> String { v.map { "\(Int(($0 * 100).rounded()))%" } ?? "–" }
}

extension ReportModel {
    /// The model of a run made with `reportAll` (every file of the workspace reported): each file is read again
    /// (as the run found it: a link found while walking is not followed) and parsed for what summaries do not keep —
    /// owners, confidence, check-ins. A file that cannot be read again keeps its summary's numbers only.
    public init(outcome: RunOutcome, linterFor: (String) throws -> Linter) {
        let ws = outcome.workspace
        var files: [String: FileDiscovery.File] = [:]
        for f in outcome.reportedInputs { files[f.path] = f }
        let byPath = files
        let document: @Sendable (Int) -> Document? = { di in
            let s = ws.documents[di]
            guard let file = byPath[s.path], case .success(let bytes) = LintRun.read(file) else { return nil }
            return Parser.parse(path: s.path, bytes: bytes)
        }
        var findings: [String: [Diagnostic]] = [:]
        for f in outcome.result.files { findings[f.path] = f.diagnostics }
        let first = ws.documents.first.flatMap { try? linterFor($0.path) }
        self.init(workspace: ws, document: document, findings: findings, today: first?.today ?? CalendarDate.today(),
                  calendar: { path in (try? linterFor(path))?.calendar ?? .calendarYear })
    }
}
