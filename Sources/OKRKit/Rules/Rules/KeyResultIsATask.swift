public struct KeyResultIsATaskRule: DocumentRule {
    public init() {}

    public struct Options: RuleOptions {
        var verbs: [String] = []
        var allowedVerbs: [String] = []
        var outcomeUnits: [String] = []
        var allowOutcomeMetric = true
        /// The lexicons built from the built-in lists and the fields above, by `prepare`.
        var lexicon = Lexicon()
        public init() {}
        public static let fields: [OptionField<Options>] = [
            .strings("verbs", \.verbs,
                     "Activity verbs added to the built-in lexicon (base form; phrasal verbs as several words, e.g. \"price out\")."),
            .strings("allowed-verbs", \.allowedVerbs,
                     "Built-in activity verbs this team uses for outcomes (e.g. \"deliver\"); they are not reported."),
            .strings("outcome-units", \.outcomeUnits,
                     "Words that make a metric an outcome measure, added to the built-in ones (users, customers, %, money, time, NPS ...)."),
            .bool("allow-outcome-metric", \.allowOutcomeMetric,
                  "A key result with an activity title passes when its metric is a baseline -> target or a threshold in an outcome unit; false reports it too."),
        ]
        public mutating func prepare() { lexicon = Lexicon(self) }
    }
    public static let description = RuleDescription(
        id: "key-result-is-a-task",
        summary: "A key result is phrased as an activity (launch, build, draft, assess ...) instead of an outcome.",
        rationale: """
        Key results describe outcomes, not activities: Google's OKR playbook says KRs "must describe outcomes, not \
        activities" (its examples of activity words: consult, help, analyze, participate), re:Work repeats it ("OKRs \
        are not a shared to-do list"), Felipe Castro lists the verbs that start activity-based KRs \
        (launch, create, develop, deliver, build, make, implement, define, release, test, prepare, plan) and the GitLab \
        handbook contrasts "Ship 10 components" with the share of users it helps. The work belongs in initiatives \
        (`- [ ]` under the key result). \
        The rule reads the first words of the title against a lexicon of about 500 activity verbs, phrasal ones \
        included ("set up", "roll out", "price out", "agree on", "make available", "reach out to"), after leading \
        adverbs ("Fully automate") and in pairs ("Design and build"); a delivered-state title such as "Onboarding flow \
        launched" counts too when the key result is a milestone or has no metric. \
        It stays quiet when the verb is a noun ("Build time down from 20 to 8 minutes", "Deploy frequency up to 10 per \
        day", "Release cadence from monthly to weekly", "Launch readiness score"), when the title names the outcome \
        ("Launch Foo 4.1 to improve sign-ups by 25 percent", the form Google's playbook recommends; "Onboard 300 new \
        clients"), and when the verb is itself an outcome verb (increase, reduce, grow, cut, raise, reach, maintain ...). \
        A key result graded by a baseline -> target or a threshold in an outcome unit (users, customers, %, money, \
        time, NPS, a rate per week ...) is measured by an outcome whatever its title says, so it passes too (set \
        `allow-outcome-metric` to false to ask for outcome wording as well). Counting the work itself stays a \
        finding: "Ship 3 experiments" (`0 -> 3 experiments`), "Hire 5 engineers" (`0 -> 5 hires`), "Migrate 80% of \
        services": outputs, not what they change (re:Work: KRs should be outcomes). So does a milestone deliverable \
        ("Launch the new onboarding flow", `metric: milestone`); one with a date ("Publish the latency measurements by \
        March 7", or a `due`) is the "measurable milestone" Google's playbook accepts, so it is reported as an info.
        """,
        defaultSeverity: .warning,
        triggering: [
            RuleExample(exampleHeader + "## O1: Grow the partner channel\n### ↓KR1.1: Launch the partner referral program\n- metric: milestone\n"),
            RuleExample(exampleHeader + "## O1: Reliable API\n### ↓KR1.1: Set up multi-region failover\n"),
            RuleExample(exampleHeader + "## O1: Onboarding\n### ↓KR1.1: Launch the new onboarding flow\n- metric: milestone\n"),
            RuleExample(exampleHeader + "## O1: Know the market\n### ↓KR1.1: Assess the mid-market opportunity\n### ↓KR1.2: Draft and maintain a pricing playbook\n### ↓KR1.3: Consider a usage-based plan\n"),
            RuleExample(exampleHeader + "## O1: Reliable releases\n### ↓KR1.1: Fully automate the release checklist\n- metric: milestone\n### ↓KR1.2: Successfully launch the EU region\n- metric: milestone\n### ↓KR1.3: Finally ship the billing rewrite\n- metric: milestone\n"),
            RuleExample(exampleHeader + "## O1: Pricing\n### ↓KR1.1: Price out the enterprise tier\n### ↓KR1.2: Agree on the packaging with sales\n### ↓KR1.3: Make available the usage dashboard to admins\n### ↓KR1.4: Put in place an on-call rota\n"),
            RuleExample(exampleHeader + "## O1: Pipeline\n### ↓KR1.1: Reach out to 50 design partners\n- metric: 0 -> 50 partners\n### ↓KR1.2: Kick off the partner council\n### ↓KR1.3: Sign off the security review\n### ↓KR1.4: Figure out the EU data residency plan\n### ↓KR1.5: Write up the pricing experiments\n"),
            RuleExample(exampleHeader + "## O1: Learn faster\n### ↓KR1.1: Ship 3 experiments\n- metric: 0 -> 3 experiments\n### ↓KR1.2: Hire 5 engineers\n- metric: 0 -> 5 hires\n### ↓KR1.3: Migrate 80% of services to Kubernetes\n- metric: 20% -> 80%\n"),
            RuleExample(exampleHeader + "## O1: Understand customers\n### ↓KR1.1: Interview 20 customers\n- metric: 0 -> 20 customers\n### ↓KR1.2: Design and build a self-serve upgrade flow\n- metric: milestone\n"),
            RuleExample(exampleHeader + "## O1: Platform\n### ↓KR1.1: Billing migration completed\n- metric: milestone\n### ↓KR1.2: We've documented the on-call runbook\n"),
            RuleExample(exampleHeader + "## O1: Platform\n### ↓KR1.1: Launch the partner referral program\n- metric: 0 -> 40 referrals\n",
                        options: ["allow-outcome-metric": .bool(false)]),
            RuleExample(exampleHeader + "## O1: Growth\n### ↓KR1.1: Deliver the Q3 newsletter\n### ↓KR1.2: Socialise the roadmap with sales\n- metric: milestone\n",
                        options: ["verbs": .strings(["socialise"])]),
            RuleExample(exampleHeader + "## O1: Deliverables\n### ↓KR1.1: There is a prototype of the sync engine\n- metric: milestone\n### ↓KR1.2: Deal registration launched and available in the portal\n- metric: milestone\n### ↓KR1.3: The beta becomes available to all customers\n- metric: milestone\n### ↓KR1.4: Create 2 performance indicators for cycle time\n- metric: milestone\n"),
            // A dated milestone is an info.
            RuleExample(exampleHeader + "## O1: Latency\n### ↓KR1.1: Publish tail latency measurements by March 7\n- metric: milestone\n"),
        ],
        passing: [
            RuleExample(exampleHeader + "## O1: Grow the partner channel\n### KR1.1: Grow partner referrals\n- metric: 0 -> 40 referrals\n- [ ] Launch the partner referral program\n"),
            RuleExample(exampleHeader + "## O1: Faster CI\n### KR1.1: Build time down from 20 to 8 minutes\n- metric: 20 -> 8 min\n### KR1.2: Deploy frequency up to 10 per day\n- metric: 2 -> 10 deploys/day\n### KR1.3: Release cadence from monthly to weekly\n- metric: 1 -> 4 releases/month\n"),
            RuleExample(exampleHeader + "## O1: Ready to launch\n### KR1.1: Launch readiness score\n- metric: 40% -> 90%\n### KR1.2: Test coverage of the billing service\n- metric: 55% -> 80%\n"),
            RuleExample(exampleHeader + "## O1: Grow sign-ups\n### KR1.1: Launch Foo 4.1 to improve sign-ups by 25 percent\n- metric: milestone\n### KR1.2: Redesign checkout and reduce drop-off to 20%\n- metric: 35% -> 20%\n"),
            RuleExample(exampleHeader + "## O1: Outcomes\n### KR1.1: Increase weekly active teams\n- metric: 100 -> 200 teams\n### KR1.2: Reduce p95 latency\n- metric: 900 -> 300 ms\n### KR1.3: Maintain API availability\n- metric: >= 99.9%\n### KR1.4: Reach 1,000 paying customers\n- metric: 400 -> 1000 customers\n### KR1.5: Keep churn below 2%\n- metric: <= 2%\n"),
            RuleExample(exampleHeader + "## O1: Grow the partner channel\n### KR1.1: Launch the partner referral program\n- metric: 0 -> 40 referrals\n### KR1.2: Build the self-serve checkout\n- metric: 2% -> 4%\n### KR1.3: Automate the release pipeline\n- metric: 45 -> 15 min\n"),
            RuleExample(exampleHeader + "## O1: Customers\n### KR1.1: Onboard 300 new clients\n- metric: 0 -> 300 clients\n### KR1.2: Deliver 99.9% uptime\n- metric: >= 99.9%\n### KR1.3: Resolve 90% of tickets within 24 hours\n- metric: 70% -> 90%\n"),
            RuleExample(exampleHeader + "## O1: Ship faster\n### KR1.1: Ship more often\n- metric: 12 -> 30 deploys/wk\n### KR1.2: Hold churn below 2%\n- metric: <= 2%\n### KR1.3: Support tickets per 100 accounts under 15\n- metric: <= 15 tickets\n"),
            RuleExample(exampleHeader + "## O1: Growth\n### KR1.1: Deliver the Q3 newsletter\n- metric: milestone\n### KR1.2: Launch the partner referral program\n- metric: 0 -> 40 partners\n",
                        options: ["allowed-verbs": .strings(["deliver"]), "outcome-units": .strings(["partners"])]),
            // An existential title with a number and an outcome metric measures something; it is not a deliverable.
            RuleExample(exampleHeader + "## O1: Customers\n### KR1.1: There are 300 customers on the new platform\n- metric: 100 -> 300 customers\n"),
        ])

    /// The lexicons, built once per linter from the built-in lists and the options. Inflected forms are not listed:
    /// a word is read back to its base form when needed (`TaskLexicon.pastBase`, `ingBase`, `anyBase`), and one
    /// table holds every word a title may start with, so preparing costs one insertion per verb.
    struct Lexicon: Sendable {
        /// Flags of the words that may start an activity title: `verb` (a single-word activity verb), `phrasal`
        /// (the first word of a phrasal one), `start` (a subject or adverb: read on), `past` (an irregular past).
        var words = WordTable(capacity: 700)
        static let verb: UInt8 = 1, phrasalStart: UInt8 = 2, start: UInt8 = 4, past: UInt8 = 8
        /// The first two words of every phrasal verb, as `WordTable.pair` keys.
        var phrasalPairs = WordTable(capacity: 100)
        /// Phrasal activity verbs by their first word, longest first.
        var phrasal: [String: [[String]]] = [:]
        var outcomeUnits = TaskLexicon.outcomeNouns
        var allowOutcomeMetric = true

        func isVerb(_ w: String) -> Bool { words.flags(w) & Self.verb != 0 }
        func isKnown(_ w: String) -> Bool { words.flags(w) & (Self.verb | Self.phrasalStart) != 0 }

        /// `word` as an activity verb in `form`: its base form (single word or first word of a phrasal verb).
        func activityBase(_ word: String, _ form: Form) -> String? {
            switch form {
            case .base: return isKnown(word) ? word : nil
            case .participle: return TaskLexicon.pastBase(word) { isKnown($0) && !TaskLexicon.notStates.contains($0) }
            case .gerund: return TaskLexicon.ingBase(word) { isKnown($0) && !TaskLexicon.notStates.contains($0) }
            }
        }

        init() {}

        /// The lexicons for `options` (its fields, not yet its own `lexicon`), once per linter. Inflected forms are
        /// not listed, and one table holds every word a title may start with, so this costs one insertion per verb.
        init(_ options: Options) {
            var lex = Lexicon()
            var allowed = Set<String>()
            if !options.allowedVerbs.isEmpty { allowed = Set(options.allowedVerbs.map { $0.lowercasedWords.joined(separator: " ") }) }
            func add(_ words: [String]) {
                guard let first = words.first, allowed.isEmpty || !allowed.contains(words.joined(separator: " ")) else { return }
                if words.count == 1 {
                    lex.words.insert(first, flag: Lexicon.verb)
                } else {
                    lex.words.insert(first, flag: Lexicon.phrasalStart)
                    lex.phrasal[first, default: []].append(words)
                    lex.phrasalPairs.insert(hash: WordTable.pair(WordTable.hash(first.utf8), WordTable.hash(words[1].utf8)), flag: 1)
                }
            }
            // Built-in single verbs go in by the hash of their bytes; only phrasal ones become strings.
            WordTable.forEachEntry(of: TaskLexicon.activityText) { entry in
                if allowed.isEmpty { lex.words.insert(hash: WordTable.hash(entry), flag: Lexicon.verb) }
                else { add([String(decoding: entry, as: UTF8.self)]) }
            }
            WordTable.forEachEntry(of: TaskLexicon.phrasalText) { entry in
                var words: [String] = []
                var start = entry.startIndex, i = entry.startIndex
                while i < entry.endIndex {
                    if entry[i] == 0x20 {
                        words.append(String(decoding: entry[start..<i], as: UTF8.self))
                        start = i + 1
                    }
                    i += 1
                }
                words.append(String(decoding: entry[start..<entry.endIndex], as: UTF8.self))
                add(words)
            }
            for entry in options.verbs { add(entry.lowercasedWords) }
            for k in lex.phrasal.keys { lex.phrasal[k]!.sort { $0.count > $1.count } }
            for w in TaskLexicon.startWords { lex.words.insert(w, flag: Lexicon.start) }
            // Irregular pasts ("Built the ..."); regular ones are recognised by their -ed.
            for (form, base) in TaskLexicon.irregularPairs where lex.isKnown(base) { lex.words.insert(form, flag: Lexicon.past) }
            for u in options.outcomeUnits {
                for w in u.lowercasedWords { lex.outcomeUnits.insert(w); lex.outcomeUnits.insert(TaskLexicon.singular(w)) }
            }
            lex.allowOutcomeMetric = options.allowOutcomeMetric
            self = lex
        }

        /// `word` is an outcome verb in any form ("improve", "increasing", "cuts", "doubled").
        func outcomeBase(_ word: String) -> String? {
            TaskLexicon.anyBase(word) { TaskLexicon.outcomeVerbSet.contains($0) }
        }
    }

    /// What the classifier found.
    enum Finding: Equatable {
        /// The title starts with an activity verb (the verb or verb pair as written, lowercased).
        case task(String)
        /// The title counts the work itself: the verb and what it counts ("hire 5 engineers").
        case output(verb: String, phrase: String)
        /// The title reports a delivered state ("launched").
        case delivered(String)
    }

    public func check(_ context: Context) -> [Diagnostic] {
        let lex = context.options.lexicon
        var out: [Diagnostic] = []
        let objectives = context.document.objectives
        for oi in objectives.indices {
            // Indices rather than copies of each key result: this runs on every key result of every file.
            let krs = objectives[oi].keyResults
            for ki in krs.indices {
                guard let finding = Self.classify(context.text(krs[ki].title), kind: krs[ki].metric?.kind,
                                                  metricText: { krs[ki].metric == nil ? nil : context.text(krs[ki].property("metric")?.value) }, lex) else { continue }
                let kr = krs[ki]
                let name = context.text(kr.id) ?? "key result"
                let range = kr.id?.range ?? kr.title.range
                let title = context.text(kr.title)
                // A milestone with a date ("Publish latency measurements by March 7") is the measurable milestone
                // Google's playbook accepts as a key result: an info, not a warning.
                if kr.metric?.kind == .milestone && (kr.due != nil || Self.hasDeadline(title)) {
                    let what: String
                    switch finding {
                    case .task(let v), .delivered(let v): what = v
                    case .output(let v, _): what = v
                    }
                    out.append(context.diagnostic(range,
                        "key result \(name) is a dated deliverable: \"\(what)\" is work; a milestone with a date can be checked, an outcome says why it matters",
                        help: "if the date is what matters, keep it; otherwise measure what the delivery should change and keep \"\(title)\" as an initiative `- [ ] ...`",
                        severity: .info))
                    continue
                }
                switch finding {
                case .task(let verb):
                    out.append(context.diagnostic(range,
                        "key result \(name) is a task: \"\(verb)\" describes work, not an outcome",
                        help: "say what the work should change and measure that (\"Grow <measure> from X to Y\", \"Cut <measure> to Y\"); keep \"\(title)\" under it as an initiative `- [ ] ...`"))
                case .output(let verb, let phrase):
                    out.append(context.diagnostic(range,
                        "key result \(name) counts work done: \"\(phrase)\" measures the output of \"\(verb)\", not an outcome",
                        help: "measure what that work changes for users or the business (adoption, time, money, quality), and keep \"\(title)\" as an initiative `- [ ] ...`"))
                case .delivered(let word):
                    out.append(context.diagnostic(range,
                        "key result \(name) is a task: \"\(word)\" reports work delivered, not an outcome",
                        help: "say what the delivered work should change and measure that (\"Grow <measure> from X to Y\"); keep \"\(title)\" as an initiative `- [ ] ...`"))
                }
            }
        }
        return out
    }

    // MARK: - The classifier

    /// The form a verb is read in: "launch", "launched" / "we've launched", "we are launching".
    enum Form { case base, participle, gerund }

    /// `metricText` is read only when the title starts with an activity verb.
    static func classify(_ title: String, kind: MetricKind?, metricText: () -> String?, _ lex: Lexicon) -> Finding? {
        let deliverableOnly = kind == nil || kind == .milestone
        // Most titles start with an outcome verb or a noun: one or two words decide.
        if !deliverableOnly, let lead = TitleWords.leadingHashes(title), !lead.firstMayBeInflected {
            let flags = lead.first == 0 ? 0 : lex.words.flags(hash: lead.first)
            if flags == 0 { return nil }
            if flags == Lexicon.phrasalStart && (lead.second == 0 || !lex.phrasalPairs.contains(hash: WordTable.pair(lead.first, lead.second))) {
                return nil
            }
        }
        let w = TitleWords(title)
        guard w.count > 0 else { return nil }
        var i = 0
        var form = Form.base
        // "We will", "Let's", "We've", "We are" ...
        var skipped = 0
        while skipped < 3, w.isWord(i) {
            let t = w[i]
            if TaskLexicon.subjects.contains(t) { i += 1; skipped += 1; continue }
            if TaskLexicon.perfect.contains(t) {
                form = .participle
                i += 1
                if w[i] == "been" { i += 1 }
            } else if TaskLexicon.progressive.contains(t) {
                form = .gerund
                i += 1
            }
            break
        }
        // Leading adverbs: "Fully automate", "Successfully launch".
        var adverbs = 0
        while adverbs < 2, w.isWord(i), isAdverb(w[i], lex), startsVerb(w, i + 1, lex, form) {
            i += 1
            adverbs += 1
        }
        var match = matchVerb(w, at: i, lex, form)
        // "Published 5 case studies", "Created an internal dashboard": a past form before its object.
        if match == nil && form == .base && (w.isNumber(i + 1) || TaskLexicon.determiners.contains(w[i + 1])) {
            match = matchVerb(w, at: i, lex, .participle)
            if match != nil { form = .participle }
        }
        guard let (verb, end) = match else {
            guard deliverableOnly else { return nil }
            // "There is a prototype of X", "There are runbooks for Y": a thing that will exist, a deliverable.
            if w[0] == "there" && ["is", "are", "will"].contains(w[1]) && !hasNumber(w, from: 2) && !hasComparison(title) {
                return .delivered("there \(w[1])")
            }
            return deliveredState(w, limit: hasComparison(title), lex)
        }
        // "Partner portal rebuilt": a leading verb with no object of its own (no article, no number) may be a noun
        // whose clause ends in a participle; the participle is then what the title reports.
        if deliverableOnly && form == .base && !w.isNumber(end) && !TaskLexicon.determiners.contains(w[end]),
           case .delivered(let word)? = deliveredState(w, limit: hasComparison(title), lex), word != verb {
            return .delivered(word)
        }
        let base = lex.activityBase(w[i], form) ?? w[i]
        // "make" and "do" are activities only before an object ("Make 100 calls", "Do a pricing review"), not in
        // "Make deploys boring".
        if form == .base && TaskLexicon.needObject.contains(base) && end == i + 1
            && !(w.isNumber(end) || TaskLexicon.determiners.contains(w[end])) {
            return nil
        }
        // A verb pair: "Draft and maintain", "Design and build".
        var name = verb
        var j = end
        if (w[j] == "and" || w[j] == "or"), let (second, end2) = matchVerb(w, at: j + 1, lex, form) ?? matchOutcomeVerb(w, at: j + 1, lex) {
            name = "\(verb) \(w[j]) \(second)"
            j = end2
        }
        let baseName = end == i + 1 ? base : verb
        if isNounUse(w, verbBase: base, after: j, lex) { return nil }
        if purposeClause(w, from: end, lex) { return nil }
        let activity = TaskLexicon.countsActivity.contains(baseName)
        // The work counted: "Ship 3 experiments", "Hire 5 engineers", "Migrate 80% of services".
        if let p = countAfter(w, j) {
            let counted = countedWords(w, after: p, max: 5)
            // What is counted is the head of the noun group: "2 performance indicators" counts indicators, work made;
            // "300 new clients" and "80% of services" count clients and services.
            if !activity, let head = counted.last, isOutcomeWord(head, lex) { return nil }
            if !activity && namesOutcome(w, from: p + 1 + counted.count, lex) { return nil }
            if serviceLevel(w, from: j) { return nil }
            let phrase = ([name, w[p]] + countedWords(w, after: p, max: 3)).joined(separator: " ")
            return .output(verb: name, phrase: phrase)
        }
        if !activity && namesOutcome(w, from: j, lex) { return nil }
        if lex.allowOutcomeMetric, let kind, kind != .milestone, let text = metricText(), metricIsOutcome(text, lex) { return nil }
        return .task(name)
    }

    /// A deadline in the title: "by March 7", "by end of Q2", "by 2026-03-31", "before June".
    static func hasDeadline(_ title: String) -> Bool {
        let w = TitleWords(title)
        for k in 0..<w.count where w[k] == "by" || w[k] == "before" || w[k] == "until" {
            let next = w[k + 1]
            if FiscalCalendar.month(next) != nil && !next.allSatisfy(\.isNumber) { return true }
            if next == "end" || next == "eoy" || next == "eoq" || next == "the" && w[k + 2] == "end" { return true }
            if next.count == 2 && (next.hasPrefix("q") || next.hasPrefix("h")) && next.last!.isNumber { return true }
            if w.isNumber(k + 1) && (next.contains("-") || next.contains("/") || next.count == 4) { return true }
        }
        return false
    }

    /// `<`, `>`, `≤` or `≥` in the title: it states a limit.
    static func hasComparison(_ title: String) -> Bool {
        // Byte by byte, remembering the two bytes before: `≤` is E2 89 A4, `≥` E2 89 A5.
        var b1: UInt8 = 0, b2: UInt8 = 0
        for b in title.utf8 {
            if b == 0x3C || b == 0x3E { return true }
            if b2 == 0xE2 && b1 == 0x89 && (b == 0xA4 || b == 0xA5) { return true }
            b2 = b1
            b1 = b
        }
        return false
    }

    static func isAdverb(_ word: String, _ lex: Lexicon) -> Bool {
        if TaskLexicon.adverbs.contains(word) { return true }
        return mayBeAdverb(word) && !lex.isVerb(word) && !TaskLexicon.notAdverbs.contains(word)
    }

    /// Six letters or more ending in -ly.
    static func mayBeAdverb(_ word: String) -> Bool {
        let u = word.utf8
        guard u.count >= 6 else { return false }
        var it = u.reversed().makeIterator()
        return it.next() == 0x79 && it.next() == 0x6C
    }

    static func startsVerb(_ w: TitleWords, _ i: Int, _ lex: Lexicon, _ form: Form) -> Bool {
        matchVerb(w, at: i, lex, form) != nil || lex.outcomeBase(w[i]) != nil
    }

    /// The activity verb at `i` in `form` (phrasal ones first, longest first): its words as written and the index
    /// after it.
    static func matchVerb(_ w: TitleWords, at i: Int, _ lex: Lexicon, _ form: Form) -> (String, Int)? {
        guard w.isWord(i) else { return nil }
        guard let first = lex.activityBase(w[i], form) else { return nil }
        if let candidates = lex.phrasal[first] {
            for words in candidates where i + words.count <= w.count {
                var ok = true
                for k in 1..<words.count where w[i + k] != words[k] || !w.isWord(i + k) { ok = false; break }
                if ok { return (([w[i]] + words.dropFirst()).joined(separator: " "), i + words.count) }
            }
        }
        if lex.isVerb(first) { return (w[i], i + 1) }
        return nil
    }

    static func matchOutcomeVerb(_ w: TitleWords, at i: Int, _ lex: Lexicon) -> (String, Int)? {
        w.isWord(i) && lex.outcomeBase(w[i]) != nil ? (w[i], i + 1) : nil
    }

    /// The verb is a noun or adjective: "Build time ...", "Deploy frequency up to ...", "Launch readiness score",
    /// "Ship faster", "Release cadence from monthly to weekly".
    /// Also a noun: "Share of voice ..." (a verb is not followed by "of"), "Blog post hits top 5 ..." (a sentence
    /// whose own verb, an outcome verb with -s, comes within three words). "Meet quarterly hiring plans" is an outcome:
    /// what is met is a target.
    static func isNounUse(_ w: TitleWords, verbBase: String, after j: Int, _ lex: Lexicon) -> Bool {
        if measurement(w, at: j, bare: true) { return true }
        if w[j] == "of" { return true }
        for k in j..<min(w.count, j + 3) where w.isWord(k) && TaskLexicon.functionWords.contains(w[k]) == false {
            let t = w[k]
            // The sentence's verb states a measure after it ("hits top 5", "grows 10%"); "performance limits" does not.
            if t.utf8.last == 0x73, let base = TaskLexicon.anyBase(t, { TaskLexicon.outcomeVerbSet.contains($0) }), base != t,
               hasNumber(w, from: k + 1) { return true }
        }
        var k = j
        var group = 0
        while k < w.count, group < 4, w.isWord(k), !TaskLexicon.functionWords.contains(w[k]) {
            if verbBase == "meet" && TaskLexicon.targetNouns.contains(w[k]) { return true }
            k += 1
            group += 1
        }
        guard group > 0 else { return false }
        if TaskLexicon.measureNouns.contains(w[k - 1]) && !TaskLexicon.observingVerbs.contains(verbBase) { return true }
        return measurement(w, at: k, bare: false)
    }

    /// A measurement phrase at `p`: "down", "up to 10", "from 20 to 8", "under 200 ms", "per week", "faster" ...
    /// `bare`: right after the verb, where a destination ("to 3 regions") or a deadline ("within 6 weeks") is not one.
    static func measurement(_ w: TitleWords, at p: Int, bare: Bool) -> Bool {
        guard p < w.count, w.isWord(p) else { return false }
        let t = w[p], next = w[p + 1]
        func numberAt(_ q: Int) -> Bool { w.isNumber(q) }
        func timeNumberAt(_ q: Int) -> Bool {
            guard w.isNumber(q) else { return false }
            let s = TitleWords.suffix(of: w[q])
            if s == "%" || TaskLexicon.timeUnits.contains(s) { return true }
            return TaskLexicon.timeUnits.contains(w[q + 1]) || w[q + 1] == "percent"
        }
        switch t {
        case "down", "up":
            return p + 1 >= w.count || w.kind(p + 1) != .word || ["to", "from", "by", "and", "or", "significantly", "sharply"].contains(next)
        case "from":
            guard numberAt(p + 1) || TaskLexicon.frequencyWords.contains(next) else { return false }
            for q in (p + 2)..<min(w.count, p + 6) where w[q] == "to" { return true }
            return false
        case "under", "below", "beneath", "exceeding":
            return bare ? timeNumberAt(p + 1) : numberAt(p + 1)
        case "above", "over":
            return !bare && numberAt(p + 1)
        case "within":
            return !bare && numberAt(p + 1)
        case "in":
            return (next == "under" || next == "less") && (timeNumberAt(p + 2) || timeNumberAt(p + 3))
        case "less", "fewer", "more":
            // Right after the verb, "more than 6" counts the work ("Publish more than 6 case studies").
            if next == "than" { return !bare && numberAt(p + 2) }
            return bare && TaskLexicon.manner.contains(next)
        case "at":
            if next == "least" || next == "most" { return !bare && numberAt(p + 2) }
            return !bare && numberAt(p + 1)
        case "no", "not":
            return !bare && (next == "more" || next == "less" || next == "fewer") && w[p + 2] == "than" && numberAt(p + 3)
        case "by":
            return !bare && numberAt(p + 1) && (w[p + 1].hasSuffix("%") || w[p + 2] == "percent" || w[p + 1].hasSuffix("x"))
        case "per":
            return !bare
        case "to":
            return !bare && timeNumberAt(p + 1) && !w[p + 1].hasSuffix("%") && w[p + 2] != "percent"
        default:
            if bare && TaskLexicon.comparatives.contains(t) { return true }
            if bare && TaskLexicon.frequencyWords.contains(t) {
                return p + 1 >= w.count || w.kind(p + 1) == .punct || ["instead", "rather", "and", "from", "to", "by"].contains(next)
            }
            return false
        }
    }

    /// "... to improve sign-ups by 25 percent", "..., increasing revenue 20%", "... so that 30% of users ...".
    static func purposeClause(_ w: TitleWords, from start: Int, _ lex: Lexicon) -> Bool {
        var k = start
        while k < w.count {
            if w.isWord(k) {
                let t = w[k]
                if t == "so" && w[k + 1] == "that" && hasNumber(w, from: k + 2) { return true }
                if let base = lex.outcomeBase(t) {
                    let prev = w[k - 1]
                    let linked = w.kind(k - 1) == .punct || TaskLexicon.purposeLinks.contains(prev) || t.hasSuffix("ing")
                    if linked && (TaskLexicon.multiplierVerbs.contains(base) || hasNumber(w, from: k + 1)) { return true }
                }
            }
            k += 1
        }
        return false
    }

    static func hasNumber(_ w: TitleWords, from start: Int) -> Bool {
        var k = start
        while k < w.count {
            if w.isNumber(k) || TaskLexicon.numberWords.contains(w[k]) { return true }
            k += 1
        }
        return false
    }

    /// The number that counts what the verb acts on: "Ship 3 experiments", "Hire at least 5", "Migrate 80% of ...".
    static func countAfter(_ w: TitleWords, _ j: Int) -> Int? {
        if w.isNumber(j) { return j }
        if (w[j] == "at" && w[j + 1] == "least") || (w[j] == "more" && w[j + 1] == "than") || (w[j] == "up" && w[j + 1] == "to") {
            return w.isNumber(j + 2) ? j + 2 : nil
        }
        if ["over", "another", "the"].contains(w[j]) && w.isNumber(j + 1) { return j + 1 }
        if w[j] == "the" && w[j + 1] == "first" && w.isNumber(j + 2) { return j + 2 }
        return nil
    }

    /// Up to `max` words after a count, through "of" and "new" ("80% of services" -> of, services).
    static func countedWords(_ w: TitleWords, after p: Int, max: Int) -> [String] {
        var out: [String] = []
        var k = p + 1
        while k < w.count, out.count < max, w.isWord(k) {
            let t = w[k]
            if TaskLexicon.functionWords.contains(t) && t != "of" && t != "new" { break }
            out.append(t)
            k += 1
        }
        return out
    }

    static func isOutcomeWord(_ word: String, _ lex: Lexicon) -> Bool {
        lex.outcomeUnits.contains(word) || lex.outcomeUnits.contains(TaskLexicon.singular(word))
    }

    /// A quantity of an outcome from `start` on: "... used by 500 customers", "... worth $1M". Not the scope of the
    /// work ("Pilot the flow with 5 customers").
    static func namesOutcome(_ w: TitleWords, from start: Int, _ lex: Lexicon) -> Bool {
        var k = start
        while k < w.count {
            if w.isNumber(k) {
                // "an average score of 4+", "retention to 40%": the measure comes first.
                if TaskLexicon.measureLinks.contains(w[k - 1]) && k >= 2
                    && (isOutcomeWord(w[k - 2], lex) || TaskLexicon.measureNouns.contains(w[k - 2])) { return true }
                if !TaskLexicon.scopeWords.contains(w[k - 1]) {
                    if let f = w[k].utf8.first, f == 0x24 || f == 0xE2 || f == 0xC2 { return true }
                    if countedWords(w, after: k, max: 5).contains(where: { isOutcomeWord($0, lex) }) { return true }
                }
            }
            k += 1
        }
        return false
    }

    /// A service level: a share done within a time ("Resolve 90% of tickets within 24 hours").
    static func serviceLevel(_ w: TitleWords, from start: Int) -> Bool {
        var share = false
        var k = start
        while k < w.count {
            if w.isNumber(k) && (w[k].hasSuffix("%") || w[k + 1] == "percent") { share = true }
            if share && ["within", "under", "in"].contains(w[k]) {
                var q = k + 1
                if w[q] == "under" || w[q] == "less" { q += 1 }
                if w[q] == "than" { q += 1 }
                if w.isNumber(q) && (TaskLexicon.timeUnits.contains(TitleWords.suffix(of: w[q])) || TaskLexicon.timeUnits.contains(w[q + 1])) {
                    return true
                }
            }
            k += 1
        }
        return false
    }

    /// A title that reports work as done, for a milestone or a key result without a metric: "Billing migration
    /// completed", "Gateway usage policy is published", "VP Talent hired and started in Q1", "V2 updates are
    /// rolling out". The participle must be the predicate: after a form of "be" or "have", or ending the title
    /// (before "and" another one, or a date such as "in Q1" up to the end or a comma). A share ("75% of teammates are onboarded ...") or a
    /// limit ("within 5 days", "<1 week") makes the title a measure, not a delivery.
    static func deliveredState(_ w: TitleWords, limit: Bool, _ lex: Lexicon) -> Finding? {
        if limit { return nil }
        for k in 0..<w.count {
            let t = w[k]
            if t == "within" || t == "percent" || (w.isNumber(k) && t.hasSuffix("%") && w[k + 1] == "of") { return nil }
            // A duration ("is 45 days", "below 24h") makes it a measure.
            if w.isNumber(k) && (TaskLexicon.timeUnits.contains(TitleWords.suffix(of: t)) || TaskLexicon.timeUnits.contains(w[k + 1])) {
                return nil
            }
        }
        var k = 1
        while k < w.count {
            defer { k += 1 }
            // Only participles, -ing forms and done states go on.
            guard w.isWord(k) else { continue }
            let t = w[k]
            let done = TaskLexicon.doneStates.contains(t)
            let past = !done && lex.activityBase(t, .participle) != nil
            let ing = !done && !past && TaskLexicon.endsInIng(t) && lex.activityBase(t, .gerund) != nil
            guard done || past || ing else { continue }
            var prev = k - 1
            if prev > 0 && isAdverb(w[prev], lex) { prev -= 1 }
            let afterBe = TaskLexicon.beForms.contains(w[prev]) || TaskLexicon.perfect.contains(w[prev])
            // "Plans are in place", "the new flow is live", "New website plan complete".
            if done && (afterBe || k + 1 == w.count || w.kind(k + 1) == .punct)
                && (w[k] != "in" || w[k + 1] == "place") {
                return .delivered(w[k] == "in" ? "in place" : w[k])
            }
            let form: Form
            if past { form = .participle }
            else if ing && afterBe && w[prev] != "have" && w[prev] != "has" && w[prev] != "had" { form = .gerund }
            else { continue }
            guard let (words, end) = matchVerb(w, at: k, lex, form) else { continue }
            if afterBe || endsClause(w, at: end, lex) { return .delivered(words) }
        }
        return nil
    }

    /// The title ends at `p`, or goes on only with another participle ("hired and onboarded"), a list of them
    /// ("provisioned, monitored and documented") or a date ("in Q1", "by end of June").
    static func endsClause(_ w: TitleWords, at p: Int, _ lex: Lexicon) -> Bool {
        if p >= w.count { return true }
        if w.kind(p) == .punct || w[p] == "and" {
            var q = p + 1
            if w[q] == "and" { q += 1 }
            // "hired and onboarded", "launched and available".
            return q < w.count && (lex.activityBase(w[q], .participle) != nil || TaskLexicon.doneStates.contains(w[q]))
        }
        if TaskLexicon.datePrepositions.contains(w[p]) {
            var q = p + 1
            while q < w.count && w.kind(q) != .punct { q += 1 }
            return q - p <= 4
        }
        return false
    }

    /// The metric is measured in an outcome unit: %, money, time, a rate, or a word of `outcome-units`.
    static func metricIsOutcome(_ text: String, _ lex: Lexicon) -> Bool {
        if text.utf8.contains(0x2F) { return true }  // a rate: deploys/wk
        let w = TitleWords(text, limit: 16)
        for k in 0..<w.count {
            let t = w[k]
            if w.isNumber(k) {
                if let f = t.utf8.first, f == 0x24 || f == 0xE2 || f == 0xC2 { return true }
                let s = TitleWords.suffix(of: t)
                if s == "%" || TaskLexicon.timeUnits.contains(s) { return true }
            } else if w.isWord(k) {
                if t == "per" || t == "percent" || TaskLexicon.timeUnits.contains(t) || isOutcomeWord(t, lex) { return true }
            }
        }
        return false
    }
}
