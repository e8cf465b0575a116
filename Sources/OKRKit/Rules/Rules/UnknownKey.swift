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
        ],
        fix: """
        Replaces a key one or two letters away from exactly one key known in its block, and from no other, when the \
        block does not have that key already (safe). A key with capitals (`- Owner:`) is a syntax error whose fix \
        lowercases it (safe).
        """,
        corrections: [
            RuleCorrection(exampleHeader + "## O1: A\n- ownr: @dana <!-- lead -->\n### KR1.1: a\n- metrc: 1 -> 2 x\n- confidnce: 0.5\n",
                           exampleHeader + "## O1: A\n- owner: @dana <!-- lead -->\n### KR1.1: a\n- metric: 1 -> 2 x\n- confidence: 0.5\n"),
            // `tem` is one letter from `team`; `sponsor` is near no key, and `ownr` beside an `owner` would repeat it.
            RuleCorrection("# T\n\n- okr: 1\n- tem: platform\n- sponsor: @ceo\n\n## O1: A\n- owner: @dana\n- ownr: @raj\n",
                           "# T\n\n- okr: 1\n- team: platform\n- sponsor: @ceo\n\n## O1: A\n- owner: @dana\n- ownr: @raj\n"),
        ])

    public func check(_ context: Context) -> [Diagnostic] {
        var out: [Diagnostic] = []
        func check(_ props: [Property], _ known: [String], _ block: String) {
            let unknown = props.filter { !$0.isDuplicate && !known.contains($0.key.value) && !$0.key.value.hasPrefix("x-") }
            guard !unknown.isEmpty else { return }
            // A fix to a key the block has, or that two keys would both take, would repeat that key: none then.
            let targets = unknown.map { Self.certainKey($0.key.value, known: known) }
            let present = Set(props.map(\.key.value))
            var seen = Set<String>()
            var twice = Set<String>()
            for t in targets.compactMap({ $0 }) where !seen.insert(t).inserted { twice.insert(t) }
            for (p, target) in zip(unknown, targets) {
                let hint = Suggest.phrase(p.key.value, in: known)
                let fix = target.flatMap { t in
                    twice.contains(t) || present.contains(t) ? nil
                        : Fix.safe("replace `\(p.key.value)` with `\(t)`", .replace(p.key.range, with: t))
                }
                out.append(context.diagnostic(p.key.range, "unknown key `\(p.key.value)` in \(block)",
                    help: (hint.isEmpty ? "" : hint + " ") + "known keys here: \(known.joined(separator: ", ")); prefix custom keys with `x-`",
                    fix: fix))
            }
        }
        let doc = context.document
        check(doc.header.properties, Parser.headerKeys, "the file header")
        for o in doc.objectives {
            check(o.properties, Parser.objectiveKeys, "objective \(context.text(o.id) ?? "")")
            for kr in o.keyResults { check(kr.properties, Parser.keyResultKeys, "key result \(context.text(kr.id) ?? "")") }
        }
        return out
    }

    /// Every key any block knows: a known key in the wrong block is misplaced, not misspelt.
    static let allKnownKeys = Set(Parser.headerKeys + Parser.objectiveKeys + Parser.keyResultKeys)

    /// The key `key` was meant to be, when that is certain: exactly one key known here is one or two edits away (and
    /// none other), and `key` is no known key of another block. Keys longer than `Suggest.maxWordLength` get none.
    static func certainKey(_ key: String, known: [String]) -> String? {
        guard !allKnownKeys.contains(key), let w = Suggest.folded(key, maxLength: Suggest.maxWordLength) else { return nil }
        var match: String? = nil
        for k in known {
            guard let f = Suggest.folded(k, maxLength: Suggest.maxWordLength), let d = Suggest.bounded(w, f, limit: 2), d >= 1 else { continue }
            if match != nil { return nil }
            match = k
        }
        return match
    }
}
