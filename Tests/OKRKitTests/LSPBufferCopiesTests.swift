import Foundation
import Testing
@testable import OKRKit

/// Issue 20: the language server keeps one copy of a buffer. Its text and line table are shared by the buffer and
/// its parse session's tree, before and after edits; its findings are not copied into the server's caches (the tree
/// holds the syntax errors, the cache the document rules' findings, the server only what it adds and the order).
@Suite struct LSPBufferCopiesTests {
    static func address<T>(_ a: [T]) -> UnsafeRawPointer? { a.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) } }

    /// Whether the buffer's text and line table are the tree's own (one storage each).
    static func sharesText(_ doc: inout OpenDocument) -> Bool {
        let tree = doc.document().source
        return address(tree.bytes) == address(doc.source.bytes) && address(tree.lineStarts) == address(doc.source.lineStarts)
    }

    @Test func theBufferAndItsTreeShareOneText() {
        let text = String(repeating: "## O1: A\n- owner: @a\n### KR1.1: b\n- metric: 0 -> 9 x\n", count: 200)
        var doc = OpenDocument(uri: "untitled:one", version: 0, text: Array(text.utf8))
        do { let shared = Self.sharesText(&doc); #expect(shared, "after opening") }
        // One edit (parsed incrementally), a batch of edits, then a burst of two (parsed whole).
        doc.apply([TextChange(range: (LSPPosition(line: 3, character: 10), LSPPosition(line: 3, character: 11)), text: Array("8".utf8))], .utf16)
        do { let shared = Self.sharesText(&doc); #expect(shared, "after an edit") }
        doc.apply([TextChange(range: (LSPPosition(line: 9, character: 3), LSPPosition(line: 9, character: 3)), text: Array("x".utf8)),
                   TextChange(range: (LSPPosition(line: 2, character: 3), LSPPosition(line: 2, character: 3)), text: Array("y".utf8))], .utf16)
        do { let shared = Self.sharesText(&doc); #expect(shared, "after a batch") }
        doc.apply([TextChange(range: (LSPPosition(line: 0, character: 0), LSPPosition(line: 0, character: 0)), text: Array("\n".utf8))], .utf16)
        doc.apply([TextChange(range: nil, text: Array("# T\n".utf8))], .utf16)
        do { let shared = Self.sharesText(&doc); #expect(shared, "after a burst") }
        #expect(LSPTestSupport.dump(doc.document()) == LSPTestSupport.dump(Parser.parse(path: "untitled:one", bytes: Array("# T\n".utf8))))
    }
}

extension LSPBufferCopiesTests {
    /// A buffer where every line is a finding: the server's findings refer to the tree's syntax errors rather than
    /// copying them (before, the document rules' cache and the finished list each held a copy of every one).
    @Test func theFindingsOfABufferAreNotCopies() {
        var s = LSPServerTests.initialized()
        let text = "# T\n\n- okr: 1\n- team: t\n- period: 2026-Q4\n- owner: @t\n\n## O1: A\n- owner: @t\n" + String(repeating: "- ownr: x\n", count: 5_000)
        _ = s.handle(LSPServerTests.message(["jsonrpc": "2.0", "method": "textDocument/didOpen",
                                             "params": ["textDocument": ["uri": "untitled:many", "languageId": "okr", "version": 1, "text": .string(text)]]]))
        let findings = s.diagnostics("untitled:many")
        #expect(findings.count > 5_000)
        var doc = s.documents["untitled:many"]!
        let tree = doc.document().syntaxDiagnostics
        #expect(tree.count >= 4_999)
        // One list is the tree's own array; whatever else is kept is small.
        #expect(findings.lists.contains { Self.address($0) == Self.address(tree) })
        let own = findings.lists.filter { Self.address($0) != Self.address(tree) }.reduce(0) { $0 + $1.count }
        #expect(own < 100, "\(own) findings copied")
        #expect((doc.ruleFindings?.diagnostics.count ?? 0) < 100)
        // And they read as the CLI's list: sorted, each once.
        #expect(findings.array == Linter(today: CalendarDate("2026-11-25")!).lint(doc.document()))
    }
}

extension LSPBufferCopiesTests {
    /// Many findings are published as a stream: its declared length is what it writes, in pieces or whole, and it
    /// reads as the diagnostics one by one; over the real loop, the frame carries every one.
    @Test func manyDiagnosticsAreStreamedWithTheRightLength() throws {
        let text = "# T\n\n- okr: 1\n- team: t\n- period: 2026-Q4\n- owner: @t\n\n## O1: A\n- owner: @t\n" + String(repeating: "- ownr: é😀\n", count: 30_000)
        let didOpen = LSPServerTests.message(["jsonrpc": "2.0", "method": "textDocument/didOpen",
                                           "params": ["textDocument": ["uri": "untitled:many", "languageId": "okr", "version": 1, "text": .string(text)]]])
        var s = LSPServerTests.initialized()
        _ = s.handle(didOpen)
        let published = s.idle()
        let message = try #require(published.first)
        #expect(message.hasStream)
        let whole = message.bytes
        #expect(message.writtenCount == whole.count)
        var pieces: [UInt8] = []
        var count = 0
        var out: [UInt8] = []
        #expect(message.write(to: &out, flush: { pieces += $0; count += 1; $0.removeAll(); return true }))
        pieces += out
        #expect(pieces == whole)
        #expect(count > 2, "\(count) pieces")
        let diagnostics = try #require(message["params"]?["diagnostics"]?.array)
        #expect(diagnostics.count > 30_000)
        #expect(diagnostics.last?["range"]?["start"]?["line"] == .int(30_008))
        // Sent as the stdio loop sends it, in pieces after its header: one well-formed frame with all of them.
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("okrlint-stream-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        #expect(LSPStdio.send(message, to: fd))
        close(fd)
        var reader = FrameReader()
        reader.append(Array(FileManager.default.contents(atPath: path) ?? Data()))
        #expect(reader.next() == .message(whole))
        #expect(reader.buffered == 0)
    }
}
