public struct UnknownReferenceRule: DocumentRule {
    public init() {}
    public static let description = RuleDescription(
        id: "unknown-reference",
        summary: "A check-in, an initiative's `kr:` or an in-file `aligns` link names an ID that does not exist.",
        rationale: """
        A check-in for a key result that does not exist is progress nobody sees; the seed article's "no follow-through" \
        starts with records that point nowhere. Usually the ID was renumbered or mistyped.
        """,
        defaultSeverity: .error,
        triggering: [
            RuleExample(exampleHeader + "## O1: A\n### KR1.1: a\n\n## Check-ins\n- 2026-11-02 ↓KR1.2: 4 min\n"),
            RuleExample(exampleHeader + "## O1: A\n### KR1.1: a\n\n## Initiatives\n- [ ] Cache kr:↓KR9.9\n"),
            RuleExample(exampleHeader + "## O1: A\n- aligns: ↓O7\n### KR1.1: a\n"),
        ],
        passing: [
            RuleExample(exampleHeader + "## O1: A\n### KR1.1: a\n\n## Check-ins\n- 2026-11-02 KR1.1: 4 min\n"),
            RuleExample(exampleHeader + "## O1: A\n## O2: B\n- aligns: O1, company/O3\n"),
        ])

    public func check(_ context: Context) -> [Diagnostic] {
        let doc = context.document
        // Check-ins and `kr:` references were resolved by the parser; IDs as strings are made only for `aligns` links
        // inside the file and for findings.
        var out: [Diagnostic] = []
        var budget = Suggest.fileBudget
        var krIDsMade: [String]? = nil
        func krIDs() -> [String] {
            if let k = krIDsMade { return k }
            let k = doc.keyResultIDs
            krIDsMade = k
            return k
        }
        func missingKR(_ span: TextSpan, _ what: String) {
            let krIDs = krIDs()
            let id = Spanned(doc.text(span), span.range)
            let hint = Suggest.phrase(id.value, in: krIDs, budget: &budget)
            out.append(context.diagnostic(id.range, "\(what) names key result \(id.value), which is not in this file",
                help: hint.isEmpty ? "use the ID of a `###` key result in this file (\(krIDs.isEmpty ? "there are none" : krIDs.prefix(5).joined(separator: ", ")))" : hint))
        }
        for c in doc.checkIns where c.keyResult == nil { missingKR(c.keyResultID, "check-in") }
        func check(_ initiatives: [Initiative]) {
            for i in initiatives { if let ref = i.keyResultRef, i.keyResult == nil { missingKR(ref, "initiative") } }
        }
        // The initiatives section, then each objective's and its key results'.
        check(doc.initiatives)
        doc.objectives.withUnsafeBufferPointer { objectives in
            for o in objectives.indices {
                check(objectives[o].initiatives)
                objectives[o].keyResults.withUnsafeBufferPointer { krs in for k in krs.indices { check(krs[k].initiatives) } }
            }
        }
        guard doc.objectives.contains(where: { $0.aligns.contains { $0.team == nil } }) else { return out }
        let krIDs = krIDs()
        let krSet: Set<String>? = krIDs.count > 16 ? Set(krIDs) : nil
        func hasKR(_ id: String) -> Bool { krSet?.contains(id) ?? krIDs.contains(id) }
        let objectiveIDs = doc.objectives.compactMap { doc.text($0.id) }
        let objectiveSet: Set<String>? = objectiveIDs.count > 16 ? Set(objectiveIDs) : nil
        for o in doc.objectives {
            for link in o.aligns where link.team == nil && !(objectiveSet?.contains(link.objectiveID) ?? objectiveIDs.contains(link.objectiveID)) && !hasKR(link.objectiveID) {
                let hint = Suggest.phrase(link.objectiveID, in: objectiveIDs + krIDs, budget: &budget)
                out.append(context.diagnostic(link.range, "aligns to \(link.objectiveID), which is no objective or key result in this file",
                    help: hint.isEmpty ? "write `team/ID` for another team's objective, e.g. `company/\(link.objectiveID)`" : hint))
            }
        }
        return out
    }
}
