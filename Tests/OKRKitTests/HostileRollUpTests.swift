import Foundation
import Testing
@testable import OKRKit

/// Issue 20, hostile repositories: alignment as deep and as shared as files allow. Roll-ups are computed once per
/// workspace, without recursion, and every report reads that one result.
@Suite(.serialized) struct HostileRollUpTests {
    /// A file of team `team` whose `count` objectives form a chain: each aligns to the one before it, the first to
    /// `first` when given. Objective i's key result is at (i % 10) / 10; owners are set, so findings stay few.
    static func chain(_ team: String, _ count: Int, first: String?) -> String {
        let id = team.uppercased()
        var out = "# \(team)\n\n- okr: 1\n- team: \(team)\n- period: 2026-Q4\n- owner: @a\n\n"
        out.reserveCapacity(count * 100)
        for i in 1...count {
            out += "## \(id)\(i): A\n- owner: @a\n"
            if i > 1 { out += "- aligns: \(id)\(i - 1)\n" } else if let first { out += "- aligns: \(first)\n" }
            out += "### K\(i): b\n- metric: 0 -> 10 x\n- current: \(i % 10) x\n- owner: @a\n\n"
        }
        return out
    }

    /// The rolled-up progress down a chain whose objectives have the given own progress, top first: the last is its
    /// own progress, each one above is the mean of its own and the one below.
    static func rolledUpDown(_ own: [Double]) -> [Double] {
        var out = own
        for i in own.indices.dropLast().reversed() { out[i] = (own[i] + out[i + 1]) / 2 }
        return out
    }

    static func own(_ count: Int) -> [Double] { (1...count).map { Double($0 % 10) / 10 } }

    /// The top of the chains below: one objective of team `c` without key results (so a chain under it is not
    /// reported as unsupported, objective by objective).
    static let top = "# c\n\n- okr: 1\n- team: c\n- period: 2026-Q4\n- owner: @a\n\n## C1: Top\n- owner: @a\n"

