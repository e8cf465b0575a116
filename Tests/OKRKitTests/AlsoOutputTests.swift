import Foundation
import Testing
@testable import OKRKit

/// `--also-output FORMAT:FILE` (issue 22): the GitHub Action gets annotations, SARIF and the findings for the job
/// summary from one run. Each report must be byte for byte what a run with that `--format` alone writes.
@Suite struct AlsoOutputTests {
    let pitfalls = CLI.root.appendingPathComponent("samples/pitfalls").path
    let today = ["--today", "2026-11-25", "--no-config"]

    @Test func oneRunWritesEachReportAsItsOwnRunWould() throws {
        let dir = try CLI.tempDir([:])
        let one = try CLI.run([pitfalls, "--format", "github", "--also-output", "sarif:also.sarif", "--also-output", "human:also.txt",
                               "--also-output", "json:also.json"] + today, in: dir)
        #expect(one.code == 1, "errors in the pitfalls: exit 1, \(one.stderr)")
        #expect(one.stdout.contains("::error file="), "the annotations still go to standard output")
        for (format, file) in [("sarif", "also.sarif"), ("human", "also.txt"), ("json", "also.json")] {
            let alone = try CLI.run([pitfalls, "--format", format, "--color", "never"] + today, in: dir)
            let written = try String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8)
            #expect(written == alone.stdout, "--also-output \(format) differs from --format \(format)")
            #expect(!written.isEmpty && !written.contains("\u{1B}["), "\(format): empty or coloured")
        }
        let gh = try CLI.run([pitfalls, "--format", "github"] + today, in: dir)
        #expect(gh.stdout == one.stdout, "the main report changed with --also-output")
        let sarif = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("also.sarif"))) as? [String: Any]
        let results = ((sarif?["runs"] as? [[String: Any]])?.first?["results"] as? [Any])?.count ?? 0
        #expect(results == one.stdout.split(separator: "\n").filter { $0.hasPrefix("::") }.count, "one SARIF result per annotation")
    }

    @Test func mistakesAreUsageErrors() throws {
        let cases: [([String], String)] = [
            (["--also-output", "pdf:x.pdf"], "wants FORMAT:FILE"),
            (["--also-output", "sarif:"], "wants FORMAT:FILE"),
            (["--also-output", "sarif"], "wants FORMAT:FILE"),
            (["--also-output", "sarif:a", "--also-output", "json:a"], "a file of its own"),
            (["--also-output", "sarif:a", "-o", "a"], "a file of its own"),
            (["--also-output", "sarif:a", "--fix"], "does not combine"),
            (["--also-output", "sarif:a", "--statistics"], "does not combine"),
            (["report", "--also-output", "sarif:a"], "does not apply to `okrlint report`"),
        ]
        let dir = try CLI.tempDir([:])
        for (args, message) in cases {
            let r = try CLI.run(args + [pitfalls], in: dir)
            #expect(r.code == 2 && r.stderr.contains(message), "\(args): \(r.code) \(r.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("a").path), "nothing is written on a usage error")
    }

    /// The version lives in one place (`okrlintVersion`); `--version`, SARIF and the language server say it, and the
    /// release script reads it from there.
    @Test func theVersionIsSaidWhereItIsDeclared() throws {
        let v = try CLI.run(["--version"])
        #expect(v.code == 0 && v.stdout == "okrlint \(okrlintVersion)\n")
        #expect(okrlintVersion.split(separator: ".").count == 3 && okrlintVersion.allSatisfy { $0.isNumber || $0 == "." })
        let release = try String(contentsOf: CLI.root.appendingPathComponent("tools/release"), encoding: .utf8)
        #expect(release.contains("okrlintVersion"), "tools/release reads the version from the sources")
    }
}
