/// The version printed by `okrlint --version` and written into reports.
public let okrlintVersion = "0.1.0"
public let okrlintInformationURI = "https://github.com/okrlint/okrlint"

/// The diagnostics of one checked file, with its source for excerpts and positions.
public struct FileResult: Sendable {
    public var source: SourceFile
    public var diagnostics: [Diagnostic]
    public init(source: SourceFile, diagnostics: [Diagnostic]) {
        self.source = source
        self.diagnostics = diagnostics
    }
    public var path: String { source.path }
}

/// Everything a reporter needs: one entry per checked file, in output order.
public struct LintResult: Sendable {
    public var files: [FileResult]
    public init(files: [FileResult]) { self.files = files }

    public var allDiagnostics: [Diagnostic] { files.flatMap { $0.diagnostics } }

    public func count(_ severity: Severity) -> Int {
        files.reduce(0) { $0 + $1.diagnostics.filter { $0.severity == severity }.count }
    }
}

/// One output format. Reporters are pure: result in, text out.
public protocol Reporter: Sendable {
    /// The name given to `--format`.
    static var id: String { get }
    func render(_ result: LintResult) -> String
}
