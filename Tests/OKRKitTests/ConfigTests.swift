import Foundation
import Testing
@testable import OKRKit

@Suite struct ConfigTests {
    @Test(arguments: [
        ("*.okr", "a/b/x.okr", true), ("*.okr", "x.okr.md", false), ("pitfalls", "pitfalls", true),
        ("pitfalls", "samples/pitfalls", true), ("pitfalls", "pitfalls/x.okr", false), ("archive/**", "archive/2025/q1.okr", true),
        ("archive/**", "other/archive/x.okr", false), ("**/draft-*.okr", "a/b/draft-1.okr", true), ("t?am", "team", true),
        ("/top.okr", "top.okr", true), ("/top.okr", "a/top.okr", false),
    ])
    func globs(_ pattern: String, _ path: String, _ expected: Bool) {
        #expect(Glob(pattern).matches(path) == expected)
    }

    @Test func jsonKeepsPositionsAndRejectsBadInput() throws {
        let text = "{\n  \"a\": [1, 2.5, true, null, \"\\u00e9\\n\"],\n  \"b\": {}\n}"
        let node = try JSONParser.parse(Array(text.utf8))
        guard case .object(let members) = node.value else { Issue.record("not an object"); return }
        #expect(members.map(\.key) == ["a", "b"])
        #expect(members[1].keyRange.start == Array(text.utf8).firstIndex(of: UInt8(ascii: "b"))! - 1)
        guard case .array(let items) = members[0].value.value, case .string(let s) = items[4].value else { Issue.record("bad array"); return }
        #expect(s == "é\n")
        for bad in ["", "{", "{\"a\" 1}", "[1,]", "{\"a\": tru}", "\"abc", "{} x", "// c\n{}", String(repeating: "[", count: 300)] {
            #expect(throws: JSONError.self, "\(bad)") { try JSONParser.parse(Array(bad.utf8)) }
        }
    }

    @Test(arguments: Presets.names)
    func presetsNameRealRulesAndOptions(_ name: String) throws {
        let settings = try #require(Presets.settings(name))
        for (id, setting) in settings {
            let rule = try #require(Registry.rule(id), "preset \(name) names unknown rule \(id)")
            for (opt, value) in setting.options {
                let declared = try #require(rule.options.first { $0.name == opt }, "\(id) has no option \(opt)")
                #expect(declared.defaultValue.typeName == value.typeName)
            }
        }
        #expect(Presets.sources[name] != nil)
    }

    @Test func presetsChangeWhatIsReported() {
        let text = "# T\n\n- okr: 1\n- team: t\n- period: 2026-Q4\n\n## O1: A\n- owner: @a\n### KR1.1: a\n- metric: 1 -> 2 x\n- owner: @a\n### KR1.2: b\n- metric: 1 -> 2 x\n- owner: @a\n## O2: B\n- owner: @a\n### KR2.1: c\n- metric: 1 -> 2 x\n- owner: @a\n### KR2.2: d\n- metric: 1 -> 2 x\n- owner: @a\n"
        let doc = Parser.parse(path: "t.okr", text: text)
        let today = CalendarDate("2026-10-02")!
        func ids(_ preset: String) -> [String] {
            Linter(settings: Presets.settings(preset)!, today: today).lint(doc).map(\.ruleID)
        }
        #expect(ids("recommended").isEmpty)
        #expect(ids("google").isEmpty)
        #expect(ids("radical-focus").sorted() == ["too-few-key-results", "too-few-key-results", "too-many-objectives"])
        #expect(ids("gitlab").isEmpty)
    }

    @Test func nearestConfigWinsAndGitRootStopsTheSearch() throws {
        let dir = try CLI.tempDir([
            ".okrlint.json": #"{"rules": {"too-many-objectives": {"max": 1}}}"#,
            "repo/.git/HEAD": "ref: x\n",
            "repo/teams/.okrlint.json": #"{"rules": {"too-many-objectives": {"max": 2}}, "today": "2026-11-01"}"#,
            "repo/teams/a/x.okr": "",
            "repo/other/y.okr": "",
        ])
        let resolver = try ConfigResolver()
        let near = try resolver.config(for: dir.appendingPathComponent("repo/teams/a/x.okr").path)
        #expect(near.settings["too-many-objectives"]?.options["max"] == .int(2))
        #expect(near.today == CalendarDate("2026-11-01"))
        let stopped = try resolver.config(for: dir.appendingPathComponent("repo/other/y.okr").path)
        #expect(stopped.path == nil, "the config above the git root does not apply")
        let above = try resolver.config(for: dir.appendingPathComponent("z.okr").path)
        #expect(above.settings["too-many-objectives"]?.options["max"] == .int(1))
    }

    @Test func extendsFollowsPathsAndDetectsCycles() throws {
        let dir = try CLI.tempDir([
            "base.json": #"{"extends": "gitlab", "rules": {"objective-too-long": "off"}}"#,
            ".okrlint.json": #"{"extends": "./base.json", "rules": {"too-many-objectives": {"max": 2}}}"#,
            "a.json": #"{"extends": "./b.json"}"#,
            "b.json": #"{"extends": "./a.json"}"#,
        ])
        let c = try ConfigLoader().load(dir.appendingPathComponent(".okrlint.json").path)
        #expect(c.settings["too-many-objectives"]?.options["max"] == .int(2), "own keys override the base")
        #expect(c.settings["objective-too-long"]?.severity == nil)
        #expect(c.settings["missing-owner"]?.severity == .error, "from the gitlab preset")
        #expect(throws: ConfigError.self) { try ConfigLoader().load(dir.appendingPathComponent("a.json").path) }
    }
}
