import Foundation
import Testing
@testable import OKRKit

/// Findings one file causes in others, reported on the file being checked (issue 10, item 9), and alignment loops
/// found as strongly connected components (item 7).
@Suite(.serialized) struct CrossFileTests {
    let config = #"{"today": "2026-11-25"}"#

    func json(_ r: CLI.Output) throws -> [[String: Any]] {
        let doc = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        return (doc?["files"] as? [[String: Any]]) ?? []
    }

    func diagnostics(_ file: [String: Any]) -> [[String: Any]] { file["diagnostics"] as? [[String: Any]] ?? [] }

    /// A company file whose O2 was renumbered O3, and a team file that still links to company/O2.
    func renumbered() throws -> URL {
        try CLI.tempDir([".okrlint.json": config,
                         "company.okr": teamFile("company", objectives: [("O1", nil), ("O3", nil)]),
                         "teams/a.okr": teamFile("a", objectives: [("A1", "company/O1"), ("A2", "company/O2")])])
    }

    /// Issue 15: a team that keeps a file per period. Checking only the new file (as pre-commit does) still finds the
    /// key result copied from the previous quarter's file, and the one with progress is not reported.
    @Test func aKeyResultCopiedFromThePreviousPeriodsFileIsFound() throws {
        func file(_ period: String, _ krs: String) -> String {
            "# Web\n\n- okr: 1\n- team: web\n- period: \(period)\n- owner: @ana\n\n## O1: Fast and calm deploys\n\n- owner: @ana\n\n" + krs
        }
        let kr = "### KR1.1: Cut deploy time\n\n- metric: 45 -> 15 min\n- current: 45 min\n\n"
        let moved = "### KR1.2: Raise test coverage\n\n- metric: 60 -> 80 %\n- current: 70 %\n\n"
        let dir = try CLI.tempDir([".okrlint.json": config,
                                   "okr/web-2026-q2.okr": file("2026-Q2", "### KR1.1: Cut deploy time\n\n- metric: 60 -> 45 min\n\n"),
                                   "okr/web-2026-q3.okr": file("2026-Q3", kr + "### KR1.2: Raise test coverage\n\n- metric: 60 -> 80 %\n\n"),
                                   "okr/web-2026-q4.okr": file("2026-Q4", kr + moved)])
        for args in [["okr"], ["okr/web-2026-q4.okr"]] {
            let r = try CLI.run(["--format", "gcc"] + args, in: dir)
            let found = r.stdout.split(separator: "\n").filter { $0.contains("carried-over-from-previous-file") }
            #expect(found.count == 1, "\(args): \(r.stdout)")
            #expect(found.first?.contains("okr/web-2026-q4.okr:") == true)
            #expect(found.first?.contains("KR1.1 is carried over from 2026-Q3 (okr/web-2026-q3.okr)") == true, "\(found)")
        }
    }

