import Foundation
import Testing
@testable import OKRKit

/// `okrlint --fix`, `--diff`, `--unsafe-fixes` and `--show-fixes` on the built binary.
@Suite(.serialized) struct FixCLITests {
    static let args = ["--no-config", "--today", "2026-11-20"]

    /// A mistyped key, check-ins out of order and a stale `current`, among comments, free text and `x-` keys.
    static let before = """
        # Platform team OKRs 2026-Q4

        - okr: 1
        - team: platform
        - period: 2026-Q4
        - owner: @dana
        - x-budget: 120k

        Deploys should be boring: this quarter we measure, then cut.
        <!-- reviewed at the offsite -->

        ## O1: Make deploys boring
        - ownr: @dana
        - x-jira: PLAT-12
        Why: every release still needs a person watching it.

        ### KR1.1: Cut median deploy time
        - metric: 45 -> 15 min
        - current: 31 min <!-- copied from the dashboard -->
        - confidence: 0.6
        - owner: @raj

        ### KR1.2: Raise deploys per week
        - metric: 12 -> 30 deploys/wk
        - current: 22 deploys/wk
        - owner: @raj

        ## Check-ins
        <!--
          weekly, on Mondays
        -->

        - 2026-11-16 KR1.1: 24 min, confidence 0.6 -- build cache enabled
        - 2026-11-16 KR1.2: 22 deploys/wk
        <!-- the first one -->
        - 2026-11-02 KR1.1: 38 min

        ## Notes
        Free text goes here, even - ownr: and 2026-01-01.

        """

    static let after = """
        # Platform team OKRs 2026-Q4

        - okr: 1
        - team: platform
        - period: 2026-Q4
        - owner: @dana
        - x-budget: 120k

        Deploys should be boring: this quarter we measure, then cut.
        <!-- reviewed at the offsite -->

        ## O1: Make deploys boring
        - owner: @dana
        - x-jira: PLAT-12
        Why: every release still needs a person watching it.

        ### KR1.1: Cut median deploy time
        - metric: 45 -> 15 min
        - current: 24 min <!-- copied from the dashboard -->
        - confidence: 0.6
        - owner: @raj

        ### KR1.2: Raise deploys per week
        - metric: 12 -> 30 deploys/wk
        - current: 22 deploys/wk
        - owner: @raj

        ## Check-ins
        <!--
          weekly, on Mondays
        -->

        <!-- the first one -->
        - 2026-11-02 KR1.1: 38 min
        - 2026-11-16 KR1.1: 24 min, confidence 0.6 -- build cache enabled
        - 2026-11-16 KR1.2: 22 deploys/wk

        ## Notes
        Free text goes here, even - ownr: and 2026-01-01.

        """

    static func read(_ dir: URL, _ name: String = "team.okr") throws -> String {
        try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
    }

    static func lines(_ s: String) -> [String] { s.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }

    @Test func fixFixesAllThreeAndKeepsEverythingElseByteForByte() throws {
        let dir = try CLI.tempDir(["team.okr": Self.before])
        let lint = try CLI.run(["team.okr"] + Self.args, in: dir)
        #expect(lint.code == 0 && lint.stdout.contains("[*] 3 fixable with `okrlint --fix`."), "\(lint.stdout)")
        let r = try CLI.run(["--fix", "team.okr"] + Self.args, in: dir)
        #expect(r.code == 0, "\(r.stdout)\(r.stderr)")
        let fixed = try Self.read(dir)
        #expect(fixed == Self.after)
        #expect(r.stdout == "All checks passed (1 file checked).\nFixed 3 findings in 1 file (0 remaining).\n", "\(r.stdout)")
        #expect(r.stderr.isEmpty, "\(r.stderr)")
        // Every comment, free-text and `x-` line is there exactly as it was, as often as it was.
        let kept = Self.lines(Self.before).filter { l in
            l.hasPrefix("<!--") || l.hasPrefix("  weekly") || l.hasPrefix("-->") || l.hasPrefix("- x-") || l.contains("<!--")
                || (!l.hasPrefix("#") && !l.hasPrefix("- ") && !l.isEmpty)
        }
        #expect(kept.count == 11, "\(kept)")
        let out = Self.lines(fixed)
        for l in kept where !l.hasPrefix("- current:") {
            #expect(out.filter { $0 == l }.count == Self.lines(Self.before).filter { $0 == l }.count, "`\(l)` changed")
        }
        #expect(out.contains("- current: 24 min <!-- copied from the dashboard -->"), "the trailing comment stays on its line")
        // Nothing left to fix: a second run changes nothing.
        let again = try CLI.run(["--fix", "team.okr"] + Self.args, in: dir)
        #expect(again.code == 0 && again.stdout.hasSuffix("Fixed 0 findings in 0 files (0 remaining).\n"))
        #expect(try Self.read(dir) == Self.after)
    }

