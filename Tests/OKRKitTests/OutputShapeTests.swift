import Testing
@testable import OKRKit

/// The shapes of output issue 21 lists, on made-up key results (never on the held-out sets): each must be reported
/// by `key-result-is-a-task`, and the outcomes beside them must not.
@Suite struct OutputShapeTests {
    static let outputs: [TaskCase] = [
        // Deliverables as noun phrases, no verb.
        TaskCase("Dark mode for the dashboard", "milestone", "names a deliverable"),
        TaskCase("Offline sync beta", "milestone", "\"offline sync beta\""),
        TaskCase("Audit of the billing code", "milestone", "names a deliverable"),
        TaskCase("Workshop at the user conference", nil, "\"workshop\""),
        TaskCase("POC of the new importer", "milestone", "\"poc\""),
        TaskCase("Pricing page revamp", "milestone", "\"pricing page revamp\""),
        TaskCase("Quarterly roadmap for the mobile app", "milestone", "names a deliverable"),
        TaskCase("Migration runbook", nil, "names a deliverable"),
        // Capabilities and states that describe a feature.
        TaskCase("The app runs on Android tablets", "milestone", "\"runs\""),
        TaskCase("Users can export reports to CSV", "milestone", "\"can export\""),
        TaskCase("The API supports pagination", "milestone", "\"supports\""),
        TaskCase("Search is private by default", "milestone", "\"by default\""),
        TaskCase("Every service has a runbook", "milestone", "\"has\""),
        TaskCase("Docs exist for all modules", "milestone", "\"exist\""),
        TaskCase("The new importer becomes the default", "milestone", "describes a feature"),
        TaskCase("Invoices downloadable from the billing page", "milestone", "\"downloadable\""),
        // Subject-first, causative and infinitive forms.
        TaskCase("Have the data team publish a weekly dashboard", "milestone", "\"publish\""),
        TaskCase("The platform team spends one day a week on docs", ">= 1 day/week", "\"spends\""),
        TaskCase("Engineers to start the on-call rotation", nil, "\"start\""),
        TaskCase("Mia or Tom run the quarterly review", nil, "\"run\""),
        // -ing forms.
        TaskCase("Choosing a metrics vendor", nil, "\"choosing\""),
        TaskCase("Re-organising the backlog", nil, "\"re-organising\""),
        // A delivered state with words after it, or a marker.
        TaskCase("Beta ready for launch in Q3", "milestone", "\"ready\""),
        TaskCase("Migration completed with a rollback plan", "milestone", "\"completed\""),
        TaskCase("Billing migration completed ⭐", "milestone", "\"completed\""),
        TaskCase("New onboarding flow launched (P1)", "milestone", "a launch is an output"),
        // Activity verbs read as outcomes, and rare activity verbs.
        TaskCase("Drive 100% of the planned fixes to completion", "0% -> 100%", "to completion"),
        TaskCase("Generate 3 how-to guides", "0 -> 3 guides", "\"generate 3 how-to guides\""),
        TaskCase("Unprefix the CSS properties", nil, "\"unprefix\""),
        TaskCase("Graduate 2 projects to public", "0 -> 2 projects", "\"graduate"),
        TaskCase("Highlight the issues that need design", nil, "\"highlight\""),
        TaskCase("Make the new tracker the default", "milestone", "\"make\""),
        TaskCase("Modularize the importer", nil, "\"modularize\""),
        // Outputs counted with a number metric.
        TaskCase("48 features delivered", "0 -> 48 features", "\"48 features delivered\""),
        TaskCase("Run 10 customer interviews", "0 -> 10 interviews", "\"run 10"),
        TaskCase("90% of top accounts pitched", "40% -> 90%", "\"pitched\""),
        TaskCase("By March we have 6 tutorials published", ">= 6 tutorials", "\"published\""),
        TaskCase("Fine tune the pricing page for two hours weekly", ">= 2 hours/week", "\"fine tune\""),
        TaskCase("A/B test the new checkout", nil, "\"a/b test\""),
        // Counted work with no verb: events held, outreach made, awards given, content made (round 2 of issue 21).
        TaskCase("8 livestreams", "0 -> 8 livestreams", "counts work done"),
        TaskCase("3 webinars with partners", "0 -> 3 webinars", "counts work done"),
        TaskCase("15 pitches to regional newspapers", "0 -> 15 pitches", "counts work done"),
        TaskCase("6 scholarships or stipends for first-time speakers", ">= 6 scholarships", "counts work done"),
        TaskCase("20 grant proposals submitted", "0 -> 20 proposals", "counts work done"),
        TaskCase("4 podcast episodes", "0 -> 4 episodes", "counts work done"),
    ]

