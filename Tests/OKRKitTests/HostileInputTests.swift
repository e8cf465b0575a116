import Foundation
import Testing
@testable import OKRKit

/// Issue 10: files, names, links and arguments from a stranger's pull request. Each test names the item it guards.
/// `OKRLINT_TEST_BINARY=/path/to/older/okrlint swift test --filter HostileInputTests` shows the CLI ones failing
/// on a build without the fixes (do not point it at an older build as root: old `-o` renamed over devices).
@Suite(.serialized) struct HostileInputTests {
    let today = ["--today", "2026-11-25"]

    /// Creates a file whose name is raw bytes (not necessarily UTF-8) in `dir`.
    static func createFile(in dir: URL, name: [UInt8], _ text: String) throws {
        let path = Array(dir.path.utf8) + [0x2F] + name + [0]
        let fd = path.withUnsafeBufferPointer { buf in
            buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buf.count) { open($0, O_WRONLY | O_CREAT | O_TRUNC, 0o644) }
        }
        try #require(fd >= 0, "cannot create \(name)")
        let bytes = Array(text.utf8)
        #expect(bytes.withUnsafeBytes { write(fd, $0.baseAddress!, $0.count) } == bytes.count)
        close(fd)
    }

    /// Makes `levels` nested folders named `name` under `dir` (more than PATH_MAX in all, if asked), with `text`
    /// as `deep.okr` in the last one, using descriptors: a path that long cannot be opened in one call.
    static func makeDeepTree(in dir: URL, levels: Int, name: String, _ text: String) throws {
        var fd = open(dir.path, O_RDONLY | O_DIRECTORY)
        try #require(fd >= 0)
        for _ in 0..<levels {
            #expect(mkdirat(fd, name, 0o755) == 0)
            let next = openat(fd, name, O_RDONLY | O_DIRECTORY)
            close(fd)
            fd = next
            try #require(fd >= 0)
        }
        let file = openat(fd, "deep.okr", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(file, $0.baseAddress!, $0.count) }
        close(file)
        close(fd)
    }

    // MARK: 1. --output

    @Test func outputNamingAnInputIsRefusedUnderAnyName() throws {
        let dir = try CLI.tempDir(["team.okr": cleanTeamFile()])
        let team = dir.appendingPathComponent("team.okr")
        #expect(symlink("team.okr", dir.appendingPathComponent("link.json").path) == 0)
        let before = try Data(contentsOf: team)
        for target in ["team.okr", "./team.okr", "link.json"] {
            let r = try CLI.run(["team.okr", "--no-config", "--format", "json", "-o", target] + today, in: dir)
            #expect(r.code == 2, "\(target): \(r.stderr)")
            #expect(r.stderr.contains("is one of the files okrlint reads; refusing to overwrite it"), "\(r.stderr)")
            #expect(try Data(contentsOf: team) == before, "-o \(target) must leave the checked file alone")
        }
    }

    @Test func temporaryNameTakenByALinkIsNeverFollowed() throws {
        let dir = try CLI.tempDir(["victim.txt": "precious\n"])
        let target = dir.appendingPathComponent("report.txt").path
        // A link to a file that exists, and a dangling one: O_CREAT alone would write through either.
        #expect(symlink(dir.appendingPathComponent("victim.txt").path, dir.appendingPathComponent(".report.txt.okrlint-planted.tmp").path) == 0)
        #expect(symlink(dir.appendingPathComponent("created-through-link").path, dir.appendingPathComponent(".report.txt.okrlint-dangling.tmp").path) == 0)
        var names = ["planted", "dangling", "fresh"][...]
        let r = OutputFile.write(to: target, inputs: [], tempSuffix: { names.popFirst()! }) { emit in emit("the report\n") }
        #expect(throws: Never.self) { try r.get() }
        #expect(names.isEmpty, "the two taken names were skipped")
        #expect(try String(contentsOfFile: dir.appendingPathComponent("victim.txt").path, encoding: .utf8) == "precious\n")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("created-through-link").path))
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "the report\n")
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(left == [".report.txt.okrlint-dangling.tmp", ".report.txt.okrlint-planted.tmp", "report.txt", "victim.txt"], "no temporary file of ours is left")
    }

    @Test func symlinkAtTheTargetIsReplacedNotWrittenThrough() throws {
        let dir = try CLI.tempDir(["team.okr": cleanTeamFile(), "victim.txt": "precious\n"])
        #expect(symlink("victim.txt", dir.appendingPathComponent("report.json").path) == 0)
        let r = try CLI.run(["team.okr", "--no-config", "--format", "json", "-o", "report.json"] + today, in: dir)
        #expect(r.code == 0, "\(r.stderr)")
        #expect(try String(contentsOfFile: dir.appendingPathComponent("victim.txt").path, encoding: .utf8) == "precious\n")
        #expect(!FileSystem.isSymlink(dir.appendingPathComponent("report.json").path))
        #expect(try String(contentsOfFile: dir.appendingPathComponent("report.json").path, encoding: .utf8).hasPrefix("{"))
    }

    @Test func replacedReportKeepsItsMode() throws {
        let dir = try CLI.tempDir(["team.okr": cleanTeamFile(), "report.json": "old\n"])
        let report = dir.appendingPathComponent("report.json").path
        #expect(chmod(report, 0o640) == 0)
        let r = try CLI.run(["team.okr", "--no-config", "--format", "json", "-o", "report.json"] + today, in: dir)
        #expect(r.code == 0, "\(r.stderr)")
        var st = stat()
        #expect(stat(report, &st) == 0)
        #expect(st.st_mode & 0o777 == 0o640)
        #expect(try String(contentsOfFile: report, encoding: .utf8).hasPrefix("{"))
    }

    @Test func aFIFOOrDeviceTargetIsWrittenNotReplaced() throws {
        let dir = try CLI.tempDir(["team.okr": cleanTeamFile()])
        let fifo = dir.appendingPathComponent("out.fifo").path
        #expect(mkfifo(fifo, 0o644) == 0)
        // A reader first, so the writer's open does not wait; the report fits in the pipe's buffer.
        let reader = open(fifo, O_RDONLY | O_NONBLOCK)
        try #require(reader >= 0)
        defer { close(reader) }
        let r = try CLI.run(["team.okr", "--no-config", "--format", "gcc", "-o", "out.fifo"] + today, in: dir, timeout: 30)
        #expect(r.code == 0 && !r.timedOut, "\(r.stderr)")
        var st = stat()
        #expect(lstat(fifo, &st) == 0 && st.st_mode & S_IFMT == S_IFIFO, "the FIFO is still a FIFO")
        // Standard streams by name: the report goes to the descriptor.
        let s = try CLI.run(["team.okr", "--no-config", "--format", "json", "-o", "/dev/fd/1"] + today, in: dir)
        #expect(s.code == 0 && s.stdout.hasPrefix("{") && s.stdout.hasSuffix("All checks passed (1 file checked).\n"), "\(s.stdout)\(s.stderr)")
        #expect(OutputFile.descriptor("/dev/stdout") == 1 && OutputFile.descriptor("/dev/stderr") == 2 && OutputFile.descriptor("/proc/self/fd/1") == 1)
        #expect(OutputFile.descriptor("/dev/fd/12345") == nil, "a descriptor that is not open is a path")
        // Not against an older build: it renamed a regular file over /dev/null when run as root.
        if ProcessInfo.processInfo.environment["OKRLINT_TEST_BINARY"] == nil {
            let n = try CLI.run(["team.okr", "--no-config", "-o", "/dev/null"] + today, in: dir)
            #expect(n.code == 0)
            #expect(lstat("/dev/null", &st) == 0 && st.st_mode & S_IFMT == S_IFCHR)
        }
    }

    @Test func noTemporaryFileIsLeftWhenWritingFails() throws {
        let dir = try CLI.tempDir([:])
        // The size limit makes a write fail with EFBIG half way (the signal is ignored, so the write returns).
        let r = try CLI.run([CLI.root.appendingPathComponent("samples/pitfalls").path, "--format", "json", "-o", "out.json"] + today,
                            in: dir, shell: "trap '' XFSZ; ulimit -f 4")
        #expect(r.code == 2, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains("out.json: could not write the report"), "\(r.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == [], "neither the report nor a temporary file")
    }

    // MARK: 2. Symbolic links found while walking

    @Test func linksFoundWhileWalkingAreNotFollowed() throws {
        let outside = try CLI.tempDir(["passwd": "root:SECRET-OUTSIDE:0:0\n", "folder/x.okr": "SECRET-FOLDER\n",
                                       "folder/.okrlint.json": #"{"rules": {"missing-header": "off"}}"#])
        let dir = try CLI.tempDir([".git/config": "[remote]\n  token = SECRET-GIT\n", "okrs/team.okr": cleanTeamFile(),
                                   "okrs/sub/other.okr": cleanTeamFile(team: "other")])
        let okrs = dir.appendingPathComponent("okrs")
        #expect(symlink("../.git/config", okrs.appendingPathComponent("config.okr").path) == 0)
        #expect(symlink(outside.appendingPathComponent("passwd").path, okrs.appendingPathComponent("passwd.okr").path) == 0)
        #expect(symlink(outside.appendingPathComponent("folder").path, okrs.appendingPathComponent("linked").path) == 0)
        #expect(symlink("/", okrs.appendingPathComponent("root").path) == 0)
        #expect(symlink(".", okrs.appendingPathComponent("sub/loop").path) == 0)
        #expect(symlink("team.okr", okrs.appendingPathComponent("again.okr").path) == 0)
        for format in ["human", "json"] {
            let r = try CLI.run(["okrs", "--format", format] + today, in: dir, timeout: 60)
            #expect(!r.timedOut)
            #expect(r.code == 0, "\(format): \(r.stdout.prefix(2000))\(r.stderr)")
            #expect(!(r.stdout + r.stderr).contains("SECRET"), "\(format) read through a link")
            if format == "human" { #expect(r.stdout.contains("(2 files checked)"), "\(r.stdout)") }
            for link in ["okrs/config.okr", "okrs/passwd.okr", "okrs/linked", "okrs/root", "okrs/sub/loop", "okrs/again.okr"] {
                #expect(r.stderr.contains("okrlint: note: \(link): symbolic link not followed"), "\(link): \(r.stderr)")
            }
        }
        // A link named on the command line is the user's choice.
        let named = try CLI.run(["okrs/passwd.okr", "--no-config"] + today, in: dir)
        #expect(named.code == 1 && named.stdout.contains("SECRET-OUTSIDE"))
    }

    // MARK: 4. Control characters in names and text, per format

    static let hostileName = "evil\n::error file=forged.okr,line=1::forged\u{1B}]0;pwned\u{7}\u{202E}.okr"
    static let hostileTitle = "Launch \u{1B}[2J\u{1B}]8;;https://evil.example\u{7}click\u{1B}]8;;\u{7} \u{202E}gnp.exe\u{202C} \u{9B}31m \u{2066}x\u{2069} \u{85}\r\u{7F}"

    func hostileRun(_ format: String) throws -> (CLI.Output, Int) {
        let text = cleanTeamFile().replacingOccurrences(of: "### KR1.2: Raise deploys per week", with: "### KR1.2: \(Self.hostileTitle)")
        let dir = try CLI.tempDir([:])
        try Self.createFile(in: dir, name: Array(Self.hostileName.utf8), text)
        let json = try CLI.run([".", "--no-config", "--format", "json"] + today, in: dir)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let files = try #require(doc["files"] as? [[String: Any]])
        #expect(files.first?["path"] as? String == Self.hostileName, "JSON keeps the real name")
        let findings = (files.first?["diagnostics"] as? [Any])?.count ?? 0
        #expect(findings > 0)
        return (try CLI.run([".", "--no-config", "--format", format, "--color", "never"] + today, in: dir), findings)
    }

    @Test(arguments: ReportFormats.ids)
    func controlCharactersNeverReachTheOutput(_ format: String) throws {
        let (r, findings) = try hostileRun(format)
        #expect(r.code == 1)
        let raw = r.stdout.unicodeScalars.filter { SafeText.isUnsafe($0.value) && $0 != "\n" }
        #expect(raw.isEmpty, "\(format) printed \(raw.map { String($0.value, radix: 16) })")
        switch format {
        case "github", "gcc":
            // One line per finding: nothing in the name or title started a line of its own.
            let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            #expect(lines.count == findings, "\(r.stdout)")
            #expect(lines.allSatisfy { $0.hasPrefix(format == "github" ? "::" : "evil\\n::error file=forged.okr,line=1::forged\\x1B]0;pwned\\x07\\u{202E}.okr:") })
            if format == "github" {
                // Properties end at the first `::` after the command: the file name cannot add one.
                #expect(lines.allSatisfy { $0.contains(" file=evil\\n%3A%3Aerror file=forged.okr%2Cline=1%3A%3Aforged") }, "\(r.stdout)")
            }
        case "human":
            #expect(r.stdout.contains("--> evil\\n::error file=forged.okr,line=1::forged\\x1B]0;pwned\\x07\\u{202E}.okr:"))
            #expect(r.stdout.contains("Launch \\x1B[2J\\x1B]8;;https://evil.example\\x07click"), "help quotes the title, escaped")
            #expect(r.stdout.contains("16 | ### KR1.2: Launch \u{FFFD}[2J"), "the excerpt shows U+FFFD")
        case "junit", "checkstyle":
            #expect(r.stdout.contains("evil\\n::error file=forged.okr,line=1::forged\\x1B]0;pwned\\x07\\u{202E}.okr"))
        default:
            // JSON formats: the data survives, escaped as \\uXXXX.
            let parsed = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8))
            #expect(parsed is [String: Any] || parsed is [Any])
            #expect(r.stdout.contains("\\u001b") && r.stdout.contains("\\u202e"), "ESC and U+202E of the name, as \\u escapes")
        }
    }

    @Test func xmlAttributesKeepLineBreaksAndTabs() {
        #expect(XML.escape("a\tb\nc\rd<&>\"'") == "a&#9;b&#10;c&#13;d&lt;&amp;&gt;&quot;&apos;")
        #expect(XML.text("a\u{1B}b") == "a\\x1Bb")
    }

    @Test func stderrMessagesAreEscaped() throws {
        let r = try CLI.run(["missing\u{1B}]0;pwned\u{7}.okr", "--no-config"] + today)
        #expect(r.code == 2)
        #expect(r.stderr == "okrlint: error: missing\\x1B]0;pwned\\x07.okr: no such file or directory\n", "\(r.stderr.debugDescription)")
        // A config key reaches stderr in its error.
        let dir = try CLI.tempDir([".okrlint.json": "{\"rul\\u001b]0;x\\u0007es\": {}}", "t.okr": cleanTeamFile()])
        let c = try CLI.run(["t.okr"] + today, in: dir)
        #expect(c.code == 2 && !c.stderr.unicodeScalars.contains { SafeText.isUnsafe($0.value) && $0 != "\n" }, "\(c.stderr.debugDescription)")
        // A word from the command line, in a usage error.
        let u = try CLI.run(["--format", "x\u{1B}[2J"])
        #expect(u.code == 2 && !u.stderr.unicodeScalars.contains { SafeText.isUnsafe($0.value) && $0 != "\n" }, "\(u.stderr.debugDescription)")
    }

    @Test func dumpEscapesEveryValueItPrints() throws {
        let dir = try CLI.tempDir(["t.okr": "# T\u{202E}x\n- owner: @x\u{1B}[2J\u{9B}\n## O1: A\n- x-note: \u{7}bell\n"])
        let r = try CLI.run(["dump", "t.okr"], in: dir)
        #expect(r.code == 0)
        #expect(!r.stdout.unicodeScalars.contains { SafeText.isUnsafe($0.value) && $0 != "\n" }, "\(r.stdout.debugDescription)")
        #expect(r.stdout.contains("owner=@x\\x1B[2J\\x9B"))
    }

    @Test(arguments: [
        ("plain name.okr", "plain name.okr"),
        ("a\u{1B}b\u{7}c", "a\\x1Bb\\x07c"),
        ("line\nbreak\r\ttab", "line\\nbreak\\r\\ttab"),
        ("c1 \u{85}\u{9B}", "c1 \\x85\\x9B"),
        ("bidi \u{202A}\u{202E}\u{2066}\u{2069}\u{2028}", "bidi \\u{202A}\\u{202E}\\u{2066}\\u{2069}\\u{2028}"),
        ("fine: é → 日本 \u{2192} ©", "fine: é → 日本 \u{2192} ©"),
    ])
    func safeTextEscapesOnlyWhatIsUnsafe(_ input: String, _ expected: String) {
        #expect(SafeText.escape(input) == expected)
    }

    // MARK: 5. Bounds: working folder, FIFOs, long lines, /dev/zero

    @Test func workingFolderLongerThanPathMax() throws {
        let dir = try CLI.tempDir([:])
        let name = String(repeating: "d", count: 200)
        try Self.makeDeepTree(in: dir, levels: 30, name: name, cleanTeamFile())
        // Change folder one level at a time (the whole path is too long for one chdir, and sh's `cd` uses it),
        // then exec okrlint there.
        let script = "import os, sys\nfor _ in range(30): os.chdir(\(String(reflecting: name)))\nos.execv(sys.argv[1], sys.argv[1:])"
        let r = try CLI.run(["deep.okr"] + today, in: dir, timeout: 60, shell: "exec python3 -c '\(script)' \"$0\" \"$@\"")
        #expect(!r.timedOut, "okrlint hung in a working folder longer than PATH_MAX")
        #expect(r.code == 0 && r.stdout == "All checks passed (1 file checked).\n", "\(r.stdout)\(r.stderr)")
        // A working folder deleted under okrlint's feet: a clear error, not a loop.
        let gone = try CLI.run(["x.okr"] + today, in: dir, timeout: 60, shell: "mkdir gone && cd gone && rmdir ../gone")
        #expect(!gone.timedOut && gone.code == 2, "\(gone.stderr)")
        #expect(gone.stderr.hasPrefix("okrlint: error: cannot read the working folder"), "\(gone.stderr)")
    }

    @Test func filesDeeperThanPathMaxAreChecked() throws {
        let dir = try CLI.tempDir(["top.okr": cleanTeamFile()])
        try Self.makeDeepTree(in: dir, levels: 30, name: String(repeating: "e", count: 200), "# T\n\n* bad\n")
        let r = try CLI.run([".", "--no-config", "--format", "gcc"] + today, in: dir, timeout: 60)
        #expect(r.code == 1, "\(r.stdout.suffix(300))\(r.stderr.prefix(500))")
        #expect(r.stdout.contains("/deep.okr:3:1: error:"), "the deep file is read and reported")
        #expect(r.stderr.isEmpty, "\(r.stderr.prefix(500))")
        // In the workspace of a one-file check (walked by absolute path): a link to the deep file resolves.
        let ws = try CLI.tempDir([".okrlint.json": #"{"root": true}"#,
                                  "top.okr": cleanTeamFile(team: "top").replacingOccurrences(of: "- owner: @dana\n\n###", with: "- owner: @dana\n- aligns: deep/O1\n\n###")])
        try Self.makeDeepTree(in: ws, levels: 30, name: String(repeating: "f", count: 200), cleanTeamFile(team: "deep"))
        let one = try CLI.run(["top.okr", "--format", "gcc"] + today, in: ws, timeout: 60)
        #expect(one.code == 0 && !one.stdout.contains("broken-alignment"), "\(one.stdout)\(one.stderr)")
        #expect(one.stdout.contains("unsupported-objective") == false)
    }

    @Test func aFileSwappedForAFIFOBetweenThePassesDoesNotBlock() throws {
        let dir = try CLI.tempDir(["a.okr": "# T\n\n* bad\n"])
        let path = dir.appendingPathComponent("a.okr").path
        let finished = DispatchSemaphore(value: 0)
        let box = OutcomeBox()
        let folder = dir.path
        Thread.detachNewThread {
            var options = RunOptions(paths: [folder])
            options.betweenPasses = {
                unlink(path)
                mkfifo(path, 0o644)
            }
            box.set(Result { try LintRun.run(options) })
            finished.signal()
        }
        if finished.wait(timeout: .now() + 30) == .timedOut {
            // Release the blocked reader before failing.
            let w = open(path, O_WRONLY | O_NONBLOCK)
            if w >= 0 { close(w) }
            _ = finished.wait(timeout: .now() + 10)
            Issue.record("the second pass blocked on a FIFO")
            return
        }
        let outcome = try box.get().get()
        #expect(outcome.errors.map(\.message) == ["not a regular file"])
    }

    @Test func aLongLineCostsNoMoreMemoryThanTheFile() throws {
        // 20 MB on one line, with findings on it: the excerpt works on a window, never the whole line.
        let dir = try CLI.tempDir(["long.okr": "# " + String(repeating: "long title ", count: 1_900_000) + "\n## O1: x\n"])
        let script = """
            import resource, subprocess, sys
            r = subprocess.run(sys.argv[1:], capture_output=True)
            print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)
            """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", script, CLI.binary.path, "long.okr", "--no-config"] + today
        p.currentDirectoryURL = dir
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        let fields = text.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        try #require(fields.count == 2, "\(text)")
        #expect(fields[0] == 1)
        // 21 MB of input; the old excerpt took about 900 MB. Sanitizer builds have a larger base.
        #expect(fields[1] < 250, "peak memory \(fields[1]) MB for a 21 MB file")
    }

    @Test func specialFilesAndHugeInputsAreRefusedNotRead() throws {
        let dump = try CLI.run(["dump", "/dev/zero"], timeout: 30)
        #expect(!dump.timedOut && dump.code == 2 && dump.stderr.contains("/dev/zero: not a regular file"), "\(dump.stderr)")
        let config = try CLI.run(["samples/company.okr", "--config", "/dev/zero"], timeout: 30)
        #expect(!config.timedOut && config.code == 2 && config.stderr.contains("not a regular file"), "\(config.stderr)")
        let stdin = try CLI.run(["-", "--no-config"], stdinFile: "/dev/zero", timeout: 60)
        #expect(!stdin.timedOut && stdin.code == 2 && stdin.stderr.contains("larger than 64 MiB"), "\(stdin.stderr)")
        // A config file of 2 MB is refused before it is parsed.
        let dir = try CLI.tempDir([".okrlint.json": "{" + String(repeating: " ", count: 2 << 20) + "}", "t.okr": cleanTeamFile()])
        let big = try CLI.run(["t.okr"] + today, in: dir)
        #expect(big.code == 2 && big.stderr.contains("larger than 1 MiB"), "\(big.stderr)")
    }

    // MARK: 8. Runs that check nothing, odd names, one file under several names

    @Test func aPathWithNoOKRFilesIsAnError() throws {
        let dir = try CLI.tempDir(["docs/readme.md": "# hi\n", "build/x.okr": cleanTeamFile()])
        let r = try CLI.run(["docs", "--no-config"] + today, in: dir)
        #expect(r.code == 2)
        #expect(r.stderr.hasPrefix("okrlint: error: no OKR files (*.okr, *.okr.md) to check in docs;"), "\(r.stderr)")
        #expect(try CLI.run([".", "--no-config"] + today, in: dir).code == 2, "build/ is skipped, so nothing is left")
    }

    @Test func aNameThatIsNotUTF8IsReadAndShownEscaped() throws {
        let dir = try CLI.tempDir([:])
        try Self.createFile(in: dir, name: Array("caf".utf8) + [0xE9] + Array(".okr".utf8), "# T\n\n* bad\n")
        let r = try CLI.run([".", "--no-config", "--format", "gcc"] + today, in: dir)
        #expect(r.code == 1, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("caf\\xE9.okr:3:1: error:"), "\(r.stdout)")
        #expect(r.stderr.isEmpty, "\(r.stderr)")
    }

    @Test func oneFileUnderSeveralNamesIsCheckedOnce() throws {
        let dir = try CLI.tempDir(["company.okr": "# T\n\n* bad\n", "a/keep": ""])
        #expect(link(dir.appendingPathComponent("company.okr").path, dir.appendingPathComponent("hard.okr").path) == 0)
        #expect(symlink("company.okr", dir.appendingPathComponent("soft.okr").path) == 0)
        let r = try CLI.run(["company.okr", "./company.okr", "a/../company.okr", "hard.okr", "soft.okr", ".", "--no-config"] + today, in: dir)
        #expect(r.code == 1)
        #expect(r.stdout.contains("\nFound 2 errors and 1 warning in 1 file (1 file checked).\n"), "\(r.stdout)")
        #expect(r.stdout.contains("--> company.okr:3:1") && !r.stdout.contains("hard.okr"), "reported under the first name")
    }

    // MARK: 10. Command-line contract

    @Test func stdinFilenameAloneMeansStandardInput() throws {
        let dir = try CLI.tempDir(["other.okr": "# T\n\n* bad\n"])
        let r = try CLI.run(["--stdin-filename", "teams/x.okr", "--no-config"] + today, in: dir, stdin: cleanTeamFile())
        #expect(r.code == 0 && r.stdout == "All checks passed (1 file checked).\n", "\(r.stdout)\(r.stderr)")
        let both = try CLI.run(["--stdin-filename", "x.okr", "other.okr", "--no-config"] + today, in: dir, stdin: cleanTeamFile())
        #expect(both.code == 2 && both.stderr.contains("add `-`"), "\(both.stderr)")
    }

    @Test(arguments: ["serve", "format", "lint-all"])
    func unknownCommandsAreNotPaths(_ word: String) throws {
        let dir = try CLI.tempDir(["format/x.okr": cleanTeamFile()])
        let r = try CLI.run([word] + today, in: dir)
        if word == "format" {
            // A folder of that name exists: it is checked.
            #expect(r.code == 0 && r.stdout.contains("(1 file checked)"), "\(r.stdout)\(r.stderr)")
        } else {
            #expect(r.code == 2 && r.stderr.hasPrefix("okrlint: error: unknown command `\(word)`"), "\(r.stderr)")
            #expect(r.stderr.contains("write `./\(word)`"))
        }
        // Spelled as a path, or after `--`, a name is a path.
        let p = try CLI.run(["./\(word)"] + today, in: dir)
        #expect(p.stderr.contains("no such file") || p.code == 0)
        let dd = try CLI.run(["--", word] + today, in: dir)
        #expect(!dd.stderr.contains("unknown command"))
    }

    @Test(arguments: [
        (["rules", "extra"], "`okrlint rules` takes only `--markdown`"),
        (["schema", "x"], "`okrlint schema` takes no arguments"),
        (["dump", "a.okr", "b.okr"], "`okrlint dump` takes one file"),
        (["dump"], "`okrlint dump` takes one file"),
        (["rule", "a", "b"], "`okrlint rule` takes one rule id"),
        (["version", "x"], "`okrlint version` takes no arguments"),
    ])
    func extraArgumentsToSubcommandsAreErrors(_ args: [String], _ message: String) throws {
        let r = try CLI.run(args)
        #expect(r.code == 2 && r.stderr.contains(message), "\(r.stderr)")
    }

    @Test func warningsThatFailTheRunSayWhy() throws {
        let warningsOnly = cleanTeamFile().replacingOccurrences(of: "- 2026-11-20 KR1.2: 22 deploys/wk", with: "")
        let dir = try CLI.tempDir(["w.okr": warningsOnly])
        let m = try CLI.run(["w.okr", "--no-config", "--max-warnings", "0"] + today, in: dir)
        #expect(m.code == 1 && m.stderr == "okrlint: too many warnings: 1 (maximum: 0, --max-warnings)\n", "\(m.stderr)")
        let s = try CLI.run(["w.okr", "--no-config", "--strict"] + today, in: dir)
        #expect(s.code == 1 && s.stderr == "okrlint: 1 warning fails the run (--strict)\n", "\(s.stderr)")
        #expect(try CLI.run(["w.okr", "--no-config"] + today, in: dir).stderr.isEmpty)
    }

    @Test func syntaxErrorIsExplainedLikeARule() throws {
        let r = try CLI.run(["rule", "syntax-error"])
        #expect(r.code == 0 && r.stdout.hasPrefix("# syntax-error\n") && r.stdout.contains("cannot be turned off"))
        // Its example really is a syntax error.
        let example = try #require(r.stdout.components(separatedBy: "```markdown\n").last?.components(separatedBy: "```").first)
        let d = try CLI.run(["-", "--no-config", "--format", "gcc"] + today, stdin: example)
        #expect(d.stdout.contains("error: ") && d.stdout.contains("[syntax-error]"), "\(d.stdout)")
        #expect(try CLI.run(["rule", "syntax-eror"]).stderr.contains("did you mean `syntax-error`?"))
    }

    @Test func gccColumnsInBytesOrCharacters() throws {
        let text = "# T\n\n- okr: 1\n- team: t\n- period: 2026-Q4\n\n## O1: Éé délais 40%\n"
        let chars = try CLI.run(["-", "--no-config", "--format", "gcc"] + today, stdin: text)
        let bytes = try CLI.run(["-", "--no-config", "--format", "gcc", "--column-unit", "byte"] + today, stdin: text)
        // "40%" is the 18th character of its line and starts at its 21st byte (É, é and é take two bytes each).
        #expect(chars.stdout.contains("<stdin>:7:18: note: ") && chars.stdout.contains("[objective-has-metric]"), "\(chars.stdout)")
        #expect(bytes.stdout.contains("<stdin>:7:21: note: ") && bytes.stdout.contains("[objective-has-metric]"), "\(bytes.stdout)")
        let wrong = try CLI.run(["samples/company.okr", "--column-unit", "byte"] + today)
        #expect(wrong.code == 2 && wrong.stderr.contains("applies to `--format gcc`"))
    }

    @Test func readmeListsEveryFormatAndRealOffsets() throws {
        let readme = try String(contentsOf: CLI.root.appendingPathComponent("README.md"), encoding: .utf8)
        let line = try #require(readme.components(separatedBy: "\n").first { $0.contains("`--format human|") })
        for id in ReportFormats.ids { #expect(line.contains(id), "README's options line lacks \(id)") }
        let syntaxErrorDocs = try CLI.run(["rule", "syntax-error"])
        #expect(!readme.contains("| `syntax-error` |") || syntaxErrorDocs.code == 0, "README lists a rule `okrlint rule` does not know")
        // The JSON example's positions are those of the real report.
        let r = try CLI.run(["samples/pitfalls/unknown-key.okr", "--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let d = try #require(((json["files"] as? [[String: Any]])?.first?["diagnostics"] as? [[String: Any]])?.first)
        let range = try #require(d["range"] as? [String: [String: Int]])
        let start = range["start"]!, end = range["end"]!
        #expect(readme.contains("\"start\": { \"line\": \(start["line"]!), \"column\": \(start["column"]!), \"offset\": \(start["offset"]!) }"))
        #expect(readme.contains("\"end\": { \"line\": \(end["line"]!), \"column\": \(end["column"]!), \"offset\": \(end["offset"]!) }"))
    }

    // MARK: 11. Portability: PortabilityTests

    // MARK: 12. One table of formats

    @Test func everyFormatComesFromOneTable() throws {
        #expect(ReportFormats.ids == ["human", "json", "sarif", "github", "gcc", "junit", "checkstyle", "gitlab"])
        #expect(Set(ReportFormats.ids).count == ReportFormats.all.count)
        let help = try CLI.run(["--help"]).stdout
        for f in ReportFormats.all {
            #expect(help.contains("\(f.id)") && help.contains(f.summary), "--help lacks \(f.id)")
            let reporter = f.make(ReportContext())
            #expect(type(of: reporter).id == f.id)
            // An empty run renders without trapping, and through the same frame as a full one.
            let empty = reporter.render(LintResult(files: []))
            #expect(!empty.isEmpty || f.id == "gcc" || f.id == "github")
        }
        let bad = try CLI.run(["--format", "xml"])
        #expect(bad.code == 2 && bad.stderr.contains("formats: human, json, sarif, github, gcc, junit, checkstyle, gitlab"))
    }
}

/// The outcome of a run on another thread, handed back after a semaphore (a lock makes the hand-over explicit).
final class OutcomeBox: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Result<RunOutcome, any Error>?
    func set(_ v: Result<RunOutcome, any Error>) { lock.lock(); value = v; lock.unlock() }
    func get() -> Result<RunOutcome, any Error> {
        lock.lock()
        defer { lock.unlock() }
        return value ?? .failure(CancellationError())
    }
}
