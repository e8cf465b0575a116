import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import OKRKit

/// Issue 20: one `textDocument/didChange` with many ranged changes (Replace All, multi-cursor typing) is applied in
/// one pass, not one copy of the buffer and its line table per change.
@Suite(.serialized) struct LSPChangeBatchLinearityTests {
    static func message(_ value: JSON) -> [UInt8] { value.bytes }

    /// A server with `text` open as `untitled:batch`.
    static func server(_ text: String) -> LanguageServer {
        var s = LanguageServer(today: CalendarDate("2026-11-25"))
        _ = s.handle(message(["jsonrpc": "2.0", "id": 1, "method": "initialize", "params": ["capabilities": [:]]]))
        _ = s.handle(message(["jsonrpc": "2.0", "method": "initialized", "params": [:]]))
        _ = s.handle(message(["jsonrpc": "2.0", "method": "textDocument/didOpen",
                              "params": ["textDocument": ["uri": "untitled:batch", "languageId": "okr", "version": 0, "text": .string(text)]]]))
        return s
    }

    static func change(_ start: LSPPosition, _ end: LSPPosition, _ text: String) -> JSON {
        ["range": ["start": start.json, "end": end.json], "text": .string(text)]
    }

    static func didChange(_ changes: [JSON]) -> [UInt8] {
        message(["jsonrpc": "2.0", "method": "textDocument/didChange",
                 "params": ["textDocument": ["uri": "untitled:batch", "version": 1], "contentChanges": .array(changes)]])
    }

    /// Each case: for `k` changes, the text opened, the didChange message, and the text expected after it.
    static let cases: [(String, @Sendable (Int) -> (String, [UInt8], String))] = [
        // VS Code's Replace All: one change per match, last match first, on many lines.
        ("replace all, many lines, last first", { k in
            let text = String(repeating: "- note: foo bar\n", count: k)
            let changes = (0..<k).reversed().map { change(LSPPosition(line: $0, character: 8), LSPPosition(line: $0, character: 11), "quux") }
            return (text, didChange(changes), String(repeating: "- note: quux bar\n", count: k))
        }),
        // The same on one long line (each position counted from the line's start).
        ("replace all, one long line, last first", { k in
            let text = "# " + String(repeating: "foo é ", count: k) + "\n"
            let changes = (0..<k).reversed().map { change(LSPPosition(line: 0, character: 2 + 6 * $0), LSPPosition(line: 0, character: 5 + 6 * $0), "ba😀") }
            return (text, didChange(changes), "# " + String(repeating: "ba😀 é ", count: k) + "\n")
        }),
        // Multi-cursor typing sent first to last, each position in the text the changes before it left.
        ("multi-cursor, one long line, first first", { k in
            let text = String(repeating: "ab", count: k) + "\n"
            let changes = (0..<k).map { change(LSPPosition(line: 0, character: 4 * $0 + 1), LSPPosition(line: 0, character: 4 * $0 + 1), "XY") }
            return (text, didChange(changes), String(repeating: "aXYb", count: k) + "\n")
        }),
        ("new lines typed at many cursors, first first", { k in
            let text = String(repeating: "- a: b\n", count: k)
            let changes = (0..<k).map { change(LSPPosition(line: 2 * $0, character: 3), LSPPosition(line: 2 * $0, character: 3), "\n  ") }
            return (text, didChange(changes), String(repeating: "- a\n  : b\n", count: k))
        }),
    ]

    @Test(arguments: 0..<cases.count)
    func tenTimesTheChangesAboutTenTimesTheWork(_ i: Int) {
        let (name, make) = Self.cases[i]
        let n = 1_000
        let (smallInput, largeInput) = (make(n), make(10 * n))
        /// This thread's CPU time for the server to take the change (the best of the runs so far kept).
        func run(_ input: (String, [UInt8], String), _ best: inout Double) {
            var s = Self.server(input.0)
            let t0 = LinearityTests.cpuSeconds()
            _ = s.handle(input.1)
            best = min(best, LinearityTests.cpuSeconds() - t0)
            #expect(s.documents["untitled:batch"]?.source.bytes == Array(input.2.utf8), "\(name): wrong text")
        }
        // Small and large in turn, so both meet the same load; the best of seven of each.
        var small = Double.infinity, large = Double.infinity
        for _ in 0..<7 {
            run(smallInput, &small)
            run(largeInput, &large)
        }
        let ratio = large / max(small, 1e-6)
        #expect(ratio < 12, "\(name): 10x the changes took \(ratio)x the work (\(small)s -> \(large)s)")
    }
}

