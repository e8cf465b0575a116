import Foundation
import Testing
@testable import OKRKit

/// Runs a program found on PATH with `input` on standard input; nil when it is not installed.
func runTool(_ name: String, _ args: [String], input: String) throws -> (code: Int32, stdout: String, stderr: String)? {
    guard let dir = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").first(where: {
        FileManager.default.isExecutableFile(atPath: "\($0)/\(name)")
    }) else { return nil }
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "\(dir)/\(name)")
    p.arguments = args
    let inPipe = Pipe(), outPipe = Pipe(), errPipe = Pipe()
    p.standardInput = inPipe
    p.standardOutput = outPipe
    p.standardError = errPipe
    try p.run()
    inPipe.fileHandleForWriting.write(Data(input.utf8))
    try inPipe.fileHandleForWriting.close()
    let out = outPipe.fileHandleForReading.readDataToEndOfFile()
    let err = errPipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
}

@Suite(.serialized) struct GraphTests {
    static let config = #"{"today": "2026-11-25"}"#
    /// Titles and a team name no label may let through raw.
    static let hostileTitle = "Win \"big\"]; x --> y <script>alert(1)</script> & \\N #35; %% \u{1B}[31mred\u{202E}"

    static func hostileWorkspace() throws -> URL {
        try CLI.tempDir([".okrlint.json": config,
                         "company.okr": teamFile("company", objectives: [("O1", nil), ("O2", nil)])
                            .replacingOccurrences(of: "## O1: Objective 1", with: "## O1: \(hostileTitle)"),
                         "a.okr": teamFile("a", objectives: [("A1", "company/O1"), ("A2", nil)]),
                         "b.okr": teamFile("b", objectives: [("B1", "company/O1.2")])])
    }

    @Test func mermaidDrawsEveryObjectiveAndLink() throws {
        let r = try CLI.run(["graph", "samples/", "--today", "2026-11-25"])
        #expect(r.code == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "```mermaid" && lines.last == "```" && lines[1] == "flowchart BT")
        // 4 files, 9 objectives, 7 links (support's O2 serves two company objectives).
        #expect(lines.filter { $0.hasPrefix("  subgraph ") }.count == 4)
        #expect(lines.filter { $0.hasPrefix("    o") }.count == 9)
        #expect(lines.filter { $0.contains(" --> ") }.count == 7)
        #expect(r.stdout.contains("o2_0[\"O1: Make deploys boring<br/>63#37;\"]"))
        #expect(r.stdout.contains("class o2_1 green") && r.stdout.contains("class o2_0 yellow"))
    }

    @Test func unalignedAndUnsupportedObjectivesAreMarkedAsTheRunReportsThem() throws {
        let dir = try Self.hostileWorkspace()
        let check = try CLI.run([".", "--format", "gcc"], in: dir)
        #expect(check.stdout.contains("a.okr") && check.stdout.contains("[unaligned-objective]"))
        #expect(check.stdout.contains("[unsupported-objective]"))
        let r = try CLI.run(["graph"], in: dir)
        #expect(r.code == 0, "\(r.stderr)")
        // Files in path order: a (0), b (1), company (2). A2 aligns to nothing; company/O2 has no supporter
        // (B1 serves company's KR1.2, so O1 is supported).
        #expect(r.stdout.contains("class o0_1 unaligned"))
        #expect(r.stdout.contains("class o2_1 unsupported"))
        #expect(!r.stdout.contains("class o2_0 unsupported") && !r.stdout.contains("class o0_0 unaligned"))
        #expect(r.stdout.contains("o0_0 --> o2_0") && r.stdout.contains("o1_0 --> o2_0"))
        // With key results, B1's link ends at the key result it names.
        let k = try CLI.run(["graph", "--key-results"], in: dir)
        #expect(k.stdout.contains("o1_0 --> k2_0_1") && k.stdout.contains("k2_0_1 --> o2_0"))
    }

    @Test func mermaidLabelsCannotBeBrokenOutOf() throws {
        let r = try CLI.run(["graph"], in: try Self.hostileWorkspace())
        let label = try #require(r.stdout.split(separator: "\n").first { $0.contains("o2_0[") })
        // One label: opens with `["`, closes with `"]` at the end, no quote or bracket or `<` in between.
        let inner = label.drop(while: { $0 != "\"" }).dropFirst().dropLast(2)
        #expect(label.hasSuffix("\"]"))
        #expect(!inner.contains("\"") && !inner.contains("]") && !inner.contains("<script") && !inner.contains("%%"))
        #expect(!r.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E })
        #expect(inner.contains("#34;big#34;") && inner.contains("#60;script#62;"))
    }

