/// How one rule is set for a run.
public struct RuleSetting: Sendable, Hashable {
    /// nil turns the rule off.
    public var severity: Severity?
    public var options: [String: OptionValue]
    public init(severity: Severity?, options: [String: OptionValue] = [:]) {
        self.severity = severity
        self.options = options
    }
}

/// The rule engine: syntax diagnostics plus every enabled rule, sorted.
public struct Linter: Sendable {
    public let rules: [AnyRule]
    public let settings: [String: RuleSetting]
    public let today: CalendarDate
    /// How fiscal periods are read (the config's `fiscal-year-start`).
    public let calendar: FiscalCalendar

    /// An enabled rule resolved once: its id, and its `check` bound to its decoded options and severity.
    struct ActiveRule<Subject>: Sendable {
        let id: String
        let check: @Sendable (Subject) -> [Diagnostic]
    }
    let documentRules: [ActiveRule<DocumentSubject>]
    let workspaceRules: [ActiveRule<WorkspaceSubject>]
    let historyRules: [ActiveRule<HistorySubject>]
    let activeRuleIDs: Set<String>
    let unusedSuppressionSeverity: Severity?

    public init(rules: [AnyRule] = Registry.all, settings: [String: RuleSetting] = [:], today: CalendarDate = .today(),
                calendar: FiscalCalendar = .calendarYear) {
        self.rules = rules
        self.settings = settings
        self.today = today
        self.calendar = calendar
        var documentRules: [ActiveRule<DocumentSubject>] = []
        var workspaceRules: [ActiveRule<WorkspaceSubject>] = []
        var historyRules: [ActiveRule<HistorySubject>] = []
        var unused: Severity? = nil
        func setup<R: Rule>(_: R.Type, _ severity: Severity) -> RuleSetup<R.Options> {
            let id = R.description.id
            return RuleSetup(options: R.Options.decodeLeniently(settings[id]?.options ?? [:]), severity: severity,
                             ruleID: id, today: today, calendar: calendar)
        }
        func activate<R: DocumentRule>(_ rule: R, _ severity: Severity) -> ActiveRule<DocumentSubject> {
            let s = setup(R.self, severity)
            return ActiveRule(id: s.ruleID) { rule.check(DocumentContext(subject: $0, setup: s)) }
        }
        func activate<R: WorkspaceRule>(_ rule: R, _ severity: Severity) -> ActiveRule<WorkspaceSubject> {
            let s = setup(R.self, severity)
            return ActiveRule(id: s.ruleID) { rule.check(WorkspaceContext(subject: $0, setup: s)) }
        }
        func activate<R: HistoryRule>(_ rule: R, _ severity: Severity) -> ActiveRule<HistorySubject> {
            let s = setup(R.self, severity)
            return ActiveRule(id: s.ruleID) { rule.check(HistoryContext(subject: $0, setup: s)) }
        }
        for rule in rules {
            let d = rule.description
            let severity = settings[d.id].map { $0.severity } ?? d.defaultSeverity
            guard let sev = severity else { continue }
            switch rule {
            case .document(let r): documentRules.append(activate(r, sev))
            case .workspace(let r): workspaceRules.append(activate(r, sev))
            case .history(let r): historyRules.append(activate(r, sev))
            }
            if d.id == UnusedSuppressionRule.id { unused = sev }
        }
        self.documentRules = documentRules
        self.workspaceRules = workspaceRules
        self.historyRules = historyRules
        self.activeRuleIDs = Set(documentRules.map(\.id) + workspaceRules.map(\.id) + historyRules.map(\.id))
        self.unusedSuppressionSeverity = unused
    }

    public func severity(for rule: AnyRule) -> Severity? {
        if let s = settings[rule.id] { return s.severity }
        return rule.description.defaultSeverity
    }

    /// Lints one document against a workspace (by default a workspace of the document alone): `lintDocument`,
    /// then `lintWorkspace`, then `finish`. A run over many files calls the three steps itself, so it need not keep
    /// every syntax tree until the workspace is complete.
    public func lint(_ document: Document, in workspace: Workspace? = nil, history: FileHistory? = nil) -> [Diagnostic] {
        let ws = workspace ?? Workspace(documents: [document], calendar: calendar)
        return finish(acrossFiles(lintDocument(document, history: history) + lintHistory(document, history), path: document.path, in: ws), document: document)
    }

