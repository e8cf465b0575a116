import Foundation
import Testing
@testable import OKRKit

/// One declared option of one registered rule.
struct OptionCase: CustomTestStringConvertible, Sendable {
    let rule: AnyRule
    let option: RuleOption
    var testDescription: String { "\(rule.id) \(option.name)" }

    static var all: [OptionCase] {
        Registry.all.flatMap { rule in rule.options.map { OptionCase(rule: rule, option: $0) } }
    }

    /// A value of the option's type that differs from its default.
    var changed: OptionValue {
        switch option.defaultValue {
        case .int(let v): .int(v + 3)
        case .double(let v): .double(v + 0.125)
        case .bool(let v): .bool(!v)
        case .string(let v): .string(v + "x")
        case .strings(let v): .strings(v + ["zz-option-test"])
        }
    }

    /// The defaults of every option of the rule, as its table reads them back.
    var defaults: [String: OptionValue] {
        Dictionary(uniqueKeysWithValues: rule.options.map { ($0.name, $0.defaultValue) })
    }
}

@Suite struct RuleOptionsTests {
    @Test func everyRuleWithOptionsIsCovered() {
        // The rules that have options today; a rule that loses its table (or gains one) shows up here.
        let withOptions = Set(OptionCase.all.map(\.rule.id))
        #expect(withOptions == ["too-many-objectives", "too-many-key-results", "too-few-key-results", "objective-too-long",
                                "unmeasurable-key-result", "key-result-is-a-task", "orphaned-initiative", "missing-owner",
                                "stale-check-in", "behind-schedule", "unaligned-objective", "unsupported-objective",
                                "moving-goalposts", "objective-all-milestones", "unscored-after-period", "next-period-not-planned"])
        #expect(OptionCase.all.count == 25)
    }

    /// Each declared name decodes into a field of its own: set alone, it reads back as set and leaves every other
    /// option at its default.
    @Test(arguments: OptionCase.all)
    func optionTableRoundTrips(_ c: OptionCase) throws {
        #expect(c.changed != c.option.defaultValue)
        let decoded = try c.rule.decodeOptions([c.option.name: c.changed])
        var expected = c.defaults
        expected[c.option.name] = c.changed
        #expect(decoded == expected)
        #expect(try c.rule.decodeOptions([:]) == c.defaults, "decoding nothing gives the documented defaults")
    }

    /// The same through a config file: what `.okrlint.json` sets is what the typed options hold.
    @Test(arguments: OptionCase.all)
    func configValueReachesTheTypedField(_ c: OptionCase) throws {
        let json = #"{"rules": {"\#(c.rule.id)": {"\#(c.option.name)": \#(RuleDocs.jsonValue(c.changed))}}}"#
        let dir = try CLI.tempDir([".okrlint.json": json])
        defer { try? FileManager.default.removeItem(at: dir) }
        let config = try ConfigLoader().load(dir.appendingPathComponent(".okrlint.json").path)
        let setting = try #require(config.settings[c.rule.id])
        let decoded = try c.rule.decodeOptions(setting.options)
        #expect(decoded[c.option.name] == c.changed)
        #expect(decoded.filter { $0.key != c.option.name } == c.defaults.filter { $0.key != c.option.name })
    }

    /// A misspelt option name is a config error at the name, with the declared name suggested.
    @Test(arguments: OptionCase.all)
    func misspeltOptionIsAConfigError(_ c: OptionCase) throws {
        let misspelt = String(c.option.name.dropLast())
        let json = #"{"rules": {"\#(c.rule.id)": {"\#(misspelt)": \#(RuleDocs.jsonValue(c.changed))}}}"#
        let dir = try CLI.tempDir([".okrlint.json": json])
        defer { try? FileManager.default.removeItem(at: dir) }
        let error = try #require(throws: ConfigError.self) {
            try ConfigLoader().load(dir.appendingPathComponent(".okrlint.json").path)
        }
        #expect(error.line == 1)
        let key = try #require(json.range(of: "\"\(misspelt)\""))
        #expect(error.column == json.utf8.distance(from: json.startIndex, to: key.lowerBound) + 1, "at the misspelt name")
        #expect(error.message.hasPrefix("rule `\(c.rule.id)` has no option `\(misspelt)`; did you mean `\(c.option.name)`?"), "\(error.message)")
        // The typed decoding refuses it too (what a rule example or a preset would hit).
        #expect(throws: OptionError.unknown(name: misspelt, known: c.rule.options.map(\.name))) {
            try c.rule.decodeOptions([misspelt: c.changed])
        }
    }

    /// A value of another type is a config error naming the option's type, and the typed decoding refuses it.
    @Test(arguments: OptionCase.all)
    func wrongTypeIsAnError(_ c: OptionCase) throws {
        let wrong: OptionValue = if case .string = c.option.defaultValue { .int(1) } else { .string("1") }
        let json = #"{"rules": {"\#(c.rule.id)": {"\#(c.option.name)": \#(RuleDocs.jsonValue(wrong))}}}"#
        let dir = try CLI.tempDir([".okrlint.json": json])
        defer { try? FileManager.default.removeItem(at: dir) }
        let error = try #require(throws: ConfigError.self) {
            try ConfigLoader().load(dir.appendingPathComponent(".okrlint.json").path)
        }
        #expect(error.message == "option `\(c.option.name)` of `\(c.rule.id)` is \(c.option.defaultValue.typeName), not \(wrong == .int(1) ? "number" : "string")")
        #expect(throws: OptionError.wrongType(name: c.option.name, expected: c.option.defaultValue.typeName, got: wrong.typeName)) {
            try c.rule.decodeOptions([c.option.name: wrong])
        }
    }

    @Test func numbersConvertOnlyWhenExact() throws {
        let objectives = try #require(Registry.rule("too-many-objectives"))
        #expect(try objectives.decodeOptions(["max": .double(3)]) == ["max": .int(3)])
        #expect(throws: OptionError.wrongType(name: "max", expected: "integer", got: "number")) {
            try objectives.decodeOptions(["max": .double(2.5)])
        }
        #expect(throws: OptionError.wrongType(name: "max", expected: "integer", got: "number")) {
            try objectives.decodeOptions(["max": .double(.infinity)])
        }
        let behind = try #require(Registry.rule("behind-schedule"))
        #expect(try behind.decodeOptions(["tolerance": .int(1)])["tolerance"] == .double(1))
        let none = try #require(Registry.rule("alignment-cycle"))
        #expect(none.options.isEmpty)
        #expect(throws: OptionError.unknown(name: "max", known: [])) { try none.decodeOptions(["max": .int(1)]) }
        #expect(OptionError.unknown(name: "mx", known: ["max", "min"]).description == "no option `mx`; did you mean `max`? (options: max, min)")
    }

    /// The options of every rule example and every preset are real options of the right type (the linter itself
    /// keeps the default of a value it cannot set, so a misspelt one there would silently test the default).
    @Test func examplesAndPresetsDecodeStrictly() throws {
        for rule in Registry.all {
            for example in rule.description.triggering + rule.description.passing where !example.options.isEmpty {
                #expect(throws: Never.self, "\(rule.id): \(example.options)") { try rule.decodeOptions(example.options) }
            }
        }
        for name in Presets.names {
            for (id, setting) in try #require(Presets.settings(name)) where !setting.options.isEmpty {
                let rule = try #require(Registry.rule(id))
                #expect(throws: Never.self, "preset \(name), \(id)") { try rule.decodeOptions(setting.options) }
            }
        }
    }

    @Test func linterKeepsDefaultsForValuesItCannotSet() {
        let text = "# T\n\n- okr: 1\n- team: t\n- period: 2026-Q4\n\n## O1: A\n## O2: B\n## O3: C\n"
        let doc = Parser.parse(path: "t.okr", text: text)
        let rule = AnyRule.document(TooManyObjectivesRule())
        func count(_ options: [String: OptionValue]) -> Int {
            Linter(rules: [rule], settings: [rule.id: RuleSetting(severity: .warning, options: options)]).lint(doc).count
        }
        #expect(count(["max": .int(2)]) == 1)
        #expect(count(["mx": .int(2)]) == 0, "an unknown name leaves the default (4)")
        #expect(count(["max": .string("2")]) == 0, "a value of another type leaves the default")
    }

    /// `lintDocument` runs the document rules only, `lintWorkspace` the workspace rules only.
    @Test func eachPassRunsItsOwnKindOfRule() throws {
        let team = "# T\n\n- okr: 1\n- team: platform\n- period: 2026-Q4\n\n## O1: A\n- aligns: company/O9\n### KR1.1: a\n"
        let doc = Parser.parse(path: "t.okr", text: team)
        let company = Parser.parse(path: "company.okr", text: exampleCompany)
        let ws = Workspace(documents: [doc, company], reported: [0])
        let linter = Linter(today: CalendarDate("2026-11-25")!)
        let documentIDs = Set(Registry.all.compactMap { if case .document = $0 { $0.id } else { nil } })
        let workspaceIDs = Set(Registry.all.compactMap { if case .workspace = $0 { $0.id } else { nil } })
        let first = Set(linter.lintDocument(doc).map(\.ruleID))
        let second = Set(linter.lintWorkspace(path: doc.path, in: ws).map(\.ruleID))
        #expect(first.isSubset(of: documentIDs) && first.contains("missing-owner"), "\(first)")
        #expect(second.isSubset(of: workspaceIDs) && second.contains("broken-alignment") && second.contains("too-few-key-results"), "\(second)")
        #expect(linter.lintWorkspace(path: "elsewhere.okr", in: ws).isEmpty, "no document at the path: nothing to check")
    }
}
