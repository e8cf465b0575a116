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

/// An option as docs, the schema and config validation see it; made from a rule's `Options` (`RuleOptions.documentation`).
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
    /// Option values as a config sets them (decoded like a config's: a test checks each decodes strictly).
    public var options: [String: OptionValue]
    /// The date the example is checked on (for rules that look at time).
    public var today: CalendarDate?
    /// Other files of the workspace, path -> text (for rules across files). The example itself is `example.okr`.
    public var otherFiles: [String: String]
    /// Earlier versions of the example, oldest first, each committed on its date (for rules that read history);
    /// `source` is the working tree.
    public var history: [(date: String, text: String)]

    public init(_ source: String, options: [String: OptionValue] = [:], today: String? = nil, otherFiles: [String: String] = [:],
                history: [(date: String, text: String)] = []) {
        self.source = source
        self.options = options
        self.today = today.flatMap { CalendarDate($0) }
        self.otherFiles = otherFiles
        self.history = history
    }

    /// `history` as a file history, each version with a made-up commit id.
    public var fileHistory: FileHistory? {
        guard !history.isEmpty else { return nil }
        return FileHistory(versions: history.enumerated().compactMap { i, v in
            CalendarDate(v.date).map { FileVersion(commit: String(repeating: String(i + 1), count: 40).prefix(40).description, date: $0,
                                                  document: Parser.parse(path: "example.okr", text: v.text)) }
        })
    }
}

/// A before/after pair in a rule's docs (SwiftLint's corrections): the test applies every fix the rule offers on
/// `before`, safe and unsafe alike, round after round as `okrlint --fix` does, and compares the result with `after`
/// byte for byte.
public struct RuleCorrection: Sendable {
    public var before: String
    public var after: String
    /// Option values as a config sets them.
    public var options: [String: OptionValue]
    /// The date the example is checked on (for rules that look at time).
    public var today: CalendarDate?

    public init(_ before: String, _ after: String, options: [String: OptionValue] = [:], today: String? = nil) {
        self.before = before
        self.after = after
        self.options = options
        self.today = today.flatMap { CalendarDate($0) }
    }

    /// The `before` as a rule example, to run it through the same pipeline as the others.
    public var example: RuleExample { RuleExample(before, options: options, today: today?.description) }
}

/// Everything a rule says about itself: the registry, `okrlint rule ID`, docs and tests come from here. Its options
/// are not listed here but in the rule's `Options` (`Rule.optionDocs`), the one place their names, defaults and
/// summaries are declared.
public struct RuleDescription: Sendable {
    public var id: String
    public var summary: String
    /// Why the rule exists, with the OKR source it rests on.
    public var rationale: String
    public var defaultSeverity: Severity
    /// Examples that must produce diagnostics (at the `↓` marks).
    public var triggering: [RuleExample]
    /// Examples that must produce none.
    public var passing: [RuleExample]
    /// What `okrlint --fix` does about the rule's findings, and whether it is safe ("Sets `current` to ... (safe)");
    /// nil when the rule offers no fix.
    public var fix: String?
    /// Before/after examples of its fixes; a rule that offers a fix has at least one.
    public var corrections: [RuleCorrection]

    public init(id: String, summary: String, rationale: String, defaultSeverity: Severity,
                triggering: [RuleExample], passing: [RuleExample], fix: String? = nil, corrections: [RuleCorrection] = []) {
        self.id = id
        self.summary = summary
        self.rationale = rationale
        self.defaultSeverity = defaultSeverity
        self.triggering = triggering
        self.passing = passing
        self.fix = fix
        self.corrections = corrections
    }
}

/// What every rule has: a description and typed options. A rule is either a `DocumentRule` or a `WorkspaceRule`;
/// the registry (`AnyRule`) holds one or the other.
public protocol Rule: Sendable {
    /// The rule's options, decoded from the config once per linter (`NoOptions` when it has none).
    associatedtype Options: RuleOptions = NoOptions
    static var description: RuleDescription { get }
}

extension Rule {
    /// The rule's options as docs and config validation see them (from `Options.fields` and `Options()`).
    public static var optionDocs: [RuleOption] { Options.documentation }
}

/// A rule that reads one document's syntax tree. Runs as soon as the file is parsed (pass 1).
public protocol DocumentRule: Rule {
    /// Findings on the document under check (and only that document).
    func check(_ context: DocumentContext<Options>) -> [Diagnostic]
}

/// A rule that reads only the workspace: the summary of the document under check
/// (`context.workspace.documents[context.documentIndex]`) and the other files' summaries. Runs once every file is
/// parsed (pass 2), when no syntax tree is left: `WorkspaceContext` has no `document` to read.
public protocol WorkspaceRule: Rule {
    /// Findings on the document under check (and only that document).
    func check(_ context: WorkspaceContext<Options>) -> [Diagnostic]
}

/// A rule that reads a document's earlier versions from git (`HistoryContext.versions`). Runs with the document
/// rules in pass 1 when the run has a history (`RunOptions.history`); without one (no git, not a repository, the
/// language server) it does not run.
public protocol HistoryRule: Rule {
    /// Findings on the document under check (and only that document).
    func check(_ context: HistoryContext<Options>) -> [Diagnostic]
}

extension DocumentRule {
    public typealias Context = DocumentContext<Options>
}

extension HistoryRule {
    public typealias Context = HistoryContext<Options>
}

extension WorkspaceRule {
    public typealias Context = WorkspaceContext<Options>
}

/// An entry of the registry: a document rule or a workspace rule.
public enum AnyRule: Sendable {
    case document(any DocumentRule)
    case workspace(any WorkspaceRule)
    case history(any HistoryRule)

    public var description: RuleDescription {
        switch self {
        case .document(let r): type(of: r).description
        case .workspace(let r): type(of: r).description
        case .history(let r): type(of: r).description
        }
    }

    public var id: String { description.id }

    /// The rule's options: name, default, type and summary.
    public var options: [RuleOption] {
        switch self {
        case .document(let r): type(of: r).optionDocs
        case .workspace(let r): type(of: r).optionDocs
        case .history(let r): type(of: r).optionDocs
        }
    }

    /// `values` decoded into the rule's typed options (strictly: an unknown name or a value of the wrong type is an
    /// error), read back through its option table.
    public func decodeOptions(_ values: [String: OptionValue]) throws(OptionError) -> [String: OptionValue] {
        func decode<R: Rule>(_: R) throws(OptionError) -> [String: OptionValue] {
            let o = try R.Options.decode(values)
            return Dictionary(uniqueKeysWithValues: R.Options.fields.map { ($0.name, $0.value(in: o)) })
        }
        switch self {
        case .document(let r): return try decode(r)
        case .workspace(let r): return try decode(r)
        case .history(let r): return try decode(r)
        }
    }
}

/// Formats a number without a trailing `.0` (`3`, `0.25`).
public func formatNumber(_ v: Double) -> String {
    if v == v.rounded() && abs(v) < 1e15 { return String(Int(v)) }
    return String(v)
}
