import Foundation
import Testing
@testable import OKRKit

/// Issue 20: okrlint runs git on strangers' repositories. Whatever the repository, its committed files or the
/// environment say, no git okrlint starts may run another program, fetch, or use a repository other than the one
/// okrlint found. Each planted option writes a marker file when git runs what it names; no marker may appear.
@Suite(.serialized, .enabled(if: gitInstalled)) struct HostileRepositoryTests {
    func goalposts(_ r: CLI.Output) -> [String] { HistoryTests().goalposts(r) }

    /// A folder of marker-writing commands: `command(name)` is a shell command that creates `marker/name`.
    struct Markers {
        let dir: URL
        init() throws { dir = try CLI.tempDir([:]) }
        func command(_ name: String) -> String { "touch \(dir.path)/\(name)" }
        var planted: [String] { (try? FileManager.default.contentsOfDirectory(atPath: dir.path))?.sorted() ?? [] }
    }

    /// Configuration that names a program in every place git reads one, for a repository's `config` file.
    static func hostileConfig(_ m: Markers, hooks: URL) -> String {
        """
        [core]
        \tfsmonitor = \(m.command("fsmonitor"))
        \thooksPath = \(hooks.path)
        \tpager = \(m.command("pager"))
        \teditor = \(m.command("editor"))
        \taskPass = \(m.command("askpass"))
        \tsshCommand = \(m.command("ssh"))
        \talternateRefsCommand = \(m.command("alternate-refs"))
        [pager]
        \tlog = \(m.command("pager-log"))
        [diff]
        \texternal = \(m.command("diff-external"))
        \trenames = copies
        [diff "evil"]
        \tcommand = \(m.command("diff-command"))
        \ttextconv = \(m.command("textconv"))
        [filter "evil"]
        \tclean = \(m.command("clean"))
        \tsmudge = \(m.command("smudge"))
        \tprocess = \(m.command("filter-process"))
        [log]
        \tshowSignature = true
        [gpg]
        \tprogram = \(m.command("gpg"))
        [credential]
        \thelper = !\(m.command("credential"))
        [sequence]
        \teditor = \(m.command("sequence-editor"))
        [protocol]
        \tallow = always
        [protocol "ext"]
        \tallow = always

        """
    }

    /// Hooks under every name git knows, each writing its marker.
    static func hooks(_ m: Markers) throws -> URL {
        let dir = try CLI.tempDir([:])
        for name in ["applypatch-msg", "pre-applypatch", "post-applypatch", "pre-commit", "pre-merge-commit", "prepare-commit-msg",
                     "commit-msg", "post-commit", "pre-rebase", "post-checkout", "post-merge", "pre-push", "pre-receive", "update",
                     "proc-receive", "post-receive", "post-update", "reference-transaction", "push-to-checkout", "pre-auto-gc",
                     "post-rewrite", "sendemail-validate", "fsmonitor-watchman", "p4-changelist", "post-index-change"] {
            let hook = dir.appendingPathComponent(name)
            try "#!/bin/sh\n\(m.command("hook-" + name))\n".write(to: hook, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook.path)
        }
        return dir
    }

    /// The repository's own configuration is hostile (a tarball of a stranger's repository, a `.git` okrlint did not
    /// make): history is still read, and nothing it names runs — for the check, `okrlint diff` and `okrlint report`.
    @Test func aRepositorysOwnConfigurationRunsNothing() throws {
        let m = try Markers()
        let repo = try TestRepo()
        try repo.commit(["web.okr": goalFile("3 -> 1 s", "100 -> 200 users"), ".gitattributes": "*.okr diff=evil filter=evil\n"], on: "2026-09-28")
        try repo.commit(["web.okr": goalFile("3 -> 2 s", "100 -> 200 users")], on: "2026-11-03")
        let config = repo.dir.appendingPathComponent(".git/config")
        let include = try CLI.tempDir(["more.config": Self.hostileConfig(m, hooks: try Self.hooks(m))])
        let handle = try FileHandle(forWritingTo: config)
        handle.seekToEndOfFile()
        handle.write(Data((Self.hostileConfig(m, hooks: try Self.hooks(m)) + "[include]\n\tpath = \(include.appendingPathComponent("more.config").path)\n").utf8))
        try handle.close()
        // The environment okrlint is started with names programs and another repository too.
        let env = ["GIT_EXTERNAL_DIFF": m.command("env-external-diff"), "GIT_PAGER": m.command("env-pager"),
                   "GIT_SSH_COMMAND": m.command("env-ssh"), "GIT_CONFIG_COUNT": "1", "GIT_CONFIG_KEY_0": "core.fsmonitor",
                   "GIT_CONFIG_VALUE_0": m.command("env-config"), "GIT_CONFIG_PARAMETERS": "'core.pager'='\(m.command("env-parameters"))'",
                   "GIT_DIR": "/nonexistent", "GIT_INDEX_FILE": "/nonexistent/index"]
        try repo.write("web.okr", goalFile("3 -> 2.5 s", "100 -> 200 users"))
        let r = try CLI.run(["--format", "gcc"], in: repo.dir, env: env)
        #expect(goalposts(r).count == 2, "history is read as ever: \(r.stdout)\(r.stderr)")
        let diff = try CLI.run(["diff", "HEAD~1"], in: repo.dir, env: env)
        #expect(diff.code == 0 && diff.stdout.contains("eased"), "\(diff.stdout)\(diff.stderr)")
        _ = try CLI.run(["report", "--format", "markdown"], in: repo.dir, env: env)
        #expect(m.planted.isEmpty, "git ran: \(m.planted)")
    }

    /// A partial clone whose missing objects would be fetched from a remote that runs a command (`ext::`), or over
    /// ssh with a command of the repository's choosing: okrlint's git fetches nothing, and says history could not
    /// be read.
    @Test func aMissingObjectIsNeverFetched() throws {
        let m = try Markers()
        for url in ["ext::sh -c \(m.command("ext").replacingOccurrences(of: " ", with: "% "))", "ssh://example.invalid/r.git"] {
            let repo = try TestRepo()
            try repo.commit(["web.okr": goalFile("3 -> 1 s", "100 -> 200 users")], on: "2026-09-28")
            try repo.commit(["web.okr": goalFile("3 -> 2 s", "100 -> 200 users")], on: "2026-11-03")
            let old = try repo.git(["rev-parse", "HEAD~1:web.okr"])
            try FileManager.default.removeItem(at: repo.dir.appendingPathComponent(".git/objects/\(old.prefix(2))/\(old.dropFirst(2))"))
            try repo.git(["config", "core.repositoryformatversion", "1"])
            try repo.git(["config", "extensions.partialClone", "origin"])
            try repo.git(["config", "remote.origin.url", url])
            try repo.git(["config", "remote.origin.promisor", "true"])
            try repo.git(["config", "protocol.ext.allow", "always"])
            try repo.git(["config", "core.sshCommand", m.command("ssh-command")])
            let r = try CLI.run(["--format", "gcc"], in: repo.dir)
            #expect(r.stdout.contains("history could not be checked"), "\(r.stdout)\(r.stderr)")
        }
        #expect(m.planted.isEmpty, "git ran: \(m.planted)")
    }

    /// A pull request commits a folder that looks like a bare repository (its own `HEAD`, `objects`, `refs` and a
    /// `config` naming programs, a work tree and a partial clone) with an OKR file in it. git is never pointed at
    /// it: the history read is the enclosing repository's, and nothing runs.
    @Test func aRepositoryCommittedInsideTheWorkspaceIsNeverUsed() throws {
        let m = try Markers()
        let repo = try TestRepo()
        let evil = repo.dir.appendingPathComponent("evil")
        try FileManager.default.createDirectory(at: evil, withIntermediateDirectories: true)
        try TestRepo.run(["git", "init", "-q", "--bare", evil.path])
        try (Self.hostileConfig(m, hooks: try Self.hooks(m)) + """
            [core]
            \tbare = false
            \tworktree = .
            [extensions]
            \tpartialClone = origin
            [remote "origin"]
            \turl = ext::sh -c \(m.command("embedded-ext").replacingOccurrences(of: " ", with: "% "))
            \tpromisor = true

            """).write(to: evil.appendingPathComponent("config"), atomically: true, encoding: .utf8)
        try repo.commit(["evil/x.okr": goalFile("3 -> 1 s", "100 -> 200 users")], on: "2026-09-28")
        let eased = try repo.commit(["evil/x.okr": goalFile("3 -> 2 s", "100 -> 200 users")], on: "2026-11-03")
        for args in [["evil/x.okr"], ["."], ["evil"]] {
            let r = try CLI.run(["--format", "gcc"] + args, in: repo.dir)
            let found = goalposts(r)
            #expect(found.count == 1 && found.first?.contains("in commit \(eased.prefix(7))") == true, "\(args): \(r.stdout)\(r.stderr)")
        }
        let inside = try CLI.run(["--format", "gcc", "x.okr"], in: evil)
        #expect(goalposts(inside).count == 1, "\(inside.stdout)\(inside.stderr)")
        #expect(m.planted.isEmpty, "git ran: \(m.planted)")
    }

    /// `git` is looked for in `PATH`'s absolute folders only: a relative entry names a folder of the workspace.
    @Test func gitIsNotTakenFromARelativeFolderOfPATH() throws {
        let m = try Markers()
        let repo = try TestRepo()
        try repo.commit(["web.okr": goalFile("3 -> 1 s", "100 -> 200 users")], on: "2026-09-28")
        try repo.commit(["web.okr": goalFile("3 -> 2 s", "100 -> 200 users")], on: "2026-11-03")
        let bin = repo.dir.appendingPathComponent("tools")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try "#!/bin/sh\n\(m.command("fake-git"))\nexit 1\n".write(to: bin.appendingPathComponent("git"), atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: bin.appendingPathComponent("git").path)
        let path = "tools:" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let r = try CLI.run(["--format", "gcc", "web.okr"], in: repo.dir, env: ["PATH": path])
        #expect(goalposts(r).count == 1, "\(r.stdout)\(r.stderr)")
        #expect(m.planted.isEmpty, "git ran: \(m.planted)")
    }

    /// A `.git` that is a symbolic link (a stranger's archive can hold one) is not handed to git: the file's history
    /// could not be checked, and says so as a finding.
    @Test func aGitFolderThatIsALinkIsRefused() throws {
        let repo = try TestRepo()
        try repo.commit(["web.okr": goalFile("3 -> 1 s", "100 -> 200 users")], on: "2026-09-28")
        let copy = try CLI.tempDir(["web.okr": goalFile("3 -> 2 s", "100 -> 200 users"), ".okrlint.json": #"{"today": "2026-11-25"}"#])
        try FileManager.default.createSymbolicLink(at: copy.appendingPathComponent(".git"), withDestinationURL: repo.dir.appendingPathComponent(".git"))
        let r = try CLI.run(["--format", "gcc", "web.okr"], in: copy)
        #expect(goalposts(r).count == 1 && r.stdout.contains("history could not be checked") && r.stdout.contains("is a symbolic link"), "\(r.stdout)\(r.stderr)")
    }

    /// A `git` in a folder of the repository is not run, even when `PATH` names the folder by its absolute path.
    @Test func gitIsNotTakenFromTheRepositoryEvenByAbsolutePath() throws {
        let m = try Markers()
        let repo = try TestRepo()
        try repo.commit(["web.okr": goalFile("3 -> 1 s", "100 -> 200 users")], on: "2026-09-28")
        try repo.commit(["web.okr": goalFile("3 -> 2 s", "100 -> 200 users")], on: "2026-11-03")
        let bin = repo.dir.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try "#!/bin/sh\n\(m.command("repository-git"))\nexit 1\n".write(to: bin.appendingPathComponent("git"), atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: bin.appendingPathComponent("git").path)
        let r = try CLI.run(["--format", "gcc", "web.okr"], in: repo.dir, env: ["PATH": bin.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")])
        #expect(goalposts(r).count == 1, "\(r.stdout)\(r.stderr)")
        #expect(m.planted.isEmpty, "git ran: \(m.planted)")
    }

    /// A submodule (what `submodules: true` checks out) added by the pull request neither takes over the history of
    /// the files around it nor brings a history of its own: its files are new to the enclosing repository.
    @Test func aSubmoduleDoesNotTakeOverTheHistory() throws {
        let other = try TestRepo()
        try other.commit(["x.okr": goalFile("1 -> 2 x", "1 -> 2 y").replacingOccurrences(of: "team: web", with: "team: att")], on: "2026-09-01")
        let repo = try TestRepo()
        try repo.commit(["okrs/teams/web.okr": goalFile("3 -> 1 s", "100 -> 200 users")], on: "2026-09-28")
        try repo.write("okrs/teams/web.okr", goalFile("3 -> 2 s", "100 -> 200 users"))
        try repo.git(["-c", "protocol.file.allow=always", "submodule", "-q", "add", other.dir.path, "okrs/a"])
        try repo.commit([:], on: "2026-11-20")
        let found = goalposts(try CLI.run(["--format", "gcc", "okrs"], in: repo.dir))
        #expect(found.count == 1 && found.first?.hasPrefix("okrs/teams/web.okr:") == true, "\(found)")
    }

    /// A named path that is a committed link to another repository does not make that repository the history of
    /// the other files named.
    @Test func aLinkToAnotherRepositoryDoesNotReplaceTheHistory() throws {
        let other = try TestRepo()
        try other.commit(["x.okr": goalFile("1 -> 2 x", "1 -> 2 y").replacingOccurrences(of: "team: web", with: "team: other")], on: "2026-09-01")
        let repo = try TestRepo()
        try repo.commit(["web.okr": goalFile("3 -> 1 s", "100 -> 200 users")], on: "2026-09-28")
        try FileManager.default.createSymbolicLink(at: repo.dir.appendingPathComponent("okrs"), withDestinationURL: other.dir)
        try repo.commit(["web.okr": goalFile("3 -> 2 s", "100 -> 200 users")], on: "2026-11-20")
        let found = goalposts(try CLI.run(["--format", "gcc", "okrs", "web.okr"], in: repo.dir))
        #expect(found.count == 1 && found.first?.hasPrefix("web.okr:") == true, "\(found)")
    }

    /// A committed `.mailmap` of many entries (git reads one in quadratic time when it is on) costs nothing.
    @Test func aLargeMailmapCostsNothing() throws {
        func run(_ entries: Int) throws -> (Double, CLI.Output) {
            let repo = try TestRepo()
            try repo.commit(["web.okr": goalFile("3 -> 1 s", "100 -> 200 users")], on: "2026-09-28")
            let map = (0..<entries).reversed().map { String(format: "A <a%08d@x> <b%08d@x>\n", $0, $0) }.joined()
            try repo.commit([".mailmap": map, "web.okr": goalFile("3 -> 2 s", "100 -> 200 users")], on: "2026-11-20")
            let t0 = Date()
            let r = try CLI.run(["--format", "gcc", "web.okr"], in: repo.dir)
            return (Date().timeIntervalSince(t0), r)
        }
        let (small, a) = try run(10_000), (large, b) = try run(100_000)
        #expect(goalposts(a).count == 1 && goalposts(b).count == 1)
        #expect(large < max(small, 0.05) * 12, "10x the .mailmap took \(large / max(small, 0.05))x the time (\(small)s -> \(large)s)")
    }
}

extension TestRepo {
    /// Runs a command and expects it to succeed.
    static func run(_ args: [String]) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = args
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "\(args)")
    }
}
