import Testing
@testable import OKRKit

/// One key result run through `key-result-is-a-task` the way the engine runs it; the file must parse cleanly.
func lintKeyResult(_ rule: AnyRule, title: String, metric: String?, options: [String: OptionValue] = [:]) -> (syntax: [Diagnostic], findings: [Diagnostic]) {
    let text = exampleHeader + "## O1: Objective\n### KR1.1: \(title)\n" + (metric.map { "- metric: \($0)\n" } ?? "")
    let doc = Parser.parse(path: "t.okr", text: text)
    let linter = Linter(rules: [rule], settings: [rule.description.id: RuleSetting(severity: .warning, options: options)],
                        today: CalendarDate("2026-11-25")!)
    return (doc.syntaxDiagnostics, linter.lint(doc).filter { $0.ruleID == rule.description.id })
}

/// A title, its metric, and what the rule should say: nil for nothing, else a fragment of the message.
struct TaskCase: CustomTestStringConvertible, Sendable {
    let title: String
    let metric: String?
    let expected: String?
    init(_ title: String, _ metric: String? = nil, _ expected: String?) {
        self.title = title
        self.metric = metric
        self.expected = expected
    }
    var testDescription: String { "\"\(title)\"" + (metric.map { " [\($0)]" } ?? "") + " -> " + (expected ?? "no finding") }
}

