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

    /// An enabled rule with its id, severity and options resolved once (descriptions are large to copy).
    struct ActiveRule: Sendable {
        let rule: any Rule
        let id: String
        let severity: Severity
        let options: [String: OptionValue]
    }
    let active: [ActiveRule]
    let unusedSuppressionSeverity: Severity?

    public init(rules: [any Rule] = Registry.all, settings: [String: RuleSetting] = [:], today: CalendarDate = .today()) {
        self.rules = rules
        self.settings = settings
        self.today = today
        var active: [ActiveRule] = []
        var unused: Severity? = nil
        for rule in rules {
            let d = rule.description
            let severity = settings[d.id].map { $0.severity } ?? d.defaultSeverity
            guard let sev = severity else { continue }
            var o: [String: OptionValue] = [:]
            for opt in d.options { o[opt.name] = opt.defaultValue }
            if let s = settings[d.id] { for (k, v) in s.options { o[k] = v } }
            active.append(ActiveRule(rule: rule, id: d.id, severity: sev, options: o))
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

    public func lint(_ document: Document, in workspace: Workspace? = nil) -> [Diagnostic] {
        let ws = workspace ?? Workspace(documents: [document])
        var out = document.syntaxDiagnostics
        for a in active {
            let ctx = RuleContext(document: document, workspace: ws, options: a.options,
                                  severity: a.severity, ruleID: a.id, today: today)
            out.append(contentsOf: a.rule.check(ctx))
        }
        if document.comments.contains(where: { $0.text.hasPrefix("okrlint-") }) {
            out = Suppression.apply(out, document: document, knownRuleIDs: Registry.ids,
                                    activeRuleIDs: Set(active.map(\.id)), unusedSeverity: unusedSuppressionSeverity)
        }
        out.sort(by: Diagnostic.ordered)
        return out
    }
}
