import Foundation
import Testing
@testable import OKRKit

/// Comments are what GitHub hides (issue 20): okrlint reads as comment exactly what GitHub's renderer hides, and
/// reports a syntax error where it cannot follow. Each row of `table` is checked against the parser; the middle
/// column is what cmark-gfm (GitHub's renderer, with its extensions) and an HTML5 parser hide, as
/// `tools/check-comments.py` derives it again (`pip install cmarkgfm html5lib`).
@Suite struct CommentRuleTests {
    /// `input ║ comments GitHub hides (trimmed, JSON) ║ what okrlint makes of it`, where `same` is: no syntax error and
    /// okrlint's comments are those GitHub hides; `text`: no syntax error and no comment (GitHub hides part of a line
    /// that okrlint reads as text, so nothing GitHub shows goes unread); `error: words`: a syntax error with those
    /// words. In inputs `⏎` is a line end, `→` a tab, `␣` a space; every input ends with a line end.
    static let table = #"""
    // Own-line comments: CommonMark's HTML block type 2, from a line starting with `<!--` to the line holding `-->`.
    # T⏎<!-- one -->⏎## O1: A ║ ["one"] ║ same
    # T⏎<!-->⏎## O1: A⏎<!-- b --> ║ ["", "b"] ║ same
    # T⏎<!--->⏎## O1: A⏎<!-- b --> ║ ["", "b"] ║ same
    # T⏎<!---->⏎## O1: A ║ [""] ║ same
    # T⏎<!--- a -->⏎## O1: A ║ ["- a"] ║ same
    # T⏎<!-- a -- b -->⏎## O1: A ║ ["a -- b"] ║ same
    # T⏎<!-- a⏎b -->⏎## O1: A ║ ["a⏎b"] ║ same
    # T⏎<!--⏎## O1: A⏎-->⏎## O2: B ║ ["## O1: A"] ║ same
    # T⏎<!--!>⏎## O1: A⏎--> ║ ["!>⏎## O1: A"] ║ same
    # T⏎<!-- <!-- a -->⏎## O1: A ║ ["<!-- a"] ║ same
    # T⏎   <!-- a -->⏎## O1: A ║ ["a"] ║ same
    # T⏎  <!-- a⏎b -->⏎## O1: A ║ ["a⏎b"] ║ same
    # T⏎## Notes⏎<!-- a -->⏎text ║ ["a"] ║ same
    # T⏎## O1: A⏎- owner: @a⏎<!-- x⏎-->⏎## O2: B ║ ["x"] ║ same
    # T⏎## O1: A⏎- owner: @a⏎  <!-- x -->⏎## O2: B ║ ["x"] ║ same
    // Where the closing line goes on, or the comment never closes.
    # T⏎<!-- a --> <!-- b⏎## O1: A ║ ["a", "b⏎<h2>O1: A</h2>"] ║ error: text after the end of a comment
    # T⏎<!--⏎a --> b⏎## O1: A ║ ["a"] ║ error: text after the end of a comment
    # T⏎<!-- <!-- a --> -->⏎## O1: A ║ ["<!-- a"] ║ error: text after the end of a comment
    # T⏎<!-- never closed⏎## O1: A ║ ["never closed⏎## O1: A"] ║ error: never closed
    // `--!>` ends a comment in HTML but not in CommonMark.
    # T⏎<!-- a --!> b⏎## O1: A⏎--> ║ ["a"] ║ error: `--!>`
    # T⏎<!--⏎a --!>⏎## O1: A⏎--> ║ ["a"] ║ error: `--!>`
    # T⏎## O1: A⏎- owner: @a <!-- x --!> y --> ║ ["x"] ║ error: `--!>`
    // Indented four columns: a code block, shown as written.
    # T⏎    <!-- a -->⏎## O1: A ║ [] ║ error: indented line
    # T⏎→<!-- a⏎## O1: A⏎--> ║ [] ║ error: indented line
    // Inside a list item: the HTML block ends with the item, the open comment hides the rest of the page.
    # T⏎- team: x⏎  <!-- c⏎-->⏎## O1: A ║ ["c⏎</li>⏎</ul>⏎<p>--&gt;</p>⏎<h2>O1: A</h2>"] ║ error: under a list item
    # T⏎- team: x⏎⏎  <!-- c⏎-->⏎## O1: A ║ ["c⏎</li>⏎</ul>⏎<p>--&gt;</p>⏎<h2>O1: A</h2>"] ║ error: under a list item
    # T⏎- <!-- x⏎## O1: A ║ ["x⏎</li>⏎</ul>⏎<h2>O1: A</h2>"] ║ error: starts with a comment
    # T⏎## O1: A⏎- [ ] task⏎  - <!-- x⏎## O2: B ║ ["x⏎</li>⏎</ul>⏎</li>⏎</ul>⏎<h2>O2: B</h2>"] ║ error: starts with a comment
    # T⏎## O1: A⏎- [ ] <!-- x⏎## O2: B ║ [] ║ text
    // After other text: an inline comment, hidden only when it closes on the line (okrlint: when it ends the line).
    # T⏎## O1: A <!-- c --> ║ ["c"] ║ same
    # T⏎## O1: A⏎- owner: @a <!-- c --> ║ ["c"] ║ same
    # T⏎## O1: A⏎- owner: @a <!-- c --->␣ ║ [] ║ error: `--->`
    # T⏎## O1: A⏎- owner: @a <!-- c ----->␣ ║ ["c ---"] ║ error: `--->`
    # T⏎## O1: A⏎- owner: @a <!-- c -- --> ║ ["c --"] ║ same
    # T⏎<!-- c --->⏎## O1: A ║ ["c -"] ║ same
    # T⏎Text <!-- a --> ║ ["a"] ║ same
    # T⏎## O1: A <!--> b --> ║ [""] ║ text
    # T⏎## O1: A <!---> b --> ║ [""] ║ text
    # T⏎Text <!-- a --> more ║ ["a"] ║ text
    # T⏎Text <!-- a⏎b --> ║ ["a⏎b"] ║ text
    # T⏎## O1: A <!-- b ║ [] ║ text
    # T⏎\<!-- x -->⏎## O1: A ║ [] ║ text
    # T⏎## O1: A \<!-- x --> ║ [] ║ text
    # T⏎## O1: A \\<!-- x --> ║ ["x"] ║ same
    # T⏎## O1: A `b <!-- c` d --> ║ [] ║ text
    # T⏎## O1: A `b` <!-- c --> ║ ["c"] ║ same
    # T⏎## O1: A ``b ` <!-- c`` d --> ║ [] ║ text
    # T⏎## O1: A <b title="<!--"> --> ║ [] ║ text
    // Under `## Notes`: a code fence or an HTML block would show a `<!--` line that okrlint reads as a comment.
    # T⏎## Notes⏎~~~⏎<!--⏎~~~⏎## O9: B⏎<!-- --> ║ [""] ║ error: code fence
    # T⏎## Notes⏎```⏎<!--⏎```⏎## O9: B⏎<!-- --> ║ [""] ║ error: code fence
    # T⏎## Notes⏎<div title="⏎<!--⏎">⏎## O9: B⏎<!-- --> ║ [""] ║ error: HTML block
    # T⏎## Notes⏎<?x⏎<!--⏎?>⏎## O9: B⏎<!-- --> ║ ["?x⏎<!--⏎?", ""] ║ error: HTML block
    # T⏎## Notes⏎<https://e.invalid> is a link⏎<!-- a --> ║ ["a"] ║ same
    """#

    struct Row: CustomTestStringConvertible, Sendable {
        let input: String
        let hidden: [String]
        let expectation: String
        var testDescription: String { input }
        var bytes: [UInt8] {
            Array((input.replacingOccurrences(of: "⏎", with: "\n").replacingOccurrences(of: "→", with: "\t")
                .replacingOccurrences(of: "␣", with: " ") + "\n").utf8)
        }
    }

    static var rows: [Row] {
        table.split(separator: "\n").compactMap { line -> Row? in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("//") { return nil }
            let parts = trimmed.components(separatedBy: "║").map { $0.trimmingCharacters(in: .whitespaces) }
            let hidden = (try? JSONSerialization.jsonObject(with: Data(parts[1].utf8))) as? [String] ?? ["(bad JSON)"]
            return Row(input: parts[0], hidden: hidden, expectation: parts[2])
        }
    }

    @Test func theTableCoversTheCases() {
        #expect(Self.rows.count >= 50)
        #expect(Self.rows.filter { $0.expectation == "same" }.count >= 20)
        #expect(Self.rows.filter { $0.expectation.hasPrefix("error: ") }.count >= 15)
    }

    @Test(arguments: rows)
    func okrlintHidesWhatGitHubHides(_ row: Row) {
        let doc = Parser.parse(path: "x.okr", bytes: row.bytes)
        let errors = doc.syntaxDiagnostics.map(\.message)
        let comments = doc.comments.sorted { $0.range.start < $1.range.start }
            .map { $0.text.replacingOccurrences(of: "\r\n", with: "⏎").replacingOccurrences(of: "\n", with: "⏎") }
        switch row.expectation {
        case "same":
            #expect(errors.isEmpty, "unexpected syntax errors \(errors)")
            #expect(comments == row.hidden, "okrlint reads comments \(comments), GitHub hides \(row.hidden)")
        case "text":
            #expect(errors.isEmpty, "unexpected syntax errors \(errors)")
            #expect(comments.isEmpty, "okrlint reads comments \(comments) that GitHub shows")
        default:
            let words = String(row.expectation.dropFirst("error: ".count))
            #expect(errors.contains { $0.contains(words) }, "expected a syntax error with `\(words)`, got \(errors)")
        }
    }
    /// The incremental re-parse reads the new comment forms as a full parse does: random edits that insert them into
    /// a file with lists, notes and comments, each compared with a fresh parse.
    @Test(arguments: 0..<3)
    func editsWithCommentFormsMatchAFullParse(_ seedIndex: Int) {
        // An empty comment typed above two objectives hides nothing: the lines after it are scanned in the same state.
        var typed = ParseSession(path: "x.okr", text: "# T\n## O1: A\n## O2: B\n<!-- x -->\n")
        typed.edit(SourceRange(start: 4, end: 4), replacement: Array(["<!-->\n", "<!--->\n", "<!-- -->\n"][seedIndex].utf8))
        #expect(typed.document.objectives.count == 2)
        #expect(typed.document.comments.count == 2)
        #expect(ParseSessionTests.difference(typed.document, Parser.parse(path: "x.okr", bytes: typed.document.source.bytes)) == nil)

        let snippets = ["<!-->", "<!--->", "--!>", "-->", "<!--", "  <!-- c\n", "- <!-- x\n", "  - <!-- y\n", "~~~\n",
                        "<div>\n", "\\", "`", " <!-- t --->", "- [ ] task\n", "- owner: @a\n", "## Notes\n", "\n", "x"]
        let base = "# T\n- team: t\n<!-- a\n-->\n## O1: A <!-- c -->\n- owner: @a\n- [ ] task\n  - sub\n## Notes\ntext\n<!-->\n"
        var session = ParseSession(path: "x.okr", text: base)
        var bytes = Array(base.utf8)
        var seed = UInt64(0x9E37_79B9_7F4A_7C15) &+ UInt64(seedIndex)
        func next(_ n: Int) -> Int {
            seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17
            return n <= 0 ? 0 : Int(seed % UInt64(n))
        }
        for step in 0..<200 {
            let at = next(bytes.count + 1)
            let length = next(4) == 0 ? next(min(12, bytes.count - at) + 1) : 0
            let replacement = Array(snippets[next(snippets.count)].utf8)
            session.edit(SourceRange(start: at, end: at + length), replacement: replacement)
            bytes.replaceSubrange(at..<(at + length), with: replacement)
            let diff = ParseSessionTests.difference(session.document, Parser.parse(path: "x.okr", bytes: bytes))
            #expect(diff == nil, "step \(step): \(diff ?? "")")
            if diff != nil { return }
        }
    }
}
