import Foundation
import Testing

@Suite(.serialized) struct CLITests {
    let today = ["--today", "2026-11-25"]

    @Test func samplesAreClean() throws {
        let r = try CLI.run(["samples/"])
        #expect(r.code == 0, "\(r.stdout)")
        #expect(r.stdout == "All checks passed (4 files checked).\n")
        #expect(r.stderr.isEmpty)
    }

    @Test func pitfallsHumanOutputMatchesGolden() throws {
        let r = try CLI.run(["samples/pitfalls"])
        #expect(r.code == 1)
        try CLI.expectGolden(r.stdout, "pitfalls.human.txt")
        #expect(r.stdout.hasSuffix("Found 11 errors, 14 warnings and 4 infos in 23 files (23 files checked).\n[*] 1 fixable with `okrlint --fix`.\n"))
        #expect(!r.stdout.contains("\u{1B}["), "no colour when stdout is not a terminal")
    }

    @Test func pitfallsJSONMatchesGoldenAndParses() throws {
        let r = try CLI.run(["samples/pitfalls", "--format", "json"])
        #expect(r.code == 1)
        try CLI.expectGolden(r.stdout, "pitfalls.json")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(json["version"] as? Int == 1)
        let files = try #require(json["files"] as? [[String: Any]])
        #expect(files.count == 23)
        var errors = 0
        for f in files {
            let path = try #require(f["path"] as? String)
            let rules = (f["diagnostics"] as? [[String: Any]] ?? []).compactMap { $0["rule"] as? String }
            // Each pitfall file is named after the rule it demonstrates.
            let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
            #expect(rules.contains(name), "\(path) should report \(name), got \(rules)")
            for d in f["diagnostics"] as? [[String: Any]] ?? [] {
                if d["severity"] as? String == "error" { errors += 1 }
                let range = try #require(d["range"] as? [String: Any])
                let start = try #require(range["start"] as? [String: Int])
                #expect(start["line"]! >= 1 && start["column"]! >= 1)
            }
        }
        let summary = try #require(json["summary"] as? [String: Int])
        #expect(summary["errors"] == errors)
    }

    @Test func missingPathIsAnIOError() throws {
        let r = try CLI.run(["samples/company.okr", "nope/missing.okr"])
        #expect(r.code == 2)
        #expect(r.stderr.contains("okrlint: error: nope/missing.okr: no such file or directory"))
        #expect(r.stdout.contains("1 file checked"), "the other path is still checked")
    }

    @Test func unknownOptionSuggests() throws {
        let r = try CLI.run(["--formt", "json"])
        #expect(r.code == 2)
        #expect(r.stderr.contains("unknown option `--formt`; did you mean `--format`?"))
        let f = try CLI.run(["--format", "jsn", "samples"])
        #expect(f.code == 2)
        #expect(f.stderr.contains("did you mean `json`?"))
        let d = try CLI.run(["--today", "2026-13-01"])
        #expect(d.code == 2)
    }

    @Test func versionAndHelp() throws {
        let v = try CLI.run(["--version"])
        #expect(v.code == 0 && v.stdout.hasPrefix("okrlint 0."))
        let h = try CLI.run(["--help"])
        #expect(h.code == 0 && h.stdout.contains("Exit codes:") && h.stdout.contains("--format"))
    }

    @Test func walksFoldersForOkrAndOkrMd() throws {
        let dir = try CLI.tempDir([
            "a/b/team.okr.md": cleanTeamFile(),
            "a/other.okr": cleanTeamFile(team: "growth"),
            "a/readme.md": "# not an okr file\n* list\n",
            ".hidden/x.okr": "garbage\n* bad\n",
            "node_modules/y.okr": "* bad\n",
        ])
        let r = try CLI.run(["."] + today, in: dir)
        #expect(r.code == 0, "\(r.stdout)")
        #expect(r.stdout.contains("(2 files checked)"))
    }

    @Test func syntaxErrorExitsOneWithPosition() throws {
        let dir = try CLI.tempDir(["x.okr": "# T\n\n* bad item\n"])
        let r = try CLI.run(["x.okr", "--no-config"] + today, in: dir)
        #expect(r.code == 1)
        #expect(r.stdout.contains("--> x.okr:3:1"))
        #expect(r.stdout.contains("error[syntax-error]"))
    }

    @Test func colourOnlyWhenAskedOrOnATerminal() throws {
        let dir = try CLI.tempDir(["x.okr": "# T\n\n* bad item\n"])
        let always = try CLI.run(["x.okr", "--color", "always"] + today, in: dir)
        #expect(always.stdout.contains("\u{1B}[1;31m"))
        let auto = try CLI.run(["x.okr"] + today, in: dir, env: ["NO_COLOR": "1"])
        #expect(!auto.stdout.contains("\u{1B}["))
        let never = try CLI.run(["x.okr", "--color=never"] + today, in: dir)
        #expect(!never.stdout.contains("\u{1B}["))
    }

