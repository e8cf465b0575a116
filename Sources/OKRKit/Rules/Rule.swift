/// A value of a rule option, from defaults or the config file.
public enum OptionValue: Sendable, Hashable, CustomStringConvertible {
    case int(Int)
    case double(Double)
    case bool(Bool)
    case string(String)
    case strings([String])

    public var description: String {
        switch self {
        case .int(let v): String(v)
        case .double(let v): formatNumber(v)
        case .bool(let v): v ? "true" : "false"
        case .string(let v): "\"\(v)\""
        case .strings(let v): "[" + v.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
        }
    }

    /// Name of the JSON type, for docs, the schema and error messages.
    public var typeName: String {
        switch self {
        case .int: "integer"
        case .double: "number"
        case .bool: "boolean"
        case .string: "string"
        case .strings: "array of strings"
        }
    }
}

public struct RuleOption: Sendable {
    public var name: String
    public var summary: String
    public var defaultValue: OptionValue
    public init(_ name: String, _ defaultValue: OptionValue, _ summary: String) {
        self.name = name
        self.summary = summary
        self.defaultValue = defaultValue
    }
}

/// An example in a rule's docs; the generic rule test runs it.
/// In `source`, `↓` marks where each expected diagnostic starts (it is removed before parsing).
public struct RuleExample: Sendable {
    public var source: String
    public var options: [String: OptionValue]
    /// The date the example is checked on (for rules that look at time).
    public var today: CalendarDate?
    /// Other files of the workspace, path -> text (for rules across files). The example itself is `example.okr`.
    public var otherFiles: [String: String]

    public init(_ source: String, options: [String: OptionValue] = [:], today: String? = nil, otherFiles: [String: String] = [:]) {
        self.source = source
        self.options = options
        self.today = today.flatMap { CalendarDate($0) }
        self.otherFiles = otherFiles
    }
}

/// Everything a rule says about itself: the registry, `okrlint rule ID`, docs and tests come from here.
public struct RuleDescription: Sendable {
    public var id: String
    public var summary: String
    /// Why the rule exists, with the OKR source it rests on.
    public var rationale: String
    public var defaultSeverity: Severity
    public var options: [RuleOption]
    /// Examples that must produce diagnostics (at the `↓` marks).
    public var triggering: [RuleExample]
    /// Examples that must produce none.
    public var passing: [RuleExample]

    public init(id: String, summary: String, rationale: String, defaultSeverity: Severity,
                options: [RuleOption] = [], triggering: [RuleExample], passing: [RuleExample]) {
        self.id = id
        self.summary = summary
        self.rationale = rationale
        self.defaultSeverity = defaultSeverity
        self.options = options
        self.triggering = triggering
        self.passing = passing
    }
}

/// What a rule sees: the document under check, the workspace it lives in, its options and the date.
/// The document and workspace a linter shares among its rules for one file: one reference to copy per rule
/// instead of every array and string in the syntax tree.
final class RuleSubject: Sendable {
    let document: Document
    let workspace: Workspace
    init(document: Document, workspace: Workspace) {
        self.document = document
        self.workspace = workspace
    }
}

public struct RuleContext: Sendable {
    let subject: RuleSubject
    /// The document under check. Empty for `.workspace` rules, which read `workspace` only.
    public var document: Document { _read { yield subject.document } }
    /// Path of the document under check.
    public var path: String { _read { yield subject.document.source.path } }
    public var workspace: Workspace { _read { yield subject.workspace } }
    public let options: [String: OptionValue]
    public let severity: Severity
    public let ruleID: String
    public let today: CalendarDate
    /// How fiscal periods (`FY2021-Q2`) are read: from the config; the file's `fiscal-year-start` overrides it.
    public let calendar: FiscalCalendar
    /// What the rule's `prepare` made of its options, once per linter.
    public let prepared: (any Sendable)?

    public init(document: Document, workspace: Workspace, options: [String: OptionValue], severity: Severity, ruleID: String,
                today: CalendarDate, calendar: FiscalCalendar = .calendarYear, prepared: (any Sendable)? = nil) {
        self.init(subject: RuleSubject(document: document, workspace: workspace), options: options, severity: severity,
                  ruleID: ruleID, today: today, calendar: calendar, prepared: prepared)
    }

    init(subject: RuleSubject, options: [String: OptionValue], severity: Severity, ruleID: String, today: CalendarDate,
         calendar: FiscalCalendar, prepared: (any Sendable)?) {
        self.subject = subject
        self.calendar = calendar
        self.prepared = prepared
        self.options = options
        self.severity = severity
        self.ruleID = ruleID
        self.today = today
    }

    public var source: SourceFile { document.source }

    /// The document's period, fiscal periods read with `calendar` (or the file's own `fiscal-year-start`).
    public var period: Period? { document.period(calendar) }

    /// A diagnostic of this rule at `range` of the document under check.
    public func diagnostic(_ range: SourceRange, _ message: String, help: String? = nil, severity: Severity? = nil) -> Diagnostic {
        Diagnostic(ruleID: ruleID, severity: severity ?? self.severity, message: message, help: help,
                   path: path, range: range)
    }

    public func int(_ name: String) -> Int {
        switch options[name] {
        case .int(let v): v
        case .double(let v): Int(v)
        default: 0
        }
    }

    public func double(_ name: String) -> Double {
        switch options[name] {
        case .double(let v): v
        case .int(let v): Double(v)
        default: 0
        }
    }

    public func bool(_ name: String) -> Bool {
        if case .bool(let v) = options[name] { return v }
        return false
    }

    public func string(_ name: String) -> String {
        if case .string(let v) = options[name] { return v }
        return ""
    }

    public func strings(_ name: String) -> [String] {
        if case .strings(let v) = options[name] { return v }
        return []
    }
}

/// What a rule reads.
public enum RuleScope: Sendable {
    /// The document's syntax tree only (`context.document`); runs as soon as the file is parsed.
    case document
    /// The workspace only: this document's summary (`context.workspace.documents[i]`) and the other files'. Runs once
    /// every file is parsed; `context.document` is empty.
    case workspace
}

public protocol Rule: Sendable {
    var description: RuleDescription { get }
    var scope: RuleScope { get }
    /// Work on the options done once per linter instead of once per file (word lists tokenised, say); the result
    /// reaches `check` as `context.prepared`.
    func prepare(_ options: [String: OptionValue]) -> (any Sendable)?
    /// Findings on the document under check (and only that document).
    func check(_ context: RuleContext) -> [Diagnostic]
}

extension Rule {
    public var scope: RuleScope { .document }
    public func prepare(_ options: [String: OptionValue]) -> (any Sendable)? { nil }
}

/// Formats a number without a trailing `.0` (`3`, `0.25`).
public func formatNumber(_ v: Double) -> String {
    if v == v.rounded() && abs(v) < 1e15 { return String(Int(v)) }
    return String(v)
}
