/// JUnit XML, one test case per checked file: it fails when the file has an error or a warning; infos are listed
/// in `system-out`.
public struct JUnitReporter: Reporter {
    public static let id = "junit"
    public init() {}

    public func frame(_ result: LintResult) -> ReportFrame {
        let failing = result.files.filter { $0.diagnostics.contains { $0.severity != .info } }.count
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"okrlint\" tests=\"\(result.files.count)\" failures=\"\(failing)\" errors=\"0\">\n"
        out += "  <testsuite name=\"okrlint\" tests=\"\(result.files.count)\" failures=\"\(failing)\" errors=\"0\" skipped=\"0\">\n"
        return ReportFrame(head: out, tail: "  </testsuite>\n</testsuites>\n")
    }

    public func renderFile(_ file: FileResult) -> String {
        var locator = SourceLocator(file.source)
        var out = ""
        let path = XML.text(file.path)
        let serious = file.diagnostics.filter { $0.severity != .info }
        let infos = file.diagnostics.filter { $0.severity == .info }
        if serious.isEmpty && infos.isEmpty {
            return "    <testcase classname=\"okrlint\" name=\"\(path)\"/>\n"
        }
        out += "    <testcase classname=\"okrlint\" name=\"\(path)\">\n"
        func lines(_ ds: [Diagnostic]) -> String {
            ds.map { d in
                let a = locator.location(of: d.range.start)
                return XML.text("\(file.path):\(a.line):\(a.column): \(d.severity.rawValue)[\(d.ruleID)]: \(d.message)" + (d.help.map { " (help: \($0))" } ?? ""))
            }.joined(separator: "\n")
        }
        if !serious.isEmpty {
            let e = serious.filter { $0.severity == .error }.count
            let w = serious.count - e
            out += "      <failure type=\"okrlint\" message=\"\(e) error\(e == 1 ? "" : "s"), \(w) warning\(w == 1 ? "" : "s")\">\(lines(serious))</failure>\n"
        }
        if !infos.isEmpty { out += "      <system-out>\(lines(infos))</system-out>\n" }
        out += "    </testcase>\n"
        return out
    }
}
