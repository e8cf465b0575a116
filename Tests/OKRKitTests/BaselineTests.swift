import Foundation
import Testing
@testable import OKRKit

@Suite(.serialized) struct BaselineTests {
    static let config = #"{"today": "2026-11-25"}"#
    /// One file with two findings: an objective without an owner (warning) and a key result without a metric (error).
    static let team = """
    # Web OKRs

    - okr: 1
    - team: web
    - period: 2026-Q4
    - owner: @w

    ## O1: Make the site fast
    - owner: @w

    ### KR1.1: Cut page load time
    - metric: 3 -> 1 s
    - current: 2 s
    - owner: @w

    ### KR1.2: Delight users somehow
    - owner: @w

    ## O2: Help people find things

    ### KR2.1: Grow searches that end in a click
    - metric: 40% -> 60%
    - current: 50%
    - owner: @w

    ### KR2.2: Raise search satisfaction
    - metric: 3.5 -> 4.2 points
    - current: 3.8 points
    - owner: @w

    """

    func read(_ dir: URL, _ name: String) throws -> String { try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8) }
    func write(_ dir: URL, _ name: String, _ text: String) throws { try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }

    @Test func aBaselineKeepsTheRunGreenSurvivesMovedLinesAndCatchesNewFindings() throws {
        let dir = try CLI.tempDir([".okrlint.json": Self.config, "web.okr": Self.team])
        let before = try CLI.run(["--format", "gcc"], in: dir)
        #expect(before.code == 1)
        let found = before.stdout.split(separator: "\n").count
        let w = try CLI.run(["--write-baseline", "okrlint-baseline.json"], in: dir)
        #expect(w.code == 0 && w.stderr.contains("recorded \(found) findings"), "\(w.stderr)")
        let json = try read(dir, "okrlint-baseline.json")
        // Stable: written again, the same bytes; sorted by path, rule, line.
        #expect(try CLI.run(["--write-baseline", "okrlint-baseline.json", "-q"], in: dir).code == 0)
        #expect(try read(dir, "okrlint-baseline.json") == json)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let entries = try #require(doc["findings"] as? [[String: Any]])
        let keys = entries.map { "\($0["path"]!)\u{0}\($0["rule"]!)\u{0}\($0["line"]!)" }
        #expect(keys == keys.sorted() && doc["version"] as? Int == 1)
        #expect(entries.contains { $0["rule"] as? String == "unmeasurable-key-result" && $0["line"] as? String == "### KR1.2: Delight users somehow" })

        let green = try CLI.run(["--baseline", "okrlint-baseline.json"], in: dir)
        #expect(green.code == 0 && green.stdout == "All checks passed (1 file checked).\n", "\(green.stdout)")
        // Lines inserted above: matched by their text, still green.
        try write(dir, "web.okr", Self.team.replacingOccurrences(of: "- owner: @w\n\n## O1", with: "- owner: @w\n\nWhy: speed sells.\n\n<!-- note -->\n\n## O1"))
        #expect(try CLI.run(["--baseline", "okrlint-baseline.json"], in: dir).code == 0)
        // A new unmeasurable key result fails, and only it is reported.
        try write(dir, "web.okr", try read(dir, "web.okr") + "### KR2.3: Make search feel better\n- owner: @w\n")
        let red = try CLI.run(["--baseline", "okrlint-baseline.json", "--format", "gcc"], in: dir)
        #expect(red.code == 1)
        // Only the new key result's findings (its line is the last heading): no recorded one comes back.
        let lines = red.stdout.split(separator: "\n")
        let kr23 = try read(dir, "web.okr").split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("### KR2.3") }! + 1
        #expect(!lines.isEmpty && lines.allSatisfy { $0.hasPrefix("web.okr:\(kr23):") }, "\(red.stdout)")
        #expect(red.stdout.contains("[unmeasurable-key-result]"))
    }

    @Test func aSecondCopyOfARecordedProblemIsNew() throws {
        let dir = try CLI.tempDir([".okrlint.json": Self.config, "web.okr": Self.team])
        #expect(try CLI.run(["--write-baseline", "b.json", "-q"], in: dir).code == 0)
        // The same line twice (a second key result with the same heading text elsewhere is another problem).
        try write(dir, "web.okr", Self.team + "## O3: More\n- owner: @w\n\n### KR1.2: Delight users somehow\n- owner: @w\n\n### KR3.2: Grow x\n- metric: 1 -> 2\n- owner: @w\n")
        let r = try CLI.run(["--baseline", "b.json", "--format", "gcc"], in: dir)
        #expect(r.code == 1)
        let lines = try read(dir, "web.okr").split(separator: "\n", omittingEmptySubsequences: false)
        let first = lines.firstIndex { $0 == "### KR1.2: Delight users somehow" }! + 1, second = lines.lastIndex { $0 == "### KR1.2: Delight users somehow" }! + 1
        #expect(first < second)
        #expect(r.stdout.contains("web.okr:\(second):5: error: key result KR1.2 has no metric and no number [unmeasurable-key-result]"), "\(r.stdout)")
        #expect(!r.stdout.contains("web.okr:\(first):"), "the recorded copy stays covered")
    }

    @Test func fixedFindingsAreNotedAndPruned() throws {
        let dir = try CLI.tempDir([".okrlint.json": Self.config, "web.okr": Self.team])
        #expect(try CLI.run(["--write-baseline", "b.json", "-q"], in: dir).code == 0)
        let all = try read(dir, "b.json")
        // O2 gets its owner: that entry matches nothing any more.
        try write(dir, "web.okr", Self.team.replacingOccurrences(of: "## O2: Help people find things\n", with: "## O2: Help people find things\n- owner: @w\n"))
        let r = try CLI.run(["--baseline", "b.json"], in: dir)
        #expect(r.code == 0 && r.stderr.contains("b.json: 1 recorded finding matches nothing any more (fixed); --prune-baseline drops it"), "\(r.stderr)")
        #expect(try read(dir, "b.json") == all, "not changed without --prune-baseline")
        let p = try CLI.run(["--baseline", "b.json", "--prune-baseline"], in: dir)
        #expect(p.code == 0 && p.stderr.contains("removed 1 fixed finding from b.json"))
        let pruned = try read(dir, "b.json")
        #expect(!pruned.contains("## O2: Help people find things") && pruned.contains("### KR1.2: Delight users somehow"))
        #expect(try CLI.run(["--baseline", "b.json"], in: dir).stderr.isEmpty)
        // A baseline for files this run does not check keeps their entries.
        try write(dir, "other.okr", Self.team.replacingOccurrences(of: "team: web", with: "team: other"))
        #expect(try CLI.run(["--write-baseline", "b.json", "-q"], in: dir).code == 0)
        let both = try read(dir, "b.json")
        #expect(try CLI.run(["web.okr", "--baseline", "b.json", "--prune-baseline"], in: dir).code == 0)
        #expect(try read(dir, "b.json") == both)
    }

    @Test(arguments: [
        ("{\"version\": 1, \"findings\": [", "b.json:1:29: not an okrlint baseline: invalid JSON"),
        ("SECRET_TOKEN=abc123\n", "b.json:1:1: not an okrlint baseline: invalid JSON"),
        ("{\"version\": 2, \"findings\": []}", "`version` must be 1"),
        ("{\"version\": 1, \"findings\": [{\"path\": \"x\", \"rule\": \"r\", \"line\": \"l\", \"count\": 0}]}", "b.json:1:29: not an okrlint baseline: each finding needs"),
        ("[]", "the file is not a JSON object"),
    ])
    func aBrokenBaselineIsAClearErrorThatQuotesNothing(_ text: String, _ message: String) throws {
        let dir = try CLI.tempDir([".okrlint.json": Self.config, "web.okr": Self.team, "b.json": text])
        let r = try CLI.run(["--baseline", "b.json"], in: dir)
        #expect(r.code == 2)
        #expect(r.stderr.contains(message), "\(r.stderr)")
        #expect(!r.stderr.contains("SECRET") && !r.stderr.contains("abc123"))
    }

    @Test func baselineOptionsCombineSensibly() throws {
        let dir = try CLI.tempDir([".okrlint.json": Self.config, "web.okr": Self.team])
        for (args, message) in [(["--prune-baseline"], "`--prune-baseline` rewrites the file"),
                                (["--write-baseline", "a.json", "--baseline", "b.json"], "does not take `--baseline`"),
                                (["--baseline", "b.json", "--fix"], "do not combine with `--fix`"),
                                (["--baseline", "missing.json"], "missing.json")] {
            let r = try CLI.run(args, in: dir)
            #expect(r.code == 2 && r.stderr.contains(message), "\(args): \(r.stderr)")
        }
    }
}
