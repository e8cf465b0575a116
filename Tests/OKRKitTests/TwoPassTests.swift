import Foundation
import Testing
@testable import OKRKit

/// The run's two passes (document rules, then rules across files on summaries) and its per-file rendering give the
/// same report as rendering the whole result at the end, and keep no sources.
@Suite struct TwoPassTests {
    static let reporters: [any Reporter] = [
        HumanReporter(), JsonReporter(), SarifReporter(), GitHubReporter(), GccReporter(), JUnitReporter(),
        CheckstyleReporter(), GitLabReporter(),
    ]

    func run(_ dir: URL, render: (any Reporter)?) throws -> RunOutcome {
        var options = RunOptions(paths: [dir.path], linterFor: { _ in Linter(today: CalendarDate(year: 2026, month: 11, day: 25)!) })
        if let render { options.renderFile = { file, _ in render.renderFile(file) } }
        return try LintRun.run(options)
    }

    /// Pitfalls plus a workspace: a company file and a team whose only finding comes from a rule across files.
    func workspace() throws -> URL {
        var files: [String: String] = [:]
        let pitfalls = CLI.root.appendingPathComponent("samples/pitfalls")
        for name in try FileManager.default.contentsOfDirectory(atPath: pitfalls.path) where name.hasSuffix(".okr") {
            files["pitfalls/" + name] = try String(contentsOf: pitfalls.appendingPathComponent(name), encoding: .utf8)
        }
        files["company.okr"] = teamFile("company", objectives: [("O1", nil)])
        files["teams/a.okr"] = teamFile("a", objectives: [("O1", "company/O1")])
        files["teams/b.okr"] = teamFile("b", objectives: [("O1", nil)])
        return try CLI.tempDir(files)
    }

    @Test(arguments: 0..<reporters.count) func renderedPartsMatchTheWholeReport(_ i: Int) throws {
        let dir = try workspace()
        let reporter = Self.reporters[i]
        let whole = try run(dir, render: nil)
        let parts = try run(dir, render: reporter)
        #expect(whole.errors.isEmpty && parts.errors.isEmpty)
        #expect(parts.result.files.allSatisfy { $0.rendered != nil && $0.source.bytes.isEmpty }, "sources are dropped once rendered")
        #expect(whole.result.files.contains { !$0.source.bytes.isEmpty })
        #expect(reporter.render(parts.result) == reporter.render(whole.result))
        #expect(!whole.result.allDiagnostics.isEmpty)
    }

    @Test func findingsFromTheSecondPassShowTheirLine() throws {
        let dir = try workspace()
        let outcome = try run(dir, render: HumanReporter())
        let b = try #require(outcome.result.files.first { $0.path.hasSuffix("teams/b.okr") })
        #expect(b.diagnostics.map(\.ruleID) == ["unaligned-objective"])
        // The file had no finding in the first pass, so it was read again for the excerpt.
        #expect(b.rendered?.contains("## O1: Objective 1") == true, "\(b.rendered ?? "")")
        #expect(b.rendered?.contains("teams/b.okr:8:4") == true, "\(b.rendered ?? "")")
        let a = try #require(outcome.result.files.first { $0.path.hasSuffix("teams/a.okr") })
        #expect(a.diagnostics.isEmpty && a.rendered == "")
    }

    @Test func summariesKeepWhatTheWorkspaceNeeds() throws {
        let doc = Parser.parse(path: "a.okr", text: teamFile("a", objectives: [("O1", "company/O1"), ("O2", nil)]))
        let s = DocumentSummary(doc)
        #expect(s.team == "a" && s.periodText == "2026-Q4" && s.period == doc.period())
        #expect(s.objectives.map { $0.id?.value } == ["O1", "O2"])
        #expect(s.objectives[0].aligns.map(\.display) == ["company/O1"] && s.objectives[0].hasAlignsProperty)
        #expect(!s.objectives[1].hasAlignsProperty)
        #expect(s.objectives[0].progress == Progress.objective(doc.objectives[0], in: doc))
        #expect(s.objectives[0].keyResults.map(\.id) == ["O1.1", "O1.2"])
        #expect(s.objectives[0].keyResults.map(\.progress) == [0.6, 0.6])
    }
}

