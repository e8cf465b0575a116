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

/// One replacement of a byte range of a file by new text (an edit of a `Fix`). An empty range inserts; empty
/// content deletes.
public struct TextEdit: Hashable, Sendable {
    public var range: SourceRange
    public var content: String
    public init(range: SourceRange, content: String) {
        self.range = range
        self.content = content
    }

    public static func replace(_ range: SourceRange, with content: String) -> TextEdit { TextEdit(range: range, content: content) }
    public static func insert(_ content: String, at offset: Int) -> TextEdit { TextEdit(range: SourceRange(start: offset, end: offset), content: content) }
    public static func delete(_ range: SourceRange) -> TextEdit { TextEdit(range: range, content: "") }
}

/// Whether `okrlint --fix` applies a fix on its own (`safe`: the meaning of the file stays what it was) or only with
/// `--unsafe-fixes` (`unsafe`: the fix is likely right, but it may change what the file says). Ruff's model.
public enum Applicability: String, Sendable, Hashable, CaseIterable {
    case safe
    case unsafe
}

/// How to make a finding go away: edits of the file's bytes, with an applicability and a short message
/// ("replace `ownr` with `owner`"). The edits are kept sorted by position; they never overlap and never reach
/// outside the file (`isValid`), or the fix is not applied.
public struct Fix: Hashable, Sendable {
    public var applicability: Applicability
    public var message: String
    /// Sorted by start; a fix whose edits overlap is not applied (`isValid`).
    public var edits: [TextEdit]

    public init(_ applicability: Applicability, _ message: String, edits: [TextEdit]) {
        self.applicability = applicability
        self.message = message
        self.edits = edits.sorted { $0.range < $1.range }
    }

    public static func safe(_ message: String, _ edits: TextEdit...) -> Fix { Fix(.safe, message, edits: edits) }
    public static func unsafe(_ message: String, _ edits: TextEdit...) -> Fix { Fix(.unsafe, message, edits: edits) }

    /// Where the first edit starts.
    public var start: Int { edits.first?.range.start ?? 0 }

    /// Whether the fix can be applied to a file of `byteCount` bytes: at least one edit, every edit inside the file,
    /// and no two edits overlapping (two insertions at one offset overlap too: their order would be a guess).
    public func isValid(byteCount: Int) -> Bool {
        guard !edits.isEmpty else { return false }
        var last = -1
        var lastWasInsertion = false
        for e in edits {
            guard e.range.start >= 0, e.range.end <= byteCount, e.range.start <= e.range.end else { return false }
            if e.range.start < last || (e.range.start == last && lastWasInsertion && e.range.isEmpty) { return false }
            last = e.range.end
            lastWasInsertion = e.range.isEmpty
        }
        return true
    }

    func shifted(by d: Int) -> Fix {
        var f = self
        f.edits = edits.map { TextEdit(range: SourceRange(start: $0.range.start + d, end: $0.range.end + d), content: $0.content) }
        return f
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
    /// How to fix it, when the rule knows (`okrlint --fix`).
    public var fix: Fix?
    /// Other places involved (reporters that can show them do: JSON `related`, SARIF `relatedLocations`).
    public var related: [RelatedLocation]

    public init(ruleID: String, severity: Severity, message: String, help: String? = nil,
                path: String, range: SourceRange, fix: Fix? = nil, related: [RelatedLocation] = []) {
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
