/// GitLab Code Quality report (a JSON array of issues), for `artifacts: reports: codequality:`.
/// Severity: error -> major, warning -> minor, info -> info.
public struct GitLabReporter: Reporter {
    public static let id = "gitlab"
    public init() {}

    public func frame(_ result: LintResult) -> ReportFrame {
        var w = JSONWriter()
        w.beginArray()
        return .json(w) { w in
            w.endArray()
            w.raw("\n")
        }
    }

    public func renderFile(_ file: FileResult) -> String {
        var locator = SourceLocator(file.source)
        var w = JSONWriter(itemsAt: 1)
        let prints = file.fingerprints()
        for (i, d) in file.diagnostics.enumerated() {
            let a = locator.location(of: d.range.start)
            w.beginObject()
            w.string("description", "\(d.message) [\(d.ruleID)]")
            w.string("check_name", d.ruleID)
            w.string("fingerprint", prints[i])
            w.string("severity", d.severity == .error ? "major" : (d.severity == .warning ? "minor" : "info"))
            w.beginObject("location")
            w.string("path", file.path)
            w.beginObject("lines"); w.int("begin", a.line); w.endObject()
            w.endObject()
            w.endObject()
        }
        return w.output
    }
}
