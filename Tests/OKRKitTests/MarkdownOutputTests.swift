import Foundation
import Testing
@testable import OKRKit

/// Issue 20: text from a file cannot become something to click in the Markdown okrlint writes for GitHub
/// (`okrlint report --format markdown`, `okrlint diff --format markdown`). GitHub autolinks bare URLs, `www.` and
/// emails (GFM's autolink extension), besides `<…>` autolinks, links, images and HTML.
/// `Tests/integration/markdown-links.py` renders the same outputs with cmark-gfm and checks there is no `<a` or `<img`.
@Suite struct MarkdownOutputTests {
    /// What a hostile file writes into titles, owners, values and notes.
    static let hostile = ["https://e.invalid/x", "http://e.invalid/y", "www.e.invalid", "mail@e.invalid", "<https://e.invalid>",
                          "[a](https://e.invalid)", "![i](https://e.invalid/i.png)", "<img src=x>", "ftp://e.invalid", "#123"]

    /// Forms that would render as a link, an image or HTML if they reached the Markdown as written.
    static let rawForms = ["https://", "http://", "ftp://", "www.", "mail@e", "<https", "](", "![", "<img", "<a", "#123", "@e.invalid"]

    static let text = """
        # Web https://e.invalid/x
        - team: web
        - period: 2026-Q4
        - owner: mail@e.invalid

        ## O1: Visit https://e.invalid/x and www.e.invalid or mail@e.invalid #123
        - owner: [a](https://e.invalid)

        ### KR1.1: Ship <https://e.invalid> [a](https://e.invalid) ![i](https://e.invalid/i.png) <img src=x> http://e.invalid/y
        - metric: 0 -> 10 www.e.invalid
        - current: 3 www.e.invalid
        - owner: <img src=x>

        ### KR1.2: Reach ftp://e.invalid and mail@e.invalid
        - metric: 0 -> 10 pages
        - confidence: 0.2

        ## Check-ins
        - 2026-11-02 KR1.1: 3 www.e.invalid, confidence 0.3 -- see https://e.invalid/x <img src=x>

        """

    /// The Markdown with its code spans taken out: a code span shows its text as written and forms no link (owners
    /// and paths are code spans, so they cannot mention anyone).
    static func outsideCodeSpans(_ md: String) -> String {
        var out = ""
        var rest = Substring(md)
        while let open = rest.firstIndex(of: "`") {
            out += rest[..<open]
            let run = rest[open...].prefix { $0 == "`" }
            let after = rest[run.endIndex...]
            guard let close = after.range(of: String(run)) else { out += rest[open...]; return out }
            rest = after[close.upperBound...]
        }
        return out + rest
    }

    /// Whether `form` occurs in `md` other than right after a backslash (which makes its first character literal).
    static func containsRaw(_ md: String, _ form: String) -> Bool {
        var rest = md[...]
        while let r = rest.range(of: form) {
            if r.lowerBound == md.startIndex || md[md.index(before: r.lowerBound)] != "\\" { return true }
            rest = md[r.upperBound...]
        }
        return false
    }

    static func expectNoRawForms(_ md: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let outside = outsideCodeSpans(md)
        for form in rawForms {
            #expect(!containsRaw(outside, form), "the Markdown holds `\(form)`:\n\(md)", sourceLocation: sourceLocation)
        }
    }

    @Test func theReportFormsNoLink() {
        let doc = Parser.parse(path: "web.okr", text: Self.text)
        let ws = Workspace(documents: [doc])
        let findings = ["web.okr": Linter(today: CalendarDate("2026-11-25")!).lint(doc)]
        let model = ReportModel(workspace: ws, documents: [doc], findings: findings, today: CalendarDate("2026-11-25")!,
                                calendar: { _ in .calendarYear })
        let md = ReportMarkdown().render(model)
        #expect(md.contains("Visit https&#58;//e.invalid/x"), "the title is still there, read the same")
        #expect(md.contains("www&#46;e.invalid"))
        Self.expectNoRawForms(md)
    }

    @Test func theCommitmentDiffFormsNoLink() {
        let old = Parser.parse(path: "web.okr", text: "# Web\n- team: web\n- period: 2026-Q4\n## O1: Plain\n### KR1.1: Plain\n- metric: 0 -> 10 x\n- owner: @dana\n")
        let new = Parser.parse(path: "web.okr", text: Self.text)
        let changes = CommitmentDiff.compare(old, new, path: "web.okr")
        #expect(!changes.isEmpty)
        let md = CommitmentDiff.markdown(changes, base: "https://e.invalid/rev")
        Self.expectNoRawForms(md)
        #expect(md.contains("Ship \\<https&#58;//e.invalid\\>"))
    }

    @Test(arguments: hostile)
    func escapeInlineLeavesNoRawForm(_ s: String) {
        let escaped = MarkdownText.escapeInline("see " + s + " now")
        for form in Self.rawForms { #expect(!Self.containsRaw(escaped, form), "\(escaped)") }
        // What a reader sees is the text: only escapes, entities and invisible joiners were added.
        let shown = escaped.replacingOccurrences(of: "\u{200C}", with: "").replacingOccurrences(of: "&#58;", with: ":")
            .replacingOccurrences(of: "&#46;", with: ".").replacingOccurrences(of: "&amp;", with: "&")
            .replacingOccurrences(of: #"\\(.)"#, with: "$1", options: .regularExpression)
        #expect(shown == "see " + s + " now")
    }

    @Test func escapeInlineIsSafeAtTheStartOfALine() {
        #expect(MarkdownText.escapeInline("- item") == "\\- item")
        #expect(MarkdownText.escapeInline("+ item") == "\\+ item")
        #expect(MarkdownText.escapeInline("12. item") == "12\\. item")
        #expect(MarkdownText.escapeInline("=== x") == "\\=== x")
        #expect(MarkdownText.escapeInline("a\nb\u{202E}c") == "a b c")
        #expect(MarkdownText.escapeInline("a - b. 3.5") == "a - b. 3.5")
    }
}
