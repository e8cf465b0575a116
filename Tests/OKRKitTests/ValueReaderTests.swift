import Testing
@testable import OKRKit

/// Numbers, units, metrics, confidences and periods as people write them (issue: real OKRs). Each table row is one
/// published or common way of writing a value; the value read must be exactly the one meant, and anything ambiguous
/// must be an error that says what was understood.
@Suite struct ValueReaderTests {
    static func quantity(_ s: String) -> Result<Quantity, ValueProblem> {
        let b = Array(s.utf8)
        return ValueReader.quantity(b, 0, b.count)
    }

    static func metric(_ s: String) -> Result<Metric, ValueProblem> {
        let b = Array(s.utf8)
        return ValueReader.metric(b, 0, b.count)
    }

    struct Q: Sendable, CustomTestStringConvertible {
        var text: String, value: Double, key: String, display: String
        var testDescription: String { text }
    }

    static let quantities: [Q] = [
        Q(text: "45", value: 45, key: "", display: "45"),
        Q(text: "32 min", value: 32, key: "min", display: "32 min"),
        Q(text: "12 minutes", value: 12, key: "min", display: "12 minutes"),
        Q(text: "15min", value: 15, key: "min", display: "15 min"),
        Q(text: "99.95%", value: 99.95, key: "%", display: "99.95%"),
        Q(text: "45 percent", value: 45, key: "%", display: "45 percent"),
        Q(text: "10,000 customers", value: 10_000, key: "customer", display: "10,000 customers"),
        Q(text: "1,234,567.5", value: 1_234_567.5, key: "", display: "1,234,567.5"),
        Q(text: "10 000 users", value: 10_000, key: "user", display: "10 000 users"),
        Q(text: "250K revenue", value: 250_000, key: "revenue", display: "250K revenue"),
        Q(text: "$4M", value: 4_000_000, key: "$", display: "$4M"),
        Q(text: "$5.5M", value: 5_500_000, key: "$", display: "$5.5M"),
        Q(text: "1.2B", value: 1_200_000_000, key: "", display: "1.2B"),
        Q(text: "$5m", value: 5_000_000, key: "$", display: "$5m"),
        Q(text: "5m", value: 5, key: "m", display: "5 m"),
        Q(text: "4 million users", value: 4_000_000, key: "user", display: "4 million users"),
        Q(text: "4.6M USD", value: 4_600_000, key: "$", display: "4.6M USD"),
        Q(text: "$180 per month", value: 180, key: "$/mo", display: "$180 per month"),
        Q(text: "€10 per seat", value: 10, key: "€/seat", display: "€10 per seat"),
        Q(text: "30 deploys/wk", value: 30, key: "deploy/wk", display: "30 deploys/wk"),
        Q(text: "30 deploys per week", value: 30, key: "deploy/wk", display: "30 deploys per week"),
        Q(text: "1 hire", value: 1, key: "hire", display: "1 hire"),
        Q(text: "3 hires", value: 3, key: "hire", display: "3 hires"),
        Q(text: "2 stories", value: 2, key: "story", display: "2 stories"),
        Q(text: "-1.5 NPS", value: -1.5, key: "nps", display: "-1.5 NPS"),
        Q(text: "+25%", value: 25, key: "%", display: "+25%"),
        Q(text: "2x", value: 2, key: "x", display: "2x"),
        Q(text: "2x revenue", value: 2, key: "x", display: "2x revenue"),
        Q(text: "-$5", value: -5, key: "$", display: "-$5"),
        Q(text: "5Mbps", value: 5, key: "mbp", display: "5 Mbps"),
        Q(text: "10k/month", value: 10_000, key: "/mo", display: "10k/month"),
        Q(text: "48 h", value: 48, key: "h", display: "48 h"),
        Q(text: "2 hrs", value: 2, key: "h", display: "2 hrs"),
    ]

    @Test(arguments: quantities)
    func readsQuantity(_ q: Q) throws {
        let got = try Self.quantity(q.text).get()
        #expect(got.value == q.value)
        #expect(got.unitKey == q.key)
        #expect(got.display == q.display)
    }

