public struct KeyResultRestatesObjectiveRule: DocumentRule {
    public init() {}

    public static let description = RuleDescription(
        id: "key-result-restates-objective",
        summary: "A key result repeats its objective, word for word or by the objective's own number, instead of measuring it.",
        rationale: """
        Key results are how an objective is measured, not the objective again: Doerr's Measure What Matters has key \
        results "benchmark and monitor how we get to the objective", and Google's playbook asks whether the key \
        results together are enough to reach it (a key result equal to the objective hides the question of how). A \
        key result whose words are the objective's (case, punctuation and small words such as "the", "our", "to" \
        aside), or whose target is the number the objective already states ("Reach 1,000 paying customers" measured \
        by "1,000 paying customers", `400 -> 1000 customers`), says nothing new: name what will move the objective \
        (the leading measures, the segments, the quality bar) instead. Years (2026), 0 and 1 are not read as an \
        objective's number.
        """,
        defaultSeverity: .warning,
        triggering: [
            RuleExample(exampleHeader + "## O1: Make onboarding effortless\n### ↓KR1.1: Make onboarding effortless!\n- metric: 3 -> 8 NPS\n### KR1.2: Cut setup time\n- metric: 60 -> 10 min\n"),
            RuleExample(exampleHeader + "## O1: Reach 1,000 paying customers\n### ↓KR1.1: Paying customers\n- metric: 400 -> 1000 customers\n### KR1.2: Trial to paid conversion\n- metric: 4% -> 7%\n"),
        ],
        passing: [
            RuleExample(exampleHeader + "## O1: Make onboarding effortless\n### KR1.1: Cut setup time\n- metric: 60 -> 10 min\n### KR1.2: Raise week-one activation\n- metric: 20% -> 40%\n"),
            RuleExample(exampleHeader + "## O1: Win 2026 in the mid-market\n### KR1.1: Mid-market logos\n- metric: 300 -> 2026 logos\n### KR1.2: Net revenue retention\n- metric: 98% -> 110%\n"),
            RuleExample(exampleHeader + "## O1: Reach 1,000 paying customers\n### KR1.1: Trial to paid conversion\n- metric: 4% -> 7%\n### KR1.2: Self-serve sign-ups per week\n- metric: 40 -> 90 sign-ups/wk\n"),
        ])

    static let small: Set<String> = ["a", "an", "the", "our", "to", "of", "for", "and", "in", "on", "by", "with", "we", "all"]

    /// The title's words in lower case, without punctuation and small words.
    static func words(_ title: String) -> [String] {
        let w = TitleWords(OutputClassifier.withoutMarkers(title))
        return (0..<w.count).compactMap { i in w.kind(i) == .punct || small.contains(w[i]) ? nil : w[i] }
    }

    /// The numbers a title states, as values (`1,000` -> 1000, `$2M` -> 2,000,000, `40%` -> 40); years, 0 and 1 left out.
    static func numbers(_ title: String) -> [Double] {
        let w = TitleWords(title)
        return (0..<w.count).compactMap { i in
            guard w.isNumber(i), let v = TitleWords.value(of: w[i]) else { return nil }
            let unit = TitleWords.suffix(of: w[i])
            guard ["", "k", "m", "b", "bn", "mn", "mm", "%", "x"].contains(unit), abs(v) > 1 else { return nil }
            if unit.isEmpty, !w[i].hasPrefix("$"), v == v.rounded(), v >= 1900, v <= 2100 { return nil }
            return v
        }
    }

    public func check(_ context: Context) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for o in context.document.objectives {
            let objectiveTitle = context.text(o.title)
            let objectiveWords = Self.words(objectiveTitle)
            let objectiveNumbers = Self.numbers(objectiveTitle)
            guard objectiveWords.count >= 2 || !objectiveNumbers.isEmpty else { continue }
            let oname = context.text(o.id) ?? "its objective"
            for kr in o.keyResults {
                let title = context.text(kr.title)
                let name = context.text(kr.id) ?? "key result"
                let range = kr.id?.range ?? kr.headingRange
                if objectiveWords.count >= 2, Self.words(title) == objectiveWords {
                    out.append(context.diagnostic(range,
                        "key result \(name) restates objective \(oname) word for word: a key result measures the objective, it does not repeat it",
                        help: "name what will show the objective is reached (who does what more or less, how fast, how well) and measure that"))
                    continue
                }
                let target = kr.metric?.kind == .placeholder ? nil : kr.metric?.target?.value
                let same: (Double) -> Bool = { v in objectiveNumbers.contains { abs($0 - v) <= 1e-9 * max(1, abs(v)) } }
                if let t = target, same(t) {
                    out.append(context.diagnostic(range,
                        "key result \(name) restates the number of objective \(oname) (\(context.text(kr.property("metric")?.value) ?? "")): it is the objective again, not a measure of how it is reached",
                        help: "keep the number in one place (the key result) and word the objective as the change it is for; add key results for what drives it"))
                } else if kr.metric == nil, let v = Self.numbers(title).first(where: same) {
                    out.append(context.diagnostic(range,
                        "key result \(name) restates the number of objective \(oname) (\(v == v.rounded() ? String(Int(v)) : String(v))): it is the objective again, not a measure of how it is reached",
                        help: "keep the number in one place (the key result) and word the objective as the change it is for; add key results for what drives it"))
                }
            }
        }
        return out
    }
}
