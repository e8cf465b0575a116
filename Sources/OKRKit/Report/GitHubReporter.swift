/// GitHub Actions workflow commands: `::error file=…,line=…,endLine=…,col=…,endColumn=…,title=…::message`.
/// Escaping follows GitHub's own toolkit (`@actions/core` command.ts): `%`, CR and LF in the message; also `:` and
/// `,` in properties.
public struct GitHubReporter: Reporter {
    public static let id = "github"
    public init() {}

    static func escapeData(_ s: String) -> String {
        s.replacingAll("%", with: "%25").replacingAll("\r", with: "%0D").replacingAll("\n", with: "%0A")
    }

    static func escapeProperty(_ s: String) -> String {
        escapeData(s).replacingAll(":", with: "%3A").replacingAll(",", with: "%2C")
    }

    public func render(_ result: LintResult) -> String { collect(result) }

    public func render(_ result: LintResult, to emit: (String) -> Void) { emitText("", result, "", emit) }

    public func renderFile(_ file: FileResult) -> String {
        var locator = SourceLocator(file.source)
        var out = ""
        for d in file.diagnostics {
            let a = locator.location(of: d.range.start)
            let b = locator.location(of: d.range.end)
            let command: String
            switch d.severity {
            case .error: command = "error"
            case .warning: command = "warning"
            case .info: command = "notice"
            }
            var props = "file=\(Self.escapeProperty(file.path)),line=\(a.line),endLine=\(b.line)"
            // Columns only make sense on one line (GitHub ignores them otherwise).
            if a.line == b.line { props += ",col=\(a.column),endColumn=\(max(b.column, a.column + 1))" }
            props += ",title=\(Self.escapeProperty("okrlint \(d.ruleID)"))"
            let message = d.help.map { "\(d.message)\nhelp: \($0)" } ?? d.message
            out += "::\(command) \(props)::\(Self.escapeData(message))\n"
        }
        return out
    }
}