    @Test func dotRendersWithGraphviz() throws {
        let dir = try Self.hostileWorkspace()
        let r = try CLI.run(["graph", "--format", "dot", "--key-results"], in: dir)
        #expect(r.code == 0)
        #expect(!r.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E })
        guard let svg = try runTool("dot", ["-Tsvg"], input: r.stdout) else {
            #expect(!isCI, "CI must install Graphviz (apt-get install graphviz)")
            return
        }
        #expect(svg.code == 0, "dot: \(svg.stderr)")
        #expect(svg.stderr.isEmpty, "dot warned: \(svg.stderr)")
        // Graphviz read every node and the hostile title as text (XML-escaped in the SVG), not as syntax.
        let nodes = svg.stdout.components(separatedBy: "class=\"node\"").count - 1
        #expect(nodes == 5 + 10, "objectives and key results drawn: \(nodes)")
        #expect(svg.stdout.contains("Win &quot;big&quot;]; x &#45;&#45;&gt; y &lt;script&gt;alert(1)&lt;/script&gt; &amp; \\N"))
        // Two links (A1 to company/O1, B1 to company/KR1.2) and one edge per key result to its objective.
        #expect(svg.stdout.components(separatedBy: "class=\"edge\"").count - 1 == 2 + 10)
    }

    @Test func dotEscapesQuotesAndBackslashes() {
        #expect(AlignmentGraph.dotText("a\"b\\N\u{7}c") == "a\\\"b\\\\Nc")
        #expect(AlignmentGraph.mermaidText("a\"b<c>#%\n") == "a#34;b#60;c#62;#35;#37;")
    }

    @Test func graphTakesOnlyItsFormats() throws {
        let r = try CLI.run(["graph", "samples/", "--format", "sarif"])
        #expect(r.code == 2 && r.stderr.contains("`--format mermaid` (default) or `--format dot`"))
        let c = try CLI.run(["samples/", "--format", "dot"])
        #expect(c.code == 2 && c.stderr.contains("is a format of `okrlint graph`"))
    }
}

@Suite(.serialized) struct InitTests {
    static let config = #"{"today": "2027-01-10"}"#

    /// Every template, filled in alone and aligned to a parent, lints with no finding and is in canonical form.
    @Test(arguments: Templates.names)
    func templatePassesAsWritten(_ name: String) throws {
        let t = try #require(Templates.named(name))
        let parent = (team: "acme", objectives: [(id: "O1", title: "Win"), (id: "O2", title: "Keep --> trust")])
        let company = Parser.parse(path: "acme.okr", text: teamFile("acme", period: "2027-Q1", objectives: [("O1", nil), ("O2", nil)]))
        let linter = Linter(today: CalendarDate(year: 2027, month: 1, day: 10)!)
        for p in [nil, parent] {
            let text = Templates.render(t, team: "web", period: "2027-Q1", parent: p)
            #expect(!text.contains("{{"), "a placeholder left: \(text)")
            let doc = Parser.parse(path: "web.okr", text: text)
            let ws = Workspace(documents: p == nil ? [doc] : [doc, company])
            let findings = linter.lint(doc, in: ws)
            #expect(findings.isEmpty, "\(name) (parent: \(p != nil)): \(findings.map { "\($0.ruleID): \($0.message)" })")
            #expect(Formatter.format(doc).bytes == Array(text.utf8), "\(name) is not in the canonical form")
            if p != nil && t.text.contains("{{aligns-1}}") {
                #expect(text.contains("- aligns: acme/O1") && text.contains("acme/O2: Keep - -> trust"))
            }
        }
    }

    @Test func initThenCheckPasses() throws {
        let dir = try CLI.tempDir([".okrlint.json": Self.config])
        let w = try CLI.run(["init", "--team", "web", "--period", "2027-Q1"], in: dir)
        #expect(w.code == 0, "\(w.stderr)")
        #expect(w.stderr.contains("wrote web.okr"))
        let text = try String(contentsOf: dir.appendingPathComponent("web.okr"), encoding: .utf8)
        #expect(text.hasPrefix("# web OKRs 2027-Q1\n\n- okr: 1\n- team: web\n- period: 2027-Q1\n"))
        let c = try CLI.run([], in: dir)
        #expect(c.code == 0 && c.stdout == "All checks passed (1 file checked).\n", "\(c.stdout)")
        // Never overwritten: exit 2, the file as it was.
        let again = try CLI.run(["init", "--team", "web", "--period", "2027-Q1", "--template", "personal"], in: dir)
        #expect(again.code == 2 && again.stderr.contains("web.okr: exists already"))
        #expect(try String(contentsOf: dir.appendingPathComponent("web.okr"), encoding: .utf8) == text)
    }

