import Foundation
import Testing
@testable import OKRKit

/// Every input the fuzzer once crashed on (Fixtures/fuzz/) runs through the whole pipeline again.
@Suite struct FuzzRegressionTests {
    static let inputs: [String] = {
        let dir = CLI.root.appendingPathComponent("Tests/OKRKitTests/Fixtures/fuzz")
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted()
    }()

    @Test func thereAreRegressionInputs() { #expect(!Self.inputs.isEmpty) }

    @Test(arguments: inputs)
    func pipelineHoldsOnInput(_ name: String) throws {
        let bytes = [UInt8](try Data(contentsOf: CLI.root.appendingPathComponent("Tests/OKRKitTests/Fixtures/fuzz/\(name)")))
        let doc = Parser.parse(path: "fuzz.okr", bytes: bytes)
        // The fuzz target's checks, each on every input (the target runs some on a share of inputs only).
        #expect(doc.lineLayerProblems().isEmpty)
        if bytes.count > 2 {
            let a = Int(bytes[0]) % bytes.count, b = min(bytes.count, a + Int(bytes[bytes.count - 1]) % 64)
            var session = ParseSession(path: "fuzz.okr", bytes: Array(bytes[..<a]) + Array(bytes[b...]))
            session.edit(SourceRange(start: a, end: a), replacement: Array(bytes[a..<b]))
            #expect(session.document.lines == doc.lines)
            #expect(ASTDump.dump(session.document) == ASTDump.dump(doc), "incremental re-parse differs")
        }
        let formatted = Formatter.format(doc)
        let again = Parser.parse(path: "fuzz.okr", bytes: formatted.bytes)
        #expect(again.syntaxDiagnostics.count <= doc.syntaxDiagnostics.count - formatted.keysLowercased)
        #expect(Formatter.format(again).bytes == formatted.bytes, "formatting twice differs")
        let diags = Linter(today: CalendarDate("2026-11-25")!).lint(doc)
        for d in diags {
            #expect(d.range.start >= 0 && d.range.start <= d.range.end && d.range.end <= bytes.count, "\(d.ruleID): \(d.range)")
            if let f = d.fix { #expect(f.isValid(byteCount: bytes.count), "\(d.ruleID): \(f.edits.map(\.range))") }
        }
        let fixed = Fixer.fix(doc.source, diagnostics: diags, linter: Linter(today: CalendarDate("2026-11-25")!), unsafe: true)
        #expect(Parser.parse(path: "fuzz.okr", bytes: fixed.fixed).syntaxDiagnostics.count <= doc.syntaxDiagnostics.count)
        let result = LintResult(files: [FileResult(source: doc.source, diagnostics: diags)])
        #expect(!HumanReporter().render(result).isEmpty)
        #expect(!SarifReporter().render(result).isEmpty)
    }
}