@Suite struct KeyResultIsATaskTests {
    static let tasks: [TaskCase] = [
        // Activity verbs the old first-word list missed.
        TaskCase("Assess the mid-market opportunity", nil, "\"assess\" describes work"),
        TaskCase("Draft the incident response runbook", "milestone", "\"draft\""),
        TaskCase("Consider a usage-based plan", nil, "\"consider\""),
        TaskCase("Audit every IAM role", "milestone", "\"audit\""),
        TaskCase("Review the on-call rota", nil, "\"review\""),
        TaskCase("Prepare the board deck", nil, "\"prepare\""),
        TaskCase("Define the ideal customer profile", "milestone", "\"define\""),
        TaskCase("Evaluate three observability vendors", nil, "\"evaluate\""),
        TaskCase("Research pricing of competitors", nil, "\"research\""),
        TaskCase("Investigate the Windows crash reports", nil, "\"investigate\""),
        TaskCase("Explore a partnership with Acme", nil, "\"explore\""),
        TaskCase("Pilot the new onboarding flow with 5 customers", nil, "\"pilot\""),
        TaskCase("Prototype offline mode", "milestone", "\"prototype\""),
        TaskCase("Train all support agents on the new ticketing tool", nil, "\"train\""),
        TaskCase("Organise the customer advisory board", nil, "\"organise\""),
        TaskCase("Schedule quarterly business reviews with the top accounts", nil, "\"schedule\""),
        TaskCase("Coordinate the EU launch with legal", nil, "\"coordinate\""),
        TaskCase("Finalize the SOC 2 evidence", "milestone", "\"finalize\""),
        TaskCase("Update the pricing page", nil, "\"update\""),
        TaskCase("Upgrade Postgres to version 16", "milestone", "\"upgrade\""),
        TaskCase("Replace Jenkins with GitHub Actions", "milestone", "\"replace\""),
        TaskCase("Redesign the settings screen", nil, "\"redesign\""),
        TaskCase("Rebuild the search index pipeline", nil, "\"rebuild\""),
        TaskCase("Migrate the billing service to Kubernetes", "milestone", "\"migrate\""),
        TaskCase("Launch the new onboarding flow", "milestone", "\"launch\""),
        TaskCase("Launch the partner referral program", "milestone", "\"launch\""),
        // Phrasal verbs, longest first.
        TaskCase("Price out the enterprise tier", nil, "\"price out\""),
        TaskCase("Agree on the packaging with sales", nil, "\"agree on\""),
        TaskCase("Make available the usage dashboard to admins", nil, "\"make available\""),
        TaskCase("Put in place an on-call rota", nil, "\"put in place\""),
        TaskCase("Roll out SSO to all enterprise customers", "milestone", "\"roll out\""),
        TaskCase("Sign off the security review", nil, "\"sign off\""),
        TaskCase("Set up multi-region failover", nil, "\"set up\""),
        TaskCase("Kick off the partner council", nil, "\"kick off\""),
        TaskCase("Figure out EU data residency", nil, "\"figure out\""),
        TaskCase("Write up the pricing experiments", nil, "\"write up\""),
        TaskCase("Cut over to the new billing database", "milestone", "\"cut over\""),
        TaskCase("Keep track of competitor releases", nil, "\"keep track of\""),
        // Leading adverbs and verb pairs.
        TaskCase("Fully automate the release checklist", "milestone", "\"automate\""),
        TaskCase("Successfully launch the EU region", "milestone", "\"launch\""),
        TaskCase("Finally ship the billing rewrite", "milestone", "\"ship\""),
        TaskCase("Proactively contact at-risk accounts", nil, "\"contact\""),
        TaskCase("Draft and maintain a pricing playbook", nil, "\"draft and maintain\""),
        TaskCase("Design and build a self-serve upgrade flow", "milestone", "\"design and build\""),
        // Subjects and tenses.
        TaskCase("We will migrate the build farm", nil, "\"migrate\""),
        TaskCase("We've documented the buyer journey", nil, "\"documented\""),
        TaskCase("We are regularly measuring teammate satisfaction", nil, "\"measuring\""),
        TaskCase("Created an internal data dashboard", nil, "\"created\""),
        TaskCase("Built the partner portal", nil, "\"built\""),
        TaskCase("Meet with 10 design partners", nil, "counts work done: \"meet with 10 design partners\""),
        TaskCase("Publish updates weekly on the blog", nil, "\"publish\""),
        TaskCase("Partner portal rebuilt", "milestone", "\"rebuilt\""),
        // Delivered states on milestones and metric-less key results.
        TaskCase("Billing migration completed", "milestone", "\"completed\" reports work delivered"),
        TaskCase("Gateway usage policy is published", nil, "\"published\" reports work delivered"),
        TaskCase("VP Talent hired and started in Q1", nil, "\"hired\" reports work delivered"),
        TaskCase("2 preload nodes are provisioned, monitored and documented", nil, "\"provisioned\""),
        TaskCase("V2 updates are rolling out", nil, "\"rolling out\""),
        TaskCase("SSO rolled out", "milestone", "\"rolled out\""),
        TaskCase("Plans are in place for key equity compensation strategies", nil, "\"in place\""),
        TaskCase("New website plan complete", nil, "\"complete\""),
        TaskCase("The new checkout is live", "milestone", "\"live\""),
        TaskCase("Our sales team is actively putting into practice the new playbook", nil, "\"putting into practice\""),
        TaskCase("Begin the first internal accounting review", nil, "\"begin\""),
        // The work counted.
        TaskCase("Ship 3 experiments", "0 -> 3 experiments", "counts work done: \"ship 3 experiments\""),
        // A counted hire is capacity: an info (see capacityKeyResults).
        TaskCase("Hire 5 engineers", "0 -> 5 hires", "is a capacity key result"),
        TaskCase("Migrate 80% of services to Kubernetes", "20% -> 80%", "counts work done: \"migrate 80% of services\""),
        TaskCase("Conduct 20 user interviews", "0 -> 20 interviews", "counts work done"),
        TaskCase("Interview 20 customers", "0 -> 20 customers", "counts work done: \"interview 20 customers\""),
        TaskCase("Publish at least 6 case studies", nil, "counts work done"),
        TaskCase("Run 4 customer workshops", "0 -> 4 workshops", "counts work done"),
        TaskCase("Reach out to 50 design partners", "0 -> 50 partners", "\"reach out to 50 design partners\""),
        // An activity title whose metric counts no outcome.
        TaskCase("Launch the partner program", "0 -> 12 partners", "\"launch\""),
        TaskCase("Automate the regression suite", "0 -> 300 tests", "\"automate\""),
    ]

