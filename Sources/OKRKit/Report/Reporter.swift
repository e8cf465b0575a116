/// The version printed by `okrlint --version` and written into reports.
public let okrlintVersion = "0.1.0"
public let okrlintInformationURI = "https://github.com/okrlint/okrlint"

/// The diagnostics of one checked file, with its source for excerpts and positions.
public struct FileResult: Sendable {
    public var source: SourceFile
    public var diagnostics: [Diagnostic]
    /// This file's part of the report, when a run rendered it already (in parallel, so it could drop the source);
    /// made by the same reporter that renders the whole result.
    public var rendered: String?
    public init(source: SourceFile, diagnostics: [Diagnostic], rendered: String? = nil) {
        self.source = source
        self.diagnostics = diagnostics
        self.rendered = rendered
    }
    public var path: String { source.path }
}

/// Everything a reporter needs: one entry per checked file, in output order.
public struct LintResult: Sendable {
    public var files: [FileResult]
    public init(files: [FileResult]) { self.files = files }

    public var allDiagnostics: [Diagnostic] { files.flatMap { $0.diagnostics } }

    public func count(_ severity: Severity) -> Int {
        var n = 0
        for f in files { for d in f.diagnostics where d.severity == severity { n += 1 } }
        return n
    }
}

/// One output format. Reporters are pure: result in, text out.
public protocol Reporter: Sendable {
    /// The name given to `--format`.
    static var id: String { get }
    func render(_ result: LintResult) -> String
    /// One file's part of the report: the only part that needs the file's source. `render` joins these with what
    /// comes before, between and after them.
    func renderFile(_ file: FileResult) -> String
    /// The report in chunks, in order, so a large one need not be held whole (the default emits `render`).
    func render(_ result: LintResult, to emit: (String) -> Void)
}

extension Reporter {
    public func render(_ result: LintResult, to emit: (String) -> Void) { emit(render(result)) }
}

/// Chunks of about this many bytes are emitted by reporters that write in chunks.
let reportChunkSize = 1 << 20

extension Reporter {
    /// A file's part, made during the run or now.
    func part(_ file: FileResult) -> String { file.rendered ?? renderFile(file) }

    /// The size of the parts rendered already, to reserve room for the whole report at once.
    func renderedSize(_ result: LintResult) -> Int {
        result.files.reduce(0) { $0 + ($1.rendered?.utf8.count ?? 0) }
    }

    /// The whole report as one string, from the chunks of `render(_:to:)`.
    func collect(_ result: LintResult) -> String {
        var out = ""
        out.reserveCapacity(renderedSize(result) + 131_072)
        render(result) { out += $0 }
        return out
    }

    /// Emits `head`, the file parts and `tail`, in chunks.
    func emitText(_ head: String, _ result: LintResult, _ tail: String, _ emit: (String) -> Void) {
        var buffer = head
        for file in result.files {
            buffer += part(file)
            if buffer.utf8.count >= reportChunkSize { emit(buffer); buffer = "" }
        }
        buffer += tail
        emit(buffer)
    }

    /// Emits the file parts, in chunks, between what the writer holds before and after them.
    func emitParts(_ result: LintResult, _ w: inout JSONWriter, _ emit: (String) -> Void) {
        emit(w.take())
        for file in result.files {
            w.items(part(file))
            if w.output.utf8.count >= reportChunkSize { emit(w.take()) }
        }
    }
}
