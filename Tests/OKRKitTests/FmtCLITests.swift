import Foundation
import Testing
@testable import OKRKit

/// `okrlint fmt` on the built binary: writing, `--check`, `--diff` (applied with the real `patch`), standard input,
/// links, configs and usage errors.
@Suite(.serialized) struct FmtCLITests {
    /// Not canonical in every way the formatter cares about: CRLF, key case and order, spacing, blank lines, check-ins
    /// out of order, a heading without its space; and a line with a syntax error that must stay as written.
    static let messy = "# Platform OKRs  \r\n- Team:  platform\r\n- okr: 1\r\n- period: 2026-Q4\r\n## O1:  Make deploys boring\r\n"
        + "- owner: @dana\r\n\r\n\r\n### KR1.1:  Cut deploy time\r\n- current: 31min\r\n- metric: 45->15 min\r\n* a bullet the format does not read   \r\n"
        + "## check-ins\r\n- 2026-11-16 KR1.1: 24 min\r\n- 2026-11-02 KR1.1: 38 min\r\n"

    static var canonical: String { String(decoding: Formatter.format(path: "a.okr", bytes: Array(messy.utf8)).bytes, as: UTF8.self) }

    static func read(_ dir: URL, _ name: String) throws -> String {
        String(decoding: try Data(contentsOf: dir.appendingPathComponent(name)), as: UTF8.self)
    }

    @Test func writesCanonicalFilesAndLeavesCanonicalOnesAlone() throws {
        let clean = try String(contentsOf: CLI.root.appendingPathComponent("samples/company.okr"), encoding: .utf8)
        let dir = try CLI.tempDir(["okrs/a.okr": Self.messy, "okrs/clean.okr": clean])
        let a = dir.appendingPathComponent("okrs/a.okr").path
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: a)
        let cleanBefore = try FileManager.default.attributesOfItem(atPath: dir.appendingPathComponent("okrs/clean.okr").path)

        let r = try CLI.run(["fmt", "okrs"], in: dir)
        #expect(r.code == 0, "\(r.stderr)")
        #expect(r.stdout == "1 file reformatted, 1 file left unchanged\n")
        #expect(r.stderr.contains("okrlint: note: okrs/a.okr: 1 line with a syntax error left as written"), "\(r.stderr)")
        let written = try Self.read(dir, "okrs/a.okr")
        #expect(written == Self.canonical)
        #expect(written.contains("- team: platform\n- period: 2026-Q4\n"))
        #expect(written.contains("* a bullet the format does not read   \n"), "the line with an error keeps its bytes")
        #expect(written.range(of: "2026-11-02")!.lowerBound < written.range(of: "2026-11-16")!.lowerBound)
        // The file keeps its permissions; the clean one is not touched at all (same inode, same time).
        #expect((try FileManager.default.attributesOfItem(atPath: a)[.posixPermissions] as? Int) == 0o640)
        let cleanAfter = try FileManager.default.attributesOfItem(atPath: dir.appendingPathComponent("okrs/clean.okr").path)
        #expect(cleanAfter[.systemFileNumber] as? Int == cleanBefore[.systemFileNumber] as? Int)
        #expect(cleanAfter[.modificationDate] as? Date == cleanBefore[.modificationDate] as? Date)
        // No temporary file is left beside them.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("okrs").path).sorted() == ["a.okr", "clean.okr"])