    struct Bad: Sendable, CustomTestStringConvertible {
        var text: String, says: String
        var testDescription: String { text }
    }

    static let ambiguous: [Bad] = [
        Bad(text: "1,5", says: "comma in a number groups thousands"),
        Bad(text: "1,50 users", says: "comma in a number groups thousands"),
        Bad(text: "12345,678", says: "at most three before the first comma"),
        Bad(text: "1.000.000", says: "more than one decimal point"),
        Bad(text: "5 10", says: "two numbers"),
        Bad(text: "5-10 days", says: "range"),
        Bad(text: "twelve", says: "is not a number"),
        Bad(text: ".5", says: "starts with a digit"),
        Bad(text: "5.", says: "needs digits after it"),
        Bad(text: "1e400", says: "cannot read"),
        Bad(text: "9" + String(repeating: "9", count: 400), says: "too large"),
    ]

    @Test(arguments: ambiguous)
    func rejectsAmbiguousNumber(_ b: Bad) {
        guard case .failure(let p) = Self.quantity(b.text) else {
            Issue.record("`\(b.text)` was read as a number")
            return
        }
        #expect(p.message.contains(b.says), "\(p.message)")
    }

    struct M: Sendable, CustomTestStringConvertible {
        var text: String, kind: MetricKind, target: Double, key: String, strict: Bool = false, relative: Bool = false
        var testDescription: String { text }
    }

    static let metrics: [M] = [
        M(text: "45 -> 15 min", kind: .decrease, target: 15, key: "min"),
        M(text: "45 s -> 15 min", kind: .increase, target: 15, key: "min"),
        M(text: "$4M -> $5.5M", kind: .increase, target: 5_500_000, key: "$"),
        M(text: "$4M -> 5.5M", kind: .increase, target: 5_500_000, key: "$"),
        M(text: "10,000 -> 15,000 customers", kind: .increase, target: 15_000, key: "customer"),
        M(text: "$180 -> $295 per month", kind: .increase, target: 295, key: "$/mo"),
        M(text: "1.2 → 2.5 s", kind: .increase, target: 2.5, key: "s"),
        M(text: ">= 99.9%", kind: .stayAbove, target: 99.9, key: "%"),
        M(text: "> 97%", kind: .stayAbove, target: 97, key: "%", strict: true),
        M(text: "< 48 h", kind: .stayBelow, target: 48, key: "h", strict: true),
        M(text: "<48h", kind: .stayBelow, target: 48, key: "h", strict: true),
        M(text: "at least 250K revenue", kind: .stayAbove, target: 250_000, key: "revenue"),
        M(text: ">= 250K revenue", kind: .stayAbove, target: 250_000, key: "revenue"),
        M(text: "At most 3 incidents", kind: .stayBelow, target: 3, key: "incident"),
        M(text: "more than 40 NPS", kind: .stayAbove, target: 40, key: "nps", strict: true),
        M(text: "less than 2 hours", kind: .stayBelow, target: 2, key: "h", strict: true),
        M(text: "fewer than 5 bugs", kind: .stayBelow, target: 5, key: "bug", strict: true),
        M(text: "no more than 2 pages", kind: .stayBelow, target: 2, key: "page"),
        M(text: "+25% sign-ups", kind: .increase, target: 25, key: "%", relative: true),
        M(text: "-50% churn", kind: .decrease, target: -50, key: "%", relative: true),
        M(text: "2x revenue", kind: .increase, target: 2, key: "x", relative: true),
        M(text: "+5 members", kind: .increase, target: 5, key: "member", relative: true),
        M(text: "+0.25 stages", kind: .increase, target: 0.25, key: "stage", relative: true),
        M(text: "-$20k", kind: .decrease, target: -20_000, key: "$", relative: true),
        M(text: "0.5x", kind: .decrease, target: 0.5, key: "x", relative: true),
        M(text: "Milestone", kind: .milestone, target: .nan, key: ""),
    ]

