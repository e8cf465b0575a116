import Foundation
import Testing
@testable import OKRKit

/// Issue 20: the history rules exist to stop a target from being eased quietly; each way a pull request's author
/// could ease one past them — a deletion and re-addition, a commit dated back, a merge resolution, a target
/// rewritten as a level, a file name the log parser splits on, a history too large to read — is reported.
@Suite(.serialized, .enabled(if: gitInstalled)) struct HistoryGamingTests {
    func goalposts(_ r: CLI.Output) -> [String] { HistoryTests().goalposts(r) }

    /// The file deleted in one commit and added back, eased, in the next: under its own name or another.
    @Test func aFileDeletedAndAddedBackEasedIsReported() throws {
        for newName in ["web.okr", "teams/web-q4.okr"] {
            let repo = try TestRepo()
            try repo.commit(["web.okr": goalFile("3 -> 1 s", "100 -> 200 users")], on: "2026-09-28")
            try repo.git(["rm", "-q", "web.okr"])
            try repo.git(["commit", "-q", "-m", "remove"], date: "2026-11-03")
            // Not the same bytes as before (a note added): git would not see a rename even in one commit.
            let back = try repo.commit([newName: goalFile("3 -> 2 s", "100 -> 200 users") + "\nRewritten for the review.\n"], on: "2026-11-04")
            let r = try CLI.run(["--format", "gcc", newName], in: repo.dir)
            let found = goalposts(r)
            #expect(found.count == 1 && found.first?.contains("target of KR1.1 eased from `1 s` to `2 s` in commit \(back.prefix(7)) on 2026-11-04") == true,
                    "\(newName): \(r.stdout)\(r.stderr)")
        }
    }

    /// Deleted and added in one commit with the whole text rewritten (git's rename detection would not pair them):
    /// the same team and period make it the same commitment. Another team's file added then is not.
    @Test func aRewriteUnderAnotherNameInOneCommitIsReported() throws {
        let repo = try TestRepo()
        try repo.commit(["web.okr": goalFile("3 -> 1 s", "100 -> 200 users")], on: "2026-09-28")
        try repo.git(["rm", "-q", "web.okr"])
        let other = goalFile("3 -> 1 s", "100 -> 200 users").replacingOccurrences(of: "team: web", with: "team: api")
        let rewritten = "# The web team, Q4\n\n- okr: 1\n- period: 2026-Q4\n- team: web\n- owner: @w\n\n## O1: Make the site fast\n- owner: @w\n\n### KR1.1: Cut page load time\n- metric: 3 -> 2.5 s\n- owner: @w\n"
        let c = try repo.commit(["site/q4.okr": rewritten, "api.okr": other], on: "2026-11-04")
        let r = try CLI.run(["--format", "gcc", "."], in: repo.dir)
        let found = goalposts(r)
        #expect(found.count == 1 && found.first?.hasPrefix("site/q4.okr:") == true && found.first?.contains("in commit \(c.prefix(7))") == true, "\(r.stdout)")
    }

    /// A commit dated back into the grace days (author and committer date both) takes the date of the commit it
    /// was made on top of, which need not touch an OKR file.
    @Test func aCommitDatedBackIsDatedByTheCommitBeforeIt() throws {
        let repo = try TestRepo()
        try repo.commit(["web.okr": goalFile("3 -> 1 s", "100 -> 200 users")], on: "2026-09-28")
        try repo.commit(["README.md": "The web team's OKRs.\n"], on: "2026-11-10")
        let eased = try repo.commit(["web.okr": goalFile("3 -> 2 s", "100 -> 200 users")], on: "2026-10-03")
        let found = goalposts(try CLI.run(["--format", "gcc"], in: repo.dir))
        #expect(found.count == 1 && found.first?.contains("in commit \(eased.prefix(7)) on 2026-11-10") == true, "\(found)")
    }

    /// On a branch that is not on the default branch yet, its commits are no versions: dated back or not, what
    /// they change is the branch's change, dated today; drafts inside the branch are not compared with each other.
    @Test func aBranchsCommitsCountFromTheDayTheyLand() throws {
        let repo = try TestRepo()
        try repo.commit(["web.okr": goalFile("3 -> 1 s", "100 -> 200 users")], on: "2026-09-28")
        try repo.git(["checkout", "-q", "-b", "feature"])
        try repo.commit(["web.okr": goalFile("3 -> 2 s", "100 -> 200 users")], on: "2026-10-03")
        try repo.commit(["web.okr": goalFile("3 -> 2 s", "100 -> 150 users")], on: "2026-10-04")
        let found = goalposts(try CLI.run(["--format", "gcc"], in: repo.dir))
        #expect(found.count == 2 && found.allSatisfy { $0.contains("in this branch's changes (not on the default branch yet)") }, "\(found)")
        // Merged (a merge commit on the default branch, made on 2026-11-05): the merge is the version.
        try repo.git(["checkout", "-q", "main"])
        try repo.git(["merge", "-q", "--no-ff", "-m", "merge feature", "feature"], date: "2026-11-05")
        let merged = goalposts(try CLI.run(["--format", "gcc"], in: repo.dir))
        let merge = try repo.git(["rev-parse", "HEAD"])
        #expect(merged.count == 2 && merged.allSatisfy { $0.contains("in commit \(merge.prefix(7)) on 2026-11-05") }, "\(merged)")
    }

    /// A merge whose resolution eases a target that neither side changed.
    @Test func aMergeResolutionThatEasesIsReported() throws {
        let repo = try TestRepo()
        try repo.commit(["web.okr": goalFile("3 -> 1 s", "100 -> 200 users")], on: "2026-09-28")
        try repo.git(["checkout", "-q", "-b", "side"])
        try repo.commit(["notes.md": "side work\n"], on: "2026-10-02")
        try repo.git(["checkout", "-q", "main"])
        try repo.commit(["other.md": "main work\n"], on: "2026-10-02")
        try repo.git(["merge", "-q", "--no-ff", "--no-commit", "side"], date: "2026-11-03")
        try repo.write("web.okr", goalFile("3 -> 2 s", "100 -> 200 users"))
        try repo.git(["add", "web.okr"])
        try repo.git(["commit", "-q", "-m", "merge side"], date: "2026-11-03")
        let merge = try repo.git(["rev-parse", "HEAD"])
        let found = goalposts(try CLI.run(["--format", "gcc"], in: repo.dir))
        #expect(found.count == 1 && found.first?.contains("in commit \(merge.prefix(7)) on 2026-11-03") == true, "\(found)")
    }

    /// `45 -> 15 min` rewritten as the level `<= 30 min` eases the commitment, for the rule and for `okrlint diff`.
    @Test func aTargetRewrittenAsAnEasierLevelIsEasing() throws {
        let repo = try TestRepo()
        try repo.commit(["web.okr": goalFile("45 -> 15 min", ">= 99.9%")], on: "2026-09-28")
        let c = try repo.commit(["web.okr": goalFile("<= 30 min", "90 -> 99.5%")], on: "2026-11-03")
        let found = goalposts(try CLI.run(["--format", "gcc"], in: repo.dir))
        #expect(found.count == 2 && found.contains { $0.contains("target of KR1.1 eased from `15 min` to `<= 30 min` in commit \(c.prefix(7))") }
                && found.contains { $0.contains("target of KR1.2 eased from `>= 99.9%` to `99.5%`") }, "\(found)")
        let diff = try CLI.run(["diff", "HEAD~1", "--fail-on", "eased"], in: repo.dir)
        #expect(diff.code == 1 && diff.stdout.contains("eased"), "\(diff.stdout)\(diff.stderr)")
        // A stricter level is not easing.
        try repo.write("web.okr", goalFile("<= 10 min", ">= 99.95%"))
        let stricter = try CLI.run(["diff", "HEAD~1", "--fail-on", "eased"], in: repo.dir)
        #expect(stricter.code == 0, "\(stricter.stdout)")
    }

    /// File names holding the bytes a log parser could split on (`\u{1}`, a newline, a colon) take nothing with them.
    @Test func fileNamesCannotHideTheRestOfACommit() throws {
        let repo = try TestRepo()
        try repo.commit(["web.okr": goalFile("3 -> 1 s", "100 -> 200 users")], on: "2026-09-28")
        let c = try repo.commit(["a\u{1}b.okr": "# A\n", "x\ny.okr": "# X\n", ":(top)z.okr": "# Z\n",
                                 "web.okr": goalFile("3 -> 2 s", "100 -> 200 users")], on: "2026-11-03")
        let found = goalposts(try CLI.run(["--format", "gcc", "web.okr"], in: repo.dir))
        #expect(found.count == 1 && found.first?.contains("in commit \(c.prefix(7))") == true, "\(found)")
    }

    /// A committed version far larger than any OKR file (it compresses to little in git) is not read: the file's
    /// history is a finding, and memory stays small.
    @Test func aHugeCommittedVersionIsAFindingNotAMemoryBomb() throws {
        let repo = try TestRepo()
        let huge = goalFile("3 -> 1 s", "100 -> 200 users") + String(repeating: "Padding line that compresses very well.\n", count: (8 << 20) / 40)
        try repo.commit(["web.okr": huge], on: "2026-09-28")
        try repo.commit(["web.okr": goalFile("3 -> 2 s", "100 -> 200 users")], on: "2026-11-03")
        let (r, peak) = try peakMemory(["--format", "gcc", "web.okr"], in: repo.dir)
        #expect(r.stdout.contains("web.okr:1:1: warning: the file's git history could not be checked: a committed version"), "\(r.stdout)\(r.stderr)")
        if let peak { #expect(peak < 150 << 20, "okrlint's peak memory was \(peak >> 20) MiB") }
    }

    /// Many versions that add up to more than the budget: a finding too.
    @Test func versionsAddingUpPastTheBudgetAreAFinding() throws {
        let repo = try TestRepo()
        let big = String(repeating: "A note that makes the file large.\n", count: (2 << 20) / 34)
        try repo.commit(["web.okr": goalFile("3 -> 1 s", "100 -> 200 users") + big], on: "2026-09-28")
        for k in 0..<17 { try repo.commit(["web.okr": goalFile("3 -> 1 s", "100 -> \(201 + k) users") + big], on: "2026-10-\(10 + k)") }
        let r = try CLI.run(["--format", "gcc", "web.okr"], in: repo.dir)
        #expect(r.stdout.contains("the committed versions add up to more than 32 MiB"), "\(r.stdout)\(r.stderr)")
    }

    /// A history of thousands of commits alternating two trees of other OKR files costs a one-file run time linear
    /// in the log and no memory for those files.
    @Test func aLongHistoryOfOtherFilesCostsLittle() throws {
        func repo(_ commits: Int) throws -> TestRepo {
            let r = try TestRepo()
            try r.commit(["web.okr": goalFile("3 -> 1 s", "100 -> 200 users")], on: "2026-09-28")
            try r.fastImport(commits: commits, paths: (0..<40).map { "noise/n\($0).okr" }, contents: ["# N\n- team: n\n", "# N\n- team: m\n"], from: "2026-10-01")
            return r
        }
        let small = try repo(500), large = try repo(5_000)
        let a = try peakMemory(["--format", "gcc", "web.okr"], in: small.dir)
        let b = try peakMemory(["--format", "gcc", "web.okr"], in: large.dir)
        #expect(a.0.stdout == b.0.stdout && a.0.stderr.isEmpty && b.0.stderr.isEmpty, "\(b.0.stdout)\(b.0.stderr)")
        if let ma = a.1, let mb = b.1 { #expect(mb < ma + (8 << 20), "peak memory \(ma >> 20) MiB at 500 commits, \(mb >> 20) MiB at 5,000") }
    }
}

/// Runs okrlint under GNU `/usr/bin/time` when there is one: the output and its peak memory in bytes. (macOS's
/// `/usr/bin/time` is BSD's, with no `-f`: there the memory is not measured.)
func peakMemory(_ args: [String], in dir: URL) throws -> (CLI.Output, Int?) {
    #if os(Linux)
    let gnuTime = FileManager.default.isExecutableFile(atPath: "/usr/bin/time")
    #else
    let gnuTime = false
    #endif
    guard gnuTime else { return (try CLI.run(args, in: dir), nil) }
    let report = FileManager.default.temporaryDirectory.appendingPathComponent("okrlint-rss-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: report) }
    let r = try CLI.run(args, in: dir, shell: "exec /usr/bin/time -f %M -o \(report.path) \"$0\" \"$@\"\n:")
    let kb = Int((try? String(contentsOf: report, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "")
    return (r, kb.map { $0 * 1024 })
}

extension TestRepo {
    /// Adds `commits` commits that alternate the files `paths` between `contents`, one a minute from `from`, with
    /// `git fast-import` (thousands of commits in a second).
    func fastImport(commits: Int, paths: [String], contents: [String], from: String) throws {
        let start = Int((ISO8601DateFormatter().date(from: from + "T00:00:00Z") ?? Date()).timeIntervalSince1970)
        let parent = try git(["rev-parse", "HEAD"])
        var stream = ""
        for (k, c) in contents.enumerated() { stream += "blob\nmark :\(k + 1)\ndata \(c.utf8.count)\n\(c)\n" }
        for i in 0..<commits {
            let when = start + i * 60
            stream += "commit refs/heads/main\ncommitter T <t@example.com> \(when) +0000\ndata 1\nc\n"
            if i == 0 { stream += "from \(parent)\n" }
            for path in paths { stream += "M 100644 :\(i % contents.count + 1) \(path)\n" }
            stream += "\n"
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["git", "-C", dir.path, "fast-import", "--quiet"]
        let input = Pipe()
        p.standardInput = input
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        input.fileHandleForWriting.write(Data(stream.utf8))
        try input.fileHandleForWriting.close()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        try git(["reset", "-q", "--hard", "main"])
    }
}

/// Issue 20, the second pass over the history: what a hostile pull-request author found with the first fixes in hand.
@Suite(.serialized, .enabled(if: gitInstalled)) struct HistoryGamingSecondPassTests {
    func goalposts(_ r: CLI.Output) -> [String] { HistoryTests().goalposts(r) }

    /// The period spelled another way (`Q4 2026`, a date range) or the team in capitals is the same commitment.
    @Test func aRespelledPeriodOrTeamIsTheSameCommitment() throws {
        for (from, to) in [("period: 2026-Q4", "period: Q4 2026"), ("period: 2026-Q4", "period: 2026-10-01..2026-12-31"), ("team: web", "team: Web")] {
            let repo = try TestRepo()
            try repo.commit(["web.okr": goalFile("3 -> 1 s", "100 -> 200 users")], on: "2026-09-28")
            try repo.commit(["web.okr": goalFile("3 -> 2 s", "100 -> 200 users").replacingOccurrences(of: from, with: to)], on: "2026-11-20")
            let found = goalposts(try CLI.run(["--format", "gcc"], in: repo.dir))
            #expect(found.count == 1 && found.first?.contains("target of KR1.1 eased from `1 s` to `2 s`") == true, "\(to): \(found)")
        }
    }

    /// Two files swapping their texts mid-quarter (each eased): each file says whose key results it held.
    @Test func twoFilesSwappingTheirTextsAreReported() throws {
        let repo = try TestRepo()
        let api = { (kr1: String) in goalFile(kr1, "10 -> 50 calls").replacingOccurrences(of: "team: web", with: "team: api") }
        try repo.commit(["web.okr": goalFile("3 -> 1 s", "100 -> 200 users"), "api.okr": api("500 -> 100 ms")], on: "2026-09-28")
        try repo.commit(["api.okr": goalFile("3 -> 2 s", "100 -> 200 users"), "web.okr": api("500 -> 300 ms")], on: "2026-11-20")
        let found = goalposts(try CLI.run(["--format", "gcc"], in: repo.dir))
        #expect(found.count == 2 && found.contains { $0.hasPrefix("api.okr:") && $0.contains("held team api's 2026-Q4 key results until they were replaced by team web's") }
                && found.contains { $0.hasPrefix("web.okr:") && $0.contains("held team web's") }, "\(found)")
        // Next quarter's file written over this one before the quarter ended is planning, not a finding.
        let next = try TestRepo()
        try next.commit(["web.okr": goalFile("3 -> 1 s", "100 -> 200 users", period: "2026-Q3")], on: "2026-07-02")
        try next.commit(["web.okr": goalFile("3 -> 2 s", "100 -> 200 users")], on: "2026-09-25")
        #expect(goalposts(try CLI.run(["--format", "gcc"], in: next.dir)).isEmpty)
    }

    /// A landed commit dated years back cannot end the history: dates only go forward along the chain.
    @Test func aCommitDatedYearsBackDoesNotEndTheHistory() throws {
        let repo = try TestRepo()
        try repo.commit(["web.okr": goalFile("3 -> 1 s", "100 -> 200 users")], on: "2026-09-28")
        let readme = try repo.commit(["README.md": "notes\n"], on: "2026-11-10")
        let eased = try repo.commit(["web.okr": goalFile("3 -> 2 s", "100 -> 200 users")], on: "2023-10-01")
        let found = goalposts(try CLI.run(["--format", "gcc"], in: repo.dir))
        #expect(found.count == 1 && found.first?.contains("in commit \(eased.prefix(7)) on 2026-11-10") == true, "\(readme): \(found)")
    }

    /// Paths no checked file can have — a gitlink or a link named `x.okr`, a name of 70,000 bytes — are skipped in
    /// the log; they cannot make the history unreadable.
    @Test func oddEntriesInTheLogAreSkipped() throws {
        let repo = try TestRepo()
        try repo.commit(["web.okr": goalFile("3 -> 1 s", "100 -> 200 users")], on: "2026-09-28")
        try repo.git(["update-index", "--add", "--cacheinfo", "160000,1234567890123456789012345678901234567890,g.okr"])
        try FileManager.default.createSymbolicLink(at: repo.dir.appendingPathComponent("l.okr"), withDestinationURL: repo.dir.appendingPathComponent("web.okr"))
        try repo.git(["add", "l.okr"])
        try repo.git(["commit", "-q", "-m", "odd"], date: "2026-11-19")
        let blob = try repo.git(["rev-parse", "HEAD:web.okr"])
        let long = String(repeating: "a", count: 70_000) + ".okr"
        try repo.git(["update-index", "--add", "--cacheinfo", "100644,\(blob),\(long)"])
        try repo.git(["commit", "-q", "-m", "long"], date: "2026-11-19")
        try repo.git(["update-index", "--force-remove", long])
        try repo.git(["rm", "-q", "--cached", "g.okr"])
        let eased = try repo.commit(["web.okr": goalFile("3 -> 2 s", "100 -> 200 users")], on: "2026-11-20")
        let r = try CLI.run(["--format", "gcc", "web.okr"], in: repo.dir)
        #expect(goalposts(r).count == 1 && goalposts(r).first?.contains(eased.prefix(7)) == true && r.stderr.isEmpty, "\(r.stdout)\(r.stderr)")
    }

    /// Many files continuing one deleted file fetch its versions once, not once each.
    @Test func manyFilesContinuingOneDeletedFileReadItOnce() throws {
        let repo = try TestRepo()
        let versions = 30, adders = 20
        try repo.commit(["web.okr": goalFile("3 -> 1 s", "100 -> 200 users")], on: "2026-09-28")
        for i in 1..<versions { try repo.commit(["web.okr": goalFile("3 -> 1 s", "100 -> \(200 + i) users")], on: "2026-10-\(10 + i % 20)") }
        try repo.git(["rm", "-q", "web.okr"])
        var files: [String: String] = [:]
        for k in 0..<adders { files["f/t\(k).okr"] = goalFile("3 -> 9 s", "100 -> 200 users").replacingOccurrences(of: "O1:", with: "O\(k + 2):") }
        try repo.commit(files, on: "2026-11-20")
        let (bin, requests) = try countingGit()
        let r = try CLI.run(["--format", "gcc", "--no-cache", "f"], in: repo.dir, env: ["PATH": bin.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "")])
        #expect(goalposts(r).count == adders, "\(r.stdout)\(r.stderr)")
        let asked = try String(contentsOf: requests, encoding: .utf8).split(separator: "\n")
        #expect(asked.count <= versions + adders, "\(asked.count) versions fetched")
    }
}

/// A `git` outside any repository that logs what `cat-file --batch` is asked for, then runs the real one.
func countingGit() throws -> (bin: URL, requests: URL) {
    let real = try #require(try runTool("sh", ["-c", "command -v git"], input: "")?.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
    let bin = try CLI.tempDir([:]).appendingPathComponent("bin")
    try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
    let requests = bin.appendingPathComponent("requests")
    try Data().write(to: requests)
    try """
    #!/bin/sh
    case "$*" in *"cat-file --batch-check"*) ;; *cat-file*) tee -a \(requests.path) | \(real) "$@"; exit $? ;; esac
    exec \(real) "$@"

    """.write(to: bin.appendingPathComponent("git"), atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: bin.appendingPathComponent("git").path)
    return (bin, requests)
}
