/// A fix as `okrlint --fix` applied it: the finding it fixed, and where (in the text of the round it was applied in).
public struct AppliedFix: Sendable, Hashable {
    public var ruleID: String
    public var message: String
    public var applicability: Applicability
    /// 1-based line and column (Unicode scalars) of the first edit, in the text the fix was applied to.
    public var line: Int
    public var column: Int
    /// The round of `--fix` (1 for the findings of the file as it was read).
    public var round: Int
}

import Dispatch

/// What fixing one file came to.
public struct FileFix: Sendable {
    public var path: String
    public var original: [UInt8]
    public var fixed: [UInt8]
    /// The findings fixed, in the order they were applied.
    public var applied: [AppliedFix]
    /// Why fixing stopped before it was done, when it did: a round whose fixes would have added syntax errors is
    /// thrown away (the file keeps the rounds before it).
    public var refused: String?

    public var changed: Bool { fixed != original }
}

/// Applies fixes to a file's bytes: all compatible fixes in one pass, then the file is parsed and linted again and
/// the fixes of what remains are applied, up to `maxRounds` rounds (ruff's loop).
public enum Fixer {
    /// Rounds of fix, re-lint, fix. A fix that undoes another cannot loop for ever.
    public static let maxRounds = 10

    /// Whether `--fix` applies `fix` (`unsafe`: with `--unsafe-fixes`).
    @inline(__always)
    public static func applies(_ fix: Fix, unsafe: Bool) -> Bool { fix.applicability == .safe || unsafe }

    /// The bytes with the fixes of `diagnostics` applied in one pass, and the indices of the diagnostics whose fix
    /// was applied. Fixes are taken in the order of their first edit; one that overlaps a fix taken already waits
    /// for the next round (it is re-computed from the re-linted file then); one identical to a fix taken already
    /// counts as applied (several findings may share one fix). Invalid fixes (`Fix.isValid`) are never applied.
    /// Linear after sorting the fixes: one copy of the bytes.
    public static func apply(_ diagnostics: [Diagnostic], to bytes: [UInt8], unsafe: Bool) -> (bytes: [UInt8], applied: [Int]) {
        var candidates: [Int] = []
        for (i, d) in diagnostics.enumerated() {
            if let f = d.fix, applies(f, unsafe: unsafe), f.isValid(byteCount: bytes.count) { candidates.append(i) }
        }
        guard !candidates.isEmpty else { return (bytes, []) }
        candidates.sort { a, b in
            let fa = diagnostics[a].fix!, fb = diagnostics[b].fix!
            if fa.start != fb.start { return fa.start < fb.start }
            return a < b
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 64)
        var position = 0
        /// The last edit applied was an insertion at `position` (a second insertion there would be a guess of order).
        var lastWasInsertion = false
        // Fixes taken that start where the current one does: an identical one is sorted next to them.
        var takenHere: [Fix] = []
        var here = -1
        var applied: [Int] = []
        for i in candidates {
            let fix = diagnostics[i].fix!
            if fix.start != here { here = fix.start; takenHere.removeAll(keepingCapacity: true) }
            if takenHere.contains(where: { same($0, fix) }) { applied.append(i); continue }
            let first = fix.edits[0].range
            if first.start < position || (first.start == position && lastWasInsertion && first.isEmpty) { continue }
            for e in fix.edits {
                out.append(contentsOf: bytes[position..<e.range.start])
                out.append(contentsOf: e.content.utf8)
                position = e.range.end
                lastWasInsertion = e.range.isEmpty
            }
            takenHere.append(fix)
            applied.append(i)
        }
        out.append(contentsOf: bytes[position...])
        applied.sort()
        return (out, applied)
    }

    /// Whether two fixes are the same; one fix shared by several findings is one array of edits, which is checked
    /// first, so comparing it with itself costs nothing.
    static func same(_ a: Fix, _ b: Fix) -> Bool {
        guard a.applicability == b.applicability, a.edits.count == b.edits.count, a.message == b.message else { return false }
        let shared = a.edits.withUnsafeBufferPointer { x in b.edits.withUnsafeBufferPointer { y in x.baseAddress == y.baseAddress } }
        return shared || a.edits == b.edits
    }

    /// Fixes one file: `diagnostics` are its findings as the run reported them (after suppressions), `source` its
    /// text. Round 1 applies their fixes; each later round parses and lints the result with `linter` (the file's
    /// document rules: the rules across files need the whole workspace, and none of them fixes) and applies the
    /// fixes of what remains. `unused-suppression` is fixed in round 1 only: whether a suppression is used depends on
    /// findings of the rules across files, which later rounds do not run. A round that would add syntax errors is
    /// thrown away, and fixing stops there.
    public static func fix(_ source: SourceFile, diagnostics: [Diagnostic], linter: Linter, unsafe: Bool,
                           maxRounds: Int = Fixer.maxRounds) -> FileFix {
        var current = source
        var findings = diagnostics
        var syntaxErrors = diagnostics.reduce(0) { $0 + ($1.ruleID == syntaxErrorID ? 1 : 0) }
        var applied: [AppliedFix] = []
        var refused: String? = nil
        var round = 1
        while round <= maxRounds {
            let (next, indices) = apply(findings, to: current.bytes, unsafe: unsafe)
            if indices.isEmpty || next == current.bytes { break }
            let doc = Parser.parse(path: source.path, bytes: next)
            if doc.syntaxDiagnostics.count > syntaxErrors {
                let rules = Set(indices.map { findings[$0].ruleID }).sorted().joined(separator: ", ")
                refused = "the fixes of round \(round) (\(rules)) would add syntax errors; they were not applied"
                break
            }
            var locator = SourceLocator(current)
            for i in indices {
                let d = findings[i]
                let fix = d.fix!
                let loc = locator.location(of: fix.start)
                applied.append(AppliedFix(ruleID: d.ruleID, message: fix.message, applicability: fix.applicability,
                                          line: loc.line, column: loc.column, round: round))
            }
            current = doc.source
            syntaxErrors = doc.syntaxDiagnostics.count
            findings = linter.finish(linter.lintDocument(doc), document: doc).filter { $0.ruleID != UnusedSuppressionRule.id }
            round += 1
        }
        return FileFix(path: source.path, original: source.bytes, fixed: current.bytes, applied: applied, refused: refused)
    }

    /// One file to fix: its text, its findings as reported, and its linter.
    public struct Job: Sendable {
        public var source: SourceFile
        public var diagnostics: [Diagnostic]
        public var linter: Linter
        public init(source: SourceFile, diagnostics: [Diagnostic], linter: Linter) {
            self.source = source
            self.diagnostics = diagnostics
            self.linter = linter
        }
    }

    /// `fix` for each job, in parallel; results in the order of the jobs.
    public static func fixAll(_ jobs: [Job], unsafe: Bool) -> [FileFix] {
        let results = Slots<FileFix>(jobs.count)
        DispatchQueue.concurrentPerform(iterations: jobs.count) { i in
            results[i] = fix(jobs[i].source, diagnostics: jobs[i].diagnostics, linter: jobs[i].linter, unsafe: unsafe)
        }
        return (0..<jobs.count).map { results[$0]! }
    }

    /// Whether any of `diagnostics` has a fix `--fix` would apply.
    public static func hasFix(_ diagnostics: [Diagnostic], unsafe: Bool) -> Bool {
        diagnostics.contains { d in d.fix.map { applies($0, unsafe: unsafe) } ?? false }
    }
}
