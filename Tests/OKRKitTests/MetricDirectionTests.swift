import Testing
@testable import OKRKit

/// A title, its metric, and a fragment of the expected message (nil: no finding).
struct DirectionCase: CustomTestStringConvertible, Sendable {
    let title: String
    let metric: String
    let expected: String?
    init(_ title: String, _ metric: String, _ expected: String?) {
        self.title = title
        self.metric = metric
        self.expected = expected
    }
    var testDescription: String { "\"\(title)\" [\(metric)] -> \(expected ?? "no finding")" }
}

@Suite struct MetricDirectionTests {
    static let contradictions: [DirectionCase] = [
        DirectionCase("Cut cold start time", "1.2 -> 2.5 s", "says \"cut\" but its metric `1.2 -> 2.5 s` goes up"),
        DirectionCase("Grow sign-ups", "500 -> 300", "says \"grow\" but its metric `500 -> 300` goes down"),
        DirectionCase("Reduce p95 latency", "300 -> 900 ms", "\"reduce\""),
        DirectionCase("Lower the refund rate", "2% -> 4%", "\"lower\""),
        DirectionCase("Shrink the support backlog", "40 -> 120", "\"shrink\""),
        DirectionCase("Halve cloud spend", "$40000 -> $80000", "\"halve\""),
        DirectionCase("Minimise time to first value", "2 -> 5 days", "\"minimise\""),
        DirectionCase("Eliminate flaky tests", "0 -> 40 tests", "\"eliminate\""),
        DirectionCase("Shorten the sales cycle", "30 -> 45 days", "\"shorten\""),
        DirectionCase("Bring down open P1 bugs", "3 -> 12 bugs", "\"bring down\""),
        DirectionCase("Significantly reduce churn", "2% -> 5%", "\"reduce\""),
        DirectionCase("Fewer failed deploys", "4 -> 9 deploys", "\"fewer\""),
        DirectionCase("Increase trial conversion", "14% -> 8%", "\"increase\""),
        DirectionCase("Raise NPS", "40 -> 30", "\"raise\""),
        DirectionCase("Boost weekly active teams", "500 -> 300 teams", "\"boost\""),
        DirectionCase("Double self-serve revenue", "$260000 -> $130000", "\"double\""),
        DirectionCase("Triple partner referrals", "90 -> 30 referrals", "\"triple\""),
        DirectionCase("Expand the EU customer base", "800 -> 400 customers", "\"expand\""),
        DirectionCase("Build time down from 20 to 8 minutes", "8 -> 20 min", "says \"from 20 to 8\""),
        DirectionCase("Onboarding completion up from 40% to 70%", "70% -> 40%", "\"from 40% to 70%\""),
        DirectionCase("Deploy frequency up to 10 per day", "10 -> 2 deploys/day", "\"up to 10\""),
        DirectionCase("Median build time down to 8 minutes", "8 -> 20 min", "\"down to 8\""),
        DirectionCase("Keep latency below 200 ms", ">= 200 ms", "says \"below 200\" but its metric `>= 200 ms` keeps the value at or above"),
        DirectionCase("Keep availability at least 99.9%", "<= 99.9%", "\"at least 99.9%\""),
        DirectionCase("Keep P1 incidents under 3 per month", ">= 3 incidents", "\"under 3\""),
        DirectionCase("Keep error budget burn no more than 1", ">= 1", "\"no more than 1\""),
        DirectionCase("Grow revenue", "<= $50000", "keeps the value at or below"),
        DirectionCase("Reduce p95 latency", ">= 300 ms", "keeps the value at or above"),
        DirectionCase("Keep p95 latency <= 300 ms", ">= 300 ms", "says \"< 300\""),
        DirectionCase("Week-1 retention of new users grows 10%", "22% -> 20%", "\"grows\""),
        DirectionCase("Time to first value falls", "2 -> 5 days", "\"falls\""),
        DirectionCase("2x cloud weekly activation rate to 10%", "10% -> 5%", "\"2x\""),
    ]

    static let agreements: [DirectionCase] = [
        DirectionCase("Cut cold start time", "2.5 -> 1.2 s", nil),
        DirectionCase("Grow sign-ups", "300 -> 500", nil),
        DirectionCase("Keep latency below 200 ms", "<= 200 ms", nil),
        DirectionCase("Build time down from 20 to 8 minutes", "20 -> 8 min", nil),
        DirectionCase("Raise gateway availability", "99.5% -> 99.95%", nil),
        DirectionCase("Keep error budget burn below one", "<= 1 burn rate", nil),
        // No direction, or two.
        DirectionCase("Improve p95 latency", "300 -> 400 ms", nil),
        DirectionCase("Speed up CI", "10 -> 20 builds/h", nil),
        DirectionCase("Keep the API dependable", "99% -> 99.9%", nil),
        DirectionCase("Reduce churn by increasing activation", "20% -> 35%", nil),
        DirectionCase("Grow revenue without increasing costs", "$1000 -> $900", nil),
        DirectionCase("Cut support load by deflecting more tickets", "15% -> 35%", nil),
        // The metric names something the title does not: it may be the inverse.
        DirectionCase("Cut churn", "900 -> 950 retained accounts", nil),
        DirectionCase("Lift customer satisfaction score", "4.6 -> 4.1 CSAT", nil),
        // Not a change of amount.
        DirectionCase("Cut the 2.0 release", "0 -> 1 releases", nil),
        DirectionCase("Cut over to the new billing database", "0 -> 100%", nil),
        DirectionCase("Drop support for IE11", "0 -> 3 apps", nil),
        DirectionCase("Double down on enterprise", "10 -> 20 accounts", nil),
        // A threshold whose number is not the metric's.
        DirectionCase("Keep 95% of requests under 200 ms", ">= 95%", nil),
        DirectionCase("More than 40 NPS", ">= 40 NPS", nil),
        DirectionCase("Sign up to 10 new partners", "2 -> 10 partners", nil),
        // "up to" / "down to" need a number.
        DirectionCase("Bring the docs up to date", "10 -> 4 pages", nil),
        // Units on both sides of a written from-to that differ are not compared.
        DirectionCase("Median wait from 2 h to 30 min", "2 -> 30 min", nil),
    ]

