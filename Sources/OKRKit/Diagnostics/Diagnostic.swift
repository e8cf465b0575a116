public enum Severity: String, Sendable, Hashable, CaseIterable, Comparable, Codable {
    case info
    case warning
    case error

    var rank: Int {
        switch self {
        case .info: 0
        case .warning: 1
        case .error: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// One replacement of a byte range by new text (for fixes).
public struct TextEdit: Hashable, Sendable {
    public var range: SourceRange
    public var replacement: String
    public init(range: SourceRange, replacement: String) {
        self.range = range
        self.replacement = replacement
    }
}

/// Another place a finding involves, usually in another file (the file whose link broke, the other definition of
/// a duplicate ID). Its line and column are computed when that file is read, since its source is not kept.
public struct RelatedLocation: Hashable, Sendable {
    public var path: String
    public var range: SourceRange
    /// 1-based line and column (Unicode scalars) of `range.start`.
    public var line: Int
    public var column: Int
    public var message: String
    public init(path: String, range: SourceRange, line: Int, column: Int, message: String) {
        self.path = path
        self.range = range
        self.line = line
        self.column = column
        self.message = message
    }
}

/// A finding. Positions are byte ranges into the file named by `path`;
/// line/column conversion happens in reporters.
public struct Diagnostic: Hashable, Sendable {
    /// Rule id (kebab-case) or `syntax-error` for what the parser reports.
    public var ruleID: String
    public var severity: Severity
    public var message: String
    public var help: String?
    public var path: String
    public var range: SourceRange
    public var fix: [TextEdit]
    /// Other places involved (reporters that can show them do: JSON `related`, SARIF `relatedLocations`).
    public var related: [RelatedLocation]

    public init(ruleID: String, severity: Severity, message: String, help: String? = nil,
                path: String, range: SourceRange, fix: [TextEdit] = [], related: [RelatedLocation] = []) {
        self.ruleID = ruleID
        self.severity = severity
        self.message = message
        self.help = help
        self.path = path
        self.range = range
        self.fix = fix
        self.related = related
    }

    /// Order used by every reporter: path, position, rule id, message.
    public static func ordered(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
        if a.path != b.path { return a.path < b.path }
        if a.range != b.range { return a.range < b.range }
        if a.ruleID != b.ruleID { return a.ruleID < b.ruleID }
        return a.message < b.message
    }
}

/// The id the parser uses for syntax diagnostics. Not a rule: it cannot be turned off.
public let syntaxErrorID = "syntax-error"