/// A batch applied in one pass gives the text the changes give applied one at a time (as the server applied them
/// before), over random texts and random batches: last to first, first to last, in no order, with whole-text changes,
/// positions past line ends, inside characters and CRLF, lone CRs and LFs in the text and in the changes.
@Suite struct LSPChangeBatchTests {
    static let pieces = ["a", "bc", "é", "漢", "😀", " ", "\n", "\r\n", "\r", "## O1: x\n", "- owner: @a\n", "<!-- ", " -->", "### KR1.1: y\n"]

    static func text(_ rng: inout SplitMix, _ maxPieces: Int) -> [UInt8] {
        var out: [UInt8] = []
        for _ in 0..<Int(rng.next() % UInt64(maxPieces + 1)) { out += Array(pieces[Int(rng.next() % UInt64(pieces.count))].utf8) }
        return out
    }

    /// Each change read on the text the ones before it left, and applied, one at a time.
    static func oneByOne(_ bytes: [UInt8], _ changes: [TextChange], _ encoding: PositionEncoding) -> [UInt8] {
        var bytes = bytes
        for c in changes {
            guard let r = c.range else { bytes = c.text; continue }
            let s = SourceFile(path: "x.okr", bytes: bytes)
            let a = s.offset(of: r.start, encoding), b = s.offset(of: r.end, encoding)
            bytes.replaceSubrange(min(a, b)..<max(a, b), with: c.text)
        }
        return bytes
    }

    /// Sorted, apart ranges of `bytes` at character starts, as the positions each change sees when sent last to
    /// first or first to last.
    static func ordered(_ bytes: [UInt8], _ rng: inout SplitMix, ascending: Bool, _ encoding: PositionEncoding, count: Int) -> [TextChange] {
        let starts = (0...bytes.count).filter { $0 == bytes.count || bytes[$0] & 0xC0 != 0x80 }
        let cuts = (0..<(2 * count)).map { _ in starts[Int(rng.next() % UInt64(starts.count))] }.sorted()
        var ranges: [(Int, Int, [UInt8])] = []
        for i in stride(from: 0, to: cuts.count, by: 2) { ranges.append((cuts[i], cuts[i + 1], text(&rng, 2))) }
        var out: [TextChange] = []
        if ascending {
            var current = bytes
            for (a, b, t) in ranges {
                // The ranges after the ones applied are where they were, moved by what those added.
                let shift = current.count - bytes.count
                let s = SourceFile(path: "x.okr", bytes: current)
                let start = s.position(of: a + shift, encoding), end = s.position(of: b + shift, encoding)
                out.append(TextChange(range: (start, end), text: t))
                current.replaceSubrange(s.offset(of: start, encoding)..<s.offset(of: end, encoding), with: t)
            }
        } else {
            let s = SourceFile(path: "x.okr", bytes: bytes)
            for (a, b, t) in ranges.reversed() { out.append(TextChange(range: (s.position(of: a, encoding), s.position(of: b, encoding)), text: t)) }
        }
        return out
    }

    /// Positions anywhere, past the ends and negative too.
    static func anywhere(_ bytes: [UInt8], _ rng: inout SplitMix, count: Int) -> [TextChange] {
        let lines = SourceFile(path: "x.okr", bytes: bytes).lineCount
        func position() -> LSPPosition {
            LSPPosition(line: Int(rng.next() % UInt64(lines + 2)) - (rng.next() % 20 == 0 ? 1 : 0),
                        character: Int(rng.next() % 12) - (rng.next() % 20 == 0 ? 1 : 0))
        }
        return (0..<count).map { _ in TextChange(range: (position(), position()), text: text(&rng, 2)) }
    }

