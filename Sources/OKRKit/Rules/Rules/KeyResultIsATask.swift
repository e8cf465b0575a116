public struct KeyResultIsATaskRule: DocumentRule {
    public init() {}

    public struct Options: RuleOptions {
        var verbs: [String] = []
        var allowedVerbs: [String] = []
        var outcomeUnits: [String] = []
        var allowOutcomeMetric = true
        var capacityAsTask = false
        /// The lexicons built from the built-in lists and the fields above, by `prepare`.
        var lexicon = OutputClassifier.Lexicon()
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
            .bool("capacity-as-task", \.capacityAsTask,
                  "Report a counted hire (\"Hire 2 senior engineers and 1 designer\", `0 -> 3 hires`) as a task (warning) instead of an info."),
        ]
        public mutating func prepare() {
            lexicon = OutputClassifier.Lexicon(verbs: verbs, allowedVerbs: allowedVerbs, outcomeUnits: outcomeUnits,
                                               allowOutcomeMetric: allowOutcomeMetric)
        }
    }
    /// The built-in lexicon, for other rules that read titles with the classifier (`objective-is-a-task`).
    static let sharedLexicon = OutputClassifier.Lexicon(verbs: [], allowedVerbs: [], outcomeUnits: [], allowOutcomeMetric: true)

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
        finding: "Ship 3 experiments" (`0 -> 3 experiments`), "Publish 4 case studies" (`0 -> 4 studies`), "Migrate 80% of \
        services": outputs, not what they change (re:Work: KRs should be outcomes). So does a milestone deliverable \
        ("Launch the new onboarding flow", `metric: milestone`); one with a date ("Publish the latency measurements by \
        March 7", or a `due`) is the "measurable milestone" Google's playbook accepts, so it is reported as an info. \
        Capacity key results — a count of people to bring in ("Hire 2 senior engineers and 1 designer", `0 -> 3 \
        hires`; "Add 1 full time developer") — are an info by default, not a warning: published sets that present \
        themselves as good use them (Upraise's engineering examples: "Hire 10 new engineers by end of Q2"; GitLab's \
        FY21-Q1 OKRs: "Exceed hiring plan"; Doerr's model cascade in Measure What Matters: "Hire new quarterback \
        coach"), while Google's playbook and re:Work ask for outcomes and the What Matters input/output/outcome table \
        puts "successful hires" among outputs. The info asks what the new people should change; set \
        `capacity-as-task` to report them as tasks. A single hire with no count ("Hire a sales guy", which Wodtke's \
        mentor in Radical Focus calls a task) stays a task.
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
            RuleExample(exampleHeader + "## O1: Learn faster\n### ↓KR1.1: Ship 3 experiments\n- metric: 0 -> 3 experiments\n### ↓KR1.2: Publish 4 case studies\n- metric: 0 -> 4 studies\n### ↓KR1.3: Migrate 80% of services to Kubernetes\n- metric: 20% -> 80%\n"),
            RuleExample(exampleHeader + "## O1: Understand customers\n### ↓KR1.1: Interview 20 customers\n- metric: 0 -> 20 customers\n### ↓KR1.2: Design and build a self-serve upgrade flow\n- metric: milestone\n"),
            RuleExample(exampleHeader + "## O1: Platform\n### ↓KR1.1: Billing migration completed\n- metric: milestone\n### ↓KR1.2: We've documented the on-call runbook\n"),
            RuleExample(exampleHeader + "## O1: Platform\n### ↓KR1.1: Launch the partner referral program\n- metric: 0 -> 40 referrals\n",
                        options: ["allow-outcome-metric": .bool(false)]),
            RuleExample(exampleHeader + "## O1: Growth\n### ↓KR1.1: Deliver the Q3 newsletter\n### ↓KR1.2: Socialise the roadmap with sales\n- metric: milestone\n",
                        options: ["verbs": .strings(["socialise"])]),
            RuleExample(exampleHeader + "## O1: Deliverables\n### ↓KR1.1: There is a prototype of the sync engine\n- metric: milestone\n### ↓KR1.2: Deal registration launched and available in the portal\n- metric: milestone\n### ↓KR1.3: The beta becomes available to all customers\n- metric: milestone\n### ↓KR1.4: Create 2 performance indicators for cycle time\n- metric: milestone\n"),
            // A dated milestone is an info.
            RuleExample(exampleHeader + "## O1: Latency\n### ↓KR1.1: Publish tail latency measurements by March 7\n- metric: milestone\n"),
            // A counted hire is a capacity key result: an info by default, a task with `capacity-as-task`; one hire is a task.
            RuleExample(exampleHeader + "## O1: Ship the EU region\n### ↓KR1.1: Hire 2 senior engineers and 1 designer\n- metric: 0 -> 3 hires\n### ↓KR1.2: Hire a sales lead\n"),
            RuleExample(exampleHeader + "## O1: Ship the EU region\n### ↓KR1.1: Hire 2 senior engineers and 1 designer\n- metric: 0 -> 3 hires\n",
                        options: ["capacity-as-task": .bool(true)]),
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

    /// Why a delivered state is an output, in the words of the verb: a launch, a release, a migration.
    static func why(_ word: String) -> String {
        let w = word.lowercased()
        if w.hasPrefix("launch") || w.hasPrefix("ship") || w.hasPrefix("releas") || w == "live" || w.hasPrefix("roll") {
            return "a launch is an output: what should change for whom once it ships?"
        }
        if w.hasPrefix("migrat") || w.hasPrefix("complet") || w == "done" || w == "ready" {
            return "finished work is an output: what should be better once it is done?"
        }
        return "what should change for whom once it is done?"
    }

    public func check(_ context: Context) -> [Diagnostic] {
        let lex = context.options.lexicon
        var out: [Diagnostic] = []
        let objectives = context.document.objectives
        for oi in objectives.indices {
            // Indices rather than copies of each key result: this runs on every key result of every file.
            let krs = objectives[oi].keyResults
            for ki in krs.indices {
                guard let finding = OutputClassifier.classify(context.text(krs[ki].title), kind: krs[ki].metric?.kind,
                                                  metricText: { krs[ki].metric == nil ? nil : context.text(krs[ki].property("metric")?.value) }, lex) else { continue }
                let kr = krs[ki]
                let name = context.text(kr.id) ?? "key result"
                let range = kr.id?.range ?? kr.title.range
                let title = context.text(kr.title)
                // A count of people to bring in: capacity, which good published sets use (see the rationale).
                if !context.options.capacityAsTask,
                   OutputClassifier.isCapacity(title, metricText: kr.metric == nil ? nil : context.text(kr.property("metric")?.value)) {
                    out.append(context.diagnostic(range,
                        "key result \(name) is a capacity key result: hiring brings people in, an input; what should the new people change?",
                        help: "keep it if the objective cannot happen without them; otherwise measure what they will change and keep \"\(title)\" as an initiative `- [ ] ...`",
                        severity: .info))
                    continue
                }
                // A milestone with a date ("Publish latency measurements by March 7") is the measurable milestone
                // Google's playbook accepts as a key result: an info, not a warning.
                if kr.metric?.kind == .milestone && (kr.due != nil || OutputClassifier.hasDeadline(title)) {
                    let what: String
                    switch finding {
                    case .task(let v), .delivered(let v), .deliverable(let v), .capability(let v): what = v
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
                        "key result \(name) is a task: \"\(word)\" reports work delivered, not an outcome; \(Self.why(word))",
                        help: "say what the delivered work should change and measure that (\"Grow <measure> from X to Y\"); keep \"\(title)\" as an initiative `- [ ] ...`"))
                case .deliverable(let phrase):
                    out.append(context.diagnostic(range,
                        "key result \(name) names a deliverable: \"\(phrase)\" is something to make, an output; what should change for whom once it exists?",
                        help: "measure what the deliverable should change (adoption, time, money, quality) and keep \"\(title)\" as an initiative `- [ ] ...`"))
                case .capability(let phrase):
                    out.append(context.diagnostic(range,
                        "key result \(name) describes a feature: \"\(phrase)\" says what the product does, not what changes for anyone",
                        help: "once it works, who does what differently? measure that (how many use it, time saved, errors avoided) and keep \"\(title)\" as an initiative `- [ ] ...`"))
                }
            }
        }
        return out
    }

}