    /// 50,000 objectives in one chain over two files (30,000 in `a.okr`, whose last is aligned to by the first of
    /// the 20,000 in `b.okr`), under `c/C1`: the recursive roll-up overflowed the default 8 MiB stack (SIGSEGV) in
    /// every command that shows it, from about 10,000 objectives in a debug build and 20,000 in a release build.
    @Test func aChainOfFiftyThousandObjectivesOverTwoFiles() throws {
        let dir = try CLI.tempDir(["a.okr": Self.chain("a", 30_000, first: "c/C1"), "b.okr": Self.chain("b", 20_000, first: "a/A30000"),
                                   "c.okr": Self.top, ".okrlint.json": #"{"today": "2026-10-05"}"#])
        defer { try? FileManager.default.removeItem(at: dir) }
        let expected = Self.rolledUpDown(Self.own(30_000) + Self.own(20_000))

        let json = try CLI.run([".", "--format", "json"], in: dir, timeout: 600)
        #expect(json.code == 0 && !json.timedOut, "exit \(json.code): \(json.stderr.prefix(500))")
        let root = (try? JSONSerialization.jsonObject(with: Data(json.stdout.utf8))) as? [String: Any]
        let files = root?["files"] as? [[String: Any]] ?? []
        func objectives(_ path: String) -> [[String: Any]] {
            files.first { $0["path"] as? String == path }?["objectives"] as? [[String: Any]] ?? []
        }
        let a = objectives("a.okr"), b = objectives("b.okr"), c = objectives("c.okr")
        #expect(a.count == 30_000 && b.count == 20_000 && c.count == 1)
        for (list, offset) in [(a, 0), (b, 30_000)] {
            for i in [0, 1, list.count / 2, list.count - 1] where list.indices.contains(i) {
                let up = list[i]["rolledUp"] as? Double
                #expect(up.map { abs($0 - expected[offset + i]) < 1e-4 } == true, "objective \(offset + i): \(String(describing: up)) != \(expected[offset + i])")
            }
        }
        // C1 has no progress of its own: its roll-up is A1's.
        #expect((c.first?["rolledUp"] as? Double).map { abs($0 - expected[0]) < 1e-4 } == true)

        let percent = "\(Int((expected[0] * 100).rounded()))%"
        let report = try CLI.run(["report", "."], in: dir, timeout: 600)
        #expect(report.code == 0 && !report.timedOut, "exit \(report.code): \(report.stderr.prefix(500))")
        let rows = report.stdout.split(separator: "\n").filter { $0.hasPrefix("  A1 ") || $0.hasPrefix("  C1 ") }
        #expect(rows.count == 2 && rows.allSatisfy { $0.hasSuffix(" " + percent) }, "\(rows) do not end in \(percent)")

        let graph = try CLI.run(["graph", "."], in: dir, timeout: 600)
        #expect(graph.code == 0 && !graph.timedOut, "exit \(graph.code): \(graph.stderr.prefix(500))")
        #expect(graph.stdout.contains("[\"A1: A<br/>\(percent.dropLast())#37;\"]"))
        #expect(graph.stdout.split(separator: "\n").filter { $0.contains(" --> ") }.count == 50_000)
    }

    /// The language server's hover on the top of a 50,000-objective chain shows its rolled-up progress.
    @Test func hoverOnTheTopOfAFiftyThousandObjectiveChain() throws {
        let text = Self.chain("a", 50_000, first: "c/C1")
        let dir = try CLI.tempDir(["a.okr": text, "c.okr": Self.top, ".okrlint.json": #"{"today": "2026-10-05"}"#])
        defer { try? FileManager.default.removeItem(at: dir) }
        let expected = Self.rolledUpDown(Self.own(50_000))[0]
        let uri = FileURI.uri(dir.appendingPathComponent("a.okr").path)
        func frame(_ m: JSON) -> String { let s = m.text; return "Content-Length: \(s.utf8.count)\r\n\r\n\(s)" }
        let input = frame(["jsonrpc": "2.0", "id": 1, "method": "initialize", "params": ["capabilities": [:], "rootUri": .string(FileURI.uri(dir.path))]])
            + frame(["jsonrpc": "2.0", "method": "initialized", "params": [:]])
            + frame(["jsonrpc": "2.0", "method": "textDocument/didOpen",
                     "params": ["textDocument": ["uri": .string(uri), "languageId": "okr", "version": 1, "text": .string(text)]]])
            // Line 7 is `## A1: A`; character 3 is on its ID.
            + frame(["jsonrpc": "2.0", "id": 2, "method": "textDocument/hover",
                     "params": ["textDocument": ["uri": .string(uri)], "position": ["line": 7, "character": 3]]])
            + frame(["jsonrpc": "2.0", "id": 3, "method": "shutdown"]) + frame(["jsonrpc": "2.0", "method": "exit"])
        let r = try CLI.run(["lsp", "--stdio"], in: dir, stdin: input, timeout: 600)
        #expect(r.code == 0 && !r.timedOut, "exit \(r.code): \(r.stderr.suffix(500))")
        var reader = FrameReader()
        reader.append(Array(r.stdout.utf8))
        var hover: String? = nil
        while let e = reader.next() {
            guard case .message(let b) = e, let m = try? JSON.parse(b), m["id"]?.int == 2 else { continue }
            hover = m["result"]?["contents"]?["value"]?.string
        }
        let line = "progress: \((expected * 100).rounded() / 100) (\(Band(expected).rawValue))"
        #expect(hover?.contains("**A1: A**") == true && hover?.contains(line) == true, "\(String(describing: hover)) lacks \(line)")
    }
}

/// Roll-ups and the reports on them are linear in the alignment graph: ten times the input takes about ten times
/// the work (the bound is 12x; the per-call roll-up cost the square). Measured as `LinearityTests` measures: this
/// thread's CPU time, best of three.
@Suite(.serialized) struct RollUpLinearityTests {
    /// A hub: `n / 2` parent objectives, one objective aligned to all of them, `n / 2` objectives aligned to it.
    /// Every parent's roll-up reads the hub's, which reads its `n / 2` children: computed per parent, that was
    /// `n^2 / 4` steps, though nothing is deeper than three objectives.
    static func hub(_ n: Int) -> [Document] {
        let k = n / 2
        let parents = "# P\n- team: p\n- period: 2026-Q4\n" + (0..<k).map { "## P\($0): A\n### K\($0): b\n- metric: 0 -> 10 x\n- current: \($0 % 10) x\n" }.joined()
        let hub = "# H\n- team: h\n- period: 2026-Q4\n## H: A\n- aligns: " + (0..<k).map { "p/P\($0)" }.joined(separator: ", ") + "\n### K: b\n- metric: 0 -> 10 x\n- current: 3 x\n"
        let children = "# C\n- team: c\n- period: 2026-Q4\n" + (0..<k).map { "## C\($0): A\n- aligns: h/H\n### K\($0): b\n- metric: 0 -> 10 x\n- current: \($0 % 7) x\n" }.joined()
        return [Parser.parse(path: "p.okr", text: parents), Parser.parse(path: "h.okr", text: hub), Parser.parse(path: "c.okr", text: children)]
    }

    /// One file of `n` objectives, each with a finding the graph and the report place on its objective
    /// (`unsupported-objective`, `behind-schedule`): each finding searched its objective among all of them.
    static func flaggedObjectives(_ n: Int) -> (Document, [Diagnostic]) {
        let doc = Parser.parse(path: "t.okr", text: "# T\n- team: t\n- period: 2026-Q4\n" + (0..<n).map { "## O\($0): A\n" }.joined())
        let findings = doc.objectives.flatMap { o in
            ["unsupported-objective", "behind-schedule"].map { Diagnostic(ruleID: $0, severity: .warning, message: "m", path: "t.okr", range: o.id!.range) }
        }
        return (doc, findings)
    }

    static let cases: [(String, @Sendable (Int) -> @Sendable () -> Void)] = [
        ("roll-ups of a hub shared by many parents", { n in
            let docs = hub(n)
            let summaries = docs.map { DocumentSummary($0) }
            return {
                let ws = Workspace(summaries: summaries)
                var sum = 0.0
                for (di, d) in ws.documents.enumerated() {
                    for oi in d.objectives.indices { sum += Progress.rolledUp(ObjectiveRef(document: di, objective: oi), in: ws) ?? 0 }
                }
                #expect(sum > 0)
                for d in ws.documents {
                    var w = JSONWriter()
                    w.beginObject()
                    WorkspaceJSON.write(d.path, ws, &w)
                    w.endObject()
                    #expect(w.output.contains("\"rolledUp\""))
                }
                _ = AlignmentGraph(workspace: ws, findings: [:]).render(.dot)
            }
        }),
        ("graph and report of a file with a finding on every objective", { n in
            let (doc, findings) = flaggedObjectives(n / 4)
            let ws = Workspace(documents: [doc])
            return {
                let graph = AlignmentGraph(workspace: ws, findings: ["t.okr": findings])
                #expect(graph.unsupported.count == doc.objectives.count)
                // The report's section of the file (the model around it sorts its attention list, n log n).
                let part = ReportModel.section(0, in: ws, document: doc, findings: findings, today: CalendarDate("2026-11-25")!, calendar: .calendarYear)
                #expect(part.section.objectives.last?.attention.count == 2)
            }
        }),
    ]

    /// Ratios of the work at 10n to the work at n. Up to three tries, as a busy machine can slow one measurement
    /// down: linear code is about 10x in any of them, code that is quadratic again 100x in all (no second try past 30x).
    static func ratios(_ make: (Int) -> @Sendable () -> Void, n: Int = 2_000) -> [Double] {
        var ratios: [Double] = []
        while ratios.count < 3, (ratios.min() ?? .infinity) >= 12, (ratios.last ?? 0) < 30 {
            let small = LinearityTests.timed(make(n))
            let large = LinearityTests.timed(make(10 * n))
            ratios.append(large / max(small, 1e-6))
        }
        return ratios
    }

    static func text(_ ratios: [Double]) -> String { ratios.map { String(format: "%.1fx", $0) }.joined(separator: ", ") }

    @Test(arguments: 0..<cases.count)
    func tenTimesTheInputAboutTenTimesTheWork(_ i: Int) {
        let (name, make) = Self.cases[i]
        let ratios = Self.ratios(make)
        #expect(ratios.min()! < 12, "\(name): 10x the input took \(Self.text(ratios)) the work")
    }

    /// Links that name no objective are looked for among key result IDs (`aligns: company/KR1.2`): that was a walk
    /// over every key result of the file per link, quadratic in a file of many links to IDs that are not there.
    @Test func linksToMissingIDsResolveInLinearTime() {
        let ratios = Self.ratios { n in
            let doc = Parser.parse(path: "t.okr", text: "# T\n- team: t\n- period: 2026-Q4\n" + (0..<n).map { "## O\($0): A\n- aligns: K\($0)\n### K\($0)x: b\n" }.joined())
            let summary = DocumentSummary(doc)
            return {
                let ws = Workspace(summaries: [summary])
                #expect(ws.links.count == summary.objectives.count && ws.links.allSatisfy { $0.parent == nil })
            }
        }
        #expect(ratios.min()! < 12, "10x the links took \(Self.text(ratios)) the work")
    }
}

/// What a roll-up is where alignment loops: the old per-call walk cut a loop wherever it happened to enter it, so
/// each objective on a loop counted the others (A1 counted B1, and B1 counted A1): numbers that depended on which
/// objective was asked for. Computed once per workspace, the links inside a loop carry nothing.
@Suite struct RollUpLoopTests {
    static func file(_ team: String, _ id: String, current: Int, aligns: String) -> String {
        "# \(team)\n- team: \(team)\n- period: 2026-Q4\n## \(id): A\n- aligns: \(aligns)\n### K: b\n- metric: 0 -> 10 x\n- current: \(current) x\n"
    }

    @Test func linksInsideALoopCarryNoProgressLinksIntoItDo() throws {
        // a/A1 and b/B1 align to each other; x/X1, outside the loop, aligns to A1.
        let docs = [Parser.parse(path: "a.okr", text: Self.file("a", "A1", current: 2, aligns: "b/B1")),
                    Parser.parse(path: "b.okr", text: Self.file("b", "B1", current: 8, aligns: "a/A1")),
                    Parser.parse(path: "x.okr", text: Self.file("x", "X1", current: 6, aligns: "a/A1"))]
        let ws = Workspace(documents: docs)
        let a1 = ObjectiveRef(document: 0, objective: 0), b1 = ObjectiveRef(document: 1, objective: 0), x1 = ObjectiveRef(document: 2, objective: 0)
        #expect(ws.loops.isOnLoop(a1) && ws.loops.isOnLoop(b1) && !ws.loops.isOnLoop(x1))
        // A1: its own 0.2 and X1's 0.6; B1 is on its loop. B1: its own 0.8; A1 is on its loop. X1: its own.
        #expect(Progress.rolledUp(a1, in: ws).map { abs($0 - 0.4) < 1e-12 } == true, "\(String(describing: Progress.rolledUp(a1, in: ws)))")
        #expect(Progress.rolledUp(b1, in: ws) == 0.8)
        #expect(Progress.rolledUp(x1, in: ws) == 0.6)

        // An edit that keeps the index (`Workspace.replacing`, the language server's keystroke) brings them up to date.
        let edited = Parser.parse(path: "x.okr", text: Self.file("x", "X1", current: 4, aligns: "a/A1"))
        let replaced = try #require(ws.replacing(2, with: DocumentSummary(edited)))
        let fresh = Workspace(documents: [docs[0], docs[1], edited])
        for r in [a1, b1, x1] { #expect(Progress.rolledUp(r, in: replaced) == Progress.rolledUp(r, in: fresh)) }
        #expect(Progress.rolledUp(a1, in: replaced).map { abs($0 - 0.3) < 1e-12 } == true)
    }
}
