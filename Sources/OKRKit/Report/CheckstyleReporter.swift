/// Checkstyle XML (version 4.3), one `<file>` per checked file, the format Jenkins' warnings plugin and reviewdog read.
public struct CheckstyleReporter: Reporter {
    public static let id = "checkstyle"
    public init() {}

    public func frame(_ result: LintResult) -> ReportFrame {
        ReportFrame(head: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n", tail: "</checkstyle>\n")
    }

    public func renderFile(_ file: FileResult) -> String {
        var locator = SourceLocator(file.source)
        var out = ""
        out += "  <file name=\"\(XML.text(file.path))\">\n"
        for d in file.diagnostics {
            let a = locator.location(of: d.range.start)
            let message = d.help.map { "\(d.message) (help: \($0))" } ?? d.message
            out += "    <error line=\"\(a.line)\" column=\"\(a.column)\" severity=\"\(d.severity.rawValue)\" message=\"\(XML.text(message))\" source=\"okrlint.\(XML.text(d.ruleID))\"/>\n"
        }
        out += "  </file>\n"
        return out
    }
}
