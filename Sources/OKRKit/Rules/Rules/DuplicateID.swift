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
        var objectives: [String: SourceRange] = [:]
        let src = context.source
        let doc = context.document
        for (oi, o) in doc.objectives.enumerated() {
            if let id = o.id {
                // A few objectives are compared as bytes; many through a table.
                let first: SourceRange? = doc.objectives.count <= 12
                    ? doc.objectives[..<oi].first(where: { $0.id.map { src.equal($0, id) } ?? false })?.id?.range
                    : objectives[context.text(id)]
                if let first {
                    out.append(context.diagnostic(id.range, "objective ID \(context.text(id)) is already used on line \(src.location(of: first.start).line)",
                                                  help: "give each objective its own ID (e.g. O\(context.document.objectives.count + 1))"))
                } else if doc.objectives.count > 12 {
                    objectives[context.text(id)] = id.range
                }
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
