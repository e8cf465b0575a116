/// Reported by the engine while applying inline suppressions (see `Suppression.apply`); `check` itself finds nothing.
public struct UnusedSuppressionRule: DocumentRule {
    public static let id = "unused-suppression"
    public init() {}
    public static let description = RuleDescription(
        id: UnusedSuppressionRule.id,
        summary: "An `okrlint-disable...` comment suppresses nothing, or names a rule that does not exist.",
        rationale: """
        A suppression that outlives its finding silently hides the next one, and a misspelt rule id suppresses nothing \
        while looking as if it did (ESLint's `--report-unused-disable-directives`, ruff's `unused-noqa`). Suppressions \
        are `<!-- okrlint-disable-line rule-id -- reason -->` and friends; see the README.
        """,
        defaultSeverity: .warning,
        triggering: [
            RuleExample(exampleHeader + "## O1: A ↓<!-- okrlint-disable-line -- nothing to hide here -->\n"),
            RuleExample(exampleHeader + "<!-- okrlint-disable-next-line ↓missing-ownr -->\n## O1: A\n"),
        ],
        passing: [
            RuleExample(exampleHeader + "<!-- a plain comment -->\n## O1: A\n"),
        ],
        fix: """
        Removes a suppression that suppresses nothing: its whole line when the comment is alone on it, else the \
        comment and the spaces before it (safe). One that names an unknown rule is left to you.
        """,
        corrections: [
            RuleCorrection(exampleHeader + "## O1: A <!-- okrlint-disable-line -- nothing to hide here -->\n<!-- okrlint-disable-next-line -->\n## O2: B\n\n<!-- okrlint-disable-file\n     -- over two lines -->\n## O3: C\n<!-- okrlint-disable-line -->",
                           exampleHeader + "## O1: A\n## O2: B\n\n## O3: C"),
        ])

    public func check(_ context: Context) -> [Diagnostic] { [] }
}
