/// The version printed by `okrlint --version` and written into reports.
public let okrlintVersion = "0.1.0"
public let okrlintInformationURI = "https://github.com/okrlint/okrlint"

/// The diagnostics of one checked file, with its source for excerpts and positions.
public struct FileResult: Sendable {
    public var source: SourceFile
    public var diagnostics: [Diagnostic]
    /// This file's part of the report, when a run rendered it already (in parallel, so it could drop the source);
    /// made by the same reporter that renders the whole result. Its chunks are kept in memory or in the run's
    /// spill file (`RenderedPart`).
    public var part: RenderedPart?
    /// The file's parts of the reports written besides the main one (`--also-output`), in their order.
    public var renderedAlso: [RenderedPart] = []
    public init(source: SourceFile, diagnostics: [Diagnostic], rendered: String? = nil) {
        self.source = source
        self.diagnostics = diagnostics
        self.part = rendered.map(RenderedPart.init)
    }
    public init(source: SourceFile, diagnostics: [Diagnostic], part: RenderedPart?) {
        self.source = source
        self.diagnostics = diagnostics
        self.part = part
    }
    public var path: String { source.path }
    /// The rendered part as one string (read back from the spill file when it was written there).
    public var rendered: String? { part?.text }
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

/// One output format. Reporters are pure: result in, text out. Each of the two requirements has no default, so a
/// reporter that leaves one out does not compile; the whole report is always `frame.head`, the file parts (non-empty
/// ones joined by `frame.separator`), then `frame.tail`.
public protocol Reporter: Sendable {
    /// The name given to `--format`.
    static var id: String { get }
    /// One file's part of the report: the only part that needs the file's source. The run calls it in parallel as
    /// files are linted and keeps the text (`FileResult.rendered`).
    func renderFile(_ file: FileResult) -> String
    /// What comes before, between and after the file parts (headers, summaries, closing brackets).
    func frame(_ result: LintResult) -> ReportFrame
    /// One file's part in chunks, in order, that together are `renderFile(file)`: reporters whose part grows with
    /// the findings emit it every `partChunkSize` bytes or so, so a run can put a part of many megabytes aside
    /// without ever holding it whole (`RenderedPart`). The default emits `renderFile(file)` at once.
    func renderFile(_ file: FileResult, to emit: (String) -> Void)
}

/// About how many bytes a reporter writes before it hands a chunk of a file's part on.
let partChunkSize = 1 << 16

extension Reporter {
    public func renderFile(_ file: FileResult, to emit: (String) -> Void) { emit(renderFile(file)) }
}

/// `renderFile(_:)` of a reporter that renders in chunks: the chunks joined.
func joinedChunks(_ render: ((String) -> Void) -> Void) -> String {
    var out = ""
    render { out += $0 }
    return out
}

/// The text around the file parts of a report.
public struct ReportFrame: Sendable {
    public var head: String
    /// Between two non-empty file parts ("," in a JSON array).
    public var separator: String
    /// After the parts when at least one part was non-empty.
    public var tail: String
    /// After the parts when all were empty (a JSON array closes without a line break of its own).
    public var emptyTail: String

    public init(head: String, separator: String = "", tail: String, emptyTail: String? = nil) {
        self.head = head
        self.separator = separator
        self.tail = tail
        self.emptyTail = emptyTail ?? tail
    }

    /// The frame of a JSON report: `writer` holds everything up to the array the parts go in (open at the writer's
    /// depth); `finish` closes that array and writes the rest.
    static func json(_ writer: JSONWriter, finish: (inout JSONWriter) -> Void) -> ReportFrame {
        var w = writer
        let head = w.take()
        var empty = w
        finish(&empty)
        var full = w
        full.markItems()
        finish(&full)
        return ReportFrame(head: head, separator: ",", tail: full.take(), emptyTail: empty.take())
    }
}

/// Chunks of about this many bytes are emitted by reporters that write in chunks.
let reportChunkSize = 1 << 20

extension Reporter {
    /// The report in chunks of about 1 MB, in order, so a large one need not be held whole.
    public func render(_ result: LintResult, to emit: (String) -> Void) {
        let frame = frame(result)
        var buffer = frame.head
        var hadParts = false
        // A part is added chunk by chunk (read back from the spill file as it goes), never whole.
        func add(_ chunk: String) {
            if chunk.isEmpty { return }
            buffer += chunk
            if buffer.utf8.count >= reportChunkSize { emit(buffer); buffer = "" }
        }
        for file in result.files {
            var first = true
            let eachChunk: (String) -> Void = { chunk in
                if chunk.isEmpty { return }
                if first {
                    if hadParts { buffer += frame.separator }
                    hadParts = true
                    first = false
                }
                add(chunk)
            }
            if let part = file.part { part.forEachChunk(eachChunk) } else { renderFile(file, to: eachChunk) }
        }
        buffer += hadParts ? frame.tail : frame.emptyTail
        emit(buffer)
    }

    /// The whole report as one string.
    public func render(_ result: LintResult) -> String {
        var out = ""
        out.reserveCapacity(result.files.reduce(0) { $0 + ($1.part?.count ?? 0) } + 131_072)
        render(result) { out += $0 }
        return out
    }
}