    @Test(arguments: metrics)
    func readsMetric(_ m: M) throws {
        let got = try Self.metric(m.text).get()
        #expect(got.kind == m.kind)
        if m.kind != .milestone { #expect(got.target?.value == m.target) }
        #expect(got.unitKey == m.key)
        #expect(got.strict == m.strict)
        #expect(got.relative == m.relative)
    }

    static let badMetrics: [Bad] = [
        Bad(text: "25%", says: "alone is not a metric"),
        Bad(text: "250K revenue", says: "alone is not a metric"),
        Bad(text: "twelve -> thirty", says: "baseline"),
        Bad(text: "1 -> lots", says: "target"),
        Bad(text: ">= many", says: "level"),
        Bad(text: "1,5 -> 2", says: "comma"),
    ]

    @Test(arguments: badMetrics)
    func rejectsMetric(_ b: Bad) {
        guard case .failure(let p) = Self.metric(b.text) else {
            Issue.record("`\(b.text)` was read as a metric")
            return
        }
        #expect(p.message.contains(b.says), "\(p.message)")
    }

    @Test(arguments: [("0.5", 0.5), ("50%", 0.5), ("5/10", 0.5), ("7 / 10", 0.7), ("3 out of 4", 0.75), ("7", 7.0)])
    func readsConfidence(_ text: String, _ value: Double) throws {
        let b = Array(text.utf8)
        #expect(try ValueReader.confidence(b, 0, b.count).get() == value)
    }

    /// `quantity` reads the common form in place (`plainQuantity`); over random texts built from the pieces people
    /// write (and the ones that make numbers hard), it gives exactly what the general reader gives.
    @Test func plainQuantityAgreesWithTheGeneralReader() {
        var rng = SplitMix(seed: 5)
        let pieces = ["1", "25", "0", "007", "1234567890", "9999999999999999", ".", ".5", ",", ",000", " ", "  ", "\t", "%",
                      "% of users", "min", " min", " minutes", "K", "k", " million", " millionaires", " thousand users", "M",
                      "x", " x", "e2", " e2", "+", "-", "$", "\u{A0}", "\u{202F}000", " 000", "/week", " per month", "h",
                      " 5", " -5", "bn", " Trillion", " t", " Users"]
        var texts = ["32 min", "99.9%", "12 deploys/week", "1.", "1.2.3", "5 million", "10 000 users", "2x", "250K"]
        for _ in 0..<5000 {
            texts.append((0..<(1 + Int(rng.next() % 5))).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined())
        }
        var fast = 0
        for t in texts {
            let b = Array(t.utf8)
            let (a, e) = ValueReader.trimmed(b, 0, b.count)
            if ValueReader.plainQuantity(b, a, e) != nil { fast += 1 }
            #expect(ValueReader.quantity(b, 0, b.count) == ValueReader.generalQuantity(b, a, e), "`\(t)`")
        }
        #expect(fast > 200, "the fast path was taken \(fast) times")
    }

    /// The plain-decimal fast path of `confidence` gives the double `quantity` gives, and takes nothing else.
    @Test func plainDecimalConfidenceAgreesWithTheGeneralReader() throws {
        var rng = SplitMix(seed: 11)
        var texts = ["0", "1", "0.5", "00.5", "1.", ".5", "0.123456789012345", "1234567890123456", "1..2", "1.2.3", "10,5", "7e2"]
        for _ in 0..<2000 {
            let intDigits = 1 + Int(rng.next() % 6), fracDigits = Int(rng.next() % 10)
            var t = (0..<intDigits).map { _ in String(rng.next() % 10) }.joined()
            if fracDigits > 0 { t += "." + (0..<fracDigits).map { _ in String(rng.next() % 10) }.joined() }
            texts.append(t)
        }
        for t in texts {
            let b = Array(t.utf8)
            let general: Double? = switch ValueReader.quantity(b, 0, b.count) {
            case .success(let q) where q.hasNoUnit: q.value
            default: nil
            }
            if let fast = ValueReader.plainDecimal(b, 0, b.count) {
                #expect(general == fast, "`\(t)`")
            }
            let read = try? ValueReader.confidence(b, 0, b.count).get()
            #expect(read == general, "`\(t)`")
        }
    }

    @Test(arguments: ["high", "5/0", "5/ten", "50 min"])
    func rejectsConfidence(_ text: String) {
        let b = Array(text.utf8)
        guard case .failure = ValueReader.confidence(b, 0, b.count) else {
            Issue.record("`\(text)` was read as a confidence")
            return
        }
    }

    @Test func unitsConvertAndCompare() {
        #expect(Units.compatible("min", "h"))
        #expect(Units.convert(2, from: "h", to: "min") == 120)
        #expect(Units.convert(45, from: "s", to: "min") == 0.75)
        #expect(!Units.compatible("min", "user"))
        #expect(Units.compatible("", "user"), "a value without a unit takes the metric's")
        #expect(Units.compatible("$", "$/mo"), "a bare amount is in the metric's money unit")
        #expect(!Units.compatible("€", "$/mo"))
        #expect(Units.key(currency: nil, unit: "Status") == "status", "words that only look plural stay")
    }
}

/// Periods as companies name them (fiscal years, halves and quarters, explicit ranges).
@Suite struct PeriodTests {
    struct P: Sendable, CustomTestStringConvertible {
        var text: String, start: String, end: String, fiscalStart: Int? = nil, byStart = false
        var testDescription: String { "\(text) fy=\(fiscalStart.map(String.init) ?? "-")" }
    }

