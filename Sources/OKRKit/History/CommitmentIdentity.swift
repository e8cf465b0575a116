/// Which team and period a version of a file commits for, compared by meaning rather than by spelling: the period
/// by its dates (`2026-Q4`, `Q4 2026` and `2026-10-01..2026-12-31` are one period, read with the file's fiscal
/// calendar), the team by its name without case or the spaces around it (`web`, `Web`). The history rules compare
/// only versions of one identity, so a respelling cannot set a file's earlier versions aside, and a change of
/// identity while the old one was running is a finding of its own (`moving-goalposts`).
public struct CommitmentIdentity: Hashable, Sendable {
    public var team: String
    /// `start..end` of the period, or its text (lowercased, trimmed) when it cannot be read.
    public var period: String

    public init(_ document: Document, calendar: FiscalCalendar) {
        team = Self.folded(document.text(document.header.team) ?? "")
        if let p = document.period(calendar) {
            period = "\(p.start)..\(p.end)"
        } else {
            period = Self.folded(document.text(document.header.period) ?? "")
        }
    }

    /// One key for both parts.
    public var key: String { team + "\n" + period }

    static func folded(_ s: String) -> String { s.trimmingSpaces.lowercased() }
}
