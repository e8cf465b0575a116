import Foundation
import Testing
@testable import OKRKit

/// Anything a file system can hold gives a clear message and the right exit code: never a crash or a hang.
@Suite(.serialized) struct BadInputTests {
    let today = ["--today", "2026-11-25", "--no-config"]

    func run(_ files: [String: [UInt8]], _ args: [String]) throws -> CLI.Output {
        let dir = try CLI.tempDir([:])
        for (name, bytes) in files {
            let url = dir.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
        return try CLI.run(args + today, in: dir)
    }

    @Test func emptyFileAndOnlyABOM() throws {
        let r = try run(["e.okr": [], "b.okr": [0xEF, 0xBB, 0xBF]], ["e.okr", "b.okr"])
        #expect(r.code == 1, "an empty file lacks its header")
        #expect(r.stdout.contains("error[missing-header]: the file header has no `- team: <name>`"))
        #expect(r.stdout.contains("(2 files checked)"))
    }

    @Test func invalidUTF8AndNULBytes() throws {
        let r = try run(["x.okr": Array("# T\u{0}itle\n- team: caf".utf8) + [0xE9] + Array("\n".utf8)], ["x.okr"])
        #expect(r.code == 1)
        #expect(r.stdout.contains("--> x.okr:1:4") && r.stdout.contains("NUL byte in text"))
        #expect(r.stdout.contains("--> x.okr:2:12") && r.stdout.contains("invalid UTF-8 byte 0xE9"))
    }

    @Test func binaryFileNamedOkr() throws {
        var rng = SplitMix(seed: 99)
        let bytes = (0..<200_000).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        let r = try run(["image.okr": bytes], ["image.okr"])
        #expect(r.code == 1)
        #expect(r.stdout.contains("error[syntax-error]"))
        #expect(r.stderr.isEmpty)
    }

    @Test func tenMegabyteLine() throws {
        let line = "# " + String(repeating: "long title ", count: 1_000_000)
        let r = try run(["long.okr": Array(line.utf8)], ["long.okr", "--format", "json"])
        #expect(r.code == 1, "no team or period")
        #expect(r.stdout.contains("\"missing-header\""))
    }

    @Test func hundredThousandObjectives() throws {
        var text = "# T\n\n- okr: 1\n- team: t\n- period: 2026-Q4\n"
        for i in 1...100_000 { text += "## O\(i): Objective\n" }
        let r = try run(["many.okr": Array(text.utf8)], ["many.okr", "--format", "gcc"])
        #expect(r.code == 1)
        #expect(r.stdout.contains("many.okr:10:4: warning: 100000 objectives in one file; the limit is 4 [too-many-objectives]"))
    }

    @Test func deeplyNestedListsAndCROnlyLineEnds() throws {
        let nested = (0..<2000).map { String(repeating: "  ", count: $0) + "- item" }.joined(separator: "\n")
        let cr = "# T\r- okr: 1\r- team: t\r- period: 2026-Q4\r## O1: A\r- owner: @a\r"
        let r = try run(["nested.okr": Array(("# T\n" + nested + "\n").utf8), "cr.okr": Array(cr.utf8)], ["nested.okr", "cr.okr", "--format", "json"])
        #expect(r.code == 1)
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let files = json?["files"] as? [[String: Any]] ?? []
        let crRules = (files.first { ($0["path"] as? String) == "cr.okr" }?["diagnostics"] as? [[String: Any]] ?? []).compactMap { $0["rule"] as? String }
        #expect(crRules == ["too-few-key-results"], "CR-only line ends read as lines: \(crRules)")
        let nestedCount = (files.first { ($0["path"] as? String) == "nested.okr" }?["diagnostics"] as? [Any])?.count ?? 0
        #expect(nestedCount >= 1999, "each indented line is reported")
    }

    @Test func folderNamedLikeAFileAndSpecialFiles() throws {
        let dir = try CLI.tempDir(["x.okr/inner.okr": cleanTeamFile()])
        // A folder named x.okr is walked, not read as a file.
        let r = try CLI.run(["x.okr"] + today, in: dir)
        #expect(r.code == 0 && r.stdout.contains("(1 file checked)"), "\(r.stdout)\(r.stderr)")
        // A FIFO would block a reader: it is refused without opening it.
        let fifo = dir.appendingPathComponent("pipe.okr").path
        #expect(mkfifo(fifo, 0o644) == 0)
        let f = try CLI.run(["pipe.okr"] + today, in: dir)
        #expect(f.code == 2 && f.stderr.contains("pipe.okr: not a regular file or folder"))
    }

    @Test func unreadableFile() throws {
        let dir = try CLI.tempDir(["secret.okr": cleanTeamFile()])
        let path = dir.appendingPathComponent("secret.okr").path
        #expect(chmod(path, 0) == 0)
        let r = try CLI.run(["secret.okr"] + today, in: dir)
        if getuid() == 0 {
            // root reads it anyway; the error path is covered by the deleted-file test below.
            #expect(r.code == 0)
        } else {
            #expect(r.code == 2 && r.stderr.contains("secret.okr: Permission denied"))
        }
    }

    @Test func symlinkLoopUnderACheckedFolder() throws {
        let dir = try CLI.tempDir(["a/team.okr": cleanTeamFile()])
        #expect(symlink("..", dir.appendingPathComponent("a/up").path) == 0)
        #expect(symlink("loop2", dir.appendingPathComponent("a/loop1").path) == 0)
        #expect(symlink("loop1", dir.appendingPathComponent("a/loop2").path) == 0)
        let r = try CLI.run(["."] + today, in: dir)
        #expect(r.code == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("(1 file checked)"), "the loop is cut; the file is checked once")
    }

    @Test func pathThatDoesNotExist() throws {
        let r = try CLI.run(["no/such/file.okr"] + today)
        #expect(r.code == 2)
        #expect(r.stderr == "okrlint: error: no/such/file.okr: no such file or directory\n")
    }

    @Test func fileDeletedWhileRunning() throws {
        let dir = try CLI.tempDir(["a.okr": cleanTeamFile(), "b.okr": cleanTeamFile()])
        // Delete b.okr after it was found but before it is read.
        let discovery = FileDiscovery(isExcluded: { path, _ in
            if path.hasSuffix("b.okr") { try? FileManager.default.removeItem(atPath: path) }
            return false
        })
        let outcome = try LintRun.run(RunOptions(paths: [dir.path], discovery: discovery))
        #expect(outcome.result.files.count == 1)
        #expect(outcome.errors.count == 1)
        #expect(outcome.errors.first?.path.hasSuffix("b.okr") == true)
        #expect(outcome.errors.first?.message == "deleted while okrlint was running")
        // Deleted after the folder was listed: named as such, not as a broken link or a missing path.
        let dir2 = try CLI.tempDir(["a.okr": cleanTeamFile(), "c.okr": cleanTeamFile()])
        let early = FileDiscovery(isExcluded: { path, _ in
            if path.hasSuffix("a.okr") { try? FileManager.default.removeItem(atPath: dir2.appendingPathComponent("c.okr").path) }
            return false
        })
        let outcome2 = try LintRun.run(RunOptions(paths: [dir2.path], discovery: early))
        #expect(outcome2.errors.map(\.message) == ["deleted while okrlint was running"])
    }

    @Test func tenThousandFilesOnTheCommandLine() throws {
        let dir = try CLI.tempDir([:])
        var names: [String] = []
        for i in 0..<10_000 {
            let name = "t\(i).okr"
            try Data(cleanTeamFile(team: "t\(i)").utf8).write(to: dir.appendingPathComponent(name))
            names.append(name)
        }
        let r = try CLI.run(names + today, in: dir)
        #expect(r.code == 0, "\(r.stdout.suffix(500))\(r.stderr.prefix(500))")
        #expect(r.stdout == "All checks passed (10000 files checked).\n")
    }
}