    static let periods: [P] = [
        P(text: "2026-Q1", start: "2026-01-01", end: "2026-03-31"),
        P(text: "Q1 2026", start: "2026-01-01", end: "2026-03-31"),
        P(text: "2026 Q4", start: "2026-10-01", end: "2026-12-31"),
        P(text: "2026-H2", start: "2026-07-01", end: "2026-12-31"),
        P(text: "2026", start: "2026-01-01", end: "2026-12-31"),
        P(text: "2026-02", start: "2026-02-01", end: "2026-02-28"),
        P(text: "March 2026", start: "2026-03-01", end: "2026-03-31"),
        P(text: "2026-05-01..2026-07-31", start: "2026-05-01", end: "2026-07-31"),
        P(text: "2026-05..2026-07", start: "2026-05-01", end: "2026-07-31"),
        // GitLab: the fiscal year starts on February 1 and is named by the year it ends in.
        P(text: "FY2021", start: "2020-02-01", end: "2021-01-31", fiscalStart: 2),
        P(text: "FY21-Q2", start: "2020-05-01", end: "2020-07-31", fiscalStart: 2),
        P(text: "FY2021-Q4", start: "2020-11-01", end: "2021-01-31", fiscalStart: 2),
        P(text: "FY2021-H2", start: "2020-08-01", end: "2021-01-31", fiscalStart: 2),
        P(text: "Q2 FY2021", start: "2020-05-01", end: "2020-07-31", fiscalStart: 2),
        // Microsoft: July start.
        P(text: "FY2026-Q1", start: "2025-07-01", end: "2025-09-30", fiscalStart: 7),
        // Named by the start year (Japan: April start).
        P(text: "FY2024", start: "2024-04-01", end: "2025-03-31", fiscalStart: 4, byStart: true),
        // No fiscal year declared: the calendar year.
        P(text: "FY2026-Q2", start: "2026-04-01", end: "2026-06-30"),
    ]

    @Test(arguments: periods)
    func readsPeriod(_ p: P) throws {
        let got = try Period.read(p.text, calendar: FiscalCalendar(startMonth: p.fiscalStart, namedByStartYear: p.byStart)).get()
        #expect(got.start.description == p.start)
        #expect(got.end.description == p.end)
    }

    @Test(arguments: ["2026-Q5", "2026-H3", "2026-13", "Q1", "2026-07-31..2026-05-01", "FY2021-03", "next quarter", "2026-1", "FY"])
    func rejectsPeriod(_ text: String) {
        guard case .failure = Period.read(text) else {
            Issue.record("`\(text)` was read as a period")
            return
        }
    }

    @Test func monthOnlyDueDates() {
        #expect(CalendarDate.dueDate("2026-03")?.description == "2026-03-31")
        #expect(CalendarDate.dueDate("2028-02")?.description == "2028-02-29")
        #expect(CalendarDate.dueDate("2026-13") == nil)
        #expect(CalendarDate.dueDate("2026-03-15")?.description == "2026-03-15")
    }
}
