public struct OrphanedInitiativeRule: DocumentRule {
    public init() {}

    public struct Options: RuleOptions {
        var allowUnderObjective = false
        public init() {}
        public static let fields: [OptionField<Options>] = [
            .bool("allow-under-objective", \.allowUnderObjective,
                  "Accept initiatives directly under an objective (before its first key result), as Perdoo attaches them."),
        ]
    }

    public static let description = RuleDescription(
        id: "orphaned-initiative",
        summary: "An initiative is attached to no key result.",
        rationale: """
        Initiatives sit under key results (the seed article): work that serves no key result is work nobody can tell \
        is worth doing, and its progress moves no score. Put each `- [ ]` item under the `###` key result it serves, or \
        name it with `kr:KR1.1` in an `## Initiatives` section. Methodologies that attach initiatives to objectives \
        (Perdoo) can allow them there with `allow-under-objective`.
        """,
        defaultSeverity: .warning,
        triggering: [
            RuleExample(exampleHeader + "## O1: Make deploys boring\n↓- [ ] Rewrite the deploy scripts\n### KR1.1: Cut deploy time\n- metric: 45 -> 15 min\n"),
            RuleExample(exampleHeader + "## O1: Make deploys boring\n### KR1.1: Cut deploy time\n- metric: 45 -> 15 min\n\n## Initiatives\n↓- [ ] Rewrite the deploy scripts\n- [ ] Build cache kr:KR1.1\n"),
        ],
        passing: [
            RuleExample(exampleHeader + "## O1: Make deploys boring\n### KR1.1: Cut deploy time\n- metric: 45 -> 15 min\n- [ ] Build cache @raj\n"),
            RuleExample(exampleHeader + "## O1: Make deploys boring\n### KR1.1: Cut deploy time\n- metric: 45 -> 15 min\n\n## Initiatives\n- [ ] Build cache kr:KR1.1\n"),
            RuleExample(exampleHeader + "## O1: Make deploys boring\n- [ ] Rewrite the deploy scripts\n### KR1.1: Cut deploy time\n- metric: 45 -> 15 min\n",
                        options: ["allow-under-objective": .bool(true)]),
        ])

    public func check(_ context: Context) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let underObjective = context.options.allowUnderObjective
        for o in context.document.objectives where !underObjective {
            for i in o.initiatives where i.keyResultRef == nil {
                out.append(context.diagnostic(i.range,
                    "initiative \"\(context.text(i.title))\" is under objective \(context.text(o.id) ?? context.text(o.title)) but no key result",
                    help: "move it under the `###` key result it moves, or add `kr:<ID>`; if it moves none, ask whether it is needed"))
            }
        }
        for i in context.document.initiatives where i.keyResultRef == nil {
            out.append(context.diagnostic(i.range,
                "initiative \"\(context.text(i.title))\" is attached to no key result",
                help: "add `kr:<ID>` naming the key result it moves, or move it under that key result"))
        }
        return out
    }
}
