import Foundation
import Testing
@testable import OKRKit

/// Issue 20, hostile input to the language server: a rejected header must not take the messages after it with it.
/// After a bad header the reader resynchronises — the body is skipped when its length is known, else the bytes are
/// dropped up to the next `Content-Length:` — reports the header once, and reads every later frame.
@Suite struct LSPFrameResyncTests {
    static func frame(_ body: String) -> [UInt8] { Array("Content-Length: \(body.utf8.count)\r\n\r\n\(body)".utf8) }
    static let one = #"{"jsonrpc":"2.0","id":1,"method":"a"}"#, two = #"{"jsonrpc":"2.0","id":2,"method":"b"}"#

    /// The events for `input` read in one piece, and read one byte at a time (both must agree).
    static func events(_ input: [UInt8], maxHeaderBytes: Int = FrameReader.defaultMaxHeaderBytes) -> [FrameReader.Event] {
        var r = FrameReader(maxHeaderBytes: maxHeaderBytes)
        r.append(input)
        var whole: [FrameReader.Event] = []
        while let e = r.next() { whole.append(e) }
        var s = FrameReader(maxHeaderBytes: maxHeaderBytes)
        var split: [FrameReader.Event] = []
        for b in input {
            s.append([b])
            while let e = s.next() { split.append(e) }
        }
        #expect(whole == split, "read whole and byte by byte differ")
        return whole
    }

    /// One error (not too large) whose message contains `error`, then the two good messages, and nothing else.
    static func expectOneErrorThenBoth(_ events: [FrameReader.Event], _ error: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(events.count == 3, "\(events)", sourceLocation: sourceLocation)
        guard events.count == 3 else { return }
        if case .error(let m, let tooLarge) = events[0] {
            #expect(m.contains(error), "\(m)", sourceLocation: sourceLocation)
            #expect(!tooLarge, sourceLocation: sourceLocation)
        } else {
            Issue.record("first event is not an error: \(events[0])", sourceLocation: sourceLocation)
        }
        #expect(Array(events.dropFirst()) == [.message(Array(one.utf8)), .message(Array(two.utf8))], sourceLocation: sourceLocation)
    }

    static let bad = #"{"jsonrpc":"2.0","id":9,"method":"bad"}"#

    @Test func aRepeatedContentLengthLosesOnlyItsOwnMessage() {
        // Two different lengths: the body's length is unknown, the reader finds the next header.
        let different = Array("Content-Length: \(Self.bad.utf8.count)\r\nContent-Length: 3\r\n\r\n\(Self.bad)".utf8)
        Self.expectOneErrorThenBoth(Self.events(different + Self.frame(Self.one) + Self.frame(Self.two)), "given twice")
        // The same length twice: the body is skipped by its length, even when it reads like a frame.
        let inner = "Content-Length: 2\r\n\r\n{}"
        let same = Array("Content-Length: \(inner.utf8.count)\r\nContent-Length: \(inner.utf8.count)\r\n\r\n\(inner)".utf8)
        Self.expectOneErrorThenBoth(Self.events(same + Self.frame(Self.one) + Self.frame(Self.two)), "given twice")
    }

    @Test func aHeaderLineWithoutColonLosesOnlyItsOwnMessage() {
        // With a Content-Length on another line: its body is skipped by length.
        let withLength = Array("Content-Length: \(Self.bad.utf8.count)\r\nnot a field\r\n\r\n\(Self.bad)".utf8)
        Self.expectOneErrorThenBoth(Self.events(withLength + Self.frame(Self.one) + Self.frame(Self.two)), "without `:`")
        // Without one (`Content-Length 40`): the next header is found.
        let without = Array("Content-Length \(Self.bad.utf8.count)\r\n\r\n\(Self.bad)".utf8)
        Self.expectOneErrorThenBoth(Self.events(without + Self.frame(Self.one) + Self.frame(Self.two)), "without `:`")
    }