    static let outcomes: [TaskCase] = [
        // The verb is a noun or an adjective.
        TaskCase("Build time down from 20 to 8 minutes", "20 -> 8 min", nil),
        TaskCase("Deploy frequency up to 10 per day", "2 -> 10 deploys/day", nil),
        TaskCase("Release cadence from monthly to weekly", "1 -> 4 releases/month", nil),
        TaskCase("Launch readiness score", "40% -> 90%", nil),
        TaskCase("Test coverage from 60% to 80%", "60% -> 80%", nil),
        TaskCase("Build pipeline success rate from 80% to 95%", "80% -> 95%", nil),
        TaskCase("Support satisfaction from 4.1 to 4.6", "4.1 -> 4.6 CSAT", nil),
        TaskCase("Support tickets per 100 accounts under 15", "<= 15 tickets", nil),
        TaskCase("Review turnaround under 24 hours", "<= 24 h", nil),
        TaskCase("Plan attainment above 90%", ">= 90%", nil),
        TaskCase("Hold churn below 2%", "<= 2%", nil),
        TaskCase("Ship more often", "12 -> 30 deploys/wk", nil),
        TaskCase("Ship faster", nil, nil),
        TaskCase("Release weekly instead of monthly", nil, nil),
        TaskCase("Build-time under 10 minutes", "<= 10 min", nil),
        TaskCase("Run rate of $2M ARR", nil, nil),
        TaskCase("Make deploys boring", nil, nil),
        // The title names the outcome.
        TaskCase("Launch Foo 4.1 to improve sign-ups by 25 percent", "milestone", nil),
        TaskCase("Redesign checkout and reduce drop-off to 20%", "35% -> 20%", nil),
        TaskCase("Launch the referral program, growing referrals to 40", "milestone", nil),
        TaskCase("Launch X so that 30% of users use it weekly", nil, nil),
        TaskCase("Migrate the API gateway to double throughput", "milestone", nil),
        TaskCase("Onboard 300 new clients", nil, nil),
        TaskCase("Deliver 99.9% uptime", ">= 99.9%", nil),
        TaskCase("Resolve 90% of tickets within 24 hours", "70% -> 90%", nil),
        TaskCase("Ship 2 features used by 500 customers", nil, nil),
        // Outcome verbs are never tasks.
        TaskCase("Increase weekly active teams", "100 -> 200 teams", nil),
        TaskCase("Reduce p95 latency", "900 -> 300 ms", nil),
        TaskCase("Grow partner referrals", "0 -> 40 referrals", nil),
        TaskCase("Cut cold start time", "2.5 -> 1.2 s", nil),
        TaskCase("Maintain API availability", ">= 99.9%", nil),
        TaskCase("Keep churn below 2%", "<= 2%", nil),
        TaskCase("Reach 1000 paying customers", "400 -> 1000 customers", nil),
        TaskCase("Achieve 90% adoption of new features", "40% -> 90%", nil),
        TaskCase("Double fleet-wide Y by launching X to 90 percent of cells", nil, nil),
        // An activity title graded by an outcome metric.
        TaskCase("Launch the partner referral program", "0 -> 40 referrals", nil),
        TaskCase("Build the self-serve checkout", "2% -> 4%", nil),
        TaskCase("Automate the release pipeline", "45 -> 15 min", nil),
        TaskCase("Rebuild the pricing page", "$180 -> $260", nil),
        TaskCase("Redesign onboarding", "30 -> 50 NPS", nil),
        TaskCase("Roll out the new editor", "12 -> 30 deploys/wk", nil),
        // Sentences that are not activities at all.
        TaskCase("A daemon runs for 10 days without a crash", nil, nil),
        TaskCase("95% of P2 issues are resolved in one week", nil, nil),
        TaskCase("Precise code intelligence is used by 20 enterprise customers", nil, nil),
        TaskCase("Operating model is updated weekly and reforecasting takes <1 week", nil, nil),
        TaskCase("Hiring managers report that 50% of new teammates hired in April were successful", nil, nil),
        TaskCase("Automated tests cover 80% of the code", "40% -> 80%", nil),
        TaskCase("Sign-ups from the referral program", "100 -> 400 sign-ups", nil),
        TaskCase("Share of voice around core keywords has increased 30%", nil, nil),
        TaskCase("Blog post hits top 5 in Hacker News every quarter", nil, nil),
        TaskCase("Meet quarterly hiring plans for each team", nil, nil),
        TaskCase("Average time-to-fill (from the day the job is opened) is ≤45 days", nil, nil),
        TaskCase("Provide a strong candidate experience, shown by an average score of 4+ in our survey", nil, nil),
        TaskCase("A ticketing system is in place with a resolution time below 24h", nil, nil),
    ]

