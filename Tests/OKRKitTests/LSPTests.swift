import Foundation
import Testing
@testable import OKRKit

/// The language server's pieces without a client: the base protocol's framing, position conversion in both
/// encodings, and the server's state machine driven message by message. The end-to-end tests with real clients are
/// in `editors/tests` (pytest-lsp) and `editors/nvim` (Neovim).
@Suite struct LSPFramingTests {
    static func frame(_ body: String, extra: String = "") -> [UInt8] {
        Array("Content-Length: \(body.utf8.count)\r\n\(extra)\r\n".utf8) + Array(body.utf8)
    }

    static func drain(_ r: inout FrameReader) -> [FrameReader.Event] {
        var out: [FrameReader.Event] = []
        while let e = r.next() { out.append(e) }
        return out
    }

    @Test func readsMessagesWholeSplitAndBackToBack() {
        let a = #"{"jsonrpc":"2.0","method":"a"}"#, b = #"{"x":"é😀"}"#
        var r = FrameReader()
        r.append(Self.frame(a) + Self.frame(b, extra: "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n"))
        #expect(Self.drain(&r) == [.message(Array(a.utf8)), .message(Array(b.utf8))])
        // One byte at a time: nothing until the last byte of each body.
        var s = FrameReader()
        var got: [FrameReader.Event] = []
        for byte in Self.frame(a) + Self.frame(b) {
            s.append([byte])
            got += Self.drain(&s)
        }
        #expect(got == [.message(Array(a.utf8)), .message(Array(b.utf8))])
        #expect(s.buffered == 0)
    }