@Suite struct PathAndChunkTests {
    @Test(arguments: [
        ("/a/b", "/a/b"), ("/a//b", "/a/b"), ("/a/./b", "/a/b"), ("/a/../b", "/b"), ("/a/b/", "/a/b"), ("/", "/"),
        ("//a", "/a"), ("/a/b/..", "/a"), ("/a/b/.", "/a/b"), ("/a/.hidden/b", "/a/.hidden/b"), ("/a/..b/c", "/a/..b/c"),
        ("/a/b.../c", "/a/b.../c"), ("a/b", "a/b"), ("./a", "a"), ("../a", "a"), ("", "."),
    ])
    func normalize(_ input: String, _ expected: String) {
        #expect(Path.normalize(input) == expected)
    }

    @Test(arguments: [("./a", "a"), ("a//b", "a/b"), ("a/b", "a/b"), ("././a", "a"), ("/a///b", "/a/b"), ("a/./b", "a/./b")])
    func clean(_ input: String, _ expected: String) {
        #expect(Path.clean(input) == expected)
    }

    /// A large report is emitted in chunks of about a megabyte whose concatenation is the whole report.
    @Test(arguments: TwoPassTests.reporters.indices)
    func largeReportsComeInChunks(_ i: Int) {
        let reporter = TwoPassTests.reporters[i]
        let source = SourceFile(path: "a.okr", text: "# A\n## O1: x\n")
        let d = Diagnostic(ruleID: "missing-owner", severity: .warning, message: String(repeating: "m", count: 300), help: "h",
                           path: "a.okr", range: SourceRange(start: 4, end: 6))
        let files = (0..<8000).map { FileResult(source: SourceFile(path: "f\($0).okr", bytes: source.bytes), diagnostics: [d]) }
        let result = LintResult(files: files)
        var chunks: [String] = []
        reporter.render(result) { chunks.append($0) }
        #expect(chunks.count > 1)
        #expect(chunks.allSatisfy { $0.utf8.count < 2 * reportChunkSize }, "\(chunks.map(\.utf8.count))")
        #expect(chunks.joined() == reporter.render(result))
    }
}

@Suite struct PathPartsTests {
    @Test(arguments: [("/a/b", "/a", "b"), ("/a/b/", "/a", "b"), ("a", ".", "a"), ("/a", "/", "a"), ("/", "/", ""),
                      ("a/b//", "a", "b"), ("é/ü.okr", "é", "ü.okr"), ("a//b", "a/", "b")])
    func parentAndName(_ path: String, _ parent: String, _ name: String) {
        #expect(Path.parent(path) == parent)
        #expect(Path.name(path) == name)
    }
}

@Suite struct ChangedMidRunTests {
    /// A file whose only finding comes from the second pass is read again; if it changed since the first pass, the
    /// run says so instead of showing an excerpt of other text.
    @Test func aFileChangedBetweenThePassesIsAnError() throws {
        let dir = try CLI.tempDir([
            "company.okr": teamFile("company", objectives: [("O1", nil)]),
            "teams/a.okr": teamFile("a", objectives: [("O1", "company/O1")]),
            "teams/b.okr": teamFile("b", objectives: [("O1", nil)]),
        ])
        var options = RunOptions(paths: [dir.path], linterFor: { _ in Linter(today: CalendarDate(year: 2026, month: 11, day: 25)!) })
        let b = dir.appendingPathComponent("teams/b.okr")
        options.betweenPasses = { try? Data("# changed\n".utf8).write(to: b) }
        let outcome = try LintRun.run(options)
        #expect(outcome.errors.map(\.message) == ["changed while okrlint was running; run it again"])
        #expect(outcome.errors.first?.path.hasSuffix("teams/b.okr") == true)
        // The other files are still reported.
        #expect(outcome.result.files.map { Path.name($0.path) }.sorted() == ["a.okr", "company.okr"])
    }
}