    @Test(arguments: tasks + outcomes)
    func classifies(_ c: TaskCase) {
        let (syntax, findings) = lintKeyResult(.document(KeyResultIsATaskRule()), title: c.title, metric: c.metric)
        #expect(syntax.isEmpty, "test input has syntax errors: \(syntax.map(\.message))")
        if let expected = c.expected {
            #expect(findings.count == 1, "expected a finding containing \(expected)")
            if let f = findings.first {
                #expect(f.message.contains(expected), "message: \(f.message)")
                #expect(f.help?.contains(c.title) == true, "the help quotes the title: \(f.help ?? "")")
            }
        } else {
            #expect(findings.isEmpty, "unexpected: \(findings.map(\.message))")
        }
    }

    @Test func lexiconIsHundredsStrongAndConsistent() {
        let single = TaskLexicon.activityVerbs.filter { !$0.contains(" ") }
        let phrasal = TaskLexicon.activityVerbs.filter { $0.contains(" ") }
        #expect(single.count >= 400, "single-word activity verbs: \(single.count)")
        #expect(phrasal.count >= 80, "phrasal activity verbs: \(phrasal.count)")
        #expect(Set(TaskLexicon.activityVerbs).count == TaskLexicon.activityVerbs.count, "duplicates in the verb lexicon")
        // An outcome verb is never an activity verb on its own (phrasal ones may start with one: "cut over").
        let both = Set(single).intersection(TaskLexicon.outcomeVerbs)
        #expect(both.isEmpty, "both activity and outcome verbs: \(both.sorted())")
        for v in TaskLexicon.activityVerbs {
            #expect(v == v.lowercased() && !v.isEmpty && !v.hasPrefix(" ") && !v.hasSuffix(" "), "malformed entry `\(v)`")
        }
    }