    @Test func stdinUsesTheGivenFilename() throws {
        let r = try CLI.run(["-", "--stdin-filename", "teams/x.okr", "--no-config"] + today, stdin: "# T\n\n- team: x\n- period: 2026-Q4\n* bad\n")
        #expect(r.code == 1)
        #expect(r.stdout.contains("--> teams/x.okr:5:1"))
    }

    @Test func exitPolicy() throws {
        // Warnings only: a key result without check-ins for 55 days is stale.
        let warningsOnly = cleanTeamFile().replacingOccurrences(of: "- 2026-11-20 KR1.2: 22 deploys/wk", with: "")
        let dir = try CLI.tempDir(["w.okr": warningsOnly, "e.okr": "# T\n\n* bad\n"])
        #expect(try CLI.run(["w.okr"] + today, in: dir).code == 0)
        #expect(try CLI.run(["w.okr", "--strict"] + today, in: dir).code == 1)
        #expect(try CLI.run(["w.okr", "--max-warnings", "0"] + today, in: dir).code == 1)
        #expect(try CLI.run(["w.okr", "--max-warnings", "5"] + today, in: dir).code == 0)
        #expect(try CLI.run(["e.okr", "--exit-zero"] + today, in: dir).code == 0)
        #expect(try CLI.run(["e.okr"] + today, in: dir).code == 1)
    }

    @Test func outputFileGetsReportAndTerminalGetsSummary() throws {
        let dir = try CLI.tempDir(["e.okr": "# T\n\n* bad\n"])
        let r = try CLI.run(["e.okr", "--format", "json", "--output", "report.json"] + today, in: dir)
        #expect(r.code == 1)
        #expect(r.stdout.hasPrefix("Found "))
        let data = try Data(contentsOf: dir.appendingPathComponent("report.json"))
        let json = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        #expect((json?["files"] as? [Any])?.count == 1)
    }

    @Test func configChangesThresholdsAndTurnsRulesOff() throws {
        let file = cleanTeamFile()
        let tight = try CLI.tempDir([".okrlint.json": #"{"rules": {"too-few-key-results": {"min": 3}, "missing-owner": "off"}}"#, "t.okr": file])
        let r = try CLI.run(["t.okr"] + today, in: tight)
        #expect(r.stdout.contains("warning[too-few-key-results]: objective O1 has 2 key results; at least 3 expected"))
        let off = try CLI.tempDir([".okrlint.json": #"{"rules": {"stale-check-in": "off"}}"#, "t.okr": file + "\n- 2026-01-01 KR1.1: 30 min\n"])
        #expect(try CLI.run(["t.okr"] + today, in: off).stdout.contains("stale-check-in") == false)
    }

    @Test(arguments: [
        (#"{"rulez": {}}"#, ".okrlint.json:1:2: unknown key `rulez`; did you mean `rules`?"),
        ("{\n  \"rules\": {\n    \"too-many-objective\": \"warning\"\n  }\n}", ".okrlint.json:3:5: unknown rule `too-many-objective`; did you mean `too-many-objectives`?"),
        (#"{"rules": {"too-many-objectives": {"mx": 3}}}"#, "rule `too-many-objectives` has no option `mx`; did you mean `max`?"),
        (#"{"rules": {"too-many-objectives": {"max": "3"}}}"#, "option `max` of `too-many-objectives` is integer, not string"),
        (#"{"rules": {"too-many-objectives": "warn"}}"#, "unknown severity \"warn\"; did you mean \"warning\"?"),
        (#"{"extends": "gogle"}"#, "unknown preset `gogle`; did you mean `google`?"),
        (#"{"today": "2026-02-30"}"#, "`today` is a date string"),
        ("{\"rules\": {},}", ".okrlint.json:1:13: invalid JSON: trailing comma before `}`"),
    ])
    func configErrorsNamePositionAndSuggest(_ config: String, _ expected: String) throws {
        let dir = try CLI.tempDir([".okrlint.json": config, "t.okr": cleanTeamFile()])
        let r = try CLI.run(["t.okr"] + today, in: dir)
        #expect(r.code == 2)
        #expect(r.stderr.contains(expected), "stderr: \(r.stderr)")
    }

    @Test func randomBytesGiveDiagnosticsNotACrash() throws {
        var rng = SplitMix(seed: 42)
        let bytes = (0..<20_000).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        let dir = try CLI.tempDir([:])
        try Data(bytes).write(to: dir.appendingPathComponent("noise.okr"))
        let r = try CLI.run(["noise.okr", "--format", "json"] + today, in: dir)
        #expect(r.code == 1)
        #expect(r.stdout.contains("\"syntax-error\""))
    }
}

/// A small deterministic generator for test inputs.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
}
