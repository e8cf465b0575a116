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
