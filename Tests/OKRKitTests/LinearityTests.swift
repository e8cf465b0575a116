import Foundation
import Testing
@testable import OKRKit

/// Parsing (and linting) is linear: quadrupling an adversarial input must not multiply the work by much more than
/// four. Work is measured as this thread's CPU time (not wall-clock), best of three, with a generous bound: linear
/// code gives about 4x, quadratic code 16x; the test fails above 9x.
@Suite(.serialized) struct LinearityTests {
    static let cases: [(String, @Sendable (Int) -> String)] = [
        ("one long line", { n in "# " + String(repeating: "word ", count: n) }),
        ("many headings", { n in String(repeating: "## O1: A\n### KR1.1: b\n", count: n / 4) }),
        ("many links on one line", { n in "## O1: A\n- aligns: " + (0..<(n / 8)).map { "t\($0)/O1" }.joined(separator: ", ") + "\n" }),
        ("comment openers never closed", { n in "# T " + String(repeating: "<!-- ", count: n / 2) + "\n" + String(repeating: "<!--\n", count: n / 4) }),
        ("task tokens", { n in "## O1: A\n### KR1.1: b\n- [ ] " + String(repeating: "@x due:2026-01-01 kr:K ", count: n / 8) + "\n" }),
        ("runs of #", { n in String(repeating: String(repeating: "#", count: 200) + "\n", count: n / 50) }),
        ("in-file alignment chain", { n in (1...(n / 20)).map { "## O\($0): A\n- aligns: O\($0 + 1)\n" }.joined() }),
        ("check-ins", { n in "## O1: A\n### K: b\n- metric: 0 -> 9 x\n## Check-ins\n" + String(repeating: "- 2026-11-02 K: 3 x, confidence 0.5 -- n -- m\n", count: n / 12) }),
        // Issue 10, item 5: each of these was quadratic (or worse) before.
        ("suppression regions", { n in String(repeating: "<!-- okrlint-disable missing-owner -->\n## O1: A\n<!-- okrlint-enable too-many-objectives -->\n<!-- okrlint-disable-line stale-check-in -->\n", count: n / 120) }),
        ("unknown references among many IDs", { n in
            "## O1: A\n" + (0..<(n / 60)).map { "### KR\($0): b\n" }.joined() + "## Check-ins\n" + (0..<(n / 60)).map { "- 2026-11-02 KX\($0): 3 x\n" }.joined() }),
        ("long unknown IDs", { n in "## O1: A\n### K" + String(repeating: "a", count: n / 4) + ": b\n## Check-ins\n- 2026-11-02 K" + String(repeating: "a", count: n / 4) + "b: 3 x\n" }),
        ("in-file alignment loop", { n in let k = n / 25; return (1...k).map { "## O\($0): A\n- aligns: O\($0 % k + 1)\n" }.joined() }),
        ("findings on one long line", { n in "## O1: A\n- aligns: " + (0..<(n / 8)).map { "t/X\($0)" }.joined(separator: ", ") + "\n" }),
        // Issue 9's forms: many facts in one block (duplicate keys indexed), deep nesting under an initiative,
        // long numbers with separators and long unit texts.
        ("many facts in one block", { n in "## O1: A\n### KR1.1: b\n" + (0..<(n / 12)).map { "- x-k\($0): v\n" }.joined() }),
        ("nested sub-items", { n in "## O1: A\n### KR1.1: b\n- [ ] t\n" + (0..<(n / 40)).map { String(repeating: " ", count: 2 + $0 % 30) + "- [ ] s\n" }.joined() }),
        // Issue 12: the formatter's layout and sorting.
        ("comments above many headings", { n in String(repeating: "- x-k: v\n<!-- c -->\n<!-- d -->\n## O1: A\n", count: n / 36) }),
        ("text in many notes sections", { n in String(repeating: "## Notes\ntext\n   more\n", count: n / 24) }),
        ("facts and check-ins in reverse order", { n in
            "## O1: A\n### K: b\n" + String(repeating: "- score: 0.5\n- due: 2026-12\n- owner: @a\n- metric: 0 -> 9 x\n", count: n / 60)
                + "## Check-ins\n" + (0..<(n / 40)).map { "- 20\(String(format: "%02d", 99 - $0 % 100))-11-02 K: 3 x\n" }.joined() }),
        // Fixes: each misspelt key in a block of its own gets one; check-ins newest first share one sort.
        ("misspelt keys, one per block", { n in String(repeating: "## O1: A\n- ownr: x\n", count: n / 18) }),
        ("misspelt keys in one block", { n in "## O1: A\n" + String(repeating: "- ownr: x\n", count: n / 10) }),
        ("check-ins newest first", { n in "## O1: A\n### K: b\n- metric: 0 -> 9 x\n## Check-ins\n" + (0..<(n / 24)).map { i in
            "- \(9999 - i / 336)-\(String(12 - (i / 28) % 12).leftPadded(2))-\(String(28 - i % 28).leftPadded(2)) K: 3 x\n" }.joined() }),
        // Byte spans: IDs are resolved by the parser through a table of their bytes.
        ("many key results sharing an ID", { n in "## O1: A\n" + String(repeating: "### K: b\n", count: n / 9) + "## Check-ins\n" + String(repeating: "- 2026-11-02 K: 3 x\n", count: n / 40) }),
        ("check-ins for many key results", { n in
            "## O1: A\n" + (0..<(n / 60)).map { "### KR\($0): b\n" }.joined() + "## Check-ins\n" + (0..<(n / 60)).map { "- 2026-11-02 KR\($0): 3 x\n" }.joined() }),
        ("many objectives sharing an ID", { n in String(repeating: "## O1: A\n", count: n / 9) }),
        ("long numbers and units", { n in "## O1: A\n### KR1.1: b\n- metric: 1" + String(repeating: ",000", count: n / 8) + " -> 2 " + String(repeating: "per x ", count: n / 12) + "\n- current: 1" + String(repeating: " 000", count: n / 8) + "\n" }),
    ]

