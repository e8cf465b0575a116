import Testing
@testable import OKRKit

/// One case per (rule, example), so a failure names both.
struct RuleExampleCase: CustomTestStringConvertible, Sendable {
    let rule: AnyRule
    let example: RuleExample
    let triggering: Bool
    let index: Int
    var testDescription: String { "\(rule.description.id) \(triggering ? "triggering" : "passing") #\(index + 1)" }

    static var all: [RuleExampleCase] {
        Registry.all.flatMap { rule in
            rule.description.triggering.enumerated().map { RuleExampleCase(rule: rule, example: $1, triggering: true, index: $0) }
                + rule.description.passing.enumerated().map { RuleExampleCase(rule: rule, example: $1, triggering: false, index: $0) }
        }
    }
}

/// Removes `↓` markers, returning the text and the byte offset each marker stood at.
func stripMarkers(_ text: String) -> (String, [Int]) {
    var out: [UInt8] = []
    var marks: [Int] = []
    let marker = Array("↓".utf8)
    let bytes = Array(text.utf8)
    var i = 0
    while i < bytes.count {
        if i + marker.count <= bytes.count && Array(bytes[i..<(i + marker.count)]) == marker {
            marks.append(out.count)
            i += marker.count
        } else {
            out.append(bytes[i])
            i += 1
        }
    }
    return (String(decoding: out, as: UTF8.self), marks)
}

/// Runs one rule on an example the way the engine does, with the example's options, date and other files.
func runExample(_ rule: AnyRule, _ example: RuleExample) -> (Document, [Diagnostic]) {
    let (text, _) = stripMarkers(example.source)
    let doc = Parser.parse(path: "example.okr", text: text)
    let others = example.otherFiles.sorted { $0.key < $1.key }.map { Parser.parse(path: $0.key, text: $0.value) }
    // The example is the file being checked; the other files are the rest of the workspace.
    let workspace = Workspace(documents: [doc] + others, reported: [0])
    let linter = Linter(rules: [rule],
                        settings: [rule.description.id: RuleSetting(severity: rule.description.defaultSeverity, options: example.options)],
                        today: example.today ?? CalendarDate("2026-11-25")!)
    let diags = linter.lint(doc, in: workspace, history: example.fileHistory).filter { $0.ruleID == rule.description.id }
    return (doc, diags)
}

@Suite struct RuleExamplesTests {
    @Test(arguments: RuleExampleCase.all)
    func example(_ c: RuleExampleCase) {
        let (text, marks) = stripMarkers(c.example.source)
        let (doc, diags) = runExample(c.rule, c.example)
        #expect(doc.syntaxDiagnostics.isEmpty, "example has syntax errors: \(doc.syntaxDiagnostics.map(\.message))")
        let starts = diags.map { $0.range.start }.sorted()
        if c.triggering {
            #expect(!marks.isEmpty, "a triggering example must mark where diagnostics start with ↓")
            #expect(starts == marks.sorted(), """
                diagnostics start at \(starts.map { describe($0, text) }) but the example marks \(marks.map { describe($0, text) })
                messages: \(diags.map(\.message))
                """)
            for d in diags {
                #expect(d.help?.isEmpty == false, "diagnostic without help: \(d.message)")
                #expect(!d.message.isEmpty)
                #expect(d.range.end > d.range.start, "empty range for: \(d.message)")
            }
        } else {
            #expect(marks.isEmpty, "a passing example must not contain ↓ markers")
            #expect(diags.isEmpty, "expected no diagnostics, got \(diags.map(\.message))")
        }
    }

    func describe(_ offset: Int, _ text: String) -> String {
        let loc = SourceFile(path: "", text: text).location(of: offset)
        return "\(loc.line):\(loc.column)"
    }

    @Test func idsAreUniqueAndKebabCase() {
        let ids = Registry.ids
        #expect(Set(ids).count == ids.count, "duplicate rule ids")
        for id in ids {
            let ok = !id.isEmpty && id.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
                && !id.hasPrefix("-") && !id.hasSuffix("-") && !id.contains("--")
            #expect(ok, "rule id `\(id)` is not kebab-case")
            #expect(id != syntaxErrorID)
        }
    }

    @Test(arguments: Registry.ids)
    func ruleIsDocumented(_ id: String) throws {
        let rule = try #require(Registry.rule(id))
        let d = rule.description
        #expect(!d.summary.isEmpty && d.summary.hasSuffix("."), "summary should be one sentence ending in a period")
        #expect(d.rationale.count > 80, "rationale should explain why, with its source")
        #expect(!d.triggering.isEmpty, "no triggering example")
        #expect(!d.passing.isEmpty, "no passing example")
        for o in rule.options {
            #expect(!o.summary.isEmpty, "option \(o.name) has no summary")
            #expect(o.name.lowercased() == o.name && !o.name.contains(" "), "option \(o.name) should be kebab-case")
        }
    }

    @Test func optionsChangeBehaviour() {
        // The same file passes with the default limit and fails with a lower one.
        let text = "# T\n\n- okr: 1\n- team: t\n- period: 2026-Q4\n\n## O1: A\n## O2: B\n## O3: C\n"
        let doc = Parser.parse(path: "t.okr", text: text)
        let rule = AnyRule.document(TooManyObjectivesRule())
        #expect(Linter(rules: [rule]).lint(doc).isEmpty)
        let strict = Linter(rules: [rule], settings: ["too-many-objectives": RuleSetting(severity: .error, options: ["max": .int(2)])])
        let diags = strict.lint(doc)
        #expect(diags.count == 1)
        #expect(diags.first?.severity == .error)
        #expect(diags.first?.message == "3 objectives in one file; the limit is 2")
        #expect(Linter(rules: [rule], settings: ["too-many-objectives": RuleSetting(severity: nil)]).lint(
            Parser.parse(path: "t.okr", text: text + "## O4: D\n## O5: E\n")).isEmpty, "a rule set to off reports nothing")
    }
}
