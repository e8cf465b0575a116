public struct MissingHeaderRule: DocumentRule {
    public init() {}
    public static let description = RuleDescription(
        id: "missing-header",
        summary: "The file header lacks its team or period (error) or its `okr` format version (warning).",
        rationale: """
        Every OKR set belongs to a team and a period (Google, Doerr): alignment links name the team and all date checks \
        use the period. The format version lets later okrlint versions read today's files (toml-test's lesson, format \
        research §9).
        """,
        defaultSeverity: .error,
        triggering: [
            RuleExample("↓# Platform team OKRs\n\n- okr: 1\n- period: 2026-Q4\n"),
            RuleExample("↓# Platform team OKRs\n\n- team: platform\n- period: 2026-Q4\n"),
            RuleExample("↓↓## O1: Make deploys boring\n"),
        ],
        passing: [
            RuleExample("# Platform team OKRs\n\n- okr: 1\n- team: platform\n- period: 2026-Q4\n"),
        ],
        fix: """
        Adds `- okr: 1` when the format version is missing: before the first header fact, else after the title, else \
        at the top (safe). A missing team or period is yours to write.
        """,
        corrections: [
            RuleCorrection("# Platform team OKRs\n\n- team: platform\n- period: 2026-Q4\n",
                           "# Platform team OKRs\n\n- okr: 1\n- team: platform\n- period: 2026-Q4\n"),
            RuleCorrection("# Platform team OKRs\r\n\r\n## O1: A\r\n", "# Platform team OKRs\r\n- okr: 1\r\n\r\n## O1: A\r\n"),
            RuleCorrection("<!-- draft -->\n## O1: A\n", "- okr: 1\n<!-- draft -->\n## O1: A\n"),
            RuleCorrection("# Platform team OKRs", "# Platform team OKRs\n- okr: 1"),
            // After a byte order mark, which stays first.
            RuleCorrection("\u{FEFF}- team: platform\n", "\u{FEFF}- okr: 1\n- team: platform\n"),
            RuleCorrection("\u{FEFF}## O1: A", "\u{FEFF}- okr: 1\n## O1: A"),
        ])

    public func check(_ context: Context) -> [Diagnostic] {
        let h = context.document.header
        let doc = context.document
        // Report at the title, or at the first line of the file when there is none.
        let anchor: SourceRange = h.title.map { _ in
            let li = doc.source.lineIndex(of: h.title!.range.start)
            let r = doc.source.contentRange(ofLine: li)
            return SourceRange(r)
        } ?? SourceRange(start: doc.source.hasBOM ? 3 : 0, end: doc.source.contentRange(ofLine: 0).upperBound)
        var missing: [String] = []
        if h.team == nil && h.property("team") == nil { missing.append("`- team: <name>`") }
        if h.period == nil && h.property("period") == nil { missing.append("`- period: <2026-Q1>`") }
        var out: [Diagnostic] = []
        if !missing.isEmpty {
            out.append(context.diagnostic(anchor, "the file header has no \(missing.joined(separator: " and "))",
                help: "add \(missing.joined(separator: " and ")) below the `#` title; other files link to this one by team, and dates are checked against the period"))
        }
        if h.formatVersion == nil && h.property("okr") == nil {
            out.append(context.diagnostic(anchor, "the file header has no format version",
                help: "add `- okr: 1` below the title", severity: min(context.severity, .warning),
                fix: Self.versionFix(doc)))
        }
        return out
    }

    /// `- okr: 1` as a line of its own: before the first header fact, else after the title, else at the top (after
    /// a byte order mark), ended like the lines around it.
    static func versionFix(_ doc: Document) -> Fix {
        let src = doc.source
        let message = "add `- okr: 1` to the header"
        if let first = doc.header.properties.first {
            let li = src.lineIndex(of: first.range.start)
            // The start of its line, after a byte order mark on the first.
            return .safe(message, .insert("- okr: 1" + src.lineEnding(near: li), at: src.contentRange(ofLine: li).lowerBound))
        }
        if let title = doc.header.title {
            let li = src.lineIndex(of: title.range.start)
            let end = src.contentRange(ofLine: li).upperBound
            let eol = src.lineEnding(near: li)
            if li + 1 < src.lineCount {
                return .safe(message, .insert("- okr: 1" + eol, at: src.lineStarts[li + 1]))
            }
            // The title is the last line: the fact goes after it, on a new line.
            return .safe(message, .insert(eol + "- okr: 1", at: end))
        }
        return .safe(message, .insert("- okr: 1" + src.lineEnding(near: 0), at: src.hasBOM ? 3 : 0))
    }
}