    static func cpuSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// Cases whose findings are also rendered: reporters turn every offset into line and column, and many findings
    /// on one line must not rescan it each time (rendering the others would only slow the test down).
    static let rendered: Set<String> = ["one long line", "many links on one line", "findings on one long line", "in-file alignment loop",
                                        "check-ins newest first", "misspelt keys, one per block"]

    static func work(_ text: String, render: Bool = false) -> Double {
        let bytes = Array(text.utf8)
        var best = Double.infinity
        for _ in 0..<3 {
            let t0 = cpuSeconds()
            let doc = Parser.parse(path: "x.okr", bytes: bytes)
            let diagnostics = Linter(today: CalendarDate("2026-11-25")!).lint(doc)
            // `okrlint fmt` on the same input.
            _ = Formatter.format(doc)
            if render {
                let file = FileResult(source: doc.source, diagnostics: diagnostics)
                _ = JsonReporter().renderFile(file)
                _ = SarifReporter().renderFile(file)
                _ = GccReporter().renderFile(file)
            }
            best = min(best, cpuSeconds() - t0)
        }
        return best
    }

    /// Work outside the linter: each makes its input for a size (not timed) and returns the work to time.
    static let otherCases: [(String, @Sendable (Int) throws -> @Sendable () throws -> Void)] = [
        ("exclude glob with many ** on a deep path", { n in
            let glob = Glob("**/a/**/a/**/a/**/a/**/b")
            let path = Array(repeating: "a", count: n / 500).joined(separator: "/")
            return { for _ in 0..<200 { _ = glob.matches(path) } }
        }),
        ("diamond of extends", { n in
            // Each level's two files extend both files of the next level: 2^levels loads without memoisation.
            let levels = n / 4_000
            var files: [String: String] = ["repo/.git/HEAD": "x\n", "repo/l\(levels).json": "{}", "repo/r\(levels).json": "{}"]
            for k in 0..<levels { for side in ["l", "r"] { files["repo/\(side)\(k).json"] = #"{"extends": ["./l\#(k + 1).json", "./r\#(k + 1).json"]}"# } }
            let top = try CLI.tempDir(files).appendingPathComponent("repo/l0.json").path
            return { for _ in 0..<10 { _ = try ConfigLoader().load(top) } }
        }),
        ("duplicate IDs across many files of one team", { n in
            let k = n / 250
            let docs = (0..<k).map { i in Parser.parse(path: "t\(i).okr", text: "# T\n- team: t\n- period: 2026-Q4\n## O1: A\n## O2: B\n") }
            return {
                let ws = Workspace(documents: docs)
                let linter = Linter(rules: [.workspace(DuplicateTeamIDRule())])
                for d in docs { _ = linter.lintWorkspace(path: d.path, in: ws) }
            }
        }),
        ("links to a renumbered objective from many unchecked files", { n in
            let k = n / 250
            let company = Parser.parse(path: "c.okr", text: "# C\n- team: c\n- period: 2026-Q4\n## O1: A\n")
            let docs = [company] + (0..<k).map { i in Parser.parse(path: "t\(i).okr", text: "# T\n- team: t\(i)\n- period: 2026-Q4\n## O1: A\n- aligns: c/O2\n") }
            return {
                for _ in 0..<5 {
                    let ws = Workspace(documents: docs, reported: [0])
                    _ = Linter(rules: [.workspace(BrokenAlignmentRule())]).lintWorkspace(path: "c.okr", in: ws)
                }
            }
        }),
        ("fixing a file with many findings, round after round", { n in
            let k = n / 60
            let text = "# T\n\n- team: t\n- period: 2026-Q4\n\n" + (0..<k).map { "## O\($0): A\n- ownr: @x\n- Confidence: 60 <!-- okrlint-disable-line -->\n" }.joined()
                + "## Check-ins\n" + (0..<k).map { "- 2026-\(String(12 - ($0 / 28) % 12).leftPadded(2))-\(String(28 - $0 % 28).leftPadded(2)) KR1.1: 3\n" }.joined()
            let doc = Parser.parse(path: "x.okr", text: text)
            let linter = Linter(today: CalendarDate("2026-11-25")!)
            let diags = linter.lint(doc)
            return { _ = Fixer.fix(doc.source, diagnostics: diags, linter: linter, unsafe: true) }
        }),
        // Issue 14/15: the report groups check-ins per key result once; the commitment diff and the baseline index by ID.
        ("report of a file with many key results and check-ins", { n in
            let k = n / 10
            let text = "# T\n- team: t\n- period: 2026-Q4\n## O1: A\n" + (0..<k).map { "### K\($0): b\n- metric: 0 -> 9 x\n" }.joined()
                + "## Check-ins\n" + (0..<k).map { "- 2026-11-02 K\($0): 3 x, confidence 0.5\n" }.joined()
            let doc = Parser.parse(path: "x.okr", text: text)
            let ws = Workspace(documents: [doc])
            return { _ = ReportJSON().render(ReportModel(workspace: ws, documents: [doc], findings: [:], today: CalendarDate("2026-11-25")!, calendar: { _ in .calendarYear })) }
        }),
        ("commitment diff and baseline of a file with many key results", { n in
            let k = n / 80
            let old = "# T\n- team: t\n- period: 2026-Q4\n## O1: A\n" + (0..<k).map { "### K\($0): b\n- metric: 0 -> 9 x\n" }.joined()
            let a = Parser.parse(path: "x.okr", text: old)
            let b = Parser.parse(path: "x.okr", text: old.replacingOccurrences(of: "0 -> 9 x", with: "0 -> 8 x"))
            let diags = Linter(today: CalendarDate("2026-11-25")!).lint(b)
            let result = LintResult(files: [FileResult(source: b.source, diagnostics: diags)])
            return {
                _ = CommitmentDiff.compare(a, b, path: "x.okr")
                _ = Baseline.recording(result, folder: "/").apply(result.files[0])
            }
        }),
        // Issue 15: the history rules read each version into a table once (a search per key result and version, or
        // per dropped milestone, was quadratic).
        ("history rules over a file with many key results and versions", { n in
            let k = n / 60
            func version(_ target: Int, milestones: Bool) -> Document {
                Parser.parse(path: "x.okr", text: "# T\n- team: t\n- period: 2026-Q4\n"
                    + (0..<k).map { "## O\($0): A\n### K\($0): b\n- metric: 0 -> \(target) x\n- current: \(target - 5) x\n" + (milestones ? "### M\($0): m\n- metric: milestone\n" : "") }.joined()
                    + "## Check-ins\n- 2026-11-02 Z1: 3 x\n")
            }
            let versions = [version(90, milestones: true), version(80, milestones: false), version(70, milestones: false)]
            let history = FileHistory(versions: versions.enumerated().map { FileVersion(commit: String(repeating: "a", count: 40), date: CalendarDate("2026-10-\(10 + $0.offset)")!, document: $0.element) })
            let current = version(60, milestones: false)
            let linter = Linter(rules: [.history(MovingGoalpostsRule()), .history(CurrentWithoutCheckInRule()), .history(CarriedOverKeyResultRule())], today: CalendarDate("2026-11-25")!)
            return {
                let found = linter.lintHistory(current, history)
                #expect(found.count >= 3 * k)
            }
        }),
        // Many files of one team and period, all after one big file: each finds the previous file by binary search
        // and each key result by binary search in its sorted commitments.
        ("key results carried over from one big file into many files", { n in
            let k = n / 500
            let big = Parser.parse(path: "big.okr", text: "# T\n- team: t\n- period: 2026-Q3\n## O1: A\n" + (0..<(k * 4)).map { "### K\($0): b \($0)\n- metric: 0 -> 9 x\n" }.joined())
            let docs = [big] + (0..<k).map { i in Parser.parse(path: "t\(i).okr", text: "# T\n- team: t\n- period: 2026-Q4\n## O1: A\n### K1: b 1\n- metric: 0 -> 9 x\n### K2: b 2\n- metric: 0 -> 9 x\n") }
            let ws = Workspace(documents: docs)
            let linter = Linter(rules: [.workspace(CarriedOverFromPreviousFileRule())])
            return {
                var found = 0
                for d in docs.dropFirst() { found += linter.lintWorkspace(path: d.path, in: ws).count }
                #expect(found == 2 * k)
            }
        }),
        // A file renamed in every commit: each rename makes the old name a predecessor, read once.
        ("history of a file renamed in every commit", { n in
            let k = n / 20
            var log: [UInt8] = []
            let hex = { (i: Int) in String(repeating: "0", count: 40 - String(i, radix: 16).count) + String(i, radix: 16) }
            let zero = String(repeating: "0", count: 40)
            // Newest first, as git prints it: commit i renames f(i-1) to f(i).
            for i in (1...k).reversed() {
                log += Array("\u{1}\(hex(i)) 1790000000 1790000000\0\n:000000 100644 \(zero) \(hex(i)) A\0f\(i).okr\0:100644 000000 \(hex(i - 1)) \(zero) D\0f\(i - 1).okr\0".utf8)
            }
            let bytes = log
            return {
                var reader = LogReader(HistoryWalk(wanted: ["f\(k).okr"], unlanded: []))
                _ = bytes.withUnsafeBytes { reader.feed($0) }
                let walk = reader.finish()
                #expect(walk?.segments.count == k + 1 && walk?.deleted.count == k)
            }
        }),
        ("diff of many scattered changes", { n in
            let old = (0..<(n / 4)).map { "- line \($0)\n" }.joined()
            let new = (0..<(n / 4)).map { $0 % 7 == 0 ? "- changed \($0)\n" : "- line \($0)\n" }.joined()
            return { _ = UnifiedDiff.diff(path: "x", old: Array(old.utf8), new: Array(new.utf8)) }
        }),
    ]

    static func timed(_ work: () throws -> Void) rethrows -> Double {
        var best = Double.infinity
        for _ in 0..<3 {
            let t0 = cpuSeconds()
            try work()
            best = min(best, cpuSeconds() - t0)
        }
        return best
    }

    @Test(arguments: 0..<otherCases.count)
    func quadruplingTheWorkloadAboutQuadruplesTheTime(_ i: Int) throws {
        let (name, make) = Self.otherCases[i]
        let n = 25_000
        let small = try Self.timed(try make(n))
        let large = try Self.timed(try make(4 * n))
        let ratio = large / max(small, 1e-6)
        #expect(ratio < 9, "\(name): 4x the input took \(String(format: "%.1f", ratio))x the work (\(small)s -> \(large)s)")
    }

    @Test(arguments: 0..<cases.count)
    func quadruplingTheInputAboutQuadruplesTheWork(_ i: Int) {
        let (name, make) = Self.cases[i]
        let n = 25_000
        let small = Self.work(make(n), render: Self.rendered.contains(name))
        let large = Self.work(make(4 * n), render: Self.rendered.contains(name))
        let ratio = large / max(small, 1e-6)
        #expect(ratio < 9, "\(name): 4x the input took \(String(format: "%.1f", ratio))x the work (\(small)s -> \(large)s)")
    }
}

extension String {
    /// The string with zeros before it up to `width` characters.
    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
