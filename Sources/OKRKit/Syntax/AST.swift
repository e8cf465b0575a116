/// A value together with the exact bytes it came from.
public struct Spanned<Value: Sendable & Hashable>: Sendable, Hashable {
    public var value: Value
    public var range: SourceRange
    public init(_ value: Value, _ range: SourceRange) {
        self.value = value
        self.range = range
    }
}

/// One `- key: value` fact. Every fact is kept, known or not, so nothing in a file is lost.
public struct Property: Sendable, Hashable {
    public var key: Spanned<String>
    /// The value as written, trimmed; its range covers the trimmed text.
    public var value: Spanned<String>
    /// The whole line (without terminator or leading indentation).
    public var range: SourceRange
    /// A key already given in the same block: kept as a node, but its value is not read (the first one counts).
    public var isDuplicate = false

    public init(key: Spanned<String>, value: Spanned<String>, range: SourceRange, isDuplicate: Bool = false) {
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
    public var title: Spanned<String>
    public var owner: Spanned<String>?
    public var due: Spanned<CalendarDate>?
    /// An explicit `kr:ID` token naming the key result this work serves.
    public var keyResultRef: Spanned<String>?
    public var range: SourceRange
    /// Nested list items under the task (`  - [ ] step`, `  - note`), kept in order; a nested task is an initiative
    /// of its own, a nested plain item a note.
    public var subItems: [InitiativeSubItem] = []
}

/// A list item indented under an initiative.
public struct InitiativeSubItem: Sendable, Hashable {
    /// A nested task `- [ ]` / `- [x]`; nil for a plain nested item, a note.
    public var done: Bool?
    public var text: Spanned<String>
    public var range: SourceRange
    /// How deep it is nested (1 for directly under the initiative).
    public var depth: Int
}

public struct KeyResult: Sendable, Hashable {
    public var id: Spanned<String>?
    public var title: Spanned<String>
    /// The heading line.
    public var headingRange: SourceRange
    /// From the heading to the last line that belongs to it.
    public var range: SourceRange
    public var properties: [Property] = []
    public var metric: Metric?
    public var current: Quantity?
    public var confidence: Spanned<Double>?
    public var owner: Spanned<String>?
    public var due: Spanned<CalendarDate>?
    public var weight: Spanned<Double>?
    /// The final grade, 0.0-1.0, given at the end of the period (Google's scoring); it is the key result's progress.
    public var score: Spanned<Double>?
    public var initiatives: [Initiative] = []
    public var description: [Spanned<String>] = []

    public func property(_ key: String) -> Property? { properties.first { $0.key.value == key } }
}

public enum ObjectiveType: String, Sendable, Hashable {
    case committed
    case aspirational
}

public struct Objective: Sendable, Hashable {
    public var id: Spanned<String>?
    public var title: Spanned<String>
    public var headingRange: SourceRange
    public var range: SourceRange
    public var properties: [Property] = []
    public var owner: Spanned<String>?
    public var aligns: [AlignmentLink] = []
    public var type: Spanned<ObjectiveType>?
    public var due: Spanned<CalendarDate>?
    /// The final grade, 0.0-1.0, given at the end of the period.
    public var score: Spanned<Double>?
    public var keyResults: [KeyResult] = []
    /// Task items directly under the objective, before any key result: work attached to no KR.
    public var initiatives: [Initiative] = []
    public var description: [Spanned<String>] = []

    public func property(_ key: String) -> Property? { properties.first { $0.key.value == key } }
}

/// A dated progress record in the `## Check-ins` section.
public struct CheckIn: Sendable, Hashable {
    public var date: Spanned<CalendarDate>?
    /// The date as written (kept even when it is not a real date).
    public var dateText: Spanned<String>
    public var keyResultID: Spanned<String>
    public var value: Quantity?
    public var confidence: Spanned<Double>?
    public var note: Spanned<String>?
    public var range: SourceRange
}

public struct Header: Sendable, Hashable {
    public var title: Spanned<String>?
    public var properties: [Property] = []
    public var formatVersion: Spanned<String>?
    public var team: Spanned<String>?
    public var period: Spanned<String>?
    public var owner: Spanned<String>?
    /// `- fiscal-year-start:` as a month 1-12 (it overrides the config's).
    public var fiscalYearStart: Spanned<Int>?
    public var description: [Spanned<String>] = []

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
    public var lines: [Spanned<String>] = []
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
    /// The latest check-in of each key result ID (by date; on the same date the later line), computed once by the parser.
    public var latestCheckIns: [String: CheckIn] = [:]

    public var path: String { source.path }

    public init(source: SourceFile) { self.source = source }

    /// Every key result with the objective it belongs to.
    public var allKeyResults: [(objective: Objective, keyResult: KeyResult)] {
        objectives.flatMap { o in o.keyResults.map { (o, $0) } }
    }

    /// The period of the header, read with the fiscal year of `calendar` unless the header sets its own.
    public func period(_ calendar: FiscalCalendar = .calendarYear) -> Period? {
        guard let text = header.period?.value else { return nil }
        var c = calendar
        if let start = header.fiscalYearStart?.value { c.startMonth = start }
        return Period(text, calendar: c)
    }
}
