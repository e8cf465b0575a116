import Foundation
import Testing
@testable import OKRKit

/// Issue 20: a pull request commits a folder as a symbolic link (`reports -> /elsewhere`). Every writer opens the
/// folders on its way without following links (`WritePath`), so none writes outside the workspace through it; each
/// test also checks that the same writer still writes to a real folder.
@Suite(.serialized, .enabled(if: gitInstalled)) struct WriterLinkTests {
    let today = ["--today", "2026-11-25"]

    /// A repository with a clean team file, a real folder `real` and the committed link `reports -> outside`
    /// (an empty folder elsewhere, absolute).
    struct Setup {
        let repo: TestRepo
        let outside: URL
        var ws: URL { repo.dir }

        init(extra: [String: String] = [:]) throws {
            outside = try CLI.tempDir([:])
            repo = try TestRepo(["real/.keep": ""])
            try FileManager.default.createSymbolicLink(atPath: repo.dir.appendingPathComponent("reports").path, withDestinationPath: outside.path)
            try repo.commit(["team.okr": cleanTeamFile()].merging(extra) { a, _ in a }, on: "2026-11-20")
        }

        /// What is in the outside folder now.
        func outsideNames() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: outside.path).sorted() }
    }

    /// Exit 2, an error naming the path written and the link, nothing created outside.
    func expectRefused(_ r: CLI.Output, _ path: String, link: String, _ setup: Setup, before: [String] = [],
                       sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        #expect(r.code == 2, "\(path): exit \(r.code) \(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stderr.contains("okrlint: error: \(path): is in a folder reached through a symbolic link (\(link))"), "\(r.stderr)",
                sourceLocation: sourceLocation)
        #expect(try setup.outsideNames() == before, "nothing is created outside through the link", sourceLocation: sourceLocation)
    }

    @Test func outputThroughACommittedFolderLinkIsRefused() throws {
        let s = try Setup()
        // Relative, absolute below the working folder, and with `..` on the way.
        let abs = s.ws.appendingPathComponent("reports/out.json").path
        for (target, link) in [("reports/out.json", "reports"), (abs, s.ws.appendingPathComponent("reports").path),
                               ("real/../reports/out.json", "real/../reports")] {
            let r = try CLI.run(["team.okr", "--format", "json", "-o", target] + today, in: s.ws)
            try expectRefused(r, target, link: link, s)
        }
        // From outside the working folder (walked from `/`), and `--statistics`, which writes through the same path.
        let other = try CLI.tempDir([:])
        let far = try CLI.run([s.ws.appendingPathComponent("team.okr").path, "--format", "json", "-o", abs] + today, in: other)
        try expectRefused(far, abs, link: s.ws.appendingPathComponent("reports").path, s)
        let stats = try CLI.run(["team.okr", "--statistics", "-o", "reports/stats.txt"] + today, in: s.ws)
        try expectRefused(stats, "reports/stats.txt", link: "reports", s)
        // A real folder, relative or absolute outside the working folder (the user's own choice), still works.
        let ok = try CLI.run(["team.okr", "--format", "json", "-o", "real/out.json"] + today, in: s.ws)
        #expect(ok.code == 0, "\(ok.stderr)")
        #expect(try String(contentsOf: s.ws.appendingPathComponent("real/out.json"), encoding: .utf8).hasPrefix("{"))
        let elsewhere = other.appendingPathComponent("mine.json").path
        let mine = try CLI.run(["team.okr", "--format", "json", "-o", elsewhere] + today, in: s.ws)
        #expect(mine.code == 0, "\(mine.stderr)")
        #expect(try String(contentsOfFile: elsewhere, encoding: .utf8).hasPrefix("{"))
    }

    @Test func baselineWritersRefuseACommittedFolderLink() throws {
        let s = try Setup()
        let w = try CLI.run(["team.okr", "--write-baseline", "reports/baseline.json"] + today, in: s.ws)
        try expectRefused(w, "reports/baseline.json", link: "reports", s)
        #expect(w.stderr.contains("--write-baseline does not write through links"), "\(w.stderr)")
        // A baseline read through the link (reading is not the question here) is not rewritten through it.
        let team = s.ws.appendingPathComponent("team.okr").path
        let recorded = #"{"version": 1, "tool": "okrlint", "findings": [{"path": "\#(team)", "rule": "missing-owner", "line": "fixed long ago", "count": 1}]}"#
        try Data(recorded.utf8).write(to: s.outside.appendingPathComponent("baseline.json"))
        let p = try CLI.run(["team.okr", "--baseline", "reports/baseline.json", "--prune-baseline"] + today, in: s.ws)
        try expectRefused(p, "reports/baseline.json", link: "reports", s, before: ["baseline.json"])
        #expect(try String(contentsOf: s.outside.appendingPathComponent("baseline.json"), encoding: .utf8) == recorded)
        // Into a real folder: written, then pruned.
        let ok = try CLI.run(["team.okr", "--write-baseline", "real/baseline.json"] + today, in: s.ws)
        #expect(ok.code == 0, "\(ok.stderr)")
        try Data(recorded.utf8).write(to: s.ws.appendingPathComponent("real/baseline.json"))
        let pruned = try CLI.run(["team.okr", "--baseline", "real/baseline.json", "--prune-baseline"] + today, in: s.ws)
        #expect(pruned.code == 0, "\(pruned.stderr)")
        #expect(try !String(contentsOf: s.ws.appendingPathComponent("real/baseline.json"), encoding: .utf8).contains("fixed long ago"))
    }

    @Test func initRefusesACommittedFolderLink() throws {
        let s = try Setup()
        let r = try CLI.run(["init", "--team", "web", "--period", "2027-Q1", "reports/web.okr"], in: s.ws)
        try expectRefused(r, "reports/web.okr", link: "reports", s)
        #expect(r.stderr.contains("okrlint init does not write through links"), "\(r.stderr)")
        let ok = try CLI.run(["init", "--team", "web", "--period", "2027-Q1", "-q", "real/web.okr"], in: s.ws)
        #expect(ok.code == 0, "\(ok.stderr)")
        #expect(try String(contentsOf: s.ws.appendingPathComponent("real/web.okr"), encoding: .utf8).contains("- team: web"))
        // Still never over an existing name.
        let again = try CLI.run(["init", "--team", "web", "--period", "2027-Q1", "real/web.okr"], in: s.ws)
        #expect(again.code == 2 && again.stderr.contains("exists already"), "\(again.stderr)")
    }

    @Test func graphReportAndDiffOutputsRefuseACommittedFolderLink() throws {
        let s = try Setup()
        let commands: [(String, [String])] = [("graph.mmd", ["graph", "."] + today), ("report.md", ["report", ".", "--format", "markdown"] + today),
                                              ("diff.txt", ["diff", "HEAD"])]
        for (file, args) in commands {
            let r = try CLI.run(args + ["-o", "reports/\(file)"], in: s.ws)
            try expectRefused(r, "reports/\(file)", link: "reports", s)
            let ok = try CLI.run(args + ["-o", "real/\(file)"], in: s.ws)
            #expect(ok.code == 0, "\(args[0]): \(ok.stderr)")
            #expect(FileManager.default.fileExists(atPath: s.ws.appendingPathComponent("real/\(file)").path), "\(args[0])")
        }
    }

    /// A committed link at the report's own name (`okrlint.sarif -> a FIFO`, or a device) is replaced, not opened:
    /// opening a FIFO with no reader would hang the job, a device would take the report.
    @Test func aLinkAtTheTargetIsReplacedWhateverItPointsAt() throws {
        let s = try Setup()
        let fifo = s.outside.appendingPathComponent("fifo").path
        #expect(mkfifo(fifo, 0o644) == 0)
        try FileManager.default.createSymbolicLink(atPath: s.ws.appendingPathComponent("okrlint.sarif").path, withDestinationPath: fifo)
        let r = try CLI.run(["team.okr", "--format", "sarif", "--output", "okrlint.sarif", "--exit-zero"] + today, in: s.ws, timeout: 20)
        #expect(r.code == 0 && !r.timedOut, "\(r.stderr)")
        #expect(!FileSystem.isSymlink(s.ws.appendingPathComponent("okrlint.sarif").path))
        #expect(try String(contentsOf: s.ws.appendingPathComponent("okrlint.sarif"), encoding: .utf8).contains("\"version\""))
        var st = stat()
        #expect(lstat(fifo, &st) == 0 && st.st_mode & S_IFMT == S_IFIFO)
    }

    /// The history cache goes to the git folder; a link on the way there is not written through either.
    @Test func theHistoryCacheIsNotWrittenThroughALinkOnItsWay() throws {
        let outside = try CLI.tempDir([:])
        let ws = try CLI.tempDir(["git/.keep": ""])
        try FileManager.default.createSymbolicLink(atPath: ws.appendingPathComponent("linked").path, withDestinationPath: outside.path)
        let bytes = Array("# T\n".utf8)
        let entry = (id: BlobID.of(bytes), bytes: bytes)
        HistoryCache.open(gitDir: ws.appendingPathComponent("linked").path).save(adding: [entry], used: [])
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path).isEmpty, "nothing written through the link")
        // A real git folder gets it.
        HistoryCache.open(gitDir: ws.appendingPathComponent("git").path).save(adding: [entry], used: [])
        let cache = HistoryCache.open(gitDir: ws.appendingPathComponent("git").path)
        #expect(cache.contents(entry.id) == entry.bytes)
        #expect(try FileManager.default.contentsOfDirectory(atPath: ws.appendingPathComponent("git/okrlint").path) == ["history-2"])
    }
}
