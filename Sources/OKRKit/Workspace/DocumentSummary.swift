/// What the workspace keeps of one document once it has been parsed: enough for the rules across files, progress
/// roll-up and the JSON report, and small, so a run over 10,000 files does not hold 10,000 syntax trees.
public struct DocumentSummary: Sendable {
    public var path: String
    public var team: String?
    /// The `- period:` value as written.
    public var periodText: String?
    public var period: Period?
    public var objectives: [ObjectiveSummary]

    public init(_ document: Document, calendar: FiscalCalendar = .calendarYear) {
        path = document.path
        team = document.header.team?.value
        periodText = document.header.period?.value
        period = document.period(calendar)
        let latest = document.latestCheckIns
        objectives = document.objectives.map { o in
            ObjectiveSummary(
                id: o.id, title: o.title.value, headingRange: o.headingRange, aligns: o.aligns,
                hasAlignsProperty: o.property("aligns") != nil,
                progress: Progress.objective(o, in: document), score: o.score?.value,
                keyResults: o.keyResults.map { kr in
                    KeyResultSummary(id: kr.id?.value, progress: Progress.keyResult(kr, latest: kr.id.flatMap { latest[$0.value] }),
                                     weight: kr.weight?.value ?? 1)
                })
        }
    }
}

public struct ObjectiveSummary: Sendable {
    public var id: Spanned<String>?
    public var title: String
    public var headingRange: SourceRange
    public var aligns: [AlignmentLink]
    /// An `aligns` line is present, even one whose value did not parse.
    public var hasAlignsProperty: Bool
    public var progress: Double?
    /// The final grade, when given: it is the objective's progress, whatever is aligned to it.
    public var score: Double?
    public var keyResults: [KeyResultSummary]
}

public struct KeyResultSummary: Sendable {
    public var id: String?
    public var progress: Double?
    public var weight: Double
}