    static let outcomes: [TaskCase] = [
        TaskCase("Sales and support aligned on the new plan", nil, nil),
        TaskCase("Make deploys boring", nil, nil),
        TaskCase("Increase number of plugins we can support", "10 -> 20 plugins", nil),
        TaskCase("How do we choose what to build next?", nil, nil),
        TaskCase("Reliable builds on every branch", nil, nil),
        TaskCase("300 customers onboarded", "100 -> 300 customers", nil),
        TaskCase("Customers renew at 95%", ">= 95%", nil),
        TaskCase("Onboarding time down from 10 to 2 days", "10 -> 2 days", nil),
        TaskCase("Support ticket volume per account", "12 -> 8 tickets", nil),
        TaskCase("Get featured by Apple on the App Store", "milestone", nil),
        TaskCase("Weekly active teams", "100 -> 200 teams", nil),
        TaskCase("Customer satisfaction above 4.5", "> 4.5", nil),
        TaskCase("Uses the same helm chart as US cloud", "milestone", nil),
        // Counts of what others do, and work held to an outcome (round 2 of issue 21).
        TaskCase("40 community contributions merged from outside the core team", "0 -> 40 contributions", nil),
        TaskCase("12 regulars in the weekly call", "0 -> 12 regulars", nil),
        TaskCase("500 readers of the launch post", "0 -> 500 readers", nil),
        TaskCase("Translate the app into 5 languages with 80%+ user satisfaction", ">= 5 languages", nil),
        TaskCase("The pricing playbook is used by every account executive", "milestone", nil),
        TaskCase("The hiring plan for engineering is used by every recruiter and is up to date", "milestone", nil),
        TaskCase("The incident runbook for payments is followed by the on-call engineers", nil, nil),
    ]

    @Test(arguments: outputs + outcomes)
    func classifies(_ c: TaskCase) {
        let (syntax, findings) = lintKeyResult(.document(KeyResultIsATaskRule()), title: c.title, metric: c.metric)
        #expect(syntax.isEmpty, "test input has syntax errors: \(syntax.map(\.message))")
        if let expected = c.expected {
            #expect(findings.count == 1, "expected a finding containing \(expected)")
            if let f = findings.first { #expect(f.message.contains(expected), "message: \(f.message)") }
        } else {
            #expect(findings.isEmpty, "unexpected: \(findings.map(\.message))")
        }
    }

    @Test(arguments: [("Billing migration completed ⭐", "Billing migration completed"), ("Launch beta (P1)", "Launch beta"),
                      ("Launch beta [P0] ", "Launch beta"), ("Grow sign-ups (2x)", "Grow sign-ups (2x)"), ("Ship — fast", "Ship — fast")])
    func markersAreDropped(_ title: String, _ expected: String) {
        #expect(OutputClassifier.withoutMarkers(title) == expected)
    }

    /// `objective-is-a-task`: an aim ("more", "fewer", a purpose) makes the work a means to it (round 2 of issue 21).
    @Test(arguments: [
        ("Get the importer adopted by more teams across the company", false),
        ("Fewer customers stuck waiting for support", false),
        ("Deliver projects that grow awareness and usage", true),
        ("Deliver on the roadmap to grow self-serve revenue", false),
        ("Ship the redesign so that trial users find value on day one", false),
        ("Launch the new website", true),
        ("Migrate to Postgres in order to", true),
    ])
    func objectiveAims(_ title: String, _ reported: Bool) {
        let text = exampleHeader + "## O1: \(title)\n### KR1.1: Grow weekly active teams\n- metric: 100 -> 200 teams\n"
        let doc = Parser.parse(path: "t.okr", text: text)
        let rule = AnyRule.document(ObjectiveIsATaskRule())
        let linter = Linter(rules: [rule], settings: [rule.id: RuleSetting(severity: .warning, options: [:])], today: CalendarDate("2026-11-25")!)
        #expect(linter.lint(doc).filter { $0.ruleID == rule.id }.isEmpty == !reported, "\(title)")
    }
}