        // A second run changes nothing, and `--check` agrees.
        let again = try CLI.run(["fmt", "okrs"], in: dir)
        #expect(again.code == 0 && again.stdout == "0 files reformatted, 2 files left unchanged\n")
        let check = try CLI.run(["fmt", "--check", "okrs"], in: dir)
        #expect(check.code == 0 && check.stdout == "2 files already formatted\n", "\(check.stdout)")
        // The formatted file lints as the messy one did, apart from the capitalised key the formatter lowered.
        let lint = try CLI.run(["okrs/a.okr", "--no-config", "--format", "gcc", "--today", "2026-11-20"], in: dir)
        #expect(lint.stdout.contains("a `*` list item"), "\(lint.stdout)")
    }

    @Test func checkListsFilesAndWritesNothing() throws {
        let dir = try CLI.tempDir(["a.okr": Self.messy, "sub/b.okr.md": Self.messy, "c.okr": Self.canonical])
        let r = try CLI.run(["fmt", "--check", "."], in: dir)
        #expect(r.code == 1)
        #expect(r.stdout == "Would reformat: a.okr\nWould reformat: sub/b.okr.md\n2 files would be reformatted, 1 file already formatted\n", "\(r.stdout)")
        #expect(try Self.read(dir, "a.okr") == Self.messy && Self.read(dir, "sub/b.okr.md") == Self.messy)
        let quiet = try CLI.run(["fmt", "--check", "-q", "."], in: dir)
        #expect(quiet.code == 1 && quiet.stdout == "Would reformat: a.okr\nWould reformat: sub/b.okr.md\n" && quiet.stderr.isEmpty)
    }

    @Test func diffAppliedWithPatchGivesTheFormattedFile() throws {
        // With LF line breaks the diff is exact; CRLF ones show as `\\r`, for reading.
        let crlf = try CLI.run(["fmt", "--diff", "-"], stdin: "# T\r\n\r\n- team: t\r\n")
        #expect(crlf.code == 1 && crlf.stdout == "--- <stdin>\n+++ <stdin>\n@@ -1,3 +1,3 @@\n-# T\\r\n-\\r\n-- team: t\\r\n+# T\n+\n+- team: t\n", "\(crlf.stdout)")
        let messyLF = Self.messy.replacingOccurrences(of: "\r\n", with: "\n")
        let dir = try CLI.tempDir(["a.okr": messyLF, "c.okr": Self.canonical])
        let r = try CLI.run(["fmt", "--diff", "."], in: dir)
        #expect(r.code == 1)
        #expect(r.stdout.hasPrefix("--- a.okr\n+++ a.okr\n@@ "), "\(r.stdout)")
        #expect(!r.stdout.contains("c.okr"))
        #expect(r.stderr.contains("1 file would be reformatted, 1 file already formatted"))
        #expect(try Self.read(dir, "a.okr") == messyLF, "--diff writes nothing")
        // The real `patch` turns the file into what `fmt` writes.
        let patchFile = dir.appendingPathComponent("fmt.diff")
        try Data(r.stdout.utf8).write(to: patchFile)
        let patch = Process()
        patch.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        patch.arguments = ["patch", "-p0", "--binary", "-i", patchFile.path]
        patch.currentDirectoryURL = dir
        patch.standardOutput = FileHandle.nullDevice
        try patch.run()
        patch.waitUntilExit()
        #expect(patch.terminationStatus == 0)
        #expect(try Self.read(dir, "a.okr") == Self.canonical)
        // Nothing left to diff.
        let none = try CLI.run(["fmt", "--diff", "a.okr", "c.okr"], in: dir)
        #expect(none.code == 0 && none.stdout.isEmpty && none.stderr.contains("2 files already formatted"))
    }

    @Test func standardInputIsNotCountedAsAFileWritten() throws {
        let dir = try CLI.tempDir(["a.okr": Self.messy])
        let r = try CLI.run(["fmt", "-", "a.okr", "--stdin-filename", "b.okr"], in: dir, stdin: Self.messy)
        #expect(r.code == 0 && r.stdout == Self.canonical)
        #expect(r.stderr.contains("1 file reformatted, 0 files left unchanged"), "\(r.stderr)")
        let both = try CLI.run(["fmt", "--stdin-filename", "b.okr", "a.okr"], in: dir, stdin: Self.messy)
        #expect(both.code == 2 && both.stderr.contains("add `-` to format it"), "\(both.stderr)")
    }

    @Test func standardInputGoesToStandardOutput() throws {
        let r = try CLI.run(["fmt", "-"], stdin: Self.messy)
        #expect(r.code == 0 && r.stdout == Self.canonical)
        #expect(r.stderr == "okrlint: note: <stdin>: 1 line with a syntax error left as written (`okrlint check` explains them)\n", "\(r.stderr)")
        let named = try CLI.run(["fmt", "--stdin-filename", "team/a.okr", "--check"], stdin: Self.messy)
        #expect(named.code == 1 && named.stdout.isEmpty && named.stderr.contains("Would reformat: team/a.okr"), "\(named.stderr)")
        let diff = try CLI.run(["fmt", "--diff", "-"], stdin: Self.canonical)
        #expect(diff.code == 0 && diff.stdout.isEmpty)
        // Canonical text comes back byte for byte, and so does text that is not UTF-8.
        let same = try CLI.run(["fmt", "-"], stdin: Self.canonical)
        #expect(same.stdout == Self.canonical)
    }

    @Test func linksAndHardLinksAreNotWrittenThrough() throws {
        let dir = try CLI.tempDir(["outside/target.okr": Self.messy, "ws/real.okr": Self.messy])
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("ws/link.okr").path, withDestinationPath: "../outside/target.okr")
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("ws/folder").path, withDestinationPath: "../outside")
        try fm.linkItem(atPath: dir.appendingPathComponent("outside/target.okr").path, toPath: dir.appendingPathComponent("ws/hard.okr").path)
        // Walking: links are skipped with a note; the hard link is refused (exit 2), the plain file is formatted.
        let r = try CLI.run(["fmt", "ws"], in: dir)
        #expect(r.code == 2)
        #expect(r.stderr.contains("okrlint: note: ws/link.okr: symbolic link not followed"), "\(r.stderr)")
        #expect(r.stderr.contains("okrlint: error: ws/hard.okr: has other hard links; replacing it would leave them with the old text, so it is not formatted"), "\(r.stderr)")
        #expect(try Self.read(dir, "ws/real.okr") == Self.canonical)
        #expect(try Self.read(dir, "outside/target.okr") == Self.messy)
        // Named: a link is read but never written through.
        let named = try CLI.run(["fmt", "ws/link.okr"], in: dir)
        #expect(named.code == 2 && named.stderr.contains("is a symbolic link; `okrlint fmt` does not write through links (format the file it points to by its own name)"), "\(named.stderr)")
        #expect(try Self.read(dir, "outside/target.okr") == Self.messy)
        #expect(try fm.destinationOfSymbolicLink(atPath: dir.appendingPathComponent("ws/link.okr").path) == "../outside/target.okr")
        // A folder reached through a link, named: read, never written into.
        for named in ["ws/folder", "ws/folder/target.okr"] {
            let f = try CLI.run(["fmt", named], in: dir)
            #expect(f.code == 2 && f.stderr.contains("is in a folder reached through a symbolic link; `okrlint fmt` does not write through links"), "\(named): \(f.stderr)")
            #expect(try Self.read(dir, "outside/target.okr") == Self.messy)
        }
        // `--check` reads through a named link and writes nothing.
        let check = try CLI.run(["fmt", "--check", "ws/link.okr"], in: dir)
        #expect(check.code == 1 && check.stdout.contains("Would reformat: ws/link.okr"))
    }

    @Test func configExcludesAndHostileNames() throws {
        let dir = try CLI.tempDir([".okrlint.json": #"{"exclude": ["drafts/**"]}"#, "drafts/d.okr": Self.messy,
                                   "team/a\u{1B}[31mred.okr": Self.messy])
        let r = try CLI.run(["fmt", "--check", "."], in: dir)
        #expect(r.code == 1)
        #expect(!r.stdout.contains("drafts"), "excluded by the config")
        #expect(!r.stdout.contains("\u{1B}") && r.stdout.contains("Would reformat: team/a\\x1B[31mred.okr"), "\(r.stdout)")
        let broken = try CLI.tempDir([".okrlint.json": #"{"exclude": 3}"#, "a.okr": Self.messy])
        let b = try CLI.run(["fmt", "."], in: broken)
        #expect(b.code == 2 && b.stderr.contains(".okrlint.json"), "\(b.stderr)")
        #expect(try Self.read(broken, "a.okr") == Self.messy)
    }

    @Test func onlyOKRFilesWritableByTheUserAreWrittenAndTheyKeepTheirOwner() throws {
        let dir = try CLI.tempDir(["README.md": "- Name: x\n\n\n", "ro.okr": Self.messy, "own.okr": Self.messy])
        let fm = FileManager.default
        let ro = dir.appendingPathComponent("ro.okr").path
        try fm.setAttributes([.posixPermissions: 0o444], ofItemAtPath: ro)
        let r = try CLI.run(["fmt", "README.md", "ro.okr"], in: dir)
        #expect(r.code == 2)
        #expect(r.stderr.contains("okrlint: error: README.md: is not an OKR file (*.okr, *.okr.md); not formatted"), "\(r.stderr)")
        #expect(r.stderr.contains("okrlint: error: ro.okr: is read-only; not formatted"), "\(r.stderr)")
        #expect(try Self.read(dir, "README.md") == "- Name: x\n\n\n" && Self.read(dir, "ro.okr") == Self.messy)
        // Another user's file (root can give it away) keeps its owner and group when it is rewritten.
        if getuid() == 0 {
            let own = dir.appendingPathComponent("own.okr").path
            try fm.setAttributes([.ownerAccountID: 65534, .groupOwnerAccountID: 65534], ofItemAtPath: own)
            let w = try CLI.run(["fmt", "own.okr"], in: dir)
            #expect(try w.code == 0 && Self.read(dir, "own.okr") == Self.canonical, "\(w.stderr)")
            let attrs = try fm.attributesOfItem(atPath: own)
            #expect(attrs[.ownerAccountID] as? Int == 65534 && attrs[.groupOwnerAccountID] as? Int == 65534)
        }
    }

    @Test(arguments: [
        (["fmt", "--format", "json", "samples"], "`--format` does not apply to `okrlint fmt`"),
        (["fmt", "--fix", "samples"], "`--fix` does not apply to `okrlint fmt`"),
        (["fmt", "--check", "--diff", "samples"], "takes `--check` or `--diff`, not both"),
        (["--check", "samples"], "`--check` applies to `okrlint fmt`"),
        (["fmt", "samples", "--stdin-filename", "x.okr"], "`--stdin-filename` names standard input"),
        (["fmt", "no-such-folder/"], "no-such-folder/: no such file or directory"),
    ])
    func usageAndIOErrorsExitTwo(_ args: [String], _ message: String) throws {
        let r = try CLI.run(args)
        #expect(r.code == 2, "\(args): \(r.stderr)")
        #expect(r.stderr.contains(message), "\(args): \(r.stderr)")
    }

    @Test func samplesAreFormatted() throws {
        let r = try CLI.run(["fmt", "--check", "samples"])
        #expect(r.code == 0, "\(r.stdout)")
        #expect(r.stdout.contains("files already formatted"))
    }
}