    /// Whether any history rule is on: only then is git asked for anything.
    public var readsHistory: Bool {
        !historyRules.isEmpty || (activeRuleIDs.contains(StaleCheckInRule.description.id) && settings[StaleCheckInRule.description.id]?.options["from-history"] == .bool(true))
    }

    /// The finding for a file whose history could not be checked because of what its history holds (a version over
    /// the size budget): reported under the first history rule that is on, with its severity, at the file's start,
    /// so a history made too large to read fails the check instead of passing it.
    public func historyNotChecked(_ document: Document, _ why: String) -> Diagnostic? {
        let id = historyRules.first?.id ?? (readsHistory ? StaleCheckInRule.description.id : nil)
        guard let id, let severity = settings[id].map({ $0.severity }) ?? Registry.rule(id)?.description.defaultSeverity else { return nil }
        let end = document.source.bytes.firstIndex(of: 0x0A) ?? document.source.bytes.count
        return Diagnostic(ruleID: id, severity: severity, message: "the file's git history could not be checked: \(why)",
                          help: "a real OKR file's versions are small; look at what the commits of this file hold",
                          path: document.path, range: SourceRange(start: 0, end: end))
    }

    /// The history rules, for a document with a history (none without one).
    public func lintHistory(_ document: Document, _ history: FileHistory?) -> [Diagnostic] {
        guard let history, !historyRules.isEmpty else { return [] }
        let subject = HistorySubject(document: document, history: history)
        return historyRules.flatMap { $0.check(subject) }
    }

    /// Syntax diagnostics and the document rules.
    public func lintDocument(_ document: Document, history: FileHistory? = nil) -> [Diagnostic] {
        document.syntaxDiagnostics + lintDocumentRules(document, history: history)
    }

    /// The document rules' findings alone, for a caller that keeps the document (and so its syntax diagnostics)
    /// and must not hold them twice: the language server.
    public func lintDocumentRules(_ document: Document, history: FileHistory? = nil) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let subject = DocumentSubject(document, history: history)
        for r in documentRules { out.append(contentsOf: r.check(subject)) }
        return out
    }

    /// As `lintDocument`, for a document the caller is done with after this (the run's first pass): its syntax
    /// findings are moved out of it, not copied, since a file where every line is an error has as many as lines.
    public func lintDocument(taking document: inout Document, history: FileHistory? = nil) -> [Diagnostic] {
        var out = document.syntaxDiagnostics
        document.syntaxDiagnostics = []
        let subject = DocumentSubject(document, history: history)
        for r in documentRules { out.append(contentsOf: r.check(subject)) }
        return out
    }

    /// The workspace rules (the rules across files), for the document at `path` of `workspace`; none when the
    /// workspace has no document at `path`.
    public func lintWorkspace(path: String, in workspace: Workspace) -> [Diagnostic] {
        guard !workspaceRules.isEmpty, let di = workspace.index(ofPath: path) else { return [] }
        var out: [Diagnostic] = []
        let subject = WorkspaceSubject(workspace: workspace, path: path, documentIndex: di)
        for r in workspaceRules { out.append(contentsOf: r.check(subject)) }
        return out
    }

    /// The findings of pass 1 for the document at `path`, seen with the whole workspace, followed by the workspace
    /// rules' findings: a key result that other files align to is checked in through them (`stale-check-in`).
    public func acrossFiles(_ documentFindings: [Diagnostic], path: String, in workspace: Workspace) -> [Diagnostic] {
        StaleCheckInRule.checkedInThroughOthers(documentFindings, path: path, in: workspace) + lintWorkspace(path: path, in: workspace)
    }

    /// Applies the document's suppression comments (when it has any; nil for a document known to have none) and sorts.
    /// Takes the findings over (`consuming`), so a caller that hands them on (`consume`) has them sorted in place.
    public func finish(_ diagnostics: consuming [Diagnostic], document: Document?) -> [Diagnostic] {
        var out = consume diagnostics
        if let document, Linter.hasSuppressions(document) {
            out = Suppression.apply(out, document: document, knownRuleIDs: Registry.ids,
                                    activeRuleIDs: activeRuleIDs, unusedSeverity: unusedSuppressionSeverity)
        }
        out.sort(by: Diagnostic.ordered)
        return out
    }

    /// Whether `finish` needs the document: it has `okrlint-` comments.
    public static func hasSuppressions(_ document: Document) -> Bool {
        document.comments.contains(where: { $0.text.hasPrefix("okrlint-") })
    }
}