    @Test func initAlignsToTheParentInTheWorkspace() throws {
        let dir = try CLI.tempDir([".okrlint.json": Self.config, "teams/.keep": ""])
        #expect(try CLI.run(["init", "--template", "company", "--team", "acme", "--period", "2027-Q1", "-q"], in: dir).code == 0)
        let r = try CLI.run(["init", "--template", "radical-focus", "--parent", "acme", "--period", "2027-Q1", "teams/growth.okr"], in: dir)
        #expect(r.code == 0, "\(r.stderr)")
        let text = try String(contentsOf: dir.appendingPathComponent("teams/growth.okr"), encoding: .utf8)
        #expect(text.contains("- team: growth\n") && text.contains("- aligns: acme/O1\n"))
        #expect(text.contains("acme/O1: Become the obvious choice for our customers"))
        // Radical Focus has one objective: it serves acme/O1, and acme/O2 is left without support (a warning).
        let c = try CLI.run(["--format", "gcc"], in: dir)
        #expect(c.code == 0, "\(c.stdout)")
        #expect(c.stdout.split(separator: "\n").map { String($0.split(separator: ":").first ?? "") + ($0.contains("[unsupported-objective]") ? " unsupported" : "") } == ["acme.okr unsupported"], "\(c.stdout)")
        let g = try CLI.run(["graph"], in: dir)
        #expect(g.stdout.contains("o1_0 --> o0_0"), "growth's objective is drawn under acme's: \(g.stdout)")
    }

    @Test(arguments: [
        (["init", "--parent", "nosuch", "x.okr"], "no team `nosuch` in the workspace"),
        (["init", "--team", "a b"], "team name `a b` may use only letters"),
        (["init", "--team", "web\n## O9: injected"], "may use only letters"),
        (["init", "--period", "2027-Q9", "y.okr"], "period `2027-Q9` is not one okrlint reads"),
        (["init", "--template", "tem"], "unknown template `tem`; did you mean `team`?"),
        (["init", "missing/dir/z.okr"], "no such folder"),
        (["init", "notes.txt"], "an OKR file is named *.okr"),
        (["init", "a.okr", "b.okr"], "writes one file, not 2"),
        (["--team", "x", "samples/"], "applies to `okrlint init`"),
    ])
    func initRefusesWithAClearError(_ args: [String], _ message: String) throws {
        let dir = try CLI.tempDir([".okrlint.json": Self.config])
        let r = try CLI.run(args, in: dir)
        #expect(r.code == 2)
        #expect(r.stderr.contains(message), "\(r.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == [".okrlint.json"], "nothing written")
    }

    @Test func initDoesNotWriteThroughALink() throws {
        let dir = try CLI.tempDir([".okrlint.json": Self.config, "target.txt": "keep me\n"])
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("web.okr").path, withDestinationPath: "target.txt")
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("dangling.okr").path, withDestinationPath: "nowhere.okr")
        for name in ["web.okr", "dangling.okr"] {
            let r = try CLI.run(["init", name], in: dir)
            #expect(r.code == 2 && r.stderr.contains("exists already"), "\(r.stderr)")
        }
        #expect(try String(contentsOf: dir.appendingPathComponent("target.txt"), encoding: .utf8) == "keep me\n")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("nowhere.okr").path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains("okrlint-") }.isEmpty, "no temporary file left")
    }
}

@Suite struct StatisticsTests {
    /// The counts are the findings the normal report lists, rule by rule, and the fixable ones those with a fix.
    @Test func countsMatchTheReport() throws {
        let gcc = try CLI.run(["samples/pitfalls", "--format", "gcc"])
        var expected: [String: Int] = [:]
        for line in gcc.stdout.split(separator: "\n") {
            guard let open = line.lastIndex(of: "["), let close = line.lastIndex(of: "]") else { continue }
            expected[String(line[line.index(after: open)..<close]), default: 0] += 1
        }
        let r = try CLI.run(["samples/pitfalls", "--statistics", "--format", "json"])
        #expect(r.code == gcc.code && r.code == 1)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        var got: [String: Int] = [:]
        for row in rows { got[row["code"] as! String] = row["count"] as? Int }
        #expect(got == expected)
        let counts = rows.map { $0["count"] as! Int }
        #expect(counts == counts.sorted(by: >), "most frequent first")
        let fixable = rows.reduce(0) { $0 + ($1["fixable"] as! Int) }
        let human = try CLI.run(["samples/pitfalls"])
        #expect(human.stdout.contains("[*] \(fixable) fixable with `okrlint --fix`"))
        let text = try CLI.run(["samples/pitfalls", "--statistics"])
        #expect(text.stdout.split(separator: "\n").count == rows.count)
        #expect(text.stdout.contains("current-out-of-sync            warning  [*] 1 fixable"))
        let bad = try CLI.run(["samples/pitfalls", "--statistics", "--format", "sarif"])
        #expect(bad.code == 2)
    }
}
