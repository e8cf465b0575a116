import Foundation
import Testing
@testable import OKRKit

/// `okrlint fmt`'s guarantees, as properties over every Grammar.md example, every sample, the real-world corpus and
/// its held-out sets, the fuzz regression inputs and generated inputs (`LineLayerTests.inputs`):
/// idempotent, meaning-preserving, comment- and word-preserving, the same findings, lines with errors kept.
@Suite struct FormatterTests {
    typealias Input = LineLayerTests.Input

    static let today = CalendarDate("2026-11-25")!

    /// The tree as `okrlint dump` prints it, without positions, check-ins of a section in date order.
    static func meaning(_ doc: Document) -> [String] {
        var lines = ASTDump.dump(doc).split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            var s = String(line)
            while let r = s.range(of: #" ?@[0-9]+:[0-9]+-[0-9]+:[0-9]+"#, options: .regularExpression) { s.removeSubrange(r) }
            if s.hasPrefix("comment ") {
                // Line endings inside a comment become LF.
                s = s.replacingOccurrences(of: #"\u{D}\u{A}"#, with: #"\u{A}"#).replacingOccurrences(of: #"\u{D}"#, with: #"\u{A}"#)
            }
            return s.replacingOccurrences(of: #"line [0-9]+"#, with: "line N", options: .regularExpression)
        }
        var i = 0
        while i < lines.count {
            guard lines[i].hasPrefix("  checkin ") else { i += 1; continue }
            var j = i
            while j < lines.count && lines[j].hasPrefix("  checkin ") { j += 1 }
            // Sorted by date, stable on one date (as the formatter sorts them).
            let run = lines[i..<j].enumerated().sorted { a, b in
                let da = a.element.dropFirst(10).prefix(10), db = b.element.dropFirst(10).prefix(10)
                return da != db ? da < db : a.offset < b.offset
            }.map(\.element)
            lines.replaceSubrange(i..<j, with: run)
            i = j
        }
        return lines
    }

    /// Words: runs of letters and runs of digits, in lower case (a key's or a task box's capitals may change), counted;
    /// the heading of a reserved section is left out (`## Checkins` is written `## Check-ins`; `meaning` compares them).
    static func words(_ doc: Document) -> [String: Int] {
        var bytes: [UInt8] = []
        for l in doc.lines where !(l.kind == .section && !l.hasError) {
            bytes += doc.source.bytes[l.start..<l.next]
        }
        if doc.source.hasBOM && bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        var counts: [String: Int] = [:]
        var current = ""
        var digits = false
        func flush() { if !current.isEmpty { counts[current.lowercased(), default: 0] += 1; current = "" } }
        for s in String(decoding: bytes, as: UTF8.self).unicodeScalars {
            let isDigit = s.properties.numericType != nil
            let isLetter = s.properties.isAlphabetic
            if isDigit || isLetter {
                if !current.isEmpty && isDigit != digits { flush() }
                digits = isDigit
                current.unicodeScalars.append(s)
            } else {
                flush()
            }
        }
        flush()
        return counts
    }

    /// Each comment as written, with its line endings as LF, counted.
    static func comments(_ doc: Document) -> [String: Int] {
        var counts: [String: Int] = [:]
        for c in doc.comments {
            let text = String(decoding: doc.source.bytes[c.range.start..<c.range.end], as: UTF8.self)
            counts[text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n"), default: 0] += 1
        }
        return counts
    }

    /// Findings as rule and message (positions move), counted; `check-ins-out-of-order` is what formatting fixes.
    static func findings(_ doc: Document) -> [String: Int] {
        var counts: [String: Int] = [:]
        let linter = Linter(today: today)
        for d in linter.lint(doc) + doc.syntaxDiagnostics where d.ruleID != "check-ins-out-of-order" {
            // Messages quote values as written, and the spacing of a value and the spelling of its marks (`≤`, `→`)
            // may change.
            let message = d.message.replacingOccurrences(of: #"line [0-9]+"#, with: "line N", options: .regularExpression)
                .replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "≤", with: "<=")
                .replacingOccurrences(of: "≥", with: ">=").replacingOccurrences(of: "→", with: "->")
            counts["\(d.ruleID): \(message)", default: 0] += 1
        }
        return counts
    }

    static let inputs = LineLayerTests.inputs

    /// What only one of two counts has.
    static func difference(_ a: [String: Int], _ b: [String: Int]) -> String {
        let keys = Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }.sorted()
        return keys.prefix(6).map { "\($0.debugDescription): \(a[$0] ?? 0) before, \(b[$0] ?? 0) after" }.joined(separator: "\n")
    }

    /// The lines of `a` and `b` from the first that differs, a few of each.
    static func difference(_ a: [String], _ b: [String]) -> String {
        var i = 0
        while i < min(a.count, b.count) && a[i] == b[i] { i += 1 }
        return "--- before (from line \(i + 1))\n" + a[i...].prefix(4).joined(separator: "\n") + "\n--- after\n" + b[i...].prefix(4).joined(separator: "\n")
    }

    @Test func theInputsCoverEverySource() {
        // Grammar.md examples, samples, corpus, held-out sets, fuzz fixtures and 400 generated inputs.
        #expect(Self.inputs.count >= 70 + 20 + 17 + 5 + 400)
    }

    @Test(arguments: inputs)
    func formattingKeepsMeaningWordsCommentsAndFindings(_ input: Input) {
        let doc = Parser.parse(path: "x.okr", bytes: input.bytes)
        let result = Formatter.format(doc)
        let out = Parser.parse(path: "x.okr", bytes: result.bytes)
        // What the formatter read: the input with capitalised keys in lower case (the one change it makes to a line
        // with a syntax error).
        let read = Formatter.read(doc).0

        // No syntax error added, each key put in lower case ended one (what `okrlint fmt` checks before it writes).
        #expect(out.syntaxDiagnostics.count <= doc.syntaxDiagnostics.count - result.keysLowercased,
                "syntax errors: \(doc.syntaxDiagnostics.map(\.message)) became \(out.syntaxDiagnostics.map(\.message)) in \(input.name)")
        let again = Formatter.format(out)
        #expect(again.bytes == result.bytes, "not idempotent: \(input.name)\n--- first\n\(String(decoding: result.bytes, as: UTF8.self))\n--- second\n\(String(decoding: again.bytes, as: UTF8.self))")
        #expect(!again.changed)
        let (m1, m2) = (Self.meaning(read), Self.meaning(out))
        #expect(m1 == m2, "meaning changed: \(input.name)\n\(Self.difference(m1, m2))")
        let (w1, w2) = (Self.words(read), Self.words(out))
        #expect(w1 == w2, "words changed: \(input.name)\n\(Self.difference(w1, w2))")
        #expect(Self.comments(out) == Self.comments(read), "comments changed: \(input.name)")
        let (f1, f2) = (Self.findings(read), Self.findings(out))
        #expect(f1 == f2, "findings changed: \(input.name)\n\(Self.difference(f1, f2))")
        // The canonical layout.
        let text = result.bytes
        #expect(!text.contains(0x0D) || input.bytes.contains(0x0D) && out.lines.contains { $0.hasError || $0.kind == .comment })
        let unclosed = out.syntaxDiagnostics.contains { $0.message.hasSuffix("is never closed with `-->`") }
        if !text.isEmpty && !unclosed { #expect(text.last == 0x0A) }
        // No blank line at the start, but above a line that would read as a byte order mark there.
        #expect(!text.starts(with: [0x0A]) || Formatter.startsLikeBOM(text[1...]))
        #expect(!out.lines.contains { !$0.hasError && $0.kind != .comment && !$0.trailing.isEmpty })
    }

    /// Lines with a syntax error come out byte for byte (but for the line ending), and the result says how many.
    @Test(arguments: inputs.filter { !Parser.parse(path: "x.okr", bytes: $0.bytes).syntaxDiagnostics.isEmpty })
    func linesWithErrorsPassThrough(_ input: Input) {
        let doc = Parser.parse(path: "x.okr", bytes: input.bytes)
        let read = Formatter.read(doc).0
        let result = Formatter.format(doc)
        let outText = String(decoding: result.bytes, as: UTF8.self)
        let outLines = Set(outText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
        var withErrors = 0
        for (i, l) in read.lines.enumerated() where l.hasError && l.kind != .comment {
            withErrors += 1
            let start = i == 0 && read.source.hasBOM ? 3 : l.start
            let original = String(decoding: read.source.bytes[start..<l.end], as: UTF8.self)
            // A lone CR ends a line of the input: the output's line ends there too.
            if original.contains("\r") { continue }
            #expect(outLines.contains(original), "line \(i + 1) with an error not kept: \(original.debugDescription) in \(input.name)")
        }
        #expect(result.linesWithErrors >= withErrors)
    }

    static let messy = """
        #   Platform OKRs  ##\r
        \r
        \r
        -   team:   platform\r
        - Owner: @dana\r
        - period: 2026-Q4\r
        - okr:    1\r
        ##   O1:   Make deploys boring ##\r
        - aligns: company/O2\r
        - owner: @dana\r
        ### KR1.1:   Cut median deploy time\r
        - x-jira:   PLAT-12\r
        - current: 24min\r
        - metric: 45->15 min   \r
        - owner: @raj\r
        - confidence: 0.6\r
        - [X]   Remote build cache @raj due:2026-10-31\r
        <!-- keep me -->\r
        ## Check-ins\r
        - 2026-11-20 KR1.1:24 min;Confidence: 0.6 — faster builds\r
        - 2026-11-02 KR1.1: 38min, confidence 0.5\r
        """

    static let canonical = """
        # Platform OKRs

        - okr: 1
        - team: platform
        - period: 2026-Q4
        - owner: @dana

        ## O1: Make deploys boring
        - owner: @dana
        - aligns: company/O2

        ### KR1.1: Cut median deploy time
        - x-jira: PLAT-12
        - metric: 45 -> 15 min
        - current: 24 min
        - confidence: 0.6
        - owner: @raj
        - [x] Remote build cache @raj due:2026-10-31

        <!-- keep me -->
        ## Check-ins
        - 2026-11-02 KR1.1: 38 min, confidence 0.5
        - 2026-11-20 KR1.1: 24 min, confidence 0.6 -- faster builds

        """

    @Test func aMessyFileComesOutCanonical() {
        let crlf = Array(Self.messy.utf8)
        let result = Formatter.format(path: "messy.okr", bytes: crlf)
        #expect(String(decoding: result.bytes, as: UTF8.self) == Self.canonical)
        #expect(result.changed && result.keysLowercased == 1 && result.linesWithErrors == 0)
        // A second run changes nothing; the LF version formats identically.
        let second = Formatter.format(path: "messy.okr", bytes: result.bytes)
        #expect(!second.changed && second.bytes == result.bytes)
        let lf = Array(Self.messy.replacingOccurrences(of: "\r\n", with: "\n").utf8)
        #expect(Formatter.format(path: "messy.okr", bytes: lf).bytes == result.bytes)
        let cr = Array(Self.messy.replacingOccurrences(of: "\r\n", with: "\r").utf8)
        #expect(Formatter.format(path: "messy.okr", bytes: cr).bytes == result.bytes)
    }

    @Test func samplesAreCanonical() {
        for input in Self.inputs where input.name.hasPrefix("samples/") && !input.name.contains("syntax-error") {
            let result = Formatter.format(path: input.name, bytes: input.bytes)
            #expect(!result.changed, "\(input.name) is not canonical:\n\(String(decoding: result.bytes, as: UTF8.self))")
        }
    }

    @Test func aLinePinnedByADisableNextLineCommentStaysUnderIt() {
        let text = """
            # T

            ## O1: A
            - aligns: company/O1
            <!-- okrlint-disable-next-line missing-owner -->
            - type: committed
            - owner: @a
            <!-- okrlint-disable-next-line -->
            ## O2: B

            """
        let out = String(decoding: Formatter.format(path: "p.okr", bytes: Array(text.utf8)).bytes, as: UTF8.self)
        #expect(out.contains("<!-- okrlint-disable-next-line missing-owner -->\n- type: committed\n"))
        #expect(out.contains("<!-- okrlint-disable-next-line -->\n## O2: B\n"))
        #expect(out.contains("- owner: @a\n\n<!-- okrlint-disable-next-line -->"))
    }

    /// No line moves across a line that starts or ends a suppression region with a trailing comment.
    @Test func regionCommentsAtTheEndOfALineStopRuns() {
        let text = """
            # T

            - okr: 1
            - team: x
            - period: 2026-Q4

            ## O1: a
            - owner: @a
            - type: committed <!-- okrlint-disable unknown-reference -->
            - aligns: O9

            ### KR1.1: b
            - metric: 1 -> 2 min

            ## Check-ins
            - 2026-11-20 KR1.1: 2 min <!-- okrlint-enable unknown-reference -->
            - 2026-11-02 KR9.9: 1 min

            """
        let out = String(decoding: Formatter.format(path: "p.okr", bytes: Array(text.utf8)).bytes, as: UTF8.self)
        #expect(out == text, "\(out)")
        let doc = Parser.parse(path: "p.okr", text: text)
        #expect(Self.findings(Parser.parse(path: "p.okr", text: out)) == Self.findings(doc))
    }

    /// A closing run of `#` stays where dropping it would change the title; a second byte order mark stays text.
    @Test(arguments: ["# T\n\n## O1: Fix bug # #\n", "# T\n\n## O1: # #\n", "# T # #\n",
                      "# T\n\n## O2: x <!-- okrlint-disable-line missing-owner --> ##\n", "\u{FEFF}\u{FEFF}# T\n"])
    func textThatWouldReadDifferentlyStays(_ text: String) {
        let result = Formatter.format(path: "p.okr", bytes: Array(text.utf8))
        #expect(String(decoding: result.bytes, as: UTF8.self) == text)
        #expect(!result.changed)
    }

    @Test func emptyAndBlankFilesStayEmpty() {
        #expect(Formatter.format(path: "e.okr", bytes: []).bytes == [])
        #expect(Formatter.format(path: "e.okr", bytes: Array(" \n\t\r\n\n".utf8)).bytes == [])
        #expect(Formatter.format(path: "e.okr", bytes: [0xEF, 0xBB, 0xBF]).bytes == [])
    }
}