    @Test func diffShowsTheSameChangeWithoutWriting() throws {
        let dir = try CLI.tempDir(["team.okr": Self.before])
        let r = try CLI.run(["--diff", "--show-fixes", "team.okr"] + Self.args, in: dir)
        #expect(r.code == 1, "a diff exits 1: \(r.stderr)")
        #expect(try Self.read(dir) == Self.before, "--diff writes nothing")
        #expect(r.stdout.hasPrefix("--- team.okr\n+++ team.okr\n@@ "), "\(r.stdout)")
        #expect(r.stdout.contains("\n-- ownr: @dana\n+- owner: @dana\n"))
        let old = Self.lines(Self.before).dropLast().map { $0 }
        let patched = FixTests.patch(old, r.stdout)
        #expect(patched == Self.lines(Self.after).dropLast().map { $0 }, "the diff turns the file into what --fix writes")
        #expect(r.stderr == """
            Would fix 3 findings in 1 file.
            Would fix 3 findings:
              team.okr:
                13:3 unknown-key: replace `ownr` with `owner`
                19:12 current-out-of-sync: set `current` to `24 min`, the latest check-in's value
                33:1 check-ins-out-of-order: sort the check-ins by date

            """, "\(r.stderr)")
        // Once fixed, there is no diff: exit 0.
        _ = try CLI.run(["--fix", "team.okr"] + Self.args, in: dir)
        let none = try CLI.run(["--diff", "team.okr"] + Self.args, in: dir)
        #expect(none.code == 0 && none.stdout.isEmpty && none.stderr == "No fixes to apply.\n", "\(none.stdout)\(none.stderr)")
    }

    @Test func jsonAndSarifCarryTheFixes() throws {
        let dir = try CLI.tempDir(["team.okr": Self.before])
        let r = try CLI.run(["team.okr", "--format", "json"] + Self.args, in: dir)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let diags = try #require(((root["files"] as? [[String: Any]])?.first?["diagnostics"]) as? [[String: Any]])
        var fixed: [String: [String: Any]] = [:]
        for d in diags { if let f = d["fix"] as? [String: Any] { fixed[d["rule"] as! String] = f } }
        #expect(Set(fixed.keys) == ["unknown-key", "current-out-of-sync", "check-ins-out-of-order"])
        let key = try #require(fixed["unknown-key"])
        #expect(key["applicability"] as? String == "safe")
        let edit = try #require((key["edits"] as? [[String: Any]])?.first)
        #expect(edit["content"] as? String == "owner")
        let start = try #require((edit["range"] as? [String: [String: Int]])?["start"])
        #expect(start["line"] == 13 && start["column"] == 3)

        let sarif = try CLI.run(["team.okr", "--format", "sarif"] + Self.args, in: dir)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any])
        let results = try #require(((doc["runs"] as? [[String: Any]])?.first?["results"]) as? [[String: Any]])
        let withFixes = results.filter { $0["fixes"] != nil }
        #expect(Set(withFixes.map { $0["ruleId"] as! String }) == ["unknown-key", "current-out-of-sync", "check-ins-out-of-order"])
        let change = try #require((((withFixes.first { $0["ruleId"] as? String == "unknown-key" }?["fixes"] as? [[String: Any]])?.first?["artifactChanges"]) as? [[String: Any]])?.first)
        let replacement = try #require((change["replacements"] as? [[String: Any]])?.first)
        #expect((replacement["insertedContent"] as? [String: String])?["text"] == "owner")
        #expect((replacement["deletedRegion"] as? [String: Int]) == ["startLine": 13, "startColumn": 3, "endLine": 13, "endColumn": 7])
    }

    @Test(.enabled(if: pythonHas("jsonschema"))) func sarifWithFixesValidatesAgainstTheOfficialSchema() throws {
        let dir = try CLI.tempDir(["team.okr": Self.before, "headerless.okr": "# T\n\n- team: t\n- period: 2026-Q4\n\n## O1: A\n- owner: @a\n<!-- okrlint-disable-line -->\n"])
        let r = try CLI.run([".", "--format", "sarif"] + Self.args, in: dir)
        let schema = CLI.root.appendingPathComponent("Tests/OKRKitTests/Fixtures/sarif-schema-2.1.0.json").path
        let check = try python("""
            import json, sys, jsonschema
            schema = json.load(open(\(String(reflecting: schema))))
            doc = json.load(sys.stdin)
            jsonschema.validators.validator_for(schema)(schema).validate(doc)
            print(sum(len(r.get("fixes", [])) for r in doc["runs"][0]["results"]))
            """, input: r.stdout)
        #expect(check.code == 0, "\(check.output)")
        // Three in team.okr; in headerless.okr `- okr: 1` (an insertion) and the unused suppression (a deletion).
        #expect(check.output.trimmingCharacters(in: .whitespacesAndNewlines) == "5", "\(check.output)")
    }

    @Test func standardInputGetsTheFixedTextOnStandardOutput() throws {
        let dir = try CLI.tempDir(["other.okr": cleanTeamFile()])
        let r = try CLI.run(["--fix", "-", "--stdin-filename", "team.okr"] + Self.args, in: dir, stdin: Self.before)
        #expect(r.code == 0, "\(r.stderr)")
        #expect(r.stdout == Self.after)
        #expect(r.stderr.hasSuffix("Fixed 3 findings in 1 file (0 remaining).\n"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("team.okr").path), "nothing written to disk")
        // Nothing to fix: the text comes back as it was.
        let clean = try CLI.run(["--fix", "-"] + Self.args, in: dir, stdin: Self.after)
        #expect(clean.stdout == Self.after && clean.code == 0)
        // --diff on standard input prints the diff only.
        let diff = try CLI.run(["--diff", "-", "--stdin-filename", "team.okr"] + Self.args, in: dir, stdin: Self.before)
        #expect(diff.code == 1 && diff.stdout.hasPrefix("--- team.okr\n"))
    }

    @Test func unsafeFixesOnlyWhenAskedFor() throws {
        let text = Self.after.replacingOccurrences(of: "- confidence: 0.6\n", with: "- confidence: 60\n")
        let dir = try CLI.tempDir(["team.okr": text])
        let safe = try CLI.run(["--fix", "team.okr"] + Self.args, in: dir)
        #expect(safe.code == 1, "the error remains: \(safe.stdout)")
        #expect(try Self.read(dir) == text)
        #expect(safe.stdout.contains("= fix (unsafe, with --unsafe-fixes): write confidence 60 as `0.6` (60%)"))
        #expect(safe.stdout.contains("\n1 fixable with `okrlint --fix --unsafe-fixes`.\nFixed 0 findings in 0 files (1 remaining).\n"), "\(safe.stdout)")
        let unsafe = try CLI.run(["--fix", "--unsafe-fixes", "--show-fixes", "team.okr"] + Self.args, in: dir)
        #expect(unsafe.code == 0, "\(unsafe.stdout)")
        #expect(try Self.read(dir) == Self.after)
        #expect(unsafe.stdout.contains("    20:15 metric-inconsistent: write confidence 60 as `0.6` (60%) (unsafe)\n"), "\(unsafe.stdout)")
    }

    @Test func aLinkNamedOnTheCommandLineIsNotWrittenThrough() throws {
        let dir = try CLI.tempDir(["team.okr": Self.before])
        #expect(symlink("team.okr", dir.appendingPathComponent("link.okr").path) == 0)
        let r = try CLI.run(["--fix", "link.okr"] + Self.args, in: dir)
        #expect(r.code == 2, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains("okrlint: error: link.okr: is a symbolic link; `--fix` does not write through links"), "\(r.stderr)")
        #expect(try Self.read(dir) == Self.before)
        #expect(FileSystem.isSymlink(dir.appendingPathComponent("link.okr").path))
        // The file under its own name is fixed.
        #expect(try CLI.run(["--fix", "team.okr"] + Self.args, in: dir).code == 0)
        #expect(try Self.read(dir) == Self.after)
    }

    @Test func theFileKeepsItsPermissions() throws {
        let dir = try CLI.tempDir(["team.okr": Self.before])
        let path = dir.appendingPathComponent("team.okr").path
        #expect(chmod(path, 0o604) == 0)
        #expect(try CLI.run(["--fix", "."] + Self.args, in: dir).code == 0)
        #expect(try Self.read(dir) == Self.after)
        #expect(FileSystem.info(path).mode & 0o777 == 0o604)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["team.okr"], "no temporary file left")
    }

    @Test(arguments: [["--show-fixes", "team.okr"], ["--diff", "-o", "out.txt", "team.okr"]])
    func usageErrors(_ args: [String]) throws {
        let dir = try CLI.tempDir(["team.okr": Self.before])
        let r = try CLI.run(args + Self.args, in: dir)
        #expect(r.code == 2 && r.stderr.hasPrefix("okrlint: error: `--"), "\(r.stderr)")
        #expect(try Self.read(dir) == Self.before)
    }

    @Test func onlyTheFilesAskedForAreFixed() throws {
        // `other.okr` is in the workspace (the git root) but not asked for: it keeps its mistakes.
        let other = Self.before.replacingOccurrences(of: "- team: platform", with: "- team: other")
        let dir = try CLI.tempDir([".git/HEAD": "x\n", "team.okr": Self.before, "other.okr": other])
        let r = try CLI.run(["--fix", "team.okr", "--today", "2026-11-20"], in: dir)
        #expect(r.code == 0, "\(r.stdout)")
        #expect(try Self.read(dir) == Self.after)
        #expect(try Self.read(dir, "other.okr") == other)
    }
}
