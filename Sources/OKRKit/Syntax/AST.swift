/// A value together with the exact bytes it came from.
public struct Spanned<Value: Sendable & Hashable>: Sendable, Hashable {
    public var value: Value
    public var range: SourceRange
    public init(_ value: Value, _ range: SourceRange) {
        self.value = value
        self.range = range
    }
}

/// Text of the source file, kept as its byte range: it becomes a `String` only when a rule or reporter reads it
/// (`Document.text(_:)`, `SourceFile.text(_:)`), and is compared as bytes (`SourceFile.equal`). The parser makes no
/// strings for titles, values, IDs, owners, notes or free text.
public struct TextSpan: Sendable, Hashable {
    public var range: SourceRange
    public init(_ range: SourceRange) { self.range = range }
    public init(_ start: Int, _ end: Int) { self.range = SourceRange(start: start, end: max(start, end)) }
    public var isEmpty: Bool { range.isEmpty }
    /// Length in bytes.
    public var count: Int { range.end - range.start }
    func shifted(by d: Int) -> TextSpan { TextSpan(range.shifted(by: d)) }
}

/// One `- key: value` fact. Every fact is kept, known or not, so nothing in a file is lost.
public struct Property: Sendable, Hashable {
    public var key: Spanned<String>
    /// The value as written, trimmed.
    public var value: TextSpan
    /// The whole line (without terminator or leading indentation).
    public var range: SourceRange
    /// A key already given in the same block: kept as a node, but its value is not read (the first one counts).
    public var isDuplicate = false

    public init(key: Spanned<String>, value: TextSpan, range: SourceRange, isDuplicate: Bool = false) {
        self.key = key
        self.value = value
        self.range = range
        self.isDuplicate = isDuplicate
    }
}

/// An alignment link `team/ID` from an objective to what it serves: a parent objective, or one of its key results
/// (`company/KR1.2`, the cascade of Measure What Matters).
public struct AlignmentLink: Sendable, Hashable {
    /// Team of the parent; nil for a link inside the same file (`O2`).
    public var team: String?
    /// The ID named: an objective's or a key result's (the workspace resolves which).
    public var objectiveID: String
    public var range: SourceRange

    public var display: String { team.map { "\($0)/\(objectiveID)" } ?? objectiveID }
}

/// A task item `- [ ]` / `- [x]`: work under a key result.
public struct Initiative: Sendable, Hashable {
    public var done: Bool
    public var title: TextSpan
    public var owner: TextSpan?
    public var due: Spanned<CalendarDate>?
    /// An explicit `kr:ID` token naming the key result this work serves.
    public var keyResultRef: TextSpan?
    /// The key result `keyResultRef` names in this file (the first with that ID); set by the parser.
    public var keyResult: KeyResultIndex? = nil
    public var range: SourceRange
    /// Nested list items under the task (`  - [ ] step`, `  - note`), kept in order; a nested task is an initiative
    /// of its own, a nested plain item a note.
    public var subItems: [InitiativeSubItem] = []
}

/// A list item indented under an initiative.
public struct InitiativeSubItem: Sendable, Hashable {
    /// A nested task `- [ ]` / `- [x]`; nil for a plain nested item, a note.
    public var done: Bool?
    public var text: TextSpan
    public var range: SourceRange
    /// How deep it is nested (1 for directly under the initiative).
    public var depth: Int
}

public struct KeyResult: Sendable, Hashable {
    public var id: TextSpan?
    public var title: TextSpan
    /// The heading line.
    public var headingRange: SourceRange
    /// From the heading to the last line that belongs to it.
    public var range: SourceRange
    public var properties: [Property] = []
    public var metric: Metric?
    public var current: Quantity?
    public var confidence: Spanned<Double>?
    public var owner: TextSpan?
    public var due: Spanned<CalendarDate>?
    public var weight: Spanned<Double>?
    /// The final grade, 0.0-1.0, given at the end of the period (Google's scoring); it is the key result's progress.
    public var score: Spanned<Double>?
    /// `carried-from: 2026-Q3/KR1.2`: carried into this period on purpose (`okrlint init --from`).
    public var carriedFrom: TextSpan?
    public var initiatives: [Initiative] = []
    public var description: [TextSpan] = []
    /// Index in `Document.checkIns` of the latest check-in naming this key result's ID (by date; on the same date the
    /// later line); set by the parser (`Document.resolveReferences`).
    public var latestCheckIn: Int? = nil
    /// The earlier key result of this file with the same ID, when the ID repeats (set by the parser); check-ins and
    /// references belong to the first.
    public var repeatsIDOf: KeyResultIndex? = nil

    public func property(_ key: String) -> Property? { properties.first { $0.key.value == key } }
}

public enum ObjectiveType: String, Sendable, Hashable {
    case committed
    case aspirational
}