    @Test(arguments: contradictions + agreements)
    func direction(_ c: DirectionCase) {
        let (syntax, findings) = lintKeyResult(.document(MetricDirectionRule()), title: c.title, metric: c.metric)
        #expect(syntax.isEmpty, "test input has syntax errors: \(syntax.map(\.message))")
        if let expected = c.expected {
            #expect(findings.count == 1, "expected a finding containing \(expected)")
            if let f = findings.first {
                #expect(f.message.contains(expected), "message: \(f.message)")
                #expect(f.message.contains("`\(c.metric)`"), "the message quotes the metric: \(f.message)")
            }
        } else {
            #expect(findings.isEmpty, "unexpected: \(findings.map(\.message))")
        }
    }

    @Test(arguments: [
        ("1.2 -> 2.5 s", "2.5 -> 1.2 s"), ("$40000 -> $80000", "$80000 -> $40000"), ("45 s -> 15 min", "15 min -> 45 s"),
        ("20% -> 35%", "35% -> 20%"), ("180 -> 295 per month", "295 -> 180 per month"),
    ])
    func helpSwapsBaselineAndTarget(_ metric: String, _ swapped: String) {
        #expect(MetricDirectionRule.swapped(metric) == swapped)
    }

    @Test func helpSaysHowToFix() throws {
        let up = try #require(lintKeyResult(.document(MetricDirectionRule()), title: "Cut cold start time", metric: "1.2 -> 2.5 s").findings.first)
        #expect(up.help == "if the value should fall, swap baseline and target (`2.5 -> 1.2 s`); otherwise fix the title")
        let above = try #require(lintKeyResult(.document(MetricDirectionRule()), title: "Keep latency below 200 ms", metric: ">= 200 ms").findings.first)
        #expect(above.help == "if the value should stay below the threshold, write `<= 200 ms`; otherwise fix the title")
        // The finding points at the metric, where the fix goes.
        let text = exampleHeader + "## O1: Objective\n### KR1.1: Cut cold start time\n- metric: 1.2 -> 2.5 s\n"
        let start = try #require(text.utf8.firstRange(of: "1.2 -> 2.5 s".utf8))
        #expect(up.range.start == text.utf8.distance(from: text.utf8.startIndex, to: start.lowerBound))
    }

    /// The fast path (a leading verb that agrees decides) never skips a title the full reading would flag, over random
    /// titles made of direction words, numbers, "from ... to", thresholds and filler.
    @Test func fastPathAgreesWithFullReading() {
        let words = ["Cut", "Reduce", "Grow", "Increase", "Double", "Quadruple", "More", "Less", "Fewer", "than", "from",
                     "to", "down", "up", "below", "above", "at", "least", "most", "under", "over", "falls", "grows", "the",
                     "time", "latency", "release", "support", "without", "cutting", "increasing", "8", "20", "200", "2x",
                     "40%", "$5M", "ms", "minutes", "deploys", "From", "FROM", "p95", "by", "no", "not", "Keep", "we", "will"]
        let metrics: [(String, MetricDirectionRule.Direction, Bool)] = [
            ("8 -> 20 min", .up, false), ("20 -> 8 min", .down, false), (">= 200 ms", .up, true), ("<= 200 ms", .down, true),
            ("40% -> 70%", .up, false), ("$5M -> $3M", .down, false)]
        var rng = SplitMix(seed: 11)
        var fast = 0
        for _ in 0..<6_000 {
            let lead = words[Int(rng.next() % 9)]
            let title = ([lead] + (0..<Int(rng.next() % 7)).map { _ in words[Int(rng.next() % UInt64(words.count))] }).joined(separator: " ")
            let (metricText, direction, threshold) = metrics[Int(rng.next() % UInt64(metrics.count))]
            guard MetricDirectionRule.leadingVerbAgrees(title, direction, threshold: threshold) else { continue }
            fast += 1
            let said = MetricDirectionRule.titleDirection(title, metricText: metricText, threshold: threshold)
            #expect(said == nil || said!.direction == direction, "\"\(title)\" [\(metricText)]: the fast path skips what the full reading flags (\(said!.words))")
        }
        #expect(fast > 600, "the fast path was taken \(fast) times")
    }
}