    @Test func headerNamesAreCaseInsensitiveAndLengthMustBeANumber() {
        var r = FrameReader()
        r.append(Array("content-length:  2 \r\n\r\n{}".utf8))
        #expect(Self.drain(&r) == [.message(Array("{}".utf8))])
        r.append(Array("Content-Length: 12x\r\n\r\n".utf8) + Self.frame("{}"))
        let events = Self.drain(&r)
        #expect(events.count == 2)
        if case .error(let m, let tooLarge) = events[0] { #expect(m.contains("not a whole number")); #expect(!tooLarge) } else { Issue.record("no error") }
        #expect(events[1] == .message(Array("{}".utf8)))
        r.append(Array("Content-Type: x\r\n\r\n".utf8) + Self.frame("[]"))
        let missing = Self.drain(&r)
        #expect(missing.count == 2)
        if case .error(let m, _) = missing[0] { #expect(m.contains("without `Content-Length`")) } else { Issue.record("no error") }
        #expect(missing[1] == .message(Array("[]".utf8)))
    }

    @Test func anOversizedBodyIsSkippedAsItStreamsAndTheNextFrameIsRead() {
        var r = FrameReader(maxHeaderBytes: 64, maxContentLength: 100)
        r.append(Array("Content-Length: 1000\r\n\r\n".utf8) + [UInt8](repeating: 0x41, count: 300))
        let first = Self.drain(&r)
        #expect(first.count == 1)
        if case .error(_, let tooLarge) = first[0] { #expect(tooLarge) } else { Issue.record("no error") }
        // The rest of the body arrives later: skipped, never buffered.
        r.append([UInt8](repeating: 0x41, count: 700))
        #expect(r.buffered == 0)
        r.append(Self.frame("{}"))
        #expect(Self.drain(&r) == [.message(Array("{}".utf8))])
    }

    @Test func anEndlessHeaderIsDroppedWithoutGrowingTheBuffer() {
        var r = FrameReader(maxHeaderBytes: 64, maxContentLength: 100)
        var errors = 0
        for _ in 0..<100 {
            r.append([UInt8](repeating: 0x58, count: 1000))
            for e in Self.drain(&r) { if case .error = e { errors += 1 } }
            #expect(r.buffered < 1100)
        }
        #expect(errors == 1)
        r.append(Array("\r\n\r\n".utf8) + Self.frame("{}"))
        #expect(Self.drain(&r) == [.message(Array("{}".utf8))])
        // A long header and the frames after it in one read: only the header is dropped.
        var t = FrameReader(maxHeaderBytes: 64, maxContentLength: 100)
        t.append([UInt8](repeating: 0x58, count: 500) + Array("\r\n\r\n".utf8) + Self.frame("[1]") + Self.frame("[2]"))
        let events = Self.drain(&t)
        #expect(events.count == 3)
        #expect(Array(events.dropFirst()) == [.message(Array("[1]".utf8)), .message(Array("[2]".utf8))])
    }

    @Test func writesTheLengthInBytes() {
        let f = FrameWriter.frame("é")
        #expect(f == Array("Content-Length: 2\r\n\r\né".utf8))
    }
}

@Suite struct LSPPositionTests {
    /// a, e + combining acute, CJK, an emoji (two UTF-16 units), on the second of three lines with CRLF and lone CR.
    static let text = "first\r\nae\u{301}漢😀z\rlast"
    static let source = SourceFile(path: "t.okr", text: text)

    @Test func convertsOffsetsToUTF16AndUTF8Characters() {
        let s = Self.source
        let line1 = 7  // after "first\r\n"
        // Each character boundary on line 1: bytes a(1) e(1) U+0301(2) 漢(3) 😀(4) z(1)
        let bytes = [0, 1, 2, 4, 7, 11, 12].map { line1 + $0 }
        let utf16 = [0, 1, 2, 3, 4, 6, 7]
        for (b, u) in zip(bytes, utf16) {
            #expect(s.position(of: b, .utf16) == LSPPosition(line: 1, character: u))
            #expect(s.offset(of: LSPPosition(line: 1, character: u), .utf16) == b)
            #expect(s.position(of: b, .utf8) == LSPPosition(line: 1, character: b - line1))
            #expect(s.offset(of: LSPPosition(line: 1, character: b - line1), .utf8) == b)
        }
        #expect(s.position(of: 0, .utf16) == LSPPosition(line: 0, character: 0))
        #expect(s.position(of: s.bytes.count, .utf16) == LSPPosition(line: 2, character: 4))
    }

    @Test func clampsPositionsInsideCharactersAndPastEnds() {
        let s = Self.source
        let line1 = 7
        // Between the two surrogates of the emoji: the emoji's start.
        #expect(s.offset(of: LSPPosition(line: 1, character: 5), .utf16) == line1 + 7)
        // Inside the CJK character's bytes (UTF-8 character 5 is its second byte): its start.
        #expect(s.offset(of: LSPPosition(line: 1, character: 5), .utf8) == line1 + 4)
        // Past the line's end: the end of the line, not the next one.
        #expect(s.offset(of: LSPPosition(line: 0, character: 99), .utf16) == 5)
        #expect(s.offset(of: LSPPosition(line: 1, character: 99), .utf16) == line1 + 12)
        // Past the last line: the end of the text. Negative: the start.
        #expect(s.offset(of: LSPPosition(line: 9, character: 0), .utf16) == s.bytes.count)
        #expect(s.offset(of: LSPPosition(line: -1, character: -1), .utf16) == 0)
        // Inside a CRLF: the end of the line.
        #expect(s.position(of: 6, .utf16) == LSPPosition(line: 0, character: 5))
    }

    @Test func negotiatesUTF8OnlyWhenOffered() {
        #expect(PositionEncoding.negotiate(nil) == .utf16)
        #expect(PositionEncoding.negotiate(["utf-32", "utf-16"]) == .utf16)
        #expect(PositionEncoding.negotiate(["utf-16", "utf-8"]) == .utf8)
    }

    @Test func fileURIsRoundTripWithEscapes() {
        let path = "/tmp/a b/café#1.okr"
        let uri = FileURI.uri(path)
        #expect(uri == "file:///tmp/a%20b/caf%C3%A9%231.okr")
        #expect(FileURI.path(uri) == path)
        #expect(FileURI.path("file://localhost/x/y.okr") == "/x/y.okr")
        #expect(FileURI.path("file://elsewhere/x") == nil)
        #expect(FileURI.path("untitled:Untitled-1") == nil)
        #expect(FileURI.path("file:///a%00b") == nil)
    }
}

@Suite struct LSPServerTests {
    static func message(_ json: JSON) -> [UInt8] { Array(json.text.utf8) }

    static func initialized(_ caps: JSON = [:]) -> LanguageServer {
        var s = LanguageServer(today: CalendarDate("2026-11-25"))
        _ = s.handle(message(["jsonrpc": "2.0", "id": 1, "method": "initialize", "params": ["capabilities": caps]]))
        return s
    }

    @Test func answersPerTheProtocolBeforeAndAfterInitialize() {
        var s = LanguageServer()
        let early = s.handle(Self.message(["jsonrpc": "2.0", "id": 7, "method": "textDocument/hover", "params": [:]]))
        #expect(early.first?["error"]?["code"]?.int == RPCError.serverNotInitialized)
        #expect(early.first?["id"] == 7)
        #expect(s.handle(Self.message(["jsonrpc": "2.0", "method": "textDocument/didOpen", "params": [:]])).isEmpty)
        let bad = s.handle(Array("{\"jsonrpc\": ".utf8))
        #expect(bad.first?["error"]?["code"]?.int == RPCError.parseError)
        #expect(bad.first?["id"] == .null)
        #expect(s.handle(Array("[1,2]".utf8)).first?["error"]?["code"]?.int == RPCError.invalidRequest)
        #expect(s.handle(Self.message(["jsonrpc": "2.0", "id": ["x": 1], "method": "m"])).first?["error"]?["code"]?.int == RPCError.invalidRequest)
        let ok = s.handle(Self.message(["jsonrpc": "2.0", "id": "i", "method": "initialize",
                                        "params": ["capabilities": ["general": ["positionEncodings": ["utf-8", "utf-16"]]]]]))
        #expect(ok.first?["result"]?["capabilities"]?["positionEncoding"] == "utf-8")
        #expect(ok.first?["result"]?["capabilities"]?["textDocumentSync"]?["change"] == 2)
        #expect(s.encoding == .utf8)
        #expect(s.handle(Self.message(["jsonrpc": "2.0", "id": 2, "method": "initialize", "params": [:]])).first?["error"]?["code"]?.int == RPCError.invalidRequest)
        #expect(s.handle(Self.message(["jsonrpc": "2.0", "id": 3, "method": "no/such"])).first?["error"]?["code"]?.int == RPCError.methodNotFound)
        #expect(s.handle(Self.message(["jsonrpc": "2.0", "method": "no/such"])).isEmpty)
        #expect(s.handle(Self.message(["jsonrpc": "2.0", "id": 4, "method": "shutdown"])).first?["result"] == .null)
        #expect(s.handle(Self.message(["jsonrpc": "2.0", "id": 5, "method": "textDocument/hover"])).first?["error"]?["code"]?.int == RPCError.invalidRequest)
        #expect(s.exitCode == nil)
        _ = s.handle(Self.message(["jsonrpc": "2.0", "method": "exit", "params": nil]))
        #expect(s.exitCode == 0)
        var t = Self.initialized()
        _ = t.handle(Self.message(["jsonrpc": "2.0", "method": "exit"]))
        #expect(t.exitCode == 1)
    }

    /// Incremental changes given in UTF-16 and in UTF-8 positions land on the same bytes.
    @Test(arguments: [PositionEncoding.utf16, .utf8])
    func incrementalChangesAroundEmojiCJKAndCombiningMarks(_ encoding: PositionEncoding) {
        var s = Self.initialized(encoding == .utf8 ? ["general": ["positionEncodings": ["utf-8"]]] : [:])
        let uri = "untitled:t"
        let text = "# T😀 漢e\u{301} x\n"
        _ = s.handle(Self.message(["jsonrpc": "2.0", "method": "textDocument/didOpen",
                                   "params": ["textDocument": ["uri": .string(uri), "languageId": "okr", "version": 1, "text": .string(text)]]]))
        // Replace the `x` after the combining mark with `yz`.
        let before = "# T😀 漢e\u{301} "
        let character = encoding == .utf8 ? before.utf8.count : before.utf16.count
        let range: JSON = ["start": ["line": 0, "character": .int(character)], "end": ["line": 0, "character": .int(character + 1)]]
        _ = s.handle(Self.message(["jsonrpc": "2.0", "method": "textDocument/didChange",
                                   "params": ["textDocument": ["uri": .string(uri), "version": 2],
                                              "contentChanges": [["range": range, "text": "yz"]]]]))
        #expect(s.documents[uri]?.source.text(SourceRange(start: 0, end: 100)) == before + "yz\n")
        #expect(s.documents[uri]?.version == 2)
    }

    /// A burst of changes is published once, with the final text parsed as a full parse would.
    @Test func aBurstOfChangesIsLintedOnceWithTheFinalText() {
        var s = Self.initialized()
        let uri = "untitled:burst"
        _ = s.handle(Self.message(["jsonrpc": "2.0", "method": "textDocument/didOpen",
                                   "params": ["textDocument": ["uri": .string(uri), "languageId": "okr", "version": 0, "text": "# T\n"]]]))
        var expected = "# T\n"
        for i in 1...1000 {
            let line = "* x\(i)\n"
            let end = LSPPosition(line: i, character: 0).json
            _ = s.handle(Self.message(["jsonrpc": "2.0", "method": "textDocument/didChange",
                                       "params": ["textDocument": ["uri": .string(uri), "version": .int(i)],
                                                  "contentChanges": [["range": ["start": end, "end": end], "text": .string(line)]]]]))
            expected += line
        }
        #expect(s.hasPendingWork)
        let published = s.idle()
        #expect(published.count == 1)
        #expect(published.first?["params"]?["version"] == 1000)
        #expect(!s.hasPendingWork)
        #expect(s.idle().isEmpty)
        var doc = s.documents[uri]!
        #expect(doc.source.bytes == Array(expected.utf8))
        #expect(LSPTestSupport.dump(doc.document()) == LSPTestSupport.dump(Parser.parse(path: "untitled:burst", bytes: Array(expected.utf8))))
        let diagnostics = published.first?["params"]?["diagnostics"]?.array ?? []
        #expect(diagnostics.contains { $0["code"] == "syntax-error" })
    }

    @Test func minimalEditKeepsCharactersAndLineEndsWhole() {
        let old = Array("a\r\né\r\nz".utf8), new = Array("a\r\nè\r\nz".utf8)
        let e = LanguageServer.minimalEdit(old, new)!
        var applied = old
        applied.replaceSubrange(e.range.start..<e.range.end, with: Array(e.content.utf8))
        #expect(applied == new)
        #expect(e.content == "è")
        #expect(LanguageServer.minimalEdit(old, old) == nil)
        // A line added after a CRLF line: the edit does not start between CR and LF.
        let a = Array("x\r\ny".utf8), b = Array("x\r\r\ny".utf8)
        let e2 = LanguageServer.minimalEdit(a, b)!
        #expect(!(e2.range.start == 2 && a[1] == 0x0D))
        var applied2 = a
        applied2.replaceSubrange(e2.range.start..<e2.range.end, with: Array(e2.content.utf8))
        #expect(applied2 == b)
    }

    @Test func jsonIsWrittenAsJSONWriterEscapesAndReadsBack() throws {
        let tricky = "plain \"quoted\" back\\slash\n\t\u{1}\u{7F}\u{85}\u{202E}\u{2028} é 漢 😀"
        let value: JSON = ["s": .string(tricky), "n": [1, -2, 0.5, nil, true, false], "e": [:]]
        let text = value.text
        #expect(text.contains(JSONWriter.quote(tricky)))
        #expect(try JSON.parse(Array(text.utf8)) == value)
        #expect(!text.unicodeScalars.contains { $0.value == 0x202E || $0.value < 0x20 })
    }

    /// The byte loop of `JSON.appendQuoted` against `JSONWriter.quote` (which goes scalar by scalar), over random strings
    /// of the scalars at the edges of what is escaped.
    @Test func quotingMatchesTheWriterOnRandomStrings() {
        let scalars: [UInt32] = [0x00, 0x01, 0x09, 0x0A, 0x0D, 0x1F, 0x20, 0x22, 0x41, 0x5C, 0x7E, 0x7F, 0x80, 0x85, 0x9F, 0xA0, 0xBF,
                                 0xE9, 0x2027, 0x2028, 0x202E, 0x202F, 0x2065, 0x2066, 0x2069, 0x206A, 0x2192, 0x2FFF, 0x6F22, 0x1F600]
        var rng = SplitMix(seed: 7)
        for _ in 0..<2_000 {
            var s = ""
            for _ in 0..<Int(rng.next() % 12) { s.unicodeScalars.append(Unicode.Scalar(scalars[Int(rng.next() % UInt64(scalars.count))])!) }
            var out: [UInt8] = []
            JSON.appendQuoted(s, to: &out)
            #expect(String(decoding: out, as: UTF8.self) == JSONWriter.quote(s), "\(s.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }
}

enum LSPTestSupport {
    static func dump(_ d: Document) -> String { ASTDump.dump(d) }
}

@Suite struct LSPStdioTests {
    /// The loop over real file descriptors: input from a file, output to a file, exit code from the protocol.
    static func run(_ input: [UInt8]) -> (code: Int32, output: [UInt8]) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("okrlint-lsp-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let inPath = dir.appendingPathComponent("in").path, outPath = dir.appendingPathComponent("out").path
        _ = FileManager.default.createFile(atPath: inPath, contents: Data(input))
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        let inFD = open(inPath, O_RDONLY), outFD = open(outPath, O_WRONLY)
        var server = LanguageServer()
        let code = LSPStdio.run(&server, input: inFD, output: outFD, log: { _ in })
        close(inFD)
        close(outFD)
        return (code, Array(FileManager.default.contents(atPath: outPath) ?? Data()))
    }

    static func bodies(_ output: [UInt8]) -> [JSON] {
        var r = FrameReader()
        r.append(output)
        var out: [JSON] = []
        while let e = r.next() { if case .message(let b) = e, let j = try? JSON.parse(b) { out.append(j) } }
        return out
    }

    @Test func shutdownThenExitIsZeroExitAloneOneEndOfInputOne() {
        let initialize = LSPFramingTests.frame(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#)
        let shutdown = LSPFramingTests.frame(#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#)
        let exit = LSPFramingTests.frame(#"{"jsonrpc":"2.0","method":"exit"}"#)
        let clean = Self.run(initialize + shutdown + exit)
        #expect(clean.code == 0)
        #expect(Self.bodies(clean.output).map { $0["id"] } == [1, 2])
        #expect(Self.run(initialize + exit).code == 1)
        #expect(Self.run(initialize).code == 1)
        #expect(Self.run(initialize + shutdown).code == 0)
        // Garbage between frames: answered (a parse error) or logged (a bad header), and the session goes on.
        let garbage = LSPFramingTests.frame("{oops") + Array("Content-Length: nope\r\n\r\n".utf8)
        let messy = Self.run(garbage + initialize + shutdown + exit)
        #expect(messy.code == 0)
        let answers = Self.bodies(messy.output)
        #expect(answers.first?["error"]?["code"]?.int == RPCError.parseError)
        #expect(answers.dropFirst().map { $0["id"] } == [1, 2])
    }
}

@Suite struct LSPCommandTests {
    @Test func lspIsACommandWithItsOwnHelp() throws {
        let help = try CLI.run(["lsp", "--help"])
        #expect(help.code == 0 && help.stdout.hasPrefix("okrlint lsp: the okrlint language server"), "\(help.stdout)\(help.stderr)")
        let extra = try CLI.run(["lsp", "x.okr"])
        #expect(extra.code == 2 && extra.stderr.contains("`okrlint lsp` takes no arguments"), "\(extra.stderr)")
        let option = try CLI.run(["lsp", "--format", "json"])
        #expect(option.code == 2 && option.stderr.contains("does not apply to `okrlint lsp`"), "\(option.stderr)")
    }

    @Test func aSessionOverStandardInputAndOutput() throws {
        func frame(_ s: String) -> String { "Content-Length: \(s.utf8.count)\r\n\r\n\(s)" }
        let input = frame(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#)
            + frame(##"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"untitled:a","languageId":"okr","version":1,"text":"# T\n\n* bad\n"}}}"##)
            + frame(#"{"jsonrpc":"2.0","id":2,"method":"textDocument/diagnostic","params":{"textDocument":{"uri":"untitled:a"}}}"#)
            + frame(#"{"jsonrpc":"2.0","id":3,"method":"shutdown"}"#) + frame(#"{"jsonrpc":"2.0","method":"exit"}"#)
        let r = try CLI.run(["lsp", "--stdio", "--today", "2026-11-25"], stdin: input)
        #expect(r.code == 0, "\(r.stderr)")
        var reader = FrameReader()
        reader.append(Array(r.stdout.utf8))
        var answers: [JSON] = []
        while let e = reader.next() {
            guard case .message(let b) = e else { Issue.record("standard output is not only frames"); break }
            answers.append(try JSON.parse(b))
        }
        #expect(reader.buffered == 0)
        #expect(answers.map { $0["id"] } == [1, 2, 3])
        let items = answers[1]["result"]?["items"]?.array ?? []
        #expect(items.contains { $0["code"] == "syntax-error" && $0["source"] == "okrlint" })
        #expect(r.stderr.contains("okrlint lsp: initialized"))
    }
}

/// The workspace on disk: files read (in parallel, the first time) and summarised, links resolved across them, the
/// open buffer in place of its file, and a change on disk picked up when the client reports it.
@Suite struct LSPWorkspaceTests {
    @Test func linksResolveAcrossFilesAndDiskChangesArePickedUp() throws {
        let fm = FileManager.default
        let dir = fm.temporaryDirectory.appendingPathComponent("okrlint-lsp-ws-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: dir) }
        try fm.createDirectory(at: dir.appendingPathComponent("teams"), withIntermediateDirectories: true)
        let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("samples")
        let company = try String(contentsOf: samples.appendingPathComponent("company.okr"), encoding: .utf8)
        try company.write(to: dir.appendingPathComponent("company.okr"), atomically: true, encoding: .utf8)
        for team in ["growth", "support"] {
            try String(contentsOf: samples.appendingPathComponent("teams/\(team).okr"), encoding: .utf8)
                .write(to: dir.appendingPathComponent("teams/\(team).okr"), atomically: true, encoding: .utf8)
        }
        try #"{"today": "2026-11-25"}"#.write(to: dir.appendingPathComponent(".okrlint.json"), atomically: true, encoding: .utf8)
        let platform = try String(contentsOf: samples.appendingPathComponent("teams/platform.okr"), encoding: .utf8)
            .replacingOccurrences(of: "company/O2", with: "company/O4")
        let path = dir.appendingPathComponent("teams/platform.okr").path
        try platform.write(toFile: path, atomically: true, encoding: .utf8)

        var s = LanguageServer(today: CalendarDate("2026-11-25"))
        _ = s.handle(LSPServerTests.message(["jsonrpc": "2.0", "id": 1, "method": "initialize",
                                             "params": ["capabilities": [:], "rootUri": .string(FileURI.uri(dir.path))]]))
        let uri = FileURI.uri(path)
        _ = s.handle(LSPServerTests.message(["jsonrpc": "2.0", "method": "textDocument/didOpen",
                                             "params": ["textDocument": ["uri": .string(uri), "languageId": "okr", "version": 1, "text": .string(platform)]]]))
        func codes() -> [String] {
            (s.idle().first?["params"]?["diagnostics"]?.array ?? []).compactMap { $0["code"]?.string }
        }
        #expect(codes() == ["broken-alignment", "broken-alignment"])
        #expect(s.files.folders.values.first?.summaries.count == 4)
        // The company file gains an O4 on disk: once the client says so, the links resolve.
        try company.replacingOccurrences(of: "## O3:", with: "## O4:").write(to: dir.appendingPathComponent("company.okr"), atomically: true, encoding: .utf8)
        _ = s.handle(LSPServerTests.message(["jsonrpc": "2.0", "method": "workspace/didChangeWatchedFiles",
                                             "params": ["changes": [["uri": .string(FileURI.uri(dir.appendingPathComponent("company.okr").path)), "type": 2]]]]))
        #expect(codes() == [])
        // A file reached only through a link out of the workspace is not read.
        let outside = fm.temporaryDirectory.appendingPathComponent("okrlint-lsp-out-\(UUID().uuidString).okr")
        defer { try? fm.removeItem(at: outside) }
        try "# secret\n".write(to: outside, atomically: true, encoding: .utf8)
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("teams/link.okr").path, withDestinationPath: outside.path)
        #expect(s.files.read(dir.appendingPathComponent("teams/link.okr").path) == nil)
        #expect(s.files.read(dir.appendingPathComponent("teams/growth.okr").path) != nil)
    }
}
