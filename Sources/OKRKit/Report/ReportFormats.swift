/// What a reporter may take from the run and the command line.
public struct ReportContext: Sendable {
    /// The workspace of the run (the JSON format adds each file's objectives and progress from it).
    public var workspace: Workspace
    public var color: Bool
    /// Whether the human format ends with its summary line (`--quiet` leaves it out).
    public var summary: Bool
    public var columnUnit: ColumnUnit
    /// `--unsafe-fixes`: the human format counts unsafe fixes as fixable.
    public var unsafeFixes: Bool

    public init(workspace: Workspace = Workspace(summaries: []), color: Bool = false, summary: Bool = true,
                columnUnit: ColumnUnit = .char, unsafeFixes: Bool = false) {
        self.workspace = workspace
        self.color = color
        self.summary = summary
        self.columnUnit = columnUnit
        self.unsafeFixes = unsafeFixes
    }
}

/// One `--format`: its id, a line for `--help`, and how to make its reporter.
public struct ReportFormat: Sendable {
    public var id: String
    public var summary: String
    public var make: @Sendable (ReportContext) -> any Reporter
}

/// The one table of output formats: the command line validates `--format` against it, prints it in `--help`,
/// and makes the reporter from it.
public enum ReportFormats {
    public static let all: [ReportFormat] = [
        ReportFormat(id: HumanReporter.id, summary: "rustc/ruff style with source excerpts and a summary (default)") {
            HumanReporter(color: $0.color, summary: $0.summary, unsafeFixes: $0.unsafeFixes)
        },
        ReportFormat(id: JsonReporter.id, summary: "a stable JSON schema, with objectives and progress per file") { ctx in
            let ws = ctx.workspace
            return JsonReporter(fileExtras: { file, w in WorkspaceJSON.write(file.path, ws, &w) })
        },
        ReportFormat(id: SarifReporter.id, summary: "SARIF 2.1.0 for GitHub code scanning") { _ in SarifReporter() },
        ReportFormat(id: GitHubReporter.id, summary: "GitHub Actions annotations (workflow commands)") { _ in GitHubReporter() },
        ReportFormat(id: GccReporter.id, summary: "path:line:col: severity: message [rule], for editors and quickfix") {
            GccReporter(columnUnit: $0.columnUnit)
        },
        ReportFormat(id: JUnitReporter.id, summary: "JUnit XML, one test case per file") { _ in JUnitReporter() },
        ReportFormat(id: CheckstyleReporter.id, summary: "Checkstyle 4.3 XML (Jenkins, reviewdog)") { _ in CheckstyleReporter() },
        ReportFormat(id: GitLabReporter.id, summary: "GitLab Code Quality JSON") { _ in GitLabReporter() },
    ]

    public static var ids: [String] { all.map(\.id) }

    public static func named(_ id: String) -> ReportFormat? { all.first { $0.id == id } }
}
