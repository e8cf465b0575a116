/// `--format json`. The schema (version 1) is stable; new keys may be added, none removed or renamed:
///
/// ```
/// { "version": 1,
///   "tool": { "name": "okrlint", "version": "0.1.0" },
///   "files": [ { "path": "teams/platform.okr",
///                "diagnostics": [ { "rule": "stale-check-in", "severity": "warning", "message": "...",
///                                   "help": "..." | null,
///                                   "range": { "start": { "line": 12, "column": 5, "offset": 230 },
///                                              "end":   { "line": 12, "column": 10, "offset": 235 } },
///                                   "fix": { "applicability": "safe" | "unsafe", "message": "...",
///                                            "edits": [ { "range": { "start": {...}, "end": {...} },
///                                                         "content": "..." } ] } | null,
///                                   "related": [ { "path": "...", "line": 3, "column": 4, "message": "..." } ] } ] } ],
///   "summary": { "files": 4, "errors": 0, "warnings": 1, "infos": 0 } }
/// ```
/// Lines and columns are 1-based; columns count Unicode scalars; offsets are UTF-8 byte offsets; `end` is exclusive.
/// `related` (only when there are any) lists other places the finding involves, usually in other files. `fix` is
/// what `okrlint --fix` would do (`unsafe`: only with `--unsafe-fixes`): edits of byte ranges, in order, that do not
/// overlap; `content` replaces the range (an empty range inserts, empty content deletes).
public struct JsonReporter: Reporter {
    public static let id = "json"
    /// Extra data written per file after its diagnostics (the workspace adds objectives and progress).
    public var fileExtras: @Sendable (FileResult, inout JSONWriter) -> Void

    public init(fileExtras: @escaping @Sendable (FileResult, inout JSONWriter) -> Void = { _, _ in }) {
        self.fileExtras = fileExtras
    }

    public func frame(_ result: LintResult) -> ReportFrame {
        var w = JSONWriter()
        w.beginObject()
        w.int("version", 1)
        w.beginObject("tool")
        w.string("name", "okrlint")
        w.string("version", okrlintVersion)
        w.endObject()
        w.beginArray("files")
        return .json(w) { w in
            w.endArray()
            w.beginObject("summary")
            w.int("files", result.files.count)
            w.int("errors", result.count(.error))
            w.int("warnings", result.count(.warning))
            w.int("infos", result.count(.info))
            w.endObject()
            w.endObject()
            w.raw("\n")
        }
    }

    public func renderFile(_ file: FileResult) -> String { joinedChunks { renderFile(file, to: $0) } }

    public func renderFile(_ file: FileResult, to emit: (String) -> Void) {
        var w = JSONWriter(itemsAt: 2)
        var locator = SourceLocator(file.source)
        w.beginObject()
        w.string("path", file.path)
        w.beginArray("diagnostics")
        for d in file.diagnostics {
            w.beginObject()
            w.string("rule", d.ruleID)
            w.string("severity", d.severity.rawValue)
            w.string("message", d.message)
            w.optionalString("help", d.help)
            w.beginObject("range")
            Self.position(&w, "start", &locator, d.range.start)
            Self.position(&w, "end", &locator, d.range.end)
            w.endObject()
            if let fix = d.fix {
                w.beginObject("fix")
                w.string("applicability", fix.applicability.rawValue)
                w.string("message", fix.message)
                w.beginArray("edits")
                for e in fix.edits {
                    w.beginObject()
                    w.beginObject("range")
                    Self.position(&w, "start", &locator, e.range.start)
                    Self.position(&w, "end", &locator, e.range.end)
                    w.endObject()
                    w.string("content", e.content)
                    w.endObject()
                }
                w.endArray()
                w.endObject()
            } else {
                w.null("fix")
            }
            if !d.related.isEmpty {
                w.beginArray("related")
                for r in d.related {
                    w.beginObject()
                    w.string("path", r.path)
                    w.int("line", r.line)
                    w.int("column", r.column)
                    w.string("message", r.message)
                    w.endObject()
                }
                w.endArray()
            }
            w.endObject()
            if w.output.utf8.count >= partChunkSize { emit(w.take()) }
        }
        w.endArray()
        fileExtras(file, &w)
        w.endObject()
        emit(w.take())
    }

    static func position(_ w: inout JSONWriter, _ key: String, _ locator: inout SourceLocator, _ offset: Int) {
        let loc = locator.location(of: offset)
        w.beginObject(key)
        w.int("line", loc.line)
        w.int("column", loc.column)
        w.int("offset", offset)
        w.endObject()
    }
}
