public struct ObjectiveHasMetricRule: DocumentRule {
    public init() {}
    public static let description = RuleDescription(
        id: "objective-has-metric",
        summary: "An objective's title holds a number; numbers belong in its key results.",
        rationale: """
        Objectives are qualitative and inspiring; key results carry the numbers (Google's OKR playbook; Doerr, \
        Measure What Matters). "Grow revenue 20%" is a key result dressed as an objective: state why it matters, and let \
        the KRs measure it.
        """,
        defaultSeverity: .info,
        triggering: [
            RuleExample(exampleHeader + "## O1: Grow revenue ↓20% this quarter\n"),
            RuleExample(exampleHeader + "## O1: Reach ↓$2M in annual recurring revenue\n"),
            RuleExample(exampleHeader + "## O1: Reach ↓100 paying customers\n"),
        ],
        passing: [
            RuleExample(exampleHeader + "## O1: Make self-serve pricing pay for itself\n"),
            RuleExample(exampleHeader + "## O1: Win the 2026 holiday season\n"),
            RuleExample(exampleHeader + "## O1: Objective 1\n"),
        ])

    public func check(_ context: Context) -> [Diagnostic] {
        context.document.objectives.compactMap { o in
            guard let r = Self.metricRange(in: o.title, source: context.source) else { return nil }
            return context.diagnostic(r,
                "objective \(context.text(o.id) ?? "") has a number in its title: \"\(context.source.text(r))\"",
                help: "keep the objective qualitative (why it matters) and put the number in a key result's `- metric:`")
        }
    }

    /// The first number in the title that reads as a measure: a percentage, an amount of money, or a number
    /// followed by a unit-like word. Years (four digits from 1900 to 2100 alone) and ordinals are not measures.
    static func metricRange(in title: TextSpan, source: SourceFile) -> SourceRange? {
        let b = source.bytes
        var i = title.range.start
        let end = title.range.end
        while i < end {
            let c = b[i]
            let isCurrency = c == UInt8(ascii: "$") || (c == 0xE2 && i + 2 < end && b[i + 1] == 0x82 && b[i + 2] == 0xAC) || (c == 0xC2 && i + 1 < end && (b[i + 1] == 0xA3 || b[i + 1] == 0xA5))
            if isCurrency || (c >= 0x30 && c <= 0x39) {
                let start = i
                if isCurrency { i += c == UInt8(ascii: "$") ? 1 : (c == 0xE2 ? 3 : 2) }
                let digitsStart = i
                while i < end && ((b[i] >= 0x30 && b[i] <= 0x39) || b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: ",")) { i += 1 }
                guard i > digitsStart else { continue }
                var j = i
                var suffixPercent = false
                if j < end && (b[j] == UInt8(ascii: "%") || b[j] == UInt8(ascii: "x") || b[j] == UInt8(ascii: "k") || b[j] == UInt8(ascii: "K") || b[j] == UInt8(ascii: "M")) {
                    suffixPercent = true
                    j += 1
                }
                let digits = source.text(SourceRange(start: digitsStart, end: i))
                let isYear = digits.count == 4 && !isCurrency && !suffixPercent && (Int(digits).map { (1900...2100).contains($0) } ?? false)
                // An ordinal or an identifier such as `3rd` or `v2` is not a measure.
                let glued = j < end && ((b[j] >= 0x41 && b[j] <= 0x5A) || (b[j] >= 0x61 && b[j] <= 0x7A))
                if isCurrency || suffixPercent && !glued {
                    return SourceRange(start: start, end: j)
                }
                // A bare number is a measure when a word follows it (`Reach 100 customers`), not a label (`Phase 2`).
                let wordFollows = i + 1 < end && b[i] == UInt8(ascii: " ") && ((b[i + 1] >= 0x61 && b[i + 1] <= 0x7A) || (b[i + 1] >= 0x41 && b[i + 1] <= 0x5A))
                if !isYear && !glued && wordFollows && digitsStart > title.range.start && b[digitsStart - 1] == UInt8(ascii: " ") {
                    return SourceRange(start: start, end: i)
                }
                i = j
            } else {
                i += 1
            }
        }
        return nil
    }
}
