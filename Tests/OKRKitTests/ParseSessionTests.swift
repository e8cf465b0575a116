import Foundation
import Testing
@testable import OKRKit

/// Incremental re-parse (`ParseSession`): after every edit of a random sequence, the session's document equals a full
/// parse of the new text (tree, errors, comments and line records), and an edit inside a long file scans only a few
/// lines again.
@Suite struct ParseSessionTests {
    static func same(_ a: Document, _ b: Document) -> Bool { difference(a, b) == nil }

    /// What differs between two documents, for the failure message.
    static func difference(_ a: Document, _ b: Document) -> String? {
        let da = ASTDump.dump(a).split(separator: "\n"), db = ASTDump.dump(b).split(separator: "\n")
        if da != db {
            let i = (0..<min(da.count, db.count)).first { da[$0] != db[$0] } ?? min(da.count, db.count)
            return "dump line \(i + 1): \(i < da.count ? String(da[i]) : "-") vs \(i < db.count ? String(db[i]) : "-")"
        }
        if a.lines != b.lines {
            let i = (0..<min(a.lines.count, b.lines.count)).first { a.lines[$0] != b.lines[$0] } ?? min(a.lines.count, b.lines.count)
            return "line record \(i + 1): \(i < a.lines.count ? "\(a.lines[i])" : "-") vs \(i < b.lines.count ? "\(b.lines[i])" : "-")"
        }
        if a.comments != b.comments { return "comments" }
        if a.syntaxDiagnostics != b.syntaxDiagnostics { return "syntax diagnostics" }
        if a.checkIns != b.checkIns || a.objectives != b.objectives || a.initiatives != b.initiatives || a.header != b.header || a.sections != b.sections {
            return "tree"
        }
        return nil
    }

    /// What random edits insert: whole lines, fragments that open or close comments, line endings, odd bytes.
    static let snippets: [String] = [
        "## O9: New objective\n", "### KR9.1: New key result\n", "- metric: 1,000 -> 2,000 users\n", "- owner: @x\n",
        "- owner: @y\n", "<!--", "-->", "<!-- c -->", "\n", "\r\n", "\r", "## Notes\n", "## Check-ins\n",
        "- 2026-11-03 KR1.1: 30 min\n", "- [ ] task @a\n", "  - [x] sub\n", "    - deeper\n", "# Title\n", "text line\n",
        "x", " ", "\t", "-", ":", "é", "\u{0}", "- team: other\n", "### stray\n", "- [ ] ", "FY2021-Q2", "$4M",
    ]

    static var bases: [String] {
        var out = [cleanTeamFile(), cleanTeamFile(extra: "<!-- open\n\n## Notes\n* a\n")]
        for name in ["samples/company.okr", "samples/teams/platform.okr", "samples/real-world/gitlab-fy21-q1/cto.okr"] {
            if let t = try? String(contentsOf: CLI.root.appendingPathComponent(name), encoding: .utf8) { out.append(t) }
        }
        return out
    }

    @Test(arguments: 0..<5)
    func randomEditsMatchAFullParse(_ baseIndex: Int) {
        let base = Self.bases[baseIndex % Self.bases.count]
        var session = ParseSession(path: "x.okr", text: base)
        var bytes = Array(base.utf8)
        var seed = UInt64(0x2545_F491_4F6C_DD1D) &+ UInt64(baseIndex)
        func next(_ n: Int) -> Int {
            seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17
            return n <= 0 ? 0 : Int(seed % UInt64(n))
        }
        for step in 0..<300 {
            let at = next(bytes.count + 1)
            let length = next(4) == 0 ? next(min(40, bytes.count - at) + 1) : 0
            let replacement = next(5) == 0 ? [] : Array(Self.snippets[next(Self.snippets.count)].utf8)
            session.edit(SourceRange(start: at, end: at + length), replacement: replacement)
            bytes.replaceSubrange(at..<(at + length), with: replacement)
            let full = Parser.parse(path: "x.okr", bytes: bytes)
            #expect(session.document.source.bytes == bytes)
            let fresh = ParseSession(path: "x.okr", bytes: bytes)
            #expect(session.states == fresh.states, "step \(step): scanner states differ from a fresh parse's (\(session.states.count) vs \(fresh.states.count))")
            let diff = Self.difference(session.document, full)
            #expect(diff == nil, "step \(step): edit at \(at), \(length) bytes -> \(String(decoding: replacement, as: UTF8.self).debugDescription): \(diff ?? "")")
            if !Self.same(session.document, full) { return }
        }
    }

    @Test func anEditInsideALongFileScansAFewLines() {
        let body = (1...400).map { "## O\($0): Objective \($0)\n- owner: @a\n### KR\($0).1: Cut time\n- metric: 45 -> 15 min\n" }.joined()
        var session = ParseSession(path: "x.okr", text: "# T\n- team: t\n- period: 2026-Q4\n" + body)
        let lines = session.document.source.lineCount
        // Change a value in the middle: one line (and the one before it) is scanned again.
        let text = String(decoding: session.document.source.bytes, as: UTF8.self)
        let at = text.utf8.distance(from: text.utf8.startIndex, to: text.range(of: "45 -> 15 min\n## O200:")!.lowerBound)
        session.edit(SourceRange(start: at, end: at + 2), replacement: Array("50".utf8))
        #expect(session.rescannedLines <= 3, "\(session.rescannedLines) of \(lines) lines scanned")
        #expect(session.document.objectives[198].keyResults[0].metric?.baseline?.value == 50)
        // Opening a comment changes the state of every line after it: all of them are scanned.
        let o200 = at + "50 -> 15 min\n".utf8.count
        session.edit(SourceRange(start: o200, end: o200), replacement: Array("<!-- never closed\n".utf8))
        #expect(session.rescannedLines > lines / 2)
        #expect(session.document.objectives.count == 199)
        #expect(Self.same(session.document, Parser.parse(path: "x.okr", bytes: session.document.source.bytes)))
    }
}
