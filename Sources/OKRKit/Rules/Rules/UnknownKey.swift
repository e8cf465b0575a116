public struct UnknownKeyRule: DocumentRule {
    public init() {}
    public static let description = RuleDescription(
        id: "unknown-key",
        summary: "A `- key: value` fact uses a key okrlint does not know for its block.",
        rationale: """
        A misspelt key (`ownr`) would otherwise be silently ignored data (hledger's accidental-tag problem, format \
        research §9). Unknown keys are kept in the file; custom metadata starting with `x-` is never reported.
        """,
        defaultSeverity: .warning,
        triggering: [
            RuleExample(exampleHeader + "## O1: A\n- ↓ownr: @dana\n### KR1.1: a\n- ↓metrc: 1 -> 2 x\n"),
            RuleExample("# T\n\n- okr: 1\n- ↓tem: platform\n"),
        ],
        passing: [
            RuleExample(exampleHeader + "## O1: A\n- owner: @dana\n- x-jira: PLAT-12\n### KR1.1: a\n- metric: 1 -> 2 x\n"),
        ])

    public func check(_ context: Context) -> [Diagnostic] {
        var out: [Diagnostic] = []
        func check(_ props: [Property], _ known: [String], _ block: String) {
            for p in props where !p.isDuplicate && !known.contains(p.key.value) && !p.key.value.hasPrefix("x-") {
                let hint = Suggest.phrase(p.key.value, in: known)
                out.append(context.diagnostic(p.key.range, "unknown key `\(p.key.value)` in \(block)",
                    help: (hint.isEmpty ? "" : hint + " ") + "known keys here: \(known.joined(separator: ", ")); prefix custom keys with `x-`"))
            }
        }
        let doc = context.document
        check(doc.header.properties, Parser.headerKeys, "the file header")
        for o in doc.objectives {
            check(o.properties, Parser.objectiveKeys, "objective \(o.id?.value ?? "")")
            for kr in o.keyResults { check(kr.properties, Parser.keyResultKeys, "key result \(kr.id?.value ?? "")") }
        }
        return out
    }
}
