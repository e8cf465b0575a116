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
    public let rules: [any Rule]
    public let settings: [String: RuleSetting]
    public let today: CalendarDate
    /// How fiscal periods are read (the config's `fiscal-year-start`).
    public let calendar: FiscalCalendar

    /// An enabled rule with its id, severity and options resolved once (descriptions are large to copy).
    final class ActiveRule: Sendable {
        let rule: any Rule
        let id: String
        let severity: Severity
        let options: [String: OptionValue]
        let prepared: (any Sendable)?
        init(rule: any Rule, id: String, severity: Severity, options: [String: OptionValue], prepared: (any Sendable)?) {
            self.rule = rule
            self.id = id
            self.severity = severity
            self.options = options
            self.prepared = prepared
        }
    }
    let active: [ActiveRule]
    let unusedSuppressionSeverity: Severity?

    public init(rules: [any Rule] = Registry.all, settings: [String: RuleSetting] = [:], today: CalendarDate = .today(),
                calendar: FiscalCalendar = .calendarYear) {
        self.rules = rules
        self.settings = settings
        self.today = today
        self.calendar = calendar
        var active: [ActiveRule] = []
        var unused: Severity? = nil
        for rule in rules {
            let d = rule.description
            let severity = settings[d.id].map { $0.severity } ?? d.defaultSeverity
            guard let sev = severity else { continue }
            var o: [String: OptionValue] = [:]
            for opt in d.options { o[opt.name] = opt.defaultValue }
            if let s = settings[d.id] { for (k, v) in s.options { o[k] = v } }
            active.append(ActiveRule(rule: rule, id: d.id, severity: sev, options: o, prepared: rule.prepare(o)))
            if d.id == UnusedSuppressionRule.id { unused = sev }
        }
        self.active = active
        self.unusedSuppressionSeverity = unused
    }

    /// Options of `rule` with defaults filled in.
    public func options(for rule: any Rule) -> [String: OptionValue] {
        var o: [String: OptionValue] = [:]
        for opt in rule.description.options { o[opt.name] = opt.defaultValue }
        if let s = settings[rule.description.id] {
            for (k, v) in s.options { o[k] = v }
        }
        return o
    }

    public func severity(for rule: any Rule) -> Severity? {
        if let s = settings[rule.description.id] { return s.severity }
        return rule.description.defaultSeverity
    }

    /// Lints one document against a workspace (by default a workspace of the document alone): `lintDocument`,
    /// then `lintWorkspace`, then `finish`. A run over many files calls the three steps itself, so it need not keep
    /// every syntax tree until the workspace is complete.
    public func lint(_ document: Document, in workspace: Workspace? = nil) -> [Diagnostic] {
        let ws = workspace ?? Workspace(documents: [document], calendar: calendar)
        return finish(lintDocument(document) + lintWorkspace(path: document.path, in: ws), document: document)
    }

    /// Syntax diagnostics and the rules that read only the document.
    public func lintDocument(_ document: Document) -> [Diagnostic] {
        var out = document.syntaxDiagnostics
        let subject = RuleSubject(document: document, workspace: Workspace.empty)
        for a in active where a.rule.scope == .document {
            let ctx = RuleContext(subject: subject, options: a.options, severity: a.severity, ruleID: a.id, today: today, calendar: calendar, prepared: a.prepared)
            out.append(contentsOf: a.rule.check(ctx))
        }
        return out
    }

    /// The rules across files, for the document at `path` of `workspace`.
    public func lintWorkspace(path: String, in workspace: Workspace) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let subject = RuleSubject(document: Document(source: SourceFile(path: path, bytes: [])), workspace: workspace)
        for a in active where a.rule.scope == .workspace {
            let ctx = RuleContext(subject: subject, options: a.options, severity: a.severity, ruleID: a.id, today: today, calendar: calendar, prepared: a.prepared)
            out.append(contentsOf: a.rule.check(ctx))
        }
        return out
    }

    /// Applies the document's suppression comments (when it has any; nil for a document known to have none) and sorts.
    public func finish(_ diagnostics: [Diagnostic], document: Document?) -> [Diagnostic] {
        var out = diagnostics
        if let document, Linter.hasSuppressions(document) {
            out = Suppression.apply(out, document: document, knownRuleIDs: Registry.ids,
                                    activeRuleIDs: Set(active.map(\.id)), unusedSeverity: unusedSuppressionSeverity)
        }
        out.sort(by: Diagnostic.ordered)
        return out
    }

    /// Whether `finish` needs the document: it has `okrlint-` comments.
    public static func hasSuppressions(_ document: Document) -> Bool {
        document.comments.contains(where: { $0.text.hasPrefix("okrlint-") })
    }
}
