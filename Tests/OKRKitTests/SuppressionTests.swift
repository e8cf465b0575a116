import Testing
@testable import OKRKit

@Suite struct SuppressionTests {
    /// Three objectives without owners (`missing-owner` on lines 7, 8, 9) in a file with the given extra lines.
    func lint(_ lines: [String], settings: [String: RuleSetting] = [:]) -> [(String, Int)] {
        let text = "# T\n\n- okr: 1\n- team: t\n- period: 2026-Q4\n\n" + lines.joined(separator: "\n") + "\n"
        let doc = Parser.parse(path: "t.okr", text: text)
        let rules: [AnyRule] = [.document(MissingOwnerRule()), .workspace(TooFewKeyResultsRule()), .document(UnusedSuppressionRule())]
        var s = settings
        s["too-few-key-results", default: RuleSetting(severity: nil)] = s["too-few-key-results"] ?? RuleSetting(severity: nil)
        return Linter(rules: rules, settings: s).lint(doc).map { ($0.ruleID, doc.source.location(of: $0.range.start).line) }
    }

    func ids(_ r: [(String, Int)]) -> [String] { r.map { "\($0.0)@\($0.1)" } }

    @Test func withoutComments() {
        #expect(ids(lint(["## O1: A", "## O2: B", "## O3: C"])) == ["missing-owner@7", "missing-owner@8", "missing-owner@9"])
    }

    @Test func disableLineTrailingComment() {
        let r = lint(["## O1: A <!-- okrlint-disable-line missing-owner -- team lead decides next week -->", "## O2: B", "## O3: C"])
        #expect(ids(r) == ["missing-owner@8", "missing-owner@9"])
    }

    @Test func disableNextLine() {
        let r = lint(["## O1: A", "<!-- okrlint-disable-next-line missing-owner -->", "## O2: B", "## O3: C"])
        #expect(ids(r) == ["missing-owner@7", "missing-owner@10"])
    }

    @Test func disableEnableRegion() {
        let r = lint(["<!-- okrlint-disable missing-owner -->", "## O1: A", "## O2: B", "<!-- okrlint-enable missing-owner -->", "## O3: C"])
        #expect(ids(r) == ["missing-owner@11"])
    }

    /// Per-rule enabled state (issue 10, item 7): `enable X` turns X back on, whatever else was disabled with it.
    @Test func enablingOneOfTheRulesDisabledTogether() {
        let on = ["too-few-key-results": RuleSetting(severity: .warning)]
        let r = lint(["<!-- okrlint-disable missing-owner too-few-key-results -->", "## O1: A", "<!-- okrlint-enable missing-owner -->",
                      "## O2: B", "## O3: C"], settings: on)
        #expect(ids(r) == ["missing-owner@10", "missing-owner@11"], "too-few-key-results stays off")
    }

    @Test func enablingOneRuleAfterDisablingAll() {
        let on = ["too-few-key-results": RuleSetting(severity: .warning)]
        let r = lint(["<!-- okrlint-disable -->", "## O1: A", "<!-- okrlint-enable missing-owner -->", "## O2: B",
                      "<!-- okrlint-enable -->", "## O3: C"], settings: on)
        #expect(Set(ids(r)) == ["missing-owner@10", "missing-owner@12", "too-few-key-results@12"])
        #expect(r.count == 3, "the disable hid something, so it is not unused: \(ids(r))")
    }

    @Test func aRuleDisabledAgainAfterEnableAllIsOffAgain() {
        let r = lint(["<!-- okrlint-disable missing-owner -->", "## O1: A", "<!-- okrlint-enable -->", "## O2: B",
                      "<!-- okrlint-disable missing-owner -->", "## O3: C"])
        #expect(ids(r) == ["missing-owner@10"])
    }

    @Test func disableFileAndAllRules() {
        #expect(lint(["<!-- okrlint-disable-file missing-owner -- owners are in the HR system -->", "## O1: A", "## O2: B"]).isEmpty)
        #expect(lint(["## O1: A", "## O2: B", "<!-- okrlint-disable-file -->"]).isEmpty, "no ids: every rule, anywhere in the file")
    }

    @Test func idListsWithCommas() {
        let r = lint(["## O1: A <!-- okrlint-disable-line too-few-key-results, missing-owner -->"], settings: ["too-few-key-results": RuleSetting(severity: .warning)])
        #expect(r.isEmpty)
    }

    @Test func unusedAndUnknownAreReported() {
        let r = lint(["<!-- okrlint-disable-next-line missing-owner -->", "## O1: A", "- owner: @a", "## O2: B <!-- okrlint-disable-line missing-ownr -->"])
        #expect(ids(r) == ["unused-suppression@7", "missing-owner@10", "unused-suppression@10"])
        let text = "# T\n\n## O2: B <!-- okrlint-disable-line missing-ownr -->\n"
        let doc = Parser.parse(path: "t.okr", text: text)
        let d = Linter(rules: [.document(MissingOwnerRule()), .document(UnusedSuppressionRule())]).lint(doc).first { $0.ruleID == "unused-suppression" }
        #expect(d?.message == "`okrlint-disable-line` names unknown rule `missing-ownr`")
        #expect(d?.help?.hasPrefix("did you mean `missing-owner`?") == true)
        #expect(doc.source.text(d!.range) == "missing-ownr")
    }

    @Test func directivesForRulesThatAreOffAreNotUnused() {
        let r = lint(["## O1: A <!-- okrlint-disable-line missing-owner -->", "- owner: @a"], settings: ["missing-owner": RuleSetting(severity: nil)])
        #expect(r.isEmpty)
    }

    @Test func syntaxErrorsCannotBeSuppressed() {
        let doc = Parser.parse(path: "t.okr", text: "# T\n<!-- okrlint-disable-file -->\n* bad\n")
        #expect(Linter(rules: []).lint(doc).map(\.ruleID) == [syntaxErrorID])
    }

    @Test func unusedSuppressionCanBeTurnedOff() {
        let r = lint(["<!-- okrlint-disable-line -->"], settings: ["unused-suppression": RuleSetting(severity: nil)])
        #expect(r.isEmpty)
    }

    @Test func reasonsAreKept() {
        let doc = Parser.parse(path: "t.okr", text: "<!-- okrlint-disable-next-line missing-owner, duplicate-id -- waiting for HR -->\n")
        let s = Suppression.parse(doc)
        #expect(s.count == 1)
        #expect(s[0].kind == .nextLine)
        #expect(s[0].ids.map(\.value) == ["missing-owner", "duplicate-id"])
        #expect(s[0].reason == "waiting for HR")
        #expect(doc.source.text(s[0].ids[1].range) == "duplicate-id")
    }
}
