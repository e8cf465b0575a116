public struct DuplicateIDRule: DocumentRule {
    public init() {}
    public static let description = RuleDescription(
        id: "duplicate-id",
        summary: "Two objectives or two key results in one file share an ID.",
        rationale: """
        IDs are how check-ins, initiatives (`kr:`) and other teams' `aligns` links name an objective or key result \
        (okr-format design note); a repeated ID makes those references ambiguous.
        """,
        defaultSeverity: .error,
        triggering: [
            RuleExample(exampleHeader + "## O1: A\n### KR1.1: a\n### ↓KR1.1: b\n"),
            RuleExample(exampleHeader + "## O1: A\n## ↓O1: B\n"),
        ],
        passing: [
            RuleExample(exampleHeader + "## O1: A\n### KR1.1: a\n### KR1.2: b\n## O2: B\n### KR2.1: c\n"),
        ])

    public func check(_ context: Context) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let src = context.source
        let doc = context.document
        // Objective IDs found by their bytes, as the parser finds key result IDs.
        let ids = doc.objectives.compactMap(\.id)
        let table = IDTable(ids, in: src)
        var n = 0
        for o in doc.objectives {
            if let id = o.id {
                if let f = table.first(id, in: src), f != n {
                    out.append(context.diagnostic(id.range, "objective ID \(context.text(id)) is already used on line \(src.location(of: ids[f].range.start).line)",
                                                  help: "give each objective its own ID (e.g. O\(context.document.objectives.count + 1))"))
                }
                n += 1
            }
            for kr in o.keyResults {
                // The parser found repeated key result IDs.
                guard let id = kr.id, let earlier = kr.repeatsIDOf, let first = doc[earlier].id else { continue }
                out.append(context.diagnostic(id.range, "key result ID \(context.text(id)) is already used on line \(src.location(of: first.range.start).line)",
                                              help: "give each key result its own ID; check-ins and `kr:` links name key results by ID"))
            }
        }
        return out
    }
}