    @Test func optionsChangeWhatIsReported() {
        let rule = AnyRule.document(KeyResultIsATaskRule())
        // `verbs` adds to the lexicon, phrasal ones too.
        #expect(lintKeyResult(rule, title: "Wrangle the roadmap", metric: nil).findings.isEmpty)
        #expect(lintKeyResult(rule, title: "Wrangle the roadmap", metric: nil, options: ["verbs": .strings(["wrangle"])]).findings.count == 1)
        #expect(lintKeyResult(rule, title: "Bake in the new defaults", metric: nil).findings.isEmpty)
        let baked = lintKeyResult(rule, title: "Bake in the new defaults", metric: nil, options: ["verbs": .strings(["bake in"])]).findings
        #expect(baked.first?.message.contains("\"bake in\"") == true)
        // `allowed-verbs` removes built-in ones, without touching the others.
        #expect(lintKeyResult(rule, title: "Deliver the Q3 newsletter", metric: nil).findings.count == 1)
        #expect(lintKeyResult(rule, title: "Deliver the Q3 newsletter", metric: nil, options: ["allowed-verbs": .strings(["deliver"])]).findings.isEmpty)
        #expect(lintKeyResult(rule, title: "Launch the newsletter", metric: nil, options: ["allowed-verbs": .strings(["deliver"])]).findings.count == 1)
        // `outcome-units` makes a metric an outcome measure.
        #expect(lintKeyResult(rule, title: "Launch the partner program", metric: "0 -> 12 partners").findings.count == 1)
        #expect(lintKeyResult(rule, title: "Launch the partner program", metric: "0 -> 12 partners",
                              options: ["outcome-units": .strings(["partners"])]).findings.isEmpty)
        // `allow-outcome-metric: false` asks for outcome wording whatever the metric.
        #expect(lintKeyResult(rule, title: "Launch the partner referral program", metric: "0 -> 40 referrals",
                              options: ["allow-outcome-metric": .bool(false)]).findings.count == 1)
        // ... but a title that names its outcome still passes.
        #expect(lintKeyResult(rule, title: "Launch Foo 4.1 to improve sign-ups by 25 percent", metric: "100 -> 125 sign-ups",
                              options: ["allow-outcome-metric": .bool(false)]).findings.isEmpty)
    }

    /// Counted hires are capacity key results (issue 21): an info by default, a task with `capacity-as-task`; one hire
    /// and counted work that is not people stay tasks.
    @Test func capacityKeyResults() {
        let rule = AnyRule.document(KeyResultIsATaskRule())
        for (title, metric) in [("Hire 2 senior engineers and 1 designer", "0 -> 3 hires"), ("Add 1 full time backend developer", "0 -> 1 developer"),
                                ("Recruit at least 5 nurses for the night shift", nil), ("Hire the data platform team", "0 -> 4 hires"),
                                ("We hire three support agents", nil), ("Staff 2 on-call engineers per region", "0 -> 2 engineers")] as [(String, String?)] {
            let found = lintKeyResult(rule, title: title, metric: metric).findings
            #expect(found.count == 1 && found[0].severity == .info && found[0].message.contains("capacity"), "\(title): \(found.map(\.message))")
            let asTask = lintKeyResult(rule, title: title, metric: metric, options: ["capacity-as-task": .bool(true)]).findings
            #expect(asTask.count == 1 && asTask[0].severity == .warning && !asTask[0].message.contains("capacity"), "\(title): \(asTask.map(\.message))")
        }
        for (title, metric) in [("Hire a sales lead", nil), ("Add 3 payment integrations", "0 -> 3 integrations"),
                                ("Hire new head of marketing", "milestone")] as [(String, String?)] {
            let found = lintKeyResult(rule, title: title, metric: metric).findings
            #expect(found.count == 1 && found[0].severity == .warning, "\(title): \(found.map(\.message))")
        }
        // An outcome about people is not capacity: nothing to report.
        #expect(lintKeyResult(rule, title: "Onboard 300 new clients", metric: "0 -> 300 clients").findings.isEmpty)
        #expect(lintKeyResult(rule, title: "Grow the team's retention to 95%", metric: "88% -> 95%").findings.isEmpty)
    }

    @Test func hostileTitlesCostNoMoreThanShortOnes() {
        // A title of 200,000 bytes: only the first bytes are tokenised, and nothing crashes on odd bytes.
        let long = "Launch " + String(repeating: "the-", count: 50_000)
        let odd = "Launch \u{202E}evil\u{0007} 3\u{2019}s €\u{00A0}5 → ½ 💥 ——"
        for title in [long, odd, "", "-", "'", "3%", "$", "€", "we've", "Fully", "and and and"] {
            let words = TitleWords(title)
            #expect(words.count <= 48)
        }
        #expect(lintKeyResult(.document(KeyResultIsATaskRule()), title: odd, metric: nil).findings.count == 1)
    }
}

