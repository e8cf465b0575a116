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
}

/// A number as written plus its unit, e.g. `32 min`, `99.9%`, `$1200`.
public struct Quantity: Sendable, Hashable {
    public var value: Double
    /// The number exactly as written (`99.90`), kept for output.
    public var lexeme: String
    /// Unit text, `""` when none; `%` for percentages; the symbol for a currency prefix (`$`).
    public var unit: String
    public var range: SourceRange

    public var display: String {
        if unit.isEmpty { return lexeme }
        if Quantity.currencySymbols.contains(unit) { return unit + lexeme }
        if unit == "%" { return lexeme + "%" }
        return lexeme + " " + unit
    }

    static let currencySymbols: Set<String> = ["$", "€", "£", "¥"]
}

public enum MetricKind: String, Sendable, Hashable {
    /// `baseline -> target` with target above baseline.
    case increase
    /// `baseline -> target` with target below baseline.
    case decrease
    /// `baseline -> target` with target equal to baseline (a rule reports it).
    case flat
    /// `>= target`: keep the value at or above the target.
    case stayAbove = "stay-above"
    /// `<= target`: keep the value at or below the target.
    case stayBelow = "stay-below"
    /// `milestone`: done or not done.
    case milestone
}

public struct Metric: Sendable, Hashable {
    public var kind: MetricKind
    public var baseline: Quantity?
    public var target: Quantity?
    /// The metric's unit: the target's unit, or the baseline's when the target has none.
    public var unit: String
    public var range: SourceRange
}

/// An alignment link `team/ID` from an objective to a parent objective.
public struct AlignmentLink: Sendable, Hashable {
    /// Team of the parent; nil for a link inside the same file (`O2`).
    public var team: String?
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
    /// The latest check-in of each key result ID (by date; on the same date the later line), computed once by the parser.
    public var latestCheckIns: [String: CheckIn] = [:]

    public var path: String { source.path }

    public init(source: SourceFile) { self.source = source }

    /// Every key result with the objective it belongs to.
    public var allKeyResults: [(objective: Objective, keyResult: KeyResult)] {
        objectives.flatMap { o in o.keyResults.map { (o, $0) } }
    }

    public var period: Period? { header.period.flatMap { Period($0.value) } }
}