    @Test func aHeaderOverTheLimitLosesOnlyItsOwnMessage() {
        let junk = "X-Junk: " + String(repeating: "j", count: 300) + "\r\n"
        // The length in the part that was read: the body is skipped by its length.
        let early = Array("Content-Length: \(Self.bad.utf8.count)\r\n\(junk)\r\n\(Self.bad)".utf8)
        Self.expectOneErrorThenBoth(Self.events(early + Self.frame(Self.one) + Self.frame(Self.two), maxHeaderBytes: 64), "longer than 64")
        // No length in what was read: the next header is found after the dropped header.
        let late = Array("\(junk)Content-Type: x\r\n\r\n\(Self.bad)".utf8)
        Self.expectOneErrorThenBoth(Self.events(late + Self.frame(Self.one) + Self.frame(Self.two), maxHeaderBytes: 64), "longer than 64")
    }

    @Test func aHeaderWithoutLengthOrWithABadNumberLosesOnlyItsOwnMessage() {
        let missing = Array("Content-Type: x\r\n\r\n\(Self.bad)".utf8)
        Self.expectOneErrorThenBoth(Self.events(missing + Self.frame(Self.one) + Self.frame(Self.two)), "without `Content-Length`")
        let notANumber = Array("Content-Length: 4O\r\n\r\n\(Self.bad)".utf8)
        Self.expectOneErrorThenBoth(Self.events(notANumber + Self.frame(Self.one) + Self.frame(Self.two)), "not a whole number")
    }