public struct Objective: Sendable, Hashable {
    public var id: TextSpan?
    public var title: TextSpan
    public var headingRange: SourceRange
    public var range: SourceRange
    public var properties: [Property] = []
    public var owner: TextSpan?
    public var aligns: [AlignmentLink] = []
    public var type: Spanned<ObjectiveType>?
    public var due: Spanned<CalendarDate>?
    /// The final grade, 0.0-1.0, given at the end of the period.
    public var score: Spanned<Double>?
    public var keyResults: [KeyResult] = []
    /// Task items directly under the objective, before any key result: work attached to no KR.
    public var initiatives: [Initiative] = []
    public var description: [TextSpan] = []

    public func property(_ key: String) -> Property? { properties.first { $0.key.value == key } }
}

/// A dated progress record in the `## Check-ins` section.
public struct CheckIn: Sendable, Hashable {
    public var date: Spanned<CalendarDate>?
    /// The date as written (kept even when it is not a real date).
    public var dateText: TextSpan
    public var keyResultID: TextSpan
    public var value: Quantity?
    public var confidence: Spanned<Double>?
    public var note: TextSpan?
    public var range: SourceRange
    /// The key result in this file whose ID the check-in names (the first one with that ID); nil when none has it.
    /// Set by the parser (`Document.resolveReferences`).
    public var keyResult: KeyResultIndex? = nil
}

/// Where a key result is in its document: `document.objectives[objective].keyResults[keyResult]`.
public struct KeyResultIndex: Sendable, Hashable {
    public var objective: Int
    public var keyResult: Int
    public init(objective: Int, keyResult: Int) {
        self.objective = objective
        self.keyResult = keyResult
    }
}

public struct Header: Sendable, Hashable {
    public var title: TextSpan?
    public var properties: [Property] = []
    public var formatVersion: TextSpan?
    public var team: TextSpan?
    public var period: TextSpan?
    public var owner: TextSpan?
    /// `- fiscal-year-start:` as a month 1-12 (it overrides the config's).
    public var fiscalYearStart: Spanned<Int>?
    public var description: [TextSpan] = []

    public func property(_ key: String) -> Property? { properties.first { $0.key.value == key } }
}

/// An HTML comment `<!-- ... -->`, whole-line or at the end of a line.
public struct Comment: Sendable, Hashable {
    /// Text between `<!--` and `-->`, trimmed.
    public var text: String
    public var range: SourceRange
    /// True when the comment is the only thing on its line(s).
    public var ownLine: Bool
}

public enum SectionKind: String, Sendable, Hashable {
    case checkIns = "Check-ins"
    case initiatives = "Initiatives"
    case notes = "Notes"
}

/// A reserved `##` section other than an objective.
public struct Section: Sendable, Hashable {
    public var kind: SectionKind
    public var headingRange: SourceRange
    public var range: SourceRange
    public var lines: [TextSpan] = []
}

/// One parsed `.okr` file.
public struct Document: Sendable {
    public var source: SourceFile
    public var header = Header()
    public var objectives: [Objective] = []
    /// Task items in an `## Initiatives` section; each should name its key result with `kr:ID`.
    public var initiatives: [Initiative] = []
    public var checkIns: [CheckIn] = []
    public var sections: [Section] = []
    public var comments: [Comment] = []
    /// What the parser found wrong; parsing always goes on.
    public var syntaxDiagnostics: [Diagnostic] = []
    /// Every physical line, with what it is: the lossless layer under the tree (`Line.print` gives the file back).
    public var lines: [Line] = []

    public var path: String { source.path }

    /// The text of a span of this file (bad UTF-8 bytes read as U+FFFD).
    public func text(_ span: TextSpan) -> String { source.text(span.range) }
    /// The text of an optional span; nil when there is none.
    public func text(_ span: TextSpan?) -> String? { span.map { source.text($0.range) } }

    public init(source: SourceFile) { self.source = source }

    /// The key result at `index`.
    public subscript(index: KeyResultIndex) -> KeyResult { objectives[index.objective].keyResults[index.keyResult] }

    /// The latest check-in of a key result of this document (see `KeyResult.latestCheckIn`).
    public func latestCheckIn(of kr: KeyResult) -> CheckIn? {
        guard let i = kr.latestCheckIn, i < checkIns.count else { return nil }
        return checkIns[i]
    }

    /// Every key result with the objective it belongs to.
    public var allKeyResults: [(objective: Objective, keyResult: KeyResult)] {
        objectives.flatMap { o in o.keyResults.map { (o, $0) } }
    }

    /// The period of the header, read with the fiscal year of `calendar` unless the header sets its own.
    public func period(_ calendar: FiscalCalendar = .calendarYear) -> Period? {
        guard let text = text(header.period) else { return nil }
        var c = calendar
        if let start = header.fiscalYearStart?.value { c.startMonth = start }
        return Period(text, calendar: c)
    }
}
