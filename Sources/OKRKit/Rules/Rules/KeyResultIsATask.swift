public struct KeyResultIsATaskRule: Rule {
    public init() {}
    public let description = RuleDescription(
        id: "key-result-is-a-task",
        summary: "A key result is phrased as an activity (launch, build, implement ...) instead of an outcome.",
        rationale: """
        Key results describe outcomes, not activities (Google's OKR playbook: "KRs express measurable milestones which, \
        if achieved, will advance objectives"; activities are initiatives). The seed article puts initiatives under key \
        results: the work is `- [ ]` items, the KR says what that work changes.
        """,
        defaultSeverity: .warning,
        options: [RuleOption("verbs", .strings(["launch", "build", "implement", "create", "hold", "conduct", "write",
                                                "develop", "deploy", "migrate", "set up", "setup", "run", "ship", "design",
                                                "organize", "organise", "hire", "introduce", "complete", "finish", "deliver",
                                                "release", "roll out", "publish", "host", "start", "establish", "add", "do",
                                                "install", "refactor", "rewrite", "integrate", "document", "attend", "plan"]),
                             "Verbs that start an activity rather than an outcome.")],
        triggering: [
            RuleExample(exampleHeader + "## O1: Grow the partner channel\n### ↓KR1.1: Launch the partner referral program\n- metric: 0 -> 40 referrals\n"),
            RuleExample(exampleHeader + "## O1: Reliable API\n### ↓KR1.1: Set up multi-region failover\n"),
        ],
        passing: [
            RuleExample(exampleHeader + "## O1: Grow the partner channel\n### KR1.1: Grow partner referrals\n- metric: 0 -> 40 referrals\n- [ ] Launch the partner referral program\n"),
        ])

    /// The verbs as words, by their first word.
    public func prepare(_ options: [String: OptionValue]) -> (any Sendable)? {
        guard case .strings(let list)? = options["verbs"] else { return [String: [[String]]]() }
        var byFirst: [String: [[String]]] = [:]
        for v in list {
            let words = v.lowercasedWords
            if let first = words.first { byFirst[first, default: []].append(words) }
        }
        return byFirst
    }

    public func check(_ context: RuleContext) -> [Diagnostic] {
        let verbs = context.prepared as? [String: [[String]]] ?? (prepare(context.options) as? [String: [[String]]] ?? [:])
        var out: [Diagnostic] = []
        for o in context.document.objectives {
            for kr in o.keyResults {
                // Only the first words can be a verb: tokenise a short prefix of the title.
                // Only a title whose first word starts some verb is tokenised further.
                guard let firstWord = kr.title.value.firstLowercasedWord, verbs[firstWord] != nil else { continue }
                let words = String(kr.title.value.prefix(40)).lowercasedWords
                guard let first = words.first, let candidates = verbs[first],
                      let verb = candidates.first(where: { v in words.count >= v.count && words[..<v.count].elementsEqual(v) }) else { continue }
                let name = kr.id?.value ?? "key result"
                out.append(context.diagnostic(kr.id?.range ?? kr.title.range,
                    "key result \(name) is a task: \"\(verb.joined(separator: " "))\" describes work, not an outcome",
                    help: "say what the work changes (e.g. \"Grow referrals from 0 to 40\") and move \"\(kr.title.value)\" under it as an initiative `- [ ] ...`"))
            }
        }
        return out
    }
}