    @Test func checkingOnlyTheCompanyFileReportsTheLinksItBroke() throws {
        let dir = try renumbered()
        let r = try CLI.run(["company.okr", "--format", "json"], in: dir)
        #expect(r.code == 1, "\(r.stdout)")
        let files = try json(r)
        let found = diagnostics(try #require(files.first)).filter { $0["rule"] as? String == "broken-alignment" }
        try #require(found.count == 1, "\(r.stdout)")
        #expect(found[0]["message"] as? String == "company/O2 is linked from teams/a.okr, but no file of team `company` defines it")
        #expect((found[0]["help"] as? String)?.contains("update the links to `company/O1`") == true || (found[0]["help"] as? String)?.contains("company/O3") == true)
        let related = try #require(found[0]["related"] as? [[String: Any]])
        #expect(related.count == 1)
        #expect(related[0]["path"] as? String == "teams/a.okr")
        // `- aligns: company/O2` of A2: the team file's line and column of the link.
        let text = try String(contentsOf: dir.appendingPathComponent("teams/a.okr"), encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        let line = try #require(lines.firstIndex(of: "- aligns: company/O2")) + 1
        #expect(related[0]["line"] as? Int == line)
        #expect(related[0]["column"] as? Int == 11)
        #expect(related[0]["message"] as? String == "aligns to company/O2")
    }

    @Test func aFullRunReportsTheBrokenLinkOnceOnTheTeamFile() throws {
        let dir = try renumbered()
        let r = try CLI.run([".", "--format", "json"], in: dir)
        let byFile = Dictionary(uniqueKeysWithValues: try json(r).map { ($0["path"] as? String ?? "", diagnostics($0).compactMap { $0["rule"] as? String }) })
        #expect(byFile["teams/a.okr"]?.contains("broken-alignment") == true)
        #expect(byFile["company.okr"]?.contains("broken-alignment") == false, "\(byFile)")
        // And checking only the team file reports it there, as before.
        let team = try CLI.run(["teams/a.okr"], in: dir)
        #expect(team.stdout.contains("error[broken-alignment]: team `company` has no objective O2"))
    }

    func duplicated() throws -> URL {
        try CLI.tempDir([".okrlint.json": config, "company.okr": teamFile("company", objectives: [("O1", nil), ("O2", nil)]),
                         "teams/a-1.okr": teamFile("a", objectives: [("A1", "company/O1")]),
                         "teams/a-2.okr": teamFile("a", objectives: [("A1", "company/O2")])])
    }

    @Test(arguments: [("teams/a-1.okr", "teams/a-2.okr"), ("teams/a-2.okr", "teams/a-1.okr")])
    func aDuplicateIDIsReportedOnWhicheverFileIsChecked(_ checked: String, _ other: String) throws {
        let dir = try duplicated()
        let r = try CLI.run([checked, "--format", "json"], in: dir)
        let found = diagnostics(try #require(try json(r).first)).filter { $0["rule"] as? String == "duplicate-team-id" }
        try #require(found.count == 1, "\(r.stdout)")
        #expect(found[0]["message"] as? String == "a/A1 is also defined in \(other)")
        let related = try #require(found[0]["related"] as? [[String: Any]])
        #expect(related.first?["path"] as? String == other)
        #expect(related.first?["line"] as? Int == 8 && related.first?["column"] as? Int == 4, "`## A1:` on line 8: \(related)")
    }

    @Test(.enabled(if: pythonHas("jsonschema"))) func relatedLocationsValidateInSARIF() throws {
        let dir = try duplicated()
        let r = try CLI.run([".", "--format", "sarif"], in: dir)
        let schema = CLI.root.appendingPathComponent("Tests/OKRKitTests/Fixtures/sarif-schema-2.1.0.json").path
        let check = try python("""
            import json, sys, jsonschema
            schema = json.load(open(\(String(reflecting: schema))))
            doc = json.load(sys.stdin)
            jsonschema.validators.validator_for(schema)(schema).validate(doc)
            for res in doc["runs"][0]["results"]:
                rel = res["relatedLocations"][0]
                print(res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], rel["physicalLocation"]["artifactLocation"]["uri"], rel["physicalLocation"]["region"]["startLine"], rel["message"]["text"])
            """, input: r.stdout)
        #expect(check.code == 0, "\(check.output)")
        #expect(check.output == "teams/a-1.okr teams/a-2.okr 8 a/A1 is also defined here\nteams/a-2.okr teams/a-1.okr 8 a/A1 is also defined here\n")
    }

    func loopIDs(_ text: String) -> [String] {
        let doc = Parser.parse(path: "t.okr", text: "# T\n\n- okr: 1\n- team: t\n- period: 2026-Q4\n\n" + text)
        let linter = Linter(rules: [.workspace(AlignmentCycleRule())])
        return linter.lint(doc).map { "\(doc.source.location(of: $0.range.start).line): \($0.message)" }
    }

    @Test func aLinkBetweenTwoSeparateLoopsIsOnNoLoop() {
        // O1 <-> O2 and O3 <-> O4 are loops; O1 -> O3 joins them one way and is on neither.
        let found = loopIDs("## O1: A\n- aligns: O2, O3\n## O2: B\n- aligns: O1\n## O3: C\n- aligns: O4\n## O4: D\n- aligns: O3\n")
        #expect(found == ["8: alignment loop: t/O1 -> t/O2 -> t/O1", "10: alignment loop: t/O2 -> t/O1 -> t/O2",
                          "12: alignment loop: t/O3 -> t/O4 -> t/O3", "14: alignment loop: t/O4 -> t/O3 -> t/O4"], "\(found)")
    }

    @Test func anObjectiveAlignedToItselfIsALoop() {
        #expect(loopIDs("## O1: A\n- aligns: O1\n") == ["8: alignment loop: t/O1 -> t/O1"])
        #expect(loopIDs("## O1: A\n- aligns: t/O1\n") == ["8: alignment loop: t/O1 -> t/O1"], "through its own team's name")
    }

    @Test func everyLinkOfLoopsThatShareObjectivesIsFoundAndNamed() {
        // Loops O1 -> O4 -> O3 -> O1 and O1 -> O2 -> O3 -> O1 share O1 and O3; a colouring search misses O2.
        let found = loopIDs("## O1: A\n- aligns: O4, O2\n## O2: B\n- aligns: O3\n## O3: C\n- aligns: O1\n## O4: D\n- aligns: O3\n")
        #expect(found.count == 5, "\(found)")
        #expect(found.contains("10: alignment loop: t/O2 -> t/O3 -> t/O1 -> t/O2"), "\(found)")
        for f in found {
            // Each message is a loop through its own link: it starts and ends at the same objective.
            let names = f.split(separator: ":", maxSplits: 2)[2].split(separator: " ").filter { $0.hasPrefix("t/") }
            #expect(names.first == names.last && names.count >= 3)
        }
    }

    @Test func aLongLoopIsShownCut() {
        let n = 200
        let text = (1...n).map { "## O\($0): A\n- aligns: O\($0 % n + 1)\n" }.joined()
        let found = loopIDs(text)
        #expect(found.count == n)
        #expect(found.first == "8: alignment loop: t/O1 -> t/O2 -> t/O3 -> t/O4 -> t/O5 -> … -> t/O1", "\(found.first ?? "")")
        #expect(found.allSatisfy { $0.utf8.count < 120 })
    }
}
