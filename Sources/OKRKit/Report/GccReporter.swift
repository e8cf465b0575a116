/// One line per finding, `path:line:col: severity: message [rule]`, as editors' problem matchers and vim's
/// quickfix (`errorformat=%f:%l:%c:\ %t%*[^:]:\ %m`) read it. Info findings are `note`, as in gcc. Columns count
/// Unicode scalars by default, as every other format does; `.byte` counts UTF-8 bytes, as Vim's `%c` reads them.
public struct GccReporter: Reporter {
    public static let id = "gcc"
    public var columnUnit: ColumnUnit
    public init(columnUnit: ColumnUnit = .char) { self.columnUnit = columnUnit }

    public func frame(_ result: LintResult) -> ReportFrame { ReportFrame(head: "", tail: "") }

    public func renderFile(_ file: FileResult) -> String { joinedChunks { renderFile(file, to: $0) } }

    public func renderFile(_ file: FileResult, to emit: (String) -> Void) {
        var locator = SourceLocator(file.source)
        var out = ""
        let path = SafeText.escape(file.path)
        for d in file.diagnostics {
            let a = locator.location(of: d.range.start)
            let column = columnUnit == .byte ? file.source.byteColumn(of: d.range.start) : a.column
            let sev = d.severity == .info ? "note" : d.severity.rawValue
            out += "\(path):\(a.line):\(column): \(sev): \(SafeText.escape(d.message)) [\(SafeText.escape(d.ruleID))]\n"
            if out.utf8.count >= partChunkSize { emit(out); out = "" }
        }
        emit(out)
    }
}

/// What a column counts in the `gcc` format.
public enum ColumnUnit: String, Sendable, CaseIterable {
    /// Unicode scalars (as the human, JSON and SARIF formats, rustc and ruff count).
    case char
    /// UTF-8 bytes (as Vim's quickfix `%c` and Emacs' byte columns read them).
    case byte
}

extension SourceFile {
    /// The 1-based column of `offset` in UTF-8 bytes from the start of its line (the BOM is not a column).
    func byteColumn(of offset: Int) -> Int {
        let clamped = min(max(0, offset), bytes.count)
        let line = lineIndex(of: clamped)
        return clamped - contentRange(ofLine: line).lowerBound + 1
    }
}
