import Foundation
import Testing
@testable import OKRKit

@Suite struct RuleDocsTests {
    func file(_ path: String) throws -> String {
        try String(contentsOf: CLI.root.appendingPathComponent(path), encoding: .utf8)
    }

    @Test func docsRulesMdIsCurrent() throws {
        #expect(try file("docs/rules.md") == RuleDocs.markdown(), "regenerate with `swift run okrlint rules --markdown > docs/rules.md`")
    }

    @Test func committedSchemaIsCurrent() throws {
        #expect(try file("okrlint.schema.json") == ConfigSchema.generate(), "regenerate with `swift run okrlint schema > okrlint.schema.json`")
    }

    @Test func everyRuleIsInTheReadmeAndTheDocs() throws {
        let readme = try file("README.md")
        let docs = RuleDocs.markdown()
        for id in Registry.ids {
            #expect(readme.contains("`\(id)`"), "README.md does not list \(id)")
            #expect(docs.contains("## \(id)\n"))
        }
    }

    @Test func rulePageHasEverySection() throws {
        let page = RuleDocs.page(try #require(Registry.rule("too-many-objectives")))
        for part in ["# too-many-objectives", "## Why", "## Options", "`max`", "## Example that triggers it", "## Example that passes", "\"max\": 4", "okrlint-disable-line too-many-objectives"] {
            #expect(page.contains(part), "missing \(part)")
        }
        #expect(!page.contains("↓"), "markers are removed from examples")
    }

    @Test func aRuleThatFixesShowsItsFix() throws {
        let page = RuleDocs.page(try #require(Registry.rule("current-out-of-sync")))
        #expect(page.contains("## Fix\n\nSets `current` to the value of the latest check-in, as that check-in writes it (safe)."))
        #expect(page.contains("- current: 31 min <!-- from the dashboard -->") && page.contains("becomes\n\n```markdown\n"))
        #expect(page.contains("- current: 32 minutes <!-- from the dashboard -->"))
        #expect(!RuleDocs.page(try #require(Registry.rule("too-many-objectives"))).contains("## Fix"))
    }

    @Test(.enabled(if: pythonHas("jsonschema"))) func schemaAcceptsGoodConfigsAndRejectsBadOnes() throws {
        let schema = CLI.root.appendingPathComponent("okrlint.schema.json").path
        let check = try python("""
            import json, sys, jsonschema
            schema = json.load(open(\(String(reflecting: schema))))
            jsonschema.Draft7Validator.check_schema(schema)
            v = jsonschema.Draft7Validator(schema)
            good = [json.load(open("samples/.okrlint.json")),
                    {"extends": ["gitlab", "./base.json"], "rules": {"too-many-objectives": {"severity": "error", "max": 3}, "stale-check-in": "off"}, "exclude": ["drafts"], "root": True}]
            bad = [{"rulez": {}}, {"rules": {"too-many-objective": "error"}}, {"rules": {"too-many-objectives": {"mx": 3}}},
                   {"rules": {"too-many-objectives": {"max": "3"}}}, {"rules": {"missing-owner": "warn"}}, {"today": "tomorrow"}]
            print(sum(1 for g in good if v.is_valid(g)), sum(1 for b in bad if not v.is_valid(b)))
            """, input: "")
        #expect(check.output.trimmingCharacters(in: .whitespacesAndNewlines) == "2 6", "\(check.output)")
    }

    @Test func cliRulesAndRule() throws {
        let list = try CLI.run(["rules"])
        #expect(list.code == 0)
        for id in Registry.ids { #expect(list.stdout.contains(id)) }
        let one = try CLI.run(["rule", "stale-check-in"])
        #expect(one.code == 0 && one.stdout.hasPrefix("# stale-check-in\n"))
        let bad = try CLI.run(["rule", "stale-checkin"])
        #expect(bad.code == 2 && bad.stderr.contains("did you mean `stale-check-in`?"))
        let schema = try CLI.run(["schema"])
        #expect(schema.stdout == ConfigSchema.generate())
    }
}
