import Foundation
import Testing
@testable import OKRKit

/// One case per (rule, correction), so a failure names both.
struct CorrectionCase: CustomTestStringConvertible, Sendable {
    let rule: AnyRule
    let correction: RuleCorrection
    let index: Int
    var testDescription: String { "\(rule.description.id) correction #\(index + 1)" }

    static var all: [CorrectionCase] {
        Registry.all.flatMap { rule in
            rule.description.corrections.enumerated().map { CorrectionCase(rule: rule, correction: $1, index: $0) }
        }
    }
}

/// The linter `runExample` runs a rule with: that rule alone, at its default severity, with the example's options.
func exampleLinter(_ rule: AnyRule, options: [String: OptionValue], today: CalendarDate?) -> Linter {
    Linter(rules: [rule], settings: [rule.description.id: RuleSetting(severity: rule.description.defaultSeverity, options: options)],
           today: today ?? CalendarDate("2026-11-25")!)
}

/// A one-edit fix of `range` (for the tests of the fix engine).
func replacing(_ start: Int, _ end: Int, with content: String, _ applicability: Applicability = .safe, rule: String = "r") -> Diagnostic {
    Diagnostic(ruleID: rule, severity: .warning, message: "m", path: "x.okr", range: SourceRange(start: start, end: end),
               fix: Fix(applicability, "replace", edits: [.replace(SourceRange(start: start, end: end), with: content)]))
}

@Suite struct FixTests {
    // MARK: Corrections: every rule's before/after, through the same pipeline as `--fix`

