/// One line per finding, `path:line:col: severity: message [rule]`, as editors' problem matchers and vim's
/// quickfix (`errorformat=%f:%l:%c:\ %t%*[^:]:\ %m`) read it. Info findings are `note`, as in gcc.
public struct GccReporter: Reporter {
    public static let id = "gcc"
    public init() {}

    public func render(_ result: LintResult) -> String { collect(result) }

    public func render(_ result: LintResult, to emit: (String) -> Void) { emitText("", result, "", emit) }

    public func renderFile(_ file: FileResult) -> String {
        var locator = SourceLocator(file.source)
        var out = ""
        for d in file.diagnostics {
            let a = locator.location(of: d.range.start)
            let sev = d.severity == .info ? "note" : d.severity.rawValue
            let message = d.message.replacingAll("\n", with: " ")
            out += "\(file.path):\(a.line):\(a.column): \(sev): \(message) [\(d.ruleID)]\n"
        }
        return out
    }
}
