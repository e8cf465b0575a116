import Foundation
import Testing
@testable import OKRKit

/// The lossless layer under the tree: every input prints back byte for byte from its line records, the records are
/// well formed, every node starts on a line of its kind, and every syntax error's line is marked. Checked on every
/// Grammar.md example, every sample, the real-world corpus and its held-out sets, the fuzz regression inputs (and the
/// fuzzer's own corpus when there is one), and generated inputs.
@Suite struct LineLayerTests {
    struct Input: Sendable, CustomTestStringConvertible {
        var name: String
        var bytes: [UInt8]
        var testDescription: String { name }
    }

    static func files(under folder: String, suffixes: [String]) -> [Input] {
        let root = CLI.root.appendingPathComponent(folder)
        guard let e = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
        var out: [Input] = []
        for case let url as URL in e where suffixes.contains(where: { url.lastPathComponent.hasSuffix($0) }) {
            if let d = try? Data(contentsOf: url) { out.append(Input(name: String(url.path.dropFirst(CLI.root.path.count + 1)), bytes: [UInt8](d))) }
        }
        return out.sorted { $0.name < $1.name }
    }

    /// Lines and fragments of real files, joined by a fixed pseudo-random sequence with every kind of line ending.
    static func generated(_ count: Int) -> [Input] {
        let pieces = ["# Title", "- team: t", "- period: FY2021-Q2", "## O1: Grow", "### KR1.1: Cut", "- metric: $4M -> 5.5M",
                      "- metric: 1,5 -> 2", "- current: 30 min", "- [ ] Work @a due:2026-03", "  - [x] step", "    - note",
                      "## Check-ins", "- 2026-11-02 KR1.1: 3 x, confidence 6/10 -- n", "<!-- c", "-->", "<!-- x --> y",
                      "## Notes", "| t |", "   ", "\t- tab", "- owner:", "- owner: @a", "- Owner: x", "### stray", "text",
                      "- aligns: company/KR1.2, , bad", "- Owner:@x", "- Due:2026-12", "- [X] done", "\u{FEFF}", "\u{0}", "é日本", "####", "- [y] no", "## Initiatives"]
        let endings: [[UInt8]] = [[0x0A], [0x0D, 0x0A], [0x0D], []]
        var out: [Input] = []
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17
            return Int(seed % 1_000_003)
        }
        for n in 0..<count {
            var bytes: [UInt8] = []
            for _ in 0..<(3 + next() % 40) {
                if next() % 11 == 0 { bytes.append(UInt8(next() % 256)) }
                bytes.append(contentsOf: Array(pieces[next() % pieces.count].utf8))
                bytes.append(contentsOf: endings[next() % endings.count])
            }
            out.append(Input(name: "generated-\(n)", bytes: bytes))
        }
        return out
    }

    static let inputs: [Input] = {
        var all: [Input] = (try? GrammarExample.load().map { Input(name: "Grammar.md example \($0.number)", bytes: $0.input) }) ?? []
        all += files(under: "samples", suffixes: [".okr", ".okr.md"])
        all += files(under: "Tests/OKRKitTests/Fixtures/fuzz", suffixes: [""])
        // The fuzzer's corpus, when `fuzz/run` has made one here (it is not committed).
        all += files(under: "fuzz/out/corpus", suffixes: [""]).prefix(3000)
        return all + generated(400)
    }()

    @Test func theInputsCoverEverySource() {
        let names = Self.inputs.map(\.name)
        #expect(names.filter { $0.hasPrefix("Grammar.md") }.count >= 70)
        #expect(names.filter { $0.hasPrefix("samples/real-world/") }.count >= 17)
        #expect(names.filter { $0.hasPrefix("samples/real-world-holdout/") }.count >= 5)
        #expect(names.contains { $0.hasPrefix("Tests/OKRKitTests/Fixtures/fuzz") })
    }

    @Test(arguments: inputs)
    func everyByteBelongsToALineAndPrintsBack(_ input: Input) {
        let doc = Parser.parse(path: "x.okr", bytes: input.bytes)
        #expect(Line.print(doc.lines, of: input.bytes) == input.bytes)
        let problems = doc.lineLayerProblems()
        #expect(problems.isEmpty, "\(problems.prefix(5))")
    }

    @Test func kindsOfTheLinesOfAFile() {
        let text = "# T\n\n- team: t\n<!--\nx\n-->\n## O1: A\n- owner: @a\n- owner: @b\n### KR1.1: b\n- [ ] w\n  - [x] s\n### ↓\n* bad\n## Notes\n* fine\n## Check-ins\n- 2026-11-02 KR1.1: 3\n"
        let doc = Parser.parse(path: "x.okr", text: text)
        let kinds = doc.lines.map(\.kind)
        #expect(kinds == [.title, .blank, .fact, .comment, .comment, .comment, .objective, .fact, .fact, .keyResult, .task,
                          .subItem, .keyResult, .invalid, .section, .text, .section, .checkIn, .blank])
        // The repeated `owner` is a node marked duplicate, in its block, with the error on its line.
        let owners = doc.objectives[0].properties.filter { $0.key.value == "owner" }
        #expect(owners.map(\.isDuplicate) == [false, true])
        #expect(doc.text(doc.objectives[0].owner) == "@a")
        #expect(doc.lines[8].hasError && !doc.lines[7].hasError)
    }

    @Test func partsOfALine() {
        let doc = Parser.parse(path: "x.okr", text: "\u{FEFF}# T  \r\n  - team: t\t\r- period: 2026\n")
        let b = doc.source.bytes
        func s(_ r: Range<Int>) -> String { String(decoding: b[r], as: UTF8.self) }
        let l = doc.lines
        #expect(l.count == 4)
        #expect(s(l[0].indentation) == "\u{FEFF}" && s(l[0].content) == "# T" && s(l[0].trailing) == "  " && s(l[0].ending) == "\r\n")
        #expect(s(l[1].indentation) == "  " && s(l[1].content) == "- team: t" && s(l[1].trailing) == "\t" && s(l[1].ending) == "\r")
        #expect(s(l[2].content) == "- period: 2026" && s(l[2].ending) == "\n")
        #expect(l[3].kind == .blank && l[3].start == b.count && l[3].ending.isEmpty)
    }
}