    @Test(arguments: CorrectionCase.all)
    func correction(_ c: CorrectionCase) {
        let example = c.correction.example
        let (doc, diags) = runExample(c.rule, example)
        #expect(diags.contains { $0.fix != nil }, "the `before` of a correction must get a fix: \(diags.map(\.message))")
        let linter = exampleLinter(c.rule, options: c.correction.options, today: c.correction.today)
        let result = Fixer.fix(doc.source, diagnostics: diags, linter: linter, unsafe: true)
        #expect(result.refused == nil, "\(result.refused ?? "")")
        let after = Array(c.correction.after.utf8)
        #expect(result.fixed == after, """
            after applying every fix:
            \(String(decoding: result.fixed, as: UTF8.self))
            expected:
            \(c.correction.after)
            """)
        // Fixing adds no syntax error, and leaves nothing more to fix for this rule.
        let fixedDoc = Parser.parse(path: "example.okr", bytes: after)
        #expect(fixedDoc.syntaxDiagnostics.count <= doc.syntaxDiagnostics.count)
        let (_, again) = runExample(c.rule, RuleExample(c.correction.after, options: c.correction.options, today: c.correction.today?.description))
        #expect(!again.contains { $0.fix != nil }, "the `after` still gets a fix: \(again.filter { $0.fix != nil }.map(\.message))")
        // Every fix is valid on the text it was made for, and says what it does.
        for d in diags { if let f = d.fix { #expect(f.isValid(byteCount: doc.source.bytes.count)); #expect(!f.message.isEmpty) } }
    }

    /// Every text the tests and samples hold, to collect the fixes the rules offer on them.
    static func allInputs() throws -> [(path: String, text: String)] {
        var out: [(String, String)] = []
        for rule in Registry.all {
            for e in rule.description.triggering + rule.description.passing { out.append(("example.okr", stripMarkers(e.source).0)) }
        }
        let samples = CLI.root.appendingPathComponent("samples")
        let walker = FileManager.default.enumerator(atPath: samples.path)!
        for case let name as String in walker where name.hasSuffix(".okr") || name.hasSuffix(".okr.md") {
            out.append((name, try String(contentsOf: samples.appendingPathComponent(name), encoding: .utf8)))
        }
        return out
    }

    @Test func everyRuleThatFixesHasCorrections() throws {
        var fixing = Set<String>()
        for (path, text) in try Self.allInputs() {
            let doc = Parser.parse(path: path, text: text)
            for d in Linter(today: CalendarDate("2026-11-25")!).lint(doc) where d.fix != nil {
                fixing.insert(d.ruleID)
                #expect(d.fix!.isValid(byteCount: doc.source.bytes.count), "\(d.ruleID) in \(path): an invalid fix")
            }
        }
        // The rules the issue asks fixes of show them.
        for id in ["unknown-key", "current-out-of-sync", "check-ins-out-of-order", "unused-suppression", "missing-header", "metric-inconsistent"] {
            #expect(Registry.rule(id)?.description.corrections.isEmpty == false, "\(id) has no correction")
        }
        for rule in Registry.all {
            let d = rule.description
            if fixing.contains(d.id) { #expect(!d.corrections.isEmpty, "\(d.id) offers fixes but has no correction") }
            #expect((d.fix != nil) == !d.corrections.isEmpty, "\(d.id): a rule that fixes says how (`fix`) and shows it (`corrections`)")
            if let text = d.fix { #expect(text.lowercased().contains("safe"), "\(d.id): say whether the fix is safe") }
        }
    }

    // MARK: The parser's fixes

    static let syntaxCases: [(before: String, after: String, safe: Bool)] = [
        ("# T\n\n- okr: 1\n- Team: platform\n\n## O1: A\n- Owner: @dana\n### KR1.1: b\n- Due-Date: 2026-12-01\n",
         "# T\n\n- okr: 1\n- team: platform\n\n## O1: A\n- owner: @dana\n### KR1.1: b\n- due-date: 2026-12-01\n", true),
        ("# T\n\n## O2 - Delight customers\n### KR2.1) Cut churn\n## O3 — Grow <!-- new -->\n",
         "# T\n\n## O2: Delight customers\n### KR2.1: Cut churn\n## O3: Grow <!-- new -->\n", true),
        ("# T\n\n## O2. Delight customers ##\n## OKR-4 : Be dependable\n",
         "# T\n\n## O2: Delight customers ##\n## OKR-4: Be dependable\n", true),
        // Without a separator the first word may not be an ID (`3D printing`): unsafe.
        ("# T\n\n## O2 Delight customers\n", "# T\n\n## O2: Delight customers\n", false),
    ]

    @Test(arguments: 0..<syntaxCases.count)
    func syntaxErrorFixes(_ i: Int) {
        let c = Self.syntaxCases[i]
        let doc = Parser.parse(path: "x.okr", text: c.before)
        #expect(doc.syntaxDiagnostics.contains { $0.fix != nil })
        let noRules = Linter(rules: [])
        let safeOnly = Fixer.fix(doc.source, diagnostics: doc.syntaxDiagnostics, linter: noRules, unsafe: false)
        let all = Fixer.fix(doc.source, diagnostics: doc.syntaxDiagnostics, linter: noRules, unsafe: true)
        #expect(String(decoding: all.fixed, as: UTF8.self) == c.after)
        #expect(String(decoding: safeOnly.fixed, as: UTF8.self) == (c.safe ? c.after : c.before))
        #expect(Parser.parse(path: "x.okr", text: c.after).syntaxDiagnostics.isEmpty)
    }

    @Test(arguments: ["# T\n\n## Check-in\n", "# T\n\n## Delight customers\n", "# T\n\n- Owner:x\n", "# T\n\n## Notes\n- Owner: x\n",
                      "# T\n\n## Check-ins\n- Owner: x\n", "# T\n\n## Initiatives\n- Owner: x\n",
                      // Lowered, the key would be given twice (with 20 keys before it, the indexed lookup).
                      "# T\n\n## O1: A\n- owner: @a\n- Owner: @b\n",
                      "# T\n\n## O1: A\n" + (0..<20).map { "- x-k\($0): v\n" }.joined() + "- owner: @a\n- x-z: 1\n- Owner: @b\n"])
    func noFixWhereTheIntentIsUnclear(_ text: String) {
        let doc = Parser.parse(path: "x.okr", text: text)
        #expect(!doc.syntaxDiagnostics.contains { $0.fix != nil }, "\(doc.syntaxDiagnostics.map(\.message))")
    }

    @Test func unknownKeyFixesOnlyWhenCertain() {
        func fixes(_ body: String) -> [String] {
            let doc = Parser.parse(path: "x.okr", text: "# T\n\n- okr: 1\n- team: t\n- period: 2026-Q4\n\n" + body)
            return Linter(rules: [.document(UnknownKeyRule())]).lint(doc).compactMap { $0.fix?.edits.first?.content }
        }
        #expect(fixes("## O1: A\n- ownr: x\n") == ["owner"])
        #expect(fixes("## O1: A\n- ownr: x\n- owner: y\n") == [], "a second `owner` would be a duplicate")
        #expect(fixes("## O1: A\n- ownr: x\n- onwer: y\n") == [], "two keys would both become `owner`")
        #expect(fixes("## O1: A\n- metric: 1 -> 2 x\n") == [], "a key result's key under an objective is misplaced, not misspelt")
        #expect(fixes("## O1: A\n### KR1.1: b\n- dua: 2026-12-01\n") == ["due"])
        #expect(fixes("## O1: A\n- tipe: committed\n") == ["type"])
        #expect(fixes("## O1: A\n- sponsor: x\n") == [])
        // `dye` is one edit from `due` and two from `type`: which was meant is not certain.
        #expect(fixes("## O1: A\n- dye: 2026-12-01\n") == [])
        #expect(fixes("## O1: A\n### KR1.1: b\n- sore: 0.5\n") == ["score"])
        #expect(fixes("## O1: A\n- " + String(repeating: "o", count: 100) + ": x\n") == [], "long keys get no fix")
    }

    // MARK: Applying fixes

    @Test func overlappingFixesWaitForTheNextRound() {
        let bytes = Array("abcdef".utf8)
        let (out, applied) = Fixer.apply([replacing(1, 3, with: "X"), replacing(2, 4, with: "Y"), replacing(4, 5, with: "Z")], to: bytes, unsafe: false)
        #expect(String(decoding: out, as: UTF8.self) == "aXdZf")
        #expect(applied == [0, 2])
    }

    @Test func oneFixSharedByFindingsIsAppliedOnceAndCountsForEach() {
        let fix = Fix.safe("sort", .replace(SourceRange(start: 0, end: 1), with: "b"), .replace(SourceRange(start: 2, end: 3), with: "a"))
        let d1 = Diagnostic(ruleID: "r", severity: .info, message: "1", path: "x", range: SourceRange(start: 2, end: 3), fix: fix)
        var d2 = d1
        d2.message = "2"
        let (out, applied) = Fixer.apply([d1, d2], to: Array("a-b".utf8), unsafe: false)
        #expect(String(decoding: out, as: UTF8.self) == "b-a")
        #expect(applied == [0, 1])
    }

    @Test func invalidAndUnsafeFixesAreNotApplied() {
        let bytes = Array("abc".utf8)
        let outside = replacing(2, 9, with: "X")
        var overlapping = replacing(0, 1, with: "X")
        overlapping.fix = Fix(.safe, "two edits over one byte", edits: [.replace(SourceRange(start: 0, end: 2), with: "X"), .replace(SourceRange(start: 1, end: 3), with: "Y")])
        var twoInsertions = replacing(0, 0, with: "X")
        twoInsertions.fix = Fix(.safe, "two insertions at one offset", edits: [.insert("X", at: 1), .insert("Y", at: 1)])
        var none = replacing(0, 0, with: "")
        none.fix = Fix(.safe, "no edit", edits: [])
        #expect(Fixer.apply([outside, overlapping, twoInsertions, none], to: bytes, unsafe: true).applied.isEmpty)
        let unsafe = replacing(0, 1, with: "X", .unsafe)
        #expect(Fixer.apply([unsafe], to: bytes, unsafe: false).applied.isEmpty)
        #expect(String(decoding: Fixer.apply([unsafe], to: bytes, unsafe: true).bytes, as: UTF8.self) == "Xbc")
        // Two fixes inserting at one offset: the order would be a guess, so the second waits.
        let (out, applied) = Fixer.apply([replacing(1, 1, with: "X"), replacing(1, 1, with: "Y"), replacing(1, 2, with: "Z")], to: bytes, unsafe: false)
        #expect(String(decoding: out, as: UTF8.self) == "aXZc" && applied == [0, 2])
    }

    @Test func aRoundThatAddsSyntaxErrorsIsThrownAway() {
        let text = "# T\n\n- okr: 1\n- team: t\n- period: 2026-Q4\n\n## O1: A\n- ownr: x\n"
        let doc = Parser.parse(path: "x.okr", text: text)
        // A fix that breaks the heading, beside a good one: the round is refused whole, the file stays as it was.
        let heading = text.utf8.count - "## O1: A\n- ownr: x\n".utf8.count
        let bad = replacing(heading, heading + 2, with: "* ")
        let good = Linter(rules: [.document(UnknownKeyRule())]).lint(doc)
        #expect(good.count == 1 && good[0].fix != nil)
        let result = Fixer.fix(doc.source, diagnostics: good + [bad], linter: Linter(), unsafe: false)
        #expect(result.fixed == doc.source.bytes)
        #expect(result.refused?.contains("would add syntax errors") == true)
        #expect(result.applied.isEmpty)
    }

    @Test func laterRoundsFixWhatEarlierFixesUncover() {
        // Round 1 lowercases the key; only then is `confidence: 60` read, and its (unsafe) fix offered in round 2.
        let text = exampleHeader + "## O1: A\n- owner: @d\n### KR1.1: a\n- metric: 45 -> 15 min\n- Confidence: 60\n"
        let doc = Parser.parse(path: "x.okr", text: text)
        let linter = Linter(today: CalendarDate("2026-11-25")!)
        let diags = linter.lint(doc)
        let two = Fixer.fix(doc.source, diagnostics: diags, linter: linter, unsafe: true)
        #expect(String(decoding: two.fixed, as: UTF8.self).hasSuffix("- confidence: 0.6\n"))
        #expect(two.applied.map(\.round) == [1, 2])
        #expect(two.applied.map(\.ruleID) == [syntaxErrorID, "metric-inconsistent"])
        let one = Fixer.fix(doc.source, diagnostics: diags, linter: linter, unsafe: true, maxRounds: 1)
        #expect(String(decoding: one.fixed, as: UTF8.self).hasSuffix("- confidence: 60\n"))
        let safe = Fixer.fix(doc.source, diagnostics: diags, linter: linter, unsafe: false)
        #expect(safe.fixed == one.fixed, "without --unsafe-fixes the percentage stays")
    }

    @Test func fixingFilesInParallelGivesWhatFixingEachGives() {
        let linter = Linter(today: CalendarDate("2026-11-20")!)
        let jobs = (0..<24).map { i -> Fixer.Job in
            let doc = Parser.parse(path: "t\(i).okr", text: FixCLITests.before.replacingOccurrences(of: "team: platform", with: "team: t\(i)"))
            return Fixer.Job(source: doc.source, diagnostics: linter.lint(doc), linter: linter)
        }
        let together = Fixer.fixAll(jobs, unsafe: false)
        #expect(together.count == jobs.count)
        for (job, fix) in zip(jobs, together) {
            let alone = Fixer.fix(job.source, diagnostics: job.diagnostics, linter: job.linter, unsafe: false)
            #expect(fix.path == job.source.path && fix.fixed == alone.fixed && fix.applied == alone.applied)
            #expect(fix.applied.count == 3)
        }
    }

    @Test(arguments: [("60", "0.6"), ("100", "1"), ("12", "0.12"), ("75.5", "0.755"), ("10.5", "0.105"), ("99.90", "0.999")])
    func percentagesBecomeFractions(_ written: String, _ fraction: String) {
        #expect(MetricInconsistentRule.percentAsFraction(Array(written.utf8)) == fraction)
    }

    @Test(arguments: ["1.5", "7", "10", "101", "60%", "6/10", "1e2", "-50"])
    func confidencesThatAreNotPlainPercentagesGetNoFix(_ written: String) {
        let doc = Parser.parse(path: "x.okr", text: exampleHeader + "## O1: A\n### KR1.1: a\n- metric: 1 -> 2 x\n- confidence: \(written)\n")
        let diags = Linter(rules: [.document(MetricInconsistentRule())]).lint(doc)
        #expect(!diags.contains { $0.fix != nil }, "\(written): \(diags.map(\.message))")
    }

    @Test func checkInsWithoutADateAreNotSorted() {
        let text = exampleHeader + "## O1: A\n### KR1.1: a\n\n## Check-ins\n- 2026-11-16 KR1.1: 4 min\n- 2026-11-02 KR1.1: 5 min\n- 2026-13-01 KR1.1: 5 min\n"
        let diags = Linter(rules: [.document(CheckInsOutOfOrderRule())]).lint(Parser.parse(path: "x.okr", text: text)).filter { $0.ruleID != syntaxErrorID }
        #expect(diags.count == 1 && diags[0].fix == nil)
    }

    @Test func aLongSortIsCarriedByTheFirstFindingOnly() {
        func findings(_ n: Int) -> [Diagnostic] {
            let lines = (0..<n).map { "- 2026-11-\(String(28 - $0).leftPadded(2)) KR1.1: 5 min\n" }.joined()
            let doc = Parser.parse(path: "x.okr", text: exampleHeader + "## O1: A\n### KR1.1: a\n\n## Check-ins\n" + lines)
            return Linter(rules: [.document(CheckInsOutOfOrderRule())]).lint(doc)
        }
        let few = findings(9)
        #expect(few.count == 8 && few.allSatisfy { $0.fix != nil } && Set(few.map { $0.fix! }).count == 1)
        let many = findings(20)
        #expect(many.count == 19 && many[0].fix != nil && many.dropFirst().allSatisfy { $0.fix == nil })
        // The one fix still sorts them all.
        let doc = Parser.parse(path: "x.okr", text: exampleHeader + "## O1: A\n### KR1.1: a\n\n## Check-ins\n"
                               + (0..<20).map { "- 2026-11-\(String(28 - $0).leftPadded(2)) KR1.1: 5 min\n" }.joined())
        let fixed = Fixer.apply(many, to: doc.source.bytes, unsafe: false)
        #expect(Linter(rules: [.document(CheckInsOutOfOrderRule())]).lint(Parser.parse(path: "x.okr", bytes: fixed.bytes)).isEmpty)
    }

    @Test func aRegionCommentAmongTheCheckInsMakesTheSortUnsafe() {
        let text = exampleHeader + "## O1: A\n### KR1.1: a\n\n## Check-ins\n- 2026-11-16 KR1.1: 4 min\n<!-- okrlint-disable date-outside-period -->\n- 2026-11-02 KR1.1: 5 min\n"
        let diags = Linter(rules: [.document(CheckInsOutOfOrderRule())]).lint(Parser.parse(path: "x.okr", text: text)).filter { $0.ruleID != syntaxErrorID }
        #expect(diags.count == 1 && diags[0].fix?.applicability == .unsafe)
    }

    // MARK: Diffs

    /// Applies a unified diff to `old` (lines without endings; the diff's own form), as `patch` would.
    static func patch(_ old: [String], _ diff: String) -> [String]? {
        var lines = diff.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        guard lines.count >= 2, lines[0].hasPrefix("--- "), lines[1].hasPrefix("+++ ") else { return nil }
        var out: [String] = []
        var at = 0
        var i = 2
        while i < lines.count {
            let h = lines[i]
            guard h.hasPrefix("@@ -") else { return nil }
            let oldPart = h.dropFirst(4).split(separator: " ")[0]
            let start = Int(oldPart.split(separator: ",")[0])!
            let count = oldPart.contains(",") ? Int(oldPart.split(separator: ",")[1])! : 1
            let from = count == 0 ? start : start - 1
            guard from >= at else { return nil }
            out += old[at..<from]
            at = from
            i += 1
            while i < lines.count && !lines[i].hasPrefix("@@ ") {
                let l = lines[i]
                if l.hasPrefix(" ") || l.hasPrefix("-") {
                    guard at < old.count, old[at] == String(l.dropFirst()) else { return nil }
                    if l.hasPrefix(" ") { out.append(old[at]) }
                    at += 1
                } else if l.hasPrefix("+") {
                    out.append(String(l.dropFirst()))
                } else if l != "\\ No newline at end of file" {
                    return nil
                }
                i += 1
            }
        }
        out += old[at...]
        return out
    }

    static func lines(_ s: String) -> [String] {
        var l = s.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if l.last == "" { l.removeLast() }
        return l
    }

    @Test func diffsApplyBackToTheNewText() {
        var rng = SplitMix(seed: 7)
        let words = ["- owner: @a", "## O1: A", "", "- 2026-11-02 KR1.1: 3 x", "text", "<!-- c -->", "### KR1.1: b"]
        for _ in 0..<300 {
            let n = Int(rng.next() % 40)
            let old = (0..<n).map { _ in words[Int(rng.next() % UInt64(words.count))] }
            var new = old
            for _ in 0..<Int(rng.next() % 6) {
                let op = rng.next() % 3
                let at = new.isEmpty ? 0 : Int(rng.next() % UInt64(new.count))
                if op == 0 || new.isEmpty { new.insert(words[Int(rng.next() % UInt64(words.count))], at: at) }
                else if op == 1 { new.remove(at: at) }
                else { new[at] = "changed \(rng.next() % 5)" }
            }
            let a = old.map { $0 + "\n" }.joined(), b = new.map { $0 + "\n" }.joined()
            let d = UnifiedDiff.diff(path: "x.okr", old: Array(a.utf8), new: Array(b.utf8))
            #expect((a == b) == d.isEmpty)
            if a != b { #expect(Self.patch(old, d) == new, "\(d)") }
        }
    }

    @Test func diffShapes() {
        let d = UnifiedDiff.diff(path: "t.okr", old: Array("a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n".utf8), new: Array("a\nB\nc\nd\ne\nf\ng\nh\ni\nJ\n".utf8))
        #expect(d == "--- t.okr\n+++ t.okr\n@@ -1,5 +1,5 @@\n a\n-b\n+B\n c\n d\n e\n@@ -7,4 +7,4 @@\n g\n h\n i\n-j\n+J\n")
        // A last line without a line ending, and an insertion at the top.
        let e = UnifiedDiff.diff(path: "t.okr", old: Array("a\nb".utf8), new: Array("x\na\nb\n".utf8))
        #expect(e == "--- t.okr\n+++ t.okr\n@@ -1,2 +1,3 @@\n+x\n a\n-b\n\\ No newline at end of file\n+b\n")
        // What a file controls is made visible; tabs stay.
        let f = UnifiedDiff.diff(path: "t\u{1B}.okr", old: Array("a\u{1B}[2J\tb\n".utf8), new: Array("c\n".utf8) + [0xFF, 0x0A])
        #expect(f == "--- t\\x1B.okr\n+++ t\\x1B.okr\n@@ -1 +1,2 @@\n-a\\x1B[2J\tb\n+c\n+\\xFF\n")
        // Line breaks count: CRLF and CR show their CR as `\r`, and a line whose break alone changes is a change.
        let g = UnifiedDiff.diff(path: "t.okr", old: Array("a\r\nb\rc\n".utf8), new: Array("a\nb\nc\n".utf8))
        #expect(g == "--- t.okr\n+++ t.okr\n@@ -1,3 +1,3 @@\n-a\\r\n-b\\r\n+a\n+b\n c\n")
    }

    @Test func farApartVersionsAreOneBlockAndStillApply() {
        let old = (0..<5_000).map { "old \($0)" }, new = (0..<5_000).map { "new \($0)" }
        let d = UnifiedDiff.diff(path: "x", old: Array(old.map { $0 + "\n" }.joined().utf8), new: Array(new.map { $0 + "\n" }.joined().utf8))
        #expect(Self.patch(old, d) == new)
    }

    // MARK: Writing back

    static func file(_ dir: URL, _ name: String) throws -> FileDiscovery.File {
        let path = dir.appendingPathComponent(name).path
        let info = FileSystem.info(bytes: Array(path.utf8), follow: true)
        return FileDiscovery.File(path: path, bytes: Array(path.utf8), id: info.id, followLink: true)
    }

    static func leftovers(_ dir: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains(".okrlint-") }
    }

    @Test func writingKeepsTheModeAndLeavesNoTemporaryFile() throws {
        let dir = try CLI.tempDir(["t.okr": "old\n"])
        let path = dir.appendingPathComponent("t.okr").path
        #expect(chmod(path, 0o640) == 0)
        let r = FixWriter.write(Array("new\n".utf8), over: Array("old\n".utf8), to: try Self.file(dir, "t.okr"))
        #expect((try? r.get()) != nil)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new\n")
        #expect(FileSystem.info(path).mode & 0o777 == 0o640)
        #expect(try Self.leftovers(dir).isEmpty)
    }

    @Test func aFileThatChangedIsNotWritten() throws {
        let dir = try CLI.tempDir(["t.okr": "edited meanwhile\n"])
        let path = dir.appendingPathComponent("t.okr").path
        let r = FixWriter.write(Array("new\n".utf8), over: Array("old\n".utf8), to: try Self.file(dir, "t.okr"))
        #expect(r.failureMessage?.contains("changed while okrlint was running") == true)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "edited meanwhile\n")
        // Changed after the temporary file was written: still refused, and the temporary file is removed.
        try "old\n".write(toFile: path, atomically: false, encoding: .utf8)
        let late = FixWriter.write(Array("new\n".utf8), over: Array("old\n".utf8), to: try Self.file(dir, "t.okr"),
                                   tempSuffix: OutputFile.randomSuffix, beforeRename: { try? "mine\n".write(toFile: path, atomically: false, encoding: .utf8) })
        #expect(late.failureMessage?.contains("changed while okrlint was running") == true)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "mine\n")
        #expect(try Self.leftovers(dir).isEmpty)
    }

    @Test func linksAreNeverWrittenThrough() throws {
        let dir = try CLI.tempDir(["target.okr": "old\n", "other.okr": "old\n"])
        #expect(symlink("target.okr", dir.appendingPathComponent("link.okr").path) == 0)
        let viaLink = FixWriter.write(Array("new\n".utf8), over: Array("old\n".utf8), to: try Self.file(dir, "link.okr"))
        #expect(viaLink.failureMessage?.contains("symbolic link") == true)
        #expect(try String(contentsOfFile: dir.appendingPathComponent("target.okr").path, encoding: .utf8) == "old\n")
        #expect(FileSystem.isSymlink(dir.appendingPathComponent("link.okr").path))
        // A hard link would keep the old text under its other name: refused.
        #expect(link(dir.appendingPathComponent("other.okr").path, dir.appendingPathComponent("hard.okr").path) == 0)
        let hard = FixWriter.write(Array("new\n".utf8), over: Array("old\n".utf8), to: try Self.file(dir, "other.okr"))
        #expect(hard.failureMessage?.contains("hard links") == true)
    }

    @Test func aNamePlantedAtTheTemporaryNameIsNotTouched() throws {
        let dir = try CLI.tempDir(["t.okr": "old\n", ".t.okr.okrlint-planted.tmp": "not yours\n"])
        var names = ["planted", "fresh"][...]
        let r = FixWriter.write(Array("new\n".utf8), over: Array("old\n".utf8), to: try Self.file(dir, "t.okr"),
                                tempSuffix: { names.popFirst()! }, beforeRename: {})
        #expect((try? r.get()) != nil)
        #expect(try String(contentsOfFile: dir.appendingPathComponent(".t.okr.okrlint-planted.tmp").path, encoding: .utf8) == "not yours\n")
        #expect(try String(contentsOfFile: dir.appendingPathComponent("t.okr").path, encoding: .utf8) == "new\n")
    }

    // MARK: Reports

    static let fixable = exampleHeader + "## O1: A\n- ownr: @dana\n### KR1.1: a\n- metric: 45 -> 15 min\n- current: 31 min\n- owner: @raj\n\n## Check-ins\n- 2026-11-16 KR1.1: 24 min\n- 2026-11-02 KR1.1: 38 min\n"

    @Test func jsonFixesApplyLikeTheEngine() throws {
        let doc = Parser.parse(path: "x.okr", text: Self.fixable)
        let diags = Linter(today: CalendarDate("2026-11-25")!).lint(doc)
        let json = JsonReporter().render(LintResult(files: [FileResult(source: doc.source, diagnostics: diags)]))
        let root = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let list = try #require(((root["files"] as? [[String: Any]])?.first?["diagnostics"]) as? [[String: Any]])
        #expect(list.count == diags.count)
        var fromJSON: [Diagnostic] = []
        for (d, j) in zip(diags, list) {
            guard let fix = d.fix else { #expect(j["fix"] is NSNull, "\(d.ruleID)"); continue }
            let f = try #require(j["fix"] as? [String: Any])
            #expect(f["applicability"] as? String == fix.applicability.rawValue)
            #expect(f["message"] as? String == fix.message)
            let edits = try #require(f["edits"] as? [[String: Any]])
            var parsed: [TextEdit] = []
            for e in edits {
                let range = try #require(e["range"] as? [String: [String: Int]])
                let start = try #require(range["start"]), end = try #require(range["end"])
                let loc = doc.source.location(of: start["offset"]!)
                #expect(start["line"] == loc.line && start["column"] == loc.column)
                parsed.append(.replace(SourceRange(start: start["offset"]!, end: end["offset"]!), with: try #require(e["content"] as? String)))
            }
            var copy = d
            copy.fix = Fix(Applicability(rawValue: f["applicability"] as! String)!, "", edits: parsed)
            fromJSON.append(copy)
        }
        #expect(fromJSON.count == 3, "\(fromJSON.map(\.ruleID))")
        #expect(Fixer.apply(fromJSON, to: doc.source.bytes, unsafe: true).bytes == Fixer.apply(diags, to: doc.source.bytes, unsafe: true).bytes)
    }

    @Test func humanFormatMarksFixesAndCountsThem() {
        let doc = Parser.parse(path: "x.okr", text: Self.fixable + "- 2026-11-20 KR1.1: 24 min, confidence 60\n")
        let result = LintResult(files: [FileResult(source: doc.source, diagnostics: Linter(today: CalendarDate("2026-11-25")!).lint(doc))])
        let text = HumanReporter().render(result)
        #expect(text.contains("  = fix: replace `ownr` with `owner`\n"))
        #expect(text.contains("   = fix (unsafe, with --unsafe-fixes): write confidence 60 as `0.6` (60%)\n"))
        #expect(text.hasSuffix("[*] 3 fixable with `okrlint --fix` (1 more with `--unsafe-fixes`).\n"), "\(text)")
        #expect(HumanReporter(unsafeFixes: true).render(result).hasSuffix("[*] 4 fixable with `okrlint --fix --unsafe-fixes`.\n"))
    }
}

extension Result where Failure == RunError {
    var failureMessage: String? { if case .failure(let e) = self { return e.message } else { return nil } }
}
