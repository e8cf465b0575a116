public struct ObjectiveIsATaskRule: DocumentRule {
    public init() {}

    public struct Options: RuleOptions {
        public init() {}
        public static let fields: [OptionField<Options>] = []
    }

    /// Verbs that name a project with an end, not a direction: read only these, so "Build a devoted community" and
    /// "Delight our customers" stay objectives.
    static let projectVerbs: Set<String> = ["launch", "ship", "release", "migrate", "deliver", "publish", "implement",
                                            "rebrand", "redesign", "rewrite", "complete", "finish", "finalise",
                                            "finalize", "deploy", "roll out", "do", "redo", "upgrade", "replace", "move to"]

    public static let description = RuleDescription(
        id: "objective-is-a-task",
        summary: "An objective is a task or a project (\"Launch the new website\", \"Migrate to Postgres\") instead of an outcome.",
        rationale: """
        An objective says what should be different at the end of the period and why it matters (Doerr: "what is to \
        be achieved"; Google's playbook: objectives express goals and intents); a launch, a migration or a rebrand is \
        the work that might get there. Google's playbook warns that "Launch X" with no criterion of success is a \
        low-value OKR. The rule reads the title with the English classifier of `key-result-is-a-task` and reports \
        only project verbs (launch, ship, release, migrate, deliver, publish, implement, rebrand, redesign, rewrite, \
        complete, finish, deploy, roll out, do, upgrade, replace), delivered states ("Delivered a roadmap") and \
        deliverables named as noun phrases ("Alpha release of the app"): "Build a devoted community" or "Improve \
        onboarding" are directions, not projects, and are not reported. An aim in the title makes the work a means \
        to it and the objective passes: a superlative ("the most popular"), a comparative ("adopted by more teams", \
        "fewer customers waiting") or a purpose ("... to grow self-serve revenue", "... so that trial users find \
        value").
        """,
        defaultSeverity: .warning,
        triggering: [
            RuleExample(exampleHeader + "## ↓O1: Launch the new website\n"),
            RuleExample(exampleHeader + "## ↓O1: Migrate to Postgres\n"),
            RuleExample(exampleHeader + "## ↓O1: Do a rebrand\n"),
            RuleExample(exampleHeader + "## ↓O1: Alpha release of the mobile app\n"),
        ],
        passing: [
            RuleExample(exampleHeader + "## O1: Make deploys boring\n"),
            RuleExample(exampleHeader + "## O1: Build a small, devoted community\n"),
            RuleExample(exampleHeader + "## O1: Win the mid-market\n"),
            RuleExample(exampleHeader + "## O1: Launch the most popular new iPhone App\n"),
            RuleExample(exampleHeader + "## O1: Get the importer integrated into more production systems\n"),
            RuleExample(exampleHeader + "## O1: Deliver on the roadmap to grow self-serve revenue\n"),
        ])

    /// "to" or "in order to" before an outcome verb, or "so that" before a clause.
    static func statesPurpose(_ w: TitleWords, _ lex: OutputClassifier.Lexicon) -> Bool {
        for k in 0..<w.count {
            if w[k] == "so" && w[k + 1] == "that" && k + 2 < w.count { return true }
            if w[k] == "to", k + 1 < w.count, lex.outcomeBase(w[k + 1]) != nil { return true }
        }
        return false
    }

    public func check(_ context: Context) -> [Diagnostic] {
        let lex = KeyResultIsATaskRule.sharedLexicon
        return context.document.objectives.compactMap { o in
            let title = context.text(o.title)
            // An aim in the title makes the launch a means to it: "Launch the most popular new iPhone App".
            let words = TitleWords(title)
            if (0..<words.count).contains(where: { ["most", "best", "top", "leading", "#1", "world-class", "more", "fewer", "less"].contains(words[$0]) }) { return nil }
            // So does a purpose: "Deliver on the roadmap to grow self-serve revenue", "... so that trial users ...".
            if Self.statesPurpose(words, lex) { return nil }
            guard let finding = OutputClassifier.classify(title, kind: .milestone, metricText: { nil }, lex) else { return nil }
            let what: String
            switch finding {
            case .task(let v), .output(let v, _):
                let base = lex.activityBase(v.split(separator: " ").first.map(String.init) ?? v, .base)
                    ?? lex.activityBase(v, .participle) ?? v
                guard Self.projectVerbs.contains(v) || Self.projectVerbs.contains(base) else { return nil }
                what = v
            case .delivered(let v), .deliverable(let v): what = v
            case .capability: return nil
            }
            let name = context.text(o.id) ?? "objective"
            return context.diagnostic(o.id?.range ?? o.title.range,
                "objective \(name) is a project: \"\(what)\" is work to do, not what should be different when it is done",
                help: "say what the work is for (\"Customers find answers without waiting\") and make \"\(title)\" an initiative of a key result")
        }
    }
}
