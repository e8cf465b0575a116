public struct PlaceholderTargetRule: DocumentRule {
    public init() {}

    public static let description = RuleDescription(
        id: "placeholder-target",
        summary: "A key result's target is a placeholder (`X`, `$N`, `X%`, `TBD`, `??`): the key result is unfinished.",
        rationale: """
        A key result needs a number somebody committed to: "it's not a key result unless it has a number" (Marissa \
        Mayer in Doerr's Measure What Matters), and Google's playbook grades each one 0.0 to 1.0 against its target. A \
        draft that says "Raise $X in grants" or `0 -> X users` is not unmeasurable, it is unfinished: the measure is \
        chosen, the commitment is not. The playbook allows changing a key result mid-quarter when the target was only \
        a placeholder ("Obtain $XM"), which is why the format reads one instead of refusing the file: the metric is \
        read as a placeholder (no progress) and this rule, which a draft can turn off, reports it. It reads the \
        `metric` (`0 -> X internships`, `>= X%`, `$X`, `TBD`, `??`) and, for a key result without a numeric metric, \
        the title: `$X`, `X%`, `TBD`, `TBC`, `??`, `XX`, or a capital `X` or `N` counting something ("Build X brand \
        partnerships").
        """,
        defaultSeverity: .warning,
        triggering: [
            RuleExample(exampleHeader + "## O1: Fund the program\n### ↓KR1.1: Raise grants from foundations\n- metric: $0 -> $X\n### ↓KR1.2: Partner placements\n- metric: 0 -> TBD placements\n"),
            RuleExample(exampleHeader + "## O1: Fund the program\n### ↓KR1.1: Raise $X in grants from foundations\n### ↓KR1.2: Build X brand partnerships\n### ↓KR1.3: Renewal rate at X%\n### ↓KR1.4: Sign ?? new sponsors\n"),
        ],
        passing: [
            RuleExample(exampleHeader + "## O1: Fund the program\n### KR1.1: Raise $50k in grants from foundations\n- metric: $0 -> $50k\n### KR1.2: GitLab X becomes the default for new teams\n- metric: 10% -> 60%\n"),
            RuleExample(exampleHeader + "## O1: Grow revenue 2x\n### KR1.1: Revenue doubles\n- metric: 2x\n### KR1.2: Project X adoption\n- metric: 0 -> 40 teams\n### KR1.3: Windows XP share under 1%\n- metric: <= 1%\n"),
        ])

    public func check(_ context: Context) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for o in context.document.objectives {
            for kr in o.keyResults {
                let name = context.text(kr.id) ?? "key result"
                let range = kr.id?.range ?? kr.headingRange
                if kr.metric?.kind == .placeholder, let prop = kr.property("metric") {
                    out.append(context.diagnostic(range,
                        "key result \(name) has a placeholder target (`\(context.text(prop.value))`): it is unfinished until someone commits to a number",
                        help: "agree the number with the team and write it in `- metric:`; until then the key result has no progress"))
                } else if kr.metric == nil || kr.metric?.kind == .milestone, let word = Self.placeholder(inTitle: context.text(kr.title)) {
                    out.append(context.diagnostic(range,
                        "key result \(name) has a placeholder in its title (\"\(word)\"): it is unfinished until someone commits to a number",
                        help: "replace \"\(word)\" with the number the team commits to, and write it in `- metric:`"))
                }
            }
        }
        return out
    }

    /// The placeholder a title counts with: `$X`, `X%`, `TBD`, `??`, `XX`, or a capital `X`/`N` between lower-case
    /// words ("Build X brand partnerships"; not "GitLab X", "Project X", "Windows XP").
    static func placeholder(inTitle title: String) -> String? {
        let words = title.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        func bare(_ w: String) -> String { String(w.drop(while: { "([\"'".contains($0) }).reversed().drop(while: { ".,;:)]\"'!".contains($0) }).reversed()) }
        func isLower(_ w: String) -> Bool { w.first.map { $0.isLowercase } ?? false }
        for (i, raw) in words.enumerated() {
            let w = bare(raw)
            var core = Substring(w)
            if let f = core.first, "$€£¥₹".contains(f) { core = core.dropFirst() }
            let hadCurrency = core.count < w.count
            var percent = false
            if core.hasSuffix("%") { core = core.dropLast(); percent = true }
            let c = String(core)
            if ["TBD", "TBC", "TBA", "tbd", "tbc"].contains(c) || c == "??" || c == "???" { return w }
            if c == "XX" || c == "XXX" { return w }
            guard c == "X" || c == "N" else { continue }
            if hadCurrency || percent { return w }
            // A lone capital counting what follows, after a verb or a lower-case word and before a lower-case word:
            // "Build X brand partnerships", "provide X paid internships"; not "GitLab X becomes", "Project X adoption".
            let before = i > 0 ? bare(words[i - 1]) : ""
            let after = i + 1 < words.count ? bare(words[i + 1]) : ""
            guard i > 0, isLower(after), !["the", "a", "an", "of"].contains(before.lowercased()) else { continue }
            let lex = KeyResultIsATaskRule.sharedLexicon
            if isLower(before) || lex.isVerb(before.lowercased()) || TaskLexicon.outcomeVerbSet.contains(before.lowercased()) { return w }
        }
        return nil
    }
}
