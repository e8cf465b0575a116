import Foundation
import Testing

/// Runs the built `okrlint` binary and captures what it prints.
struct CLI {
    struct Output {
        var code: Int32
        var stdout: String
        var stderr: String
        /// The run was stopped after the timeout it was given (a hang).
        var timedOut = false
    }

    /// The package root, from this file's path.
    static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The binary next to the test bundle (whatever the build folder), else `.build/debug/okrlint`.
    /// `OKRLINT_TEST_BINARY` runs the CLI tests against another build (an older one, to see a regression test fail).
    static let binary: URL = {
        if let other = ProcessInfo.processInfo.environment["OKRLINT_TEST_BINARY"] { return URL(fileURLWithPath: other) }
        let bundleDir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for dir in [bundleDir, bundleDir.deletingLastPathComponent(), root.appendingPathComponent(".build/debug")] {
            let candidate = dir.appendingPathComponent("okrlint")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return root.appendingPathComponent(".build/debug/okrlint")
    }()

    /// Runs the binary in `dir`; `stdinFile` feeds a file (or device) as standard input instead of `stdin`;
    /// `timeout` stops a run that hangs (reported as `timedOut`); `shell` runs the binary through `/bin/sh -c`
    /// with the script before `exec` (for `ulimit`, `trap` or a `cd` into a folder deeper than PATH_MAX).
    static func run(_ args: [String], in dir: URL = root, stdin: String? = nil, stdinFile: String? = nil,
                    env: [String: String] = [:], timeout: Double? = nil, shell: String? = nil) throws -> Output {
        let p = Process()
        if let shell {
            p.executableURL = URL(fileURLWithPath: "/bin/sh")
            p.arguments = ["-c", shell + "\nexec \"$0\" \"$@\"", binary.path] + args
        } else {
            p.executableURL = binary
            p.arguments = args
        }
        p.currentDirectoryURL = dir
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "NO_COLOR")
        for (k, v) in env { environment[k] = v }
        p.environment = environment
        let out = Pipe(), err = Pipe(), input = Pipe()
        p.standardOutput = out
        p.standardError = err
        if let stdinFile {
            p.standardInput = FileHandle(forReadingAtPath: stdinFile)
        } else {
            p.standardInput = input
        }
        try p.run()
        // Stops a hung run; cancelled as soon as the run ends.
        let pid = p.processIdentifier
        let stop = DispatchWorkItem { kill(pid, SIGKILL) }
        if let timeout { DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: stop) }
        defer { stop.cancel() }
        if let s = stdin { input.fileHandleForWriting.write(Data(s.utf8)) }
        try input.fileHandleForWriting.close()
        // Read before waiting so a large output cannot fill the pipe and block the child.
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        stop.cancel()
        return Output(code: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self),
                      timedOut: p.terminationReason == .uncaughtSignal && p.terminationStatus == SIGKILL)
    }

    /// A fresh temporary folder with the given files (path -> text).
    static func tempDir(_ files: [String: String]) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("okrlint-test-\(UUID().uuidString)")
        for (path, text) in files {
            let url = dir.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Compares with a golden file under Fixtures/golden; `OKRLINT_UPDATE_GOLDEN=1` rewrites it instead.
    static func expectGolden(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = root.appendingPathComponent("Tests/OKRKitTests/Fixtures/golden/\(name)")
        if ProcessInfo.processInfo.environment["OKRLINT_UPDATE_GOLDEN"] == "1" {
            try Data(actual.utf8).write(to: url)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(actual == expected, "output differs from golden file \(name); rerun with OKRLINT_UPDATE_GOLDEN=1 after checking the change", sourceLocation: sourceLocation)
    }
}

/// A clean team file for tests; `extra` is appended.
func cleanTeamFile(team: String = "platform", extra: String = "") -> String {
    """
    # \(team) OKRs

    - okr: 1
    - team: \(team)
    - period: 2026-Q4
    - owner: @dana

    ## O1: Make deploys boring
    - owner: @dana

    ### KR1.1: Cut median deploy time
    - metric: 45 -> 15 min
    - current: 24 min
    - owner: @raj

    ### KR1.2: Raise deploys per week
    - metric: 12 -> 30 deploys/wk
    - current: 22 deploys/wk
    - owner: @raj

    ## Check-ins
    - 2026-11-20 KR1.1: 24 min
    - 2026-11-20 KR1.2: 22 deploys/wk
    \(extra)
    """
}
