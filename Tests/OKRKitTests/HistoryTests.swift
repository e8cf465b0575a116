import Foundation
import Testing
@testable import OKRKit

/// A git repository built by the tests, with commits on set dates.
struct TestRepo {
    let dir: URL

    init(_ files: [String: String] = [:]) throws {
        dir = try CLI.tempDir(files.merging([".okrlint.json": #"{"today": "2026-11-25"}"#]) { a, _ in a })
        try git(["init", "-q", "-b", "main"])
        try git(["config", "user.email", "t@example.com"])
        try git(["config", "user.name", "Test"])
        try git(["config", "commit.gpgsign", "false"])
    }

    @discardableResult
    func git(_ args: [String], date: String? = nil) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["git", "-C", dir.path] + args
        var env = ProcessInfo.processInfo.environment
        if let date { env["GIT_AUTHOR_DATE"] = "\(date)T12:00:00"; env["GIT_COMMITTER_DATE"] = "\(date)T12:00:00" }
        p.environment = env
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "git \(args)")
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func write(_ path: String, _ text: String) throws {
        let url = dir.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    /// Writes the files and commits them on `date`; the commit's hash.
    @discardableResult
    func commit(_ files: [String: String], on date: String, _ message: String = "change") throws -> String {
        for (p, t) in files { try write(p, t) }
        try git(["add", "-A"])
        try git(["commit", "-q", "-m", message], date: date)
        return try git(["rev-parse", "HEAD"])
    }
}

var gitInstalled: Bool { (try? runTool("git", ["--version"], input: ""))??.code == 0 }

/// A team file whose two key results have the given metrics.
func goalFile(_ kr1: String, _ kr2: String, period: String = "2026-Q4") -> String {
    """
    # Web OKRs

    - okr: 1
    - team: web
    - period: \(period)
    - owner: @w

    ## O1: Make the site fast
    - owner: @w

    ### KR1.1: Cut page load time
    - metric: \(kr1)
    - owner: @w

    ### KR1.2: Grow weekly active users
    - metric: \(kr2)
    - owner: @w

    """
}

@Suite(.serialized, .enabled(if: gitInstalled)) struct HistoryTests {
    func goalposts(_ r: CLI.Output) -> [String] {
        r.stdout.split(separator: "\n").filter { $0.hasSuffix("[moving-goalposts]") }.map(String.init)
    }

    @Test func anEasedTargetAfterThePeriodStartIsReportedWithItsCommitAndARaisedOneIsNot() throws {
        let repo = try TestRepo()
        try repo.commit([".okrlint.json": #"{"today": "2026-11-25"}"#, "web.okr": goalFile("3 -> 1 s", "100 -> 200 users")], on: "2026-09-28", "set the quarter")
        let eased = try repo.commit(["web.okr": goalFile("3 -> 2 s", "100 -> 250 users")], on: "2026-11-03", "adjust")
        let r = try CLI.run(["--format", "gcc"], in: repo.dir)
        let found = goalposts(r)
        #expect(found.count == 1, "\(r.stdout)\n\(r.stderr)")
        #expect(found.first?.contains("web.okr:12:11: warning: target of KR1.1 eased from `1 s` to `2 s` in commit \(eased.prefix(7)) on 2026-11-03, after 2026-Q4 started on 2026-10-01 (+7 days' grace)") == true, "\(found)")
        #expect(r.stderr.isEmpty, "\(r.stderr)")
        // An uncommitted edit that lowers KR1.2 counts too.
        try repo.write("web.okr", goalFile("3 -> 2 s", "100 -> 180 users"))
        let again = goalposts(try CLI.run(["--format", "gcc"], in: repo.dir))
        #expect(again.count == 2 && again.contains { $0.contains("target of KR1.2 eased from `250 users` to `180 users` in an uncommitted change") }, "\(again)")
        // Within the grace days, or with the rule off, nothing.
        try repo.write(".okrlint.json", #"{"today": "2026-11-25", "rules": {"moving-goalposts": {"grace-days": 40}}}"#)
        #expect(goalposts(try CLI.run(["--format", "gcc"], in: repo.dir)).count == 1, "the uncommitted change is after 40 days")
        try repo.write(".okrlint.json", #"{"today": "2026-11-25", "rules": {"moving-goalposts": "off"}}"#)
        #expect(goalposts(try CLI.run(["--format", "gcc"], in: repo.dir)).isEmpty)
    }

    @Test func aRewrittenFileForANewPeriodIsNotEasing() throws {
        let repo = try TestRepo()
        try repo.commit(["web.okr": goalFile("3 -> 1 s", "100 -> 200 users", period: "2026-Q3")], on: "2026-07-02")
        try repo.commit(["web.okr": goalFile("3 -> 2.5 s", "100 -> 150 users")], on: "2026-10-20")
        #expect(goalposts(try CLI.run(["--format", "gcc"], in: repo.dir)).isEmpty)
    }

    @Test func withoutARepositoryOrWithoutGitTheRestStillRuns() throws {
        // Not a repository: no note, no history finding, the other rules as ever.
        let plain = try CLI.tempDir([".okrlint.json": #"{"today": "2026-11-25"}"#, "web.okr": goalFile("3 -> 1 s", "100 -> 200 users")])
        let r = try CLI.run(["--format", "gcc"], in: plain)
        #expect(r.stderr.isEmpty && goalposts(r).isEmpty)
        // A repository but no git on PATH: said once on stderr.
        let repo = try TestRepo()
        try repo.commit(["web.okr": goalFile("3 -> 1 s", "100 -> 200 users")], on: "2026-09-28")
        let noGit = try CLI.run(["--format", "gcc"], in: repo.dir, env: ["PATH": "/nonexistent"])
        #expect(noGit.stderr.contains("okrlint: note: the history rules (moving-goalposts) did not run: git is not installed"), "\(noGit.stderr)")
        #expect(noGit.code == r.code)
    }

    @Test func historyIsReadWithAFixedNumberOfGitProcesses() throws {
        let repo = try TestRepo()
        var files: [String: String] = [:]
        for k in 0..<30 { files["teams/t\(k).okr"] = goalFile("3 -> 1 s", "100 -> 200 users").replacingOccurrences(of: "team: web", with: "team: t\(k)") }
        try repo.commit(files, on: "2026-09-28")
        for (k, day) in ["2026-10-15", "2026-10-29", "2026-11-12"].enumerated() {
            for i in 0..<30 where i % 3 == k { files["teams/t\(i).okr"] = files["teams/t\(i).okr"]!.replacingOccurrences(of: "3 -> 1 s", with: "3 -> 1.5 s") }
            try repo.commit(files, on: day)
        }
        // A git on PATH that counts its runs, then runs the real one.
        let real = try #require(try runTool("sh", ["-c", "command -v git"], input: "")?.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        // Outside the repository: okrlint does not run a git found inside it.
        let bin = try CLI.tempDir([:]).appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let log = bin.appendingPathComponent("calls")
        // What `cat-file` is asked for is kept too.
        let requests = bin.appendingPathComponent("requests")
        try """
        #!/bin/sh
        echo "$*" >> \(log.path)
        case "$*" in *"cat-file --batch-check"*) ;; *cat-file*) tee -a \(requests.path) | \(real) "$@"; exit $? ;; esac
        exec \(real) "$@"

        """.write(to: bin.appendingPathComponent("git"), atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: bin.appendingPathComponent("git").path)
        let r = try CLI.run(["--format", "gcc", "teams"], in: repo.dir, env: ["PATH": bin.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "")])
        #expect(goalposts(r).count == 30, "\(r.stdout)")
        let calls = try String(contentsOf: log, encoding: .utf8).split(separator: "\n")
        // Two rev-list (the chain's dates, the commits not on the default branch), log, ls-tree, cat-file --batch-check
        // and at most two --batch.
        #expect(calls.count <= 7, "git ran \(calls.count) times: \(calls)")
        #expect(calls.filter { $0.contains(" log ") }.count <= 2)
        // Each file has two versions, the one before the period and the one on disk: only the first is fetched.
        let asked = try String(contentsOf: requests, encoding: .utf8).split(separator: "\n")
        #expect(asked.count == 30 && Set(asked).count == 30, "\(asked.count) requests")
    }

    /// Renaming or moving the file in the commit that eases its target does not hide the change, also when only the
    /// new name is checked (as pre-commit does); two files swapping names keep their own histories.
    @Test func aRenameKeepsTheHistoryOfTheOldName() throws {
        let repo = try TestRepo()
        try repo.commit(["web.okr": goalFile("3 -> 1 s", "100 -> 200 users"),
                         "a.okr": goalFile("3 -> 1 s", "100 -> 200 users").replacingOccurrences(of: "team: web", with: "team: a"),
                         "b.okr": goalFile("5 -> 2 s", "100 -> 300 users").replacingOccurrences(of: "team: web", with: "team: b")], on: "2026-09-28")
        try repo.git(["mv", "web.okr", "teams-web.okr"])
        try repo.git(["mv", "a.okr", "tmp.okr"]); try repo.git(["mv", "b.okr", "a.okr"]); try repo.git(["mv", "tmp.okr", "b.okr"])
        let eased = try repo.commit(["teams-web.okr": goalFile("3 -> 2 s", "100 -> 200 users")], on: "2026-10-20")
        for args in [["."], ["teams-web.okr"]] {
            let r = try CLI.run(["--format", "gcc"] + args, in: repo.dir)
            let found = goalposts(r)
            #expect(found.count == 1 && found.first?.hasPrefix("teams-web.okr:") == true, "\(args): \(r.stdout)")
            #expect(found.first?.contains("in commit \(eased.prefix(7)) on 2026-10-20") == true)
        }
    }

    @Test func gitDyingWhileContentsAreReadIsSaidNotHidden() throws {
        let repo = try TestRepo()
        try repo.commit(["web.okr": goalFile("3 -> 1 s", "100 -> 200 users")], on: "2026-09-28")
        try repo.commit(["web.okr": goalFile("3 -> 2 s", "100 -> 200 users")], on: "2026-10-20")
        try repo.write("web.okr", goalFile("3 -> 2.5 s", "100 -> 200 users"))
        let real = try #require(try runTool("sh", ["-c", "command -v git"], input: "")?.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        let bin = try CLI.tempDir([:]).appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        // `cat-file` answers nothing and exits: the run must neither hang nor report a history it did not read.
        try "#!/bin/sh\ncase \"$*\" in *cat-file*) exit 1 ;; esac\nexec \(real) \"$@\"\n".write(to: bin.appendingPathComponent("git"), atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: bin.appendingPathComponent("git").path)
        let r = try CLI.run(["--format", "gcc", "web.okr"], in: repo.dir, env: ["PATH": bin.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "")])
        #expect(!goalposts(r).contains { $0.contains("eased") }, "no history was read: \(goalposts(r))")
        // Git failing on the repository is said as a finding on the file (a note alone would let a history made
        // unreadable turn the rules off).
        #expect(r.stdout.contains("web.okr:1:1: warning: the file's git history could not be checked: git cat-file could not give the committed versions"), "\(r.stdout)\(r.stderr)")
        // With the real git the same files give both eased targets.
        #expect(goalposts(try CLI.run(["--format", "gcc", "web.okr"], in: repo.dir)).count == 2)
    }

    /// Git's blob names, computed by okrlint, against `git hash-object` (block edges, empty, non-ASCII, long).
    @Test(arguments: [0, 1, 48, 55, 56, 57, 63, 64, 65, 119, 120, 128, 1000, 70_001])
    func blobIDsAreGitsOwn(size: Int) throws {
        var rng = SystemRandomNumberGenerator()
        let bytes = (0..<size).map { _ in UInt8.random(in: 0...255, using: &rng) }
        let dir = try CLI.tempDir([:])
        let file = dir.appendingPathComponent("blob")
        try Data(bytes).write(to: file)
        let r = try #require(try runTool("git", ["hash-object", "--no-filters", file.path], input: ""))
        #expect(BlobID.of(bytes) == r.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    @Test func diffListsTheCommitmentChanges() throws {
        let repo = try TestRepo()
        let before = goalFile("3 -> 1 s", "100 -> 200 users") + """
        ## O2: Help people find things
        - owner: @w
        - aligns: company/O1

        ### KR2.1: Grow searches that end in a click
        - metric: 40% -> 60%
        - confidence: 0.7
        - owner: @w

        ## O3: Explore partnerships
        - owner: @p

        ### KR3.1: Sign partners
        - metric: 0 -> 3 partners
        - owner: @p

        """
        try repo.commit(["web.okr": before, "gone.okr": goalFile("1 -> 2 x", "1 -> 3 x")], on: "2026-09-28")
        var after = before.replacingOccurrences(of: "- metric: 3 -> 1 s", with: "- metric: 3 -> 2 s")
            .replacingOccurrences(of: "- metric: 100 -> 200 users", with: "- metric: 100 -> 300 users")
            .replacingOccurrences(of: "## O2: Help people find things\n- owner: @w\n- aligns: company/O1", with: "## O2: Help people find what they need\n- owner: @n\n- aligns: company/O2")
            .replacingOccurrences(of: "- confidence: 0.7", with: "- confidence: 0.4")
            .replacingOccurrences(of: "### KR3.1: Sign partners\n- metric: 0 -> 3 partners\n- owner: @p\n", with: "")
        after = after.replacingOccurrences(of: "## O3: Explore partnerships\n- owner: @p\n\n", with: "")
        after += "### KR2.2: Raise search satisfaction\n- metric: 3.5 -> 4.2 points\n- owner: @w\n"
        try repo.commit(["web.okr": after], on: "2026-11-02")
        try FileManager.default.removeItem(at: repo.dir.appendingPathComponent("gone.okr"))
        try repo.git(["add", "-A"])
        try repo.git(["commit", "-q", "-m", "drop"], date: "2026-11-03")
        let r = try CLI.run(["diff", "HEAD~2"], in: repo.dir)
        #expect(r.code == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        for expected in ["file removed", "eased       KR1.1 1 s -> 2 s", "raised      KR1.2 200 users -> 300 users",
                         "renamed     O2 \"Help people find things\" -> \"Help people find what they need\"", "owner       O2 @w -> @n",
                         "aligns      O2 company/O1 -> company/O2", "confidence  KR2.1 0.7 -> 0.4", "added       KR2.2 \"Raise search satisfaction\"",
                         "dropped     O3 \"Explore partnerships\"", "dropped     KR3.1 \"Sign partners\""] {
            #expect(lines.contains { $0.hasPrefix(expected) }, "missing: \(expected)\n\(r.stdout)")
        }
        #expect(r.stdout.hasPrefix("Commitment changes since HEAD~2 ("))
        // --fail-on: eased fails the run (exit 1), so does dropped; only a raise does not.
        let eased = try CLI.run(["diff", "HEAD~2", "--fail-on", "eased"], in: repo.dir)
        #expect(eased.code == 1 && eased.stderr.contains("1 change of a kind --fail-on names (eased)"), "\(eased.stderr)")
        #expect(try CLI.run(["diff", "HEAD~2", "--fail-on", "dropped"], in: repo.dir).code == 1)
        #expect(try CLI.run(["diff", "HEAD~1", "--fail-on", "eased"], in: repo.dir).code == 0, "HEAD~1 only removed a file")
        // `okrlint diff HEAD~1` lists that change; JSON and Markdown carry the same.
        let one = try CLI.run(["diff", "HEAD~1", "--format", "json"], in: repo.dir)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(one.stdout.utf8)) as? [String: Any])
        let changes = try #require(doc["changes"] as? [[String: Any]])
        #expect(changes.map { $0["kind"] as? String } == ["file-removed"] && changes.first?["path"] as? String == "gone.okr")
        let md = try CLI.run(["diff", "HEAD~2", "--format", "markdown"], in: repo.dir)
        #expect(md.stdout.contains("⚠️ **1 target eased.**") && md.stdout.contains("| `web.okr` | eased | KR1.1 | 1 s | 2 s |"), "\(md.stdout)")
    }

    @Test func diffRefusesWhatItCannotCompare() throws {
        let plain = try CLI.tempDir(["web.okr": goalFile("3 -> 1 s", "100 -> 200 users")])
        let r = try CLI.run(["diff", "HEAD"], in: plain)
        #expect(r.code == 2 && r.stderr.contains("is not in a git repository"), "\(r.stderr)")
        let repo = try TestRepo()
        try repo.commit(["web.okr": goalFile("3 -> 1 s", "100 -> 200 users")], on: "2026-09-28")
        for rev in ["--output=/tmp/x", "no-such-branch"] {
            let bad = try CLI.run(["diff", "--", rev], in: repo.dir)
            #expect(bad.code == 2 && bad.stderr.contains("is not a commit of this repository"), "\(rev): \(bad.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: "/tmp/x"))
        // `-o` naming one of the files compared is refused; the file stays as it was.
        let before = try String(contentsOf: repo.dir.appendingPathComponent("web.okr"), encoding: .utf8)
        let over = try CLI.run(["diff", "HEAD", "-o", "web.okr"], in: repo.dir)
        #expect(over.code == 2 && over.stderr.contains("is one of the files okrlint reads"), "\(over.stderr)")
        #expect(try String(contentsOf: repo.dir.appendingPathComponent("web.okr"), encoding: .utf8) == before)
        let noBase = try CLI.run(["diff", "--fail-on", "nonsense"], in: repo.dir)
        #expect(noBase.code == 2 && noBase.stderr.contains("`--fail-on` takes eased, dropped, changed"))
    }

    @Test func carriedOverAndUnrecordedChangesAndStalenessFromCommits() throws {
        let repo = try TestRepo()
        let q3 = goalFile("3 -> 1 s", "100 -> 200 users", period: "2026-Q3").replacingOccurrences(of: "- metric: 3 -> 1 s", with: "- metric: 3 -> 1 s\n- current: 3 s")
        try repo.commit(["web.okr": q3], on: "2026-08-01")
        // Rewritten for Q4: KR1.1 copied as it was (no progress); the file keeps a check-in log, but not for KR1.2.
        let q4 = goalFile("3 -> 1 s", "100 -> 200 users").replacingOccurrences(of: "- metric: 3 -> 1 s", with: "- metric: 3 -> 1 s\n- current: 3 s")
            .replacingOccurrences(of: "- metric: 100 -> 200 users", with: "- metric: 100 -> 200 users\n- current: 120 users")
            + "## Check-ins\n- 2026-10-15 KR1.1: 3 s\n"
        try repo.commit(["web.okr": q4], on: "2026-10-15")
        try repo.write("web.okr", q4.replacingOccurrences(of: "- current: 120 users", with: "- current: 150 users"))
        let r = try CLI.run(["--format", "gcc"], in: repo.dir)
        #expect(r.stdout.contains("web.okr:11:5: note: key result KR1.1 is carried over from 2026-Q3 with the same title and metric and no progress") == false,
                "KR1.1 has a check-in: it is not 'no progress recorded'")
        #expect(r.stdout.contains("warning: `current` of KR1.2 changed from `120 users` to `150 users` in an uncommitted change with no check-in recording it [current-without-check-in]"), "\(r.stdout)")
        // Recorded with a check-in: no finding.
        try repo.write("web.okr", q4.replacingOccurrences(of: "- current: 120 users", with: "- current: 150 users") + "- 2026-11-20 KR1.2: 150 users\n")
        #expect(!(try CLI.run(["--format", "gcc"], in: repo.dir)).stdout.contains("current-without-check-in"))
        // Without the check-in, KR1.1 copied from Q3 with no progress is carried over.
        try repo.write("web.okr", q4.replacingOccurrences(of: "- 2026-10-15 KR1.1: 3 s\n", with: ""))
        let carried = try CLI.run(["--format", "gcc"], in: repo.dir)
        #expect(carried.stdout.contains("web.okr:11:5: note: key result KR1.1 is carried over from 2026-Q3 with the same title and metric and no progress [carried-over-key-result]"), "\(carried.stdout)")

        // A file without a check-in log, dated by its commits with `from-history`.
        let plain = try TestRepo()
        try plain.commit(["web.okr": goalFile("3 -> 1 s", "100 -> 200 users").replacingOccurrences(of: "- metric: 3 -> 1 s", with: "- metric: 3 -> 1 s\n- current: 2 s")], on: "2026-10-02")
        try plain.write(".okrlint.json", #"{"today": "2026-11-25", "rules": {"stale-check-in": {"from-history": true}}}"#)
        let stale = try CLI.run(["--format", "gcc"], in: plain.dir)
        let commit = try plain.git(["rev-parse", "--short=7", "HEAD"])
        #expect(stale.stdout.contains("key result KR1.1 has had the value `2 s` for 54 days (since commit \(commit) on 2026-10-02), and the file keeps no check-in log [stale-check-in]"), "\(stale.stdout)")
    }
}
