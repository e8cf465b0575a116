/// What the workspace keeps of one document once it has been parsed: enough for the rules across files, progress
/// roll-up and the JSON report, and small, so a run over 10,000 files does not hold 10,000 syntax trees.
public struct DocumentSummary: Sendable {
    public var path: String
    public var team: String?
    /// The `- period:` value as written.
    public var periodText: String?
    public var period: Period?
    /// The `#` title's range, for findings about the file as a whole.
    public var titleRange: SourceRange?
    public var objectives: [ObjectiveSummary]

    public init(_ document: Document) {
        path = document.path
        team = document.header.team?.value
        periodText = document.header.period?.value
        period = document.period
        titleRange = document.header.title?.range
        let latest = document.latestCheckIns
        // Line and column of what other files' findings point at, while the line table is at hand (pass 1).
        var locator = SourceLocator(document.source)
        objectives = document.objectives.map { o in
            ObjectiveSummary(
                id: o.id, idLocation: o.id.map { locator.location(of: $0.range.start) },
                title: o.title.value, headingRange: o.headingRange, aligns: o.aligns,
                alignLocations: o.aligns.map { locator.location(of: $0.range.start) },
                hasAlignsProperty: o.property("aligns") != nil,
                progress: Progress.objective(o, in: document),
                keyResults: o.keyResults.map { kr in
                    KeyResultSummary(id: kr.id?.value, progress: Progress.keyResult(kr, latest: kr.id.flatMap { latest[$0.value] }))
                })
        }
    }
}

public struct ObjectiveSummary: Sendable {
    public var id: Spanned<String>?
    /// Line and column of the ID, for related locations in other files' findings.
    public var idLocation: SourceLocation?
    public var title: String
    public var headingRange: SourceRange
    public var aligns: [AlignmentLink]
    /// Line and column of each `aligns` link.
    public var alignLocations: [SourceLocation]
    /// An `aligns` line is present, even one whose value did not parse.
    public var hasAlignsProperty: Bool
    public var progress: Double?
    public var keyResults: [KeyResultSummary]
}

public struct KeyResultSummary: Sendable {
    public var id: String?
    public var progress: Double?
}
