/// GitHub Actions workflow commands: `::error file=…,line=…,endLine=…,col=…,endColumn=…,title=…::message`.
/// Escaping follows GitHub's own toolkit (`@actions/core` command.ts): `%`, CR and LF in the message; also `:` and
/// `,` in properties. Before that every unsafe character is made visible (`SafeText`), so nothing from a file can
/// end the line and start a command of its own (`::add-mask::`, `::stop-commands::`); a `::` in the message is
/// harmless, since the runner reads commands only at the start of a line and the properties before the first `::`.
public struct GitHubReporter: Reporter {
    public static let id = "github"
    public init() {}

    static func escapeData(_ s: String) -> String {
        s.replacingAll("%", with: "%25").replacingAll("\r", with: "%0D").replacingAll("\n", with: "%0A")
    }

    static func escapeProperty(_ s: String) -> String {
        escapeData(s).replacingAll(":", with: "%3A").replacingAll(",", with: "%2C")
    }

    public func frame(_ result: LintResult) -> ReportFrame { ReportFrame(head: "", tail: "") }

    public func renderFile(_ file: FileResult) -> String { joinedChunks { renderFile(file, to: $0) } }

    public func renderFile(_ file: FileResult, to emit: (String) -> Void) {
        var locator = SourceLocator(file.source)
        var out = ""
        let path = Self.escapeProperty(SafeText.escape(file.path))
        for d in file.diagnostics {
            let a = locator.location(of: d.range.start)
            let b = locator.location(of: d.range.end)
            let command: String
            switch d.severity {
            case .error: command = "error"
            case .warning: command = "warning"
            case .info: command = "notice"
            }
            var props = "file=\(path),line=\(a.line),endLine=\(b.line)"
            // Columns only make sense on one line (GitHub ignores them otherwise).
            if a.line == b.line { props += ",col=\(a.column),endColumn=\(max(b.column, a.column + 1))" }
            props += ",title=\(Self.escapeProperty("okrlint \(SafeText.escape(d.ruleID))"))"
            // The one line break is ours: between the message and its help.
            let message = SafeText.escape(d.message) + (d.help.map { "\nhelp: \(SafeText.escape($0))" } ?? "")
            out += "::\(command) \(props)::\(Self.escapeData(message))\n"
            if out.utf8.count >= partChunkSize { emit(out); out = "" }
        }
        emit(out)
    }
}