    static func batch(_ bytes: [UInt8], _ rng: inout SplitMix, _ encoding: PositionEncoding) -> [TextChange] {
        let count = 1 + Int(rng.next() % 8)
        switch rng.next() % 6 {
        case 0: return ordered(bytes, &rng, ascending: false, encoding, count: count)
        case 1: return ordered(bytes, &rng, ascending: true, encoding, count: count)
        case 2: return anywhere(bytes, &rng, count: count)
        case 3:
            // Last to first, then changes anywhere on what that left.
            let first = ordered(bytes, &rng, ascending: false, encoding, count: count)
            return first + anywhere(oneByOne(bytes, first, encoding), &rng, count: 3)
        case 4:
            let first = ordered(bytes, &rng, ascending: true, encoding, count: count)
            let after = oneByOne(bytes, first, encoding)
            return first + ordered(after, &rng, ascending: false, encoding, count: count)
        default:
            let whole = text(&rng, 8)
            return anywhere(bytes, &rng, count: 2) + [TextChange(range: nil, text: whole)] + ordered(whole, &rng, ascending: true, encoding, count: count)
        }
    }

    @Test func aBatchGivesTheTextOfItsChangesOneByOne() {
        var rng = SplitMix(seed: 20)
        for iteration in 0..<4_000 {
            let bytes = Self.text(&rng, 24)
            let encoding: PositionEncoding = rng.next() % 2 == 0 ? .utf16 : .utf8
            let changes = Self.batch(bytes, &rng, encoding)
            let expected = Self.oneByOne(bytes, changes, encoding)
            let applied = TextChanges.apply(changes, to: SourceFile(path: "x.okr", bytes: bytes), encoding: encoding)
            #expect(applied.source.bytes == expected, "iteration \(iteration): \(String(decoding: bytes, as: UTF8.self).debugDescription)")
            if let (range, replacement) = applied.changed {
                var patched = bytes
                patched.replaceSubrange(range.start..<range.end, with: replacement)
                #expect(patched == expected, "iteration \(iteration): the changed span")
            }
            if applied.source.bytes != expected { break }
        }
    }

    /// Changes sent last to first (VS Code's Replace All) or first to last, with no lone CR: the text is built once.
    @Test func orderedChangesBuildTheTextOnce() {
        var rng = SplitMix(seed: 7)
        let bytes = Array(String(repeating: "## O1: é漢 😀 x\n- owner: @a\r\n", count: 300).utf8)
        for encoding in [PositionEncoding.utf16, .utf8] {
            for ascending in [false, true] {
                let changes = Self.ordered(bytes, &rng, ascending: ascending, encoding, count: 500)
                    .map { TextChange(range: $0.range, text: $0.text.filter { $0 != 0x0D }) }
                let applied = TextChanges.apply(changes, to: SourceFile(path: "x.okr", bytes: bytes), encoding: encoding)
                #expect(applied.source.bytes == Self.oneByOne(bytes, changes, encoding))
                #expect(applied.rebuilds == 1, "\(encoding) ascending \(ascending): \(applied.rebuilds) rebuilds")
            }
        }
    }

    /// The open buffer after a batch: its tree (re-parsed incrementally from the batch's span) is a full parse's.
    @Test func theTreeAfterABatchIsAFullParse() {
        var rng = SplitMix(seed: 3)
        for _ in 0..<400 {
            let bytes = Self.text(&rng, 30)
            var doc = OpenDocument(uri: "untitled:x", version: 0, text: bytes)
            _ = doc.document()
            let changes = Self.batch(bytes, &rng, .utf16)
            doc.apply(changes, .utf16)
            let expected = Self.oneByOne(bytes, changes, .utf16)
            #expect(doc.source.bytes == expected)
            #expect(LSPTestSupport.dump(doc.document()) == LSPTestSupport.dump(Parser.parse(path: "untitled:x", bytes: expected)))
        }
    }
}