    /// Garbage after a bad header is dropped as it streams: the buffer stays small, and nothing more is reported.
    @Test func resynchronisingKeepsTheBufferSmallAndReportsOnce() {
        var r = FrameReader()
        r.append(Array("Content-Type: x\r\n\r\n".utf8))
        var errors = 0
        for _ in 0..<200 {
            r.append(Array(String(repeating: #"{"content-length":1,"x":"Content-Length"} "#, count: 100).utf8))
            while let e = r.next() {
                if case .error = e { errors += 1 } else { Issue.record("a message out of garbage: \(e)") }
            }
            #expect(r.buffered < 5000)
        }
        #expect(errors == 1)
        r.append(Self.frame(Self.one))
        #expect(r.next() == .message(Array(Self.one.utf8)))
    }
}

/// Issue 20: text a file controls (titles, owners, IDs, link text, paths) reaches an editor's Markdown renderer
/// through hover; it must render as the text it is, never as a link, an image (loaded from a remote host when the
/// hover shows) or HTML.
@Suite struct LSPHoverInjectionTests {
    static let payloads = ["![x](https://e.invalid/t.png)", "<img src=x>", "https://e.invalid", "www.e.invalid", "[a](javascript:x)",
                           "<https://e.invalid>", "a@b.invalid", "e.com", "&lt;b&gt;", "`code`", "*em* _em_ ~~s~~ | x", "\\[x](y)"]

    /// Characters of `s` that Markdown reads as syntax: `[`, `]`, `<`, `>`, `!`, `&`, `` ` ``, `*`, `_`, `~`, `|`, `:`,
    /// `/` or a `.` before a letter, not escaped by a backslash; `wrapped` allows the `**` around a line.
    static func activeSyntax(_ s: String) -> [String] {
        var found: [String] = []
        let chars = Array(s)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "\\" { i += 2; continue }
            if c == "*" && i + 1 < chars.count && chars[i + 1] == "*" { i += 2; continue }  // the server's own bold
            if "[]<>!&`*_~|:/".contains(c) { found.append("\(c) at \(i)") }
            if c == ".", i + 1 < chars.count, chars[i + 1].isLetter { found.append(". at \(i)") }
            i += 1
        }
        return found
    }

    @Test func hoverOnALinkShowsTheParentsTitleAndOwnerAsText() throws {
        let fm = FileManager.default
        let dir = fm.temporaryDirectory.appendingPathComponent("okrlint-lsp-hover-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: dir) }
        try fm.createDirectory(at: dir.appendingPathComponent("teams"), withIntermediateDirectories: true)
        let bad = Self.payloads.joined(separator: " ")
        let company = """
            # Company OKRs

            - okr: 1
            - team: company
            - period: 2026-Q4
            - owner: @ceo

            ## O1: Grow \(bad)
            - owner: @a \(bad)

            ### KR1.1: Sign \(bad)
            - metric: 0 -> 10 accounts
            - current: 5 accounts
            - owner: @k \(bad)

            """
        try company.write(to: dir.appendingPathComponent("company.okr"), atomically: true, encoding: .utf8)
        try #"{"today": "2026-11-25"}"#.write(to: dir.appendingPathComponent(".okrlint.json"), atomically: true, encoding: .utf8)
        let team = "# T\n\n- okr: 1\n- team: t\n- period: 2026-Q4\n- owner: @t\n\n## O1: Help\n- owner: @t\n- aligns: company/O1\n\n## O2: More\n- owner: @t\n- aligns: company/KR1.1\n"
        let path = dir.appendingPathComponent("teams/t.okr").path
        try team.write(toFile: path, atomically: true, encoding: .utf8)
        var s = LanguageServer(today: CalendarDate("2026-11-25"))
        _ = s.handle(LSPServerTests.message(["jsonrpc": "2.0", "id": 1, "method": "initialize",
                                             "params": ["capabilities": [:], "rootUri": .string(FileURI.uri(dir.path))]]))
        let uri = FileURI.uri(path)
        _ = s.handle(LSPServerTests.message(["jsonrpc": "2.0", "method": "textDocument/didOpen",
                                             "params": ["textDocument": ["uri": .string(uri), "languageId": "okr", "version": 1, "text": .string(team)]]]))
        for (line, character) in [(9, 14), (13, 14)] {
            let answer = s.handle(LSPServerTests.message(["jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "params": [
                "textDocument": ["uri": .string(uri)], "position": LSPPosition(line: line, character: character).json]]))
            let value = try #require(answer.first?["result"]?["contents"]?["value"]?.string)
            #expect(value.contains("Grow"), "\(value)")
            // Line by line, past the server's own `**…**` and `owner: `, `of `, `progress: ` and `in ` words.
            for l in value.split(separator: "\n") where !l.hasPrefix("progress:") && !l.hasPrefix("in ") {
                let text = String(l).replacingOccurrences(of: "owner: ", with: "").replacingOccurrences(of: "company/", with: "")
                    .replacingOccurrences(of: "O1: ", with: "").replacingOccurrences(of: "KR1.1: ", with: "")
                #expect(Self.activeSyntax(text).isEmpty, "hover at \(line): \(l)")
            }
        }
    }
}

@Suite struct MarkdownTextTests {
    /// The text a Markdown renderer shows for escaped `s`: each backslash escape read as its character.
    static func shown(_ s: String) -> String {
        var out = ""
        var escaped = false
        for c in s {
            if !escaped && c == "\\" { escaped = true; continue }
            escaped = false
            out.append(c)
        }
        return out
    }

    @Test func escapedTextHasNoActiveSyntaxAndShowsAsItWas() {
        for p in LSPHoverInjectionTests.payloads + ["O1: Grow **fast** #1", "KR1.2 v2.0 @owner-name 50%", "a\\b", "é.漢 www.例え.jp", ""] {
            let e = MarkdownText.escapeForEditor(p)
            #expect(LSPHoverInjectionTests.activeSyntax(e.replacingOccurrences(of: "**", with: "\\*\\*")).isEmpty, "\(p) -> \(e)")
            #expect(Self.shown(e) == p, "\(p) -> \(e)")
        }
        // IDs, owners and plain words are left as they are.
        #expect(MarkdownText.escapeForEditor("KR1.2 @owner-name grows 50%") == "KR1.2 @owner-name grows 50%")
        // Controls and bidi overrides stay on the line, visible.
        #expect(MarkdownText.escapeForEditor("a\nb\u{202E}c") == "a\\\\nb\\\\u{202E}c")
    }

    @Test func aCodeSpanHoldsAnyBackticks() {
        #expect(MarkdownText.codeSpanForEditor("teams/a.okr") == "`teams/a.okr`")
        #expect(MarkdownText.codeSpanForEditor("a`b") == "``a`b``")
        #expect(MarkdownText.codeSpanForEditor("``x") == "``` ``x ```")
        #expect(MarkdownText.codeSpanForEditor("a\nb") == "`a\\nb`")
    }
}
