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
    /// Line and column of every `aligns` link, objective by objective (see `linkLocation`).
    public var linkLocations: [LineColumn]
    /// Every key result's `commitment`, sorted (searched by `carried-over-from-previous-file`).
    public var commitments: [Int] = []

    public init(_ document: Document, calendar: FiscalCalendar = .calendarYear) {
        path = document.path
        defer { commitments = objectives.flatMap { $0.keyResults.compactMap(\.commitment) }.sorted() }
        team = document.text(document.header.team)
        periodText = document.text(document.header.period)
        period = document.period(calendar)
        titleRange = document.header.title?.range
        // Line and column of what other files' findings point at, while the line table is at hand (pass 1).
        var locator = SourceLocator(document.source)
        var links: [LineColumn] = []
        objectives = document.objectives.map { o in
            let first = links.count
            for l in o.aligns { links.append(LineColumn(locator.location(of: l.range.start))) }
            return ObjectiveSummary(
                id: o.id.map { Spanned(document.text($0), $0.range) }, idLocation: o.id.map { LineColumn(locator.location(of: $0.range.start)) },
                title: document.text(o.title), headingRange: o.headingRange, aligns: o.aligns, firstLinkLocation: Int32(first),
                hasAlignsProperty: o.property("aligns") != nil,
                progress: Progress.objective(o, in: document), score: o.score?.value,
                keyResults: o.keyResults.withUnsafeBufferPointer { krs in
                    krs.indices.map { k in
                        let value = krs[k].latestCheckIn.flatMap { $0 < document.checkIns.count ? document.checkIns[$0].value : nil }
                        var summary = KeyResultSummary(id: document.text(krs[k].id), progress: Progress.keyResult(krs[k], latestValue: value),
                                                       weight: krs[k].weight?.value ?? 1)
                        summary.idRange = krs[k].id?.range
                        // A key result marked `carried-from` was carried on purpose: no commitment to compare.
                        if let _ = krs[k].id, krs[k].repeatsIDOf == nil, krs[k].carriedFrom == nil,
                           let m = krs[k].property("metric"), let metric = krs[k].metric {
                            summary.commitment = KeyResultSummary.commitment(document.source.bytes, title: krs[k].title.range, metric: m.value.range)
                            summary.moved = CarriedOverKeyResultRule.moved(krs[k], metric, in: document)
                        }
                        return summary
                    }
                })
        }
        linkLocations = links
    }

    /// The objective whose heading line holds byte `offset` (findings about an objective point at its ID or
    /// heading). Objectives are in file order and their headings are lines of their own, so this is a binary search,
    /// not a walk per finding.
    public func objectiveIndex(atHeading offset: Int) -> Int? {
        let after = objectives.partitionPoint { $0.headingRange.start > offset }
        guard after > 0 else { return nil }
        let h = objectives[after - 1].headingRange
        return offset < max(h.end, h.start + 1) ? after - 1 : nil
    }

    /// Line and column of link `k` of objective `oi`.
    public func linkLocation(objective oi: Int, link k: Int) -> LineColumn {
        let i = Int(objectives[oi].firstLinkLocation) + k
        return i < linkLocations.count ? linkLocations[i] : LineColumn(line: 1, column: 1)
    }
}

/// A 1-based line and column (Unicode scalars), small enough to keep for every ID and link of a workspace.
public struct LineColumn: Sendable, Hashable {
    public var line: Int32
    public var column: Int32
    public init(line: Int32, column: Int32) {
        self.line = line
        self.column = column
    }
    init(_ l: SourceLocation) { self.init(line: Int32(clamping: l.line), column: Int32(clamping: l.column)) }
}

public struct ObjectiveSummary: Sendable {
    public var id: Spanned<String>?
    /// Line and column of the ID, for related locations in other files' findings.
    public var idLocation: LineColumn?
    public var title: String
    public var headingRange: SourceRange
    public var aligns: [AlignmentLink]
    /// Where this objective's links start in the document's `linkLocations`.
    public var firstLinkLocation: Int32
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
    /// What the key result commits to, as a number: its title (case and spacing folded) and its metric as written,
    /// hashed. Equal for a key result copied into the next period's file. Only for one with an ID and a metric.
    public var commitment: Int? = nil
    /// Where its ID is written (for findings on it from other passes and files).
    public var idRange: SourceRange? = nil
    /// Whether anything says it moved: a check-in, or a `current` other than the baseline.
    public var moved = false

    /// The title with ASCII letters in lower case and each run of spaces and tabs as one space (none at the ends),
    /// then the metric without the spaces around it, hashed from the bytes (no strings are made: every file's
    /// summary computes this).
    static func commitment(_ bytes: [UInt8], title: SourceRange, metric: SourceRange) -> Int {
        var h = Hasher()
        bytes.withUnsafeBufferPointer { b in
            let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 }
            var space = false, any = false
            for i in max(0, title.start)..<min(b.count, max(title.start, title.end)) {
                let c = b[i]
                if isSpace(c) { space = any; continue }
                if space { h.combine(UInt8(0x20)); space = false }
                h.combine(c >= 0x41 && c <= 0x5A ? c | 0x20 : c)
                any = true
            }
            h.combine(UInt8(0))
            var lo = max(0, metric.start), hi = min(b.count, max(metric.start, metric.end))
            while lo < hi, isSpace(b[lo]) { lo += 1 }
            while hi > lo, isSpace(b[hi - 1]) { hi -= 1 }
            h.combine(bytes: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: b[lo..<hi])))
        }
        return h.finalize()
    }
}
