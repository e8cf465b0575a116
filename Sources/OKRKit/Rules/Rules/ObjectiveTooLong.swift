public struct ObjectiveTooLongRule: DocumentRule {
    public init() {}

    public struct Options: RuleOptions {
        var maxWords = 12
        public init() {}
        public static let fields: [OptionField<Options>] = [
            .int("max-words", \.maxWords, "Most words in an objective's title."),
        ]
    }

    public static let description = RuleDescription(
        id: "objective-too-long",
        summary: "An objective's title is longer than a short sentence.",
        rationale: """
        Google's OKR playbook: an objective should fit on one line and be memorable. A long title usually hides two \
        objectives or a key result; split it or move the detail into the description.
        """,
        defaultSeverity: .info,
        triggering: [
            RuleExample(exampleHeader + "## O1: ↓Make deploys boring and fast and safe for every team in every region we run in today\n"),
        ],
        passing: [
            RuleExample(exampleHeader + "## O1: Make deploys boring\n"),
        ])

    public func check(_ context: Context) -> [Diagnostic] {
        let max = context.options.maxWords
        return context.document.objectives.compactMap { o in
            var n = 0
            var inWord = false
            for b in context.source.bytes(o.title) {
                let separator = b == 0x20 || b == 0x09
                if !separator && !inWord { n += 1 }
                inWord = !separator
            }
            guard n > max else { return nil }
            return context.diagnostic(o.title.range,
                "objective \(context.text(o.id) ?? "") has \(n) words; keep it to \(max) or fewer",
                help: "an objective fits on one line; move the detail into a description line below the heading")
        }
    }
}
