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
    public var rules: [any Rule]
    public var settings: [String: RuleSetting]
    public var today: CalendarDate

    public init(rules: [any Rule] = Registry.all, settings: [String: RuleSetting] = [:], today: CalendarDate = .today()) {
        self.rules = rules
        self.settings = settings
        self.today = today
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
        for rule in rules {
            guard let severity = severity(for: rule) else { continue }
            let ctx = RuleContext(document: document, workspace: ws, options: options(for: rule),
                                  severity: severity, ruleID: rule.description.id, today: today)
            out.append(contentsOf: rule.check(ctx))
        }
        if document.comments.contains(where: { $0.text.hasPrefix("okrlint-") }) {
            let unused = rules.first { $0.description.id == UnusedSuppressionRule.id }.flatMap { severity(for: $0) }
            let active = Set(rules.filter { severity(for: $0) != nil }.map { $0.description.id })
            out = Suppression.apply(out, document: document, knownRuleIDs: Registry.ids, activeRuleIDs: active, unusedSeverity: unused)
        }
        out.sort(by: Diagnostic.ordered)
        return out
    }
}