/// The tokenizer both wording rules read titles with.
@Suite struct TitleWordsTests {
    @Test(arguments: [
        ("Build time down from 20 to 8 minutes", ["build", "time", "down", "from", "20", "to", "8", "minutes"]),
        ("Grow sign-ups by 25%", ["grow", "sign-ups", "by", "25%"]),
        ("Revenue $4M -> $5.5M", ["revenue", "$4m", ",", "$5.5m"]),
        ("We’ve shipped 10,000 builds; next: more", ["we've", "shipped", "10,000", "builds", ",", "next", ",", "more"]),
        ("Design & build Node.js SDK (v2)", ["design", "and", "build", "node.js", "sdk", ",", "v2"]),
        ("Keep p95 under 200ms — always.", ["keep", "p95", "under", "200ms", ",", "always"]),
        ("Cut churn 25 % by 2026-03-31", ["cut", "churn", "25%", "by", "2026-03-31"]),
        ("Prix €10 et £5", ["prix", "€10", "et", "£5"]),
        ("Keep p95 <= 200 ms, errors ≥ 99%", ["keep", "p95", "<", "200", "ms", ",", "errors", ">", "99%"]),
        ("From 20 -> 8 min", ["from", "20", ",", "8", "min"]),
    ])
    func tokens(_ title: String, _ expected: [String]) {
        let w = TitleWords(title)
        #expect((0..<w.count).map { w[$0] } == expected)
    }

    @Test(arguments: [("$4m", 4_000_000.0), ("25%", 25), ("10,000", 10_000), ("2x", 2), ("1.2b", 1.2e9), ("-50%", -50), ("250k", 250_000)])
    func numberValues(_ token: String, _ value: Double) {
        #expect(TitleWords.value(of: token) == value)
    }
}

/// The hashed word sets the lexicons are built in.
@Suite struct WordTableTests {
    @Test func listsFlagsAndGrowth() {
        let t = WordTable(list: " launch, set up ,\n  roll-out,,ship\n")
        #expect(t.count == 4)
        for w in ["launch", "set up", "roll-out", "ship", "LAUNCH"] { #expect(t.contains(w), "\(w)") }
        for w in ["", "lau", "launches", "set", "up", "shipped"] { #expect(!t.contains(w), "\(w)") }
        var small = WordTable(capacity: 1)
        for i in 0..<1_000 { small.insert("w\(i)", flag: i % 2 == 0 ? 1 : 2) }
        small.insert("w0", flag: 4)
        #expect(small.count == 1_000)
        #expect(small.flags("w0") == 5 && small.flags("w1") == 2 && small.flags("w999") == 2 && small.flags("w1000") == 0)
        // The built-in lexicons hold what their lists say.
        #expect(TaskLexicon.outcomeNouns.contains("customer") && !TaskLexicon.outcomeNouns.contains("experiment"))
        #expect(TaskLexicon.outcomeVerbSet.contains("reduce") && !TaskLexicon.outcomeVerbSet.contains("launch"))
    }
}

extension WordTableTests {
    @Test(arguments: [
        ("Cut over to the new DB", "cut", "over", false), ("Launch", "launch", "", false), ("Ship 3 experiments", "ship", "", false),
        ("Published the report", "published", "the", true), ("Proactively contact them", "proactively", "contact", true), ("Fully automate it", "fully", "automate", false),
        ("Build-time p95 down", "build-time", "p95", false), ("We've shipped", "we've", "shipped", false),
    ])
    func leadingHashesMatchTheWords(_ title: String, _ first: String, _ second: String, _ inflected: Bool) throws {
        let lead = try #require(TitleWords.leadingHashes(title))
        #expect(lead.first == WordTable.hash(first.utf8))
        #expect(lead.second == (second.isEmpty ? 0 : WordTable.hash(second.utf8)))
        #expect(lead.firstMayBeInflected == inflected)
        #expect(TitleWords.leadingHashes("Ünïcode first") == nil)
        #expect(TitleWords.leadingHashes("12 teams")?.first == 0)
    }
}
