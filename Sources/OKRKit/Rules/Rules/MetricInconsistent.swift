public struct MetricInconsistentRule: DocumentRule {
    public init() {}
    public static let description = RuleDescription(
        id: "metric-inconsistent",
        summary: "A key result's numbers contradict each other: target equals baseline, confidence outside 0-1, units that cannot be compared.",
        rationale: """
        Progress is computed from baseline, target and current (Google's 0.0-1.0 grading); a target equal to the \
        baseline asks for no change, a current value in a unit that cannot be compared with the metric's gives no \
        progress, and confidence is a probability from 0 to 1. Units are compared as people mean them: singular and \
        plural, letter case and synonyms are one unit (`min`, `minutes`; `%`, `percent`), time units convert \
        (`45 s -> 15 min`), and a value written without a unit takes the metric's.
        """,
        defaultSeverity: .error,
        triggering: [
            RuleExample(exampleHeader + "## O1: A\n### KR1.1: a\n- metric: ↓30 -> 30 deploys/wk\n"),
            RuleExample(exampleHeader + "## O1: A\n### KR1.1: a\n- metric: 45 -> 15 min\n- current: ↓20 %\n- confidence: ↓1.5\n"),
            RuleExample(exampleHeader + "## O1: A\n### KR1.1: a\n- metric: ↓45 users -> 15 min\n"),
            RuleExample(exampleHeader + "## O1: A\n### KR1.1: a\n- metric: 45 -> 15 min\n\n## Check-ins\n- 2026-11-02 KR1.1: ↓40 users, ↓confidence 7\n"),
            RuleExample(exampleHeader + "## O1: A\n### KR1.1: a\n- metric: milestone\n- current: ↓3\n"),
            RuleExample(exampleHeader + "## O1: A\n### KR1.1: a\n- metric: +25% sign-ups\n- current: ↓1,200 sign-ups\n"),
        ],
        passing: [
            RuleExample(exampleHeader + "## O1: A\n### KR1.1: a\n- metric: 45 -> 15 min\n- current: 30 min\n- confidence: 0.6\n\n## Check-ins\n- 2026-11-02 KR1.1: 40 min, confidence 0.5\n"),
            RuleExample(exampleHeader + "## O1: A\n### KR1.1: a\n- metric: milestone\n- current: done\n"),
            // Singular and plural, synonyms, time units that convert, and values that take the metric's unit.
            RuleExample(exampleHeader + "## O1: A\n### KR1.1: a\n- metric: 20 -> 8 min\n- current: 12 minutes\n\n## Check-ins\n- 2026-11-02 KR1.1: 0.2 h\n- 2026-11-09 KR1.1: 13\n"),
            RuleExample(exampleHeader + "## O1: A\n### KR1.1: a\n- metric: 0 -> 3 hires\n- current: 1 hire\n### KR1.2: b\n- metric: 40% -> 60%\n- current: 45 percent\n"),
            RuleExample(exampleHeader + "## O1: A\n### KR1.1: a\n- metric: 45 s -> 15 min\n- current: 2 h\n- confidence: 6/10\n"),
            RuleExample(exampleHeader + "## O1: A\n### KR1.1: a\n- metric: $180 -> $295 per month\n- current: $210 per month\n### KR1.2: b\n- metric: $4M -> $5.5M\n- current: 4.6M USD\n"),
            RuleExample(exampleHeader + "## O1: A\n### KR1.1: a\n- metric: +25% sign-ups\n- current: +12%\n### KR1.2: b\n- metric: 2x revenue\n- current: 1.4x\n"),
        ],
        fix: """
        A confidence from 10 to 100 written without `%` (`confidence: 60`) becomes the fraction it reads as a \
        percentage (`0.6`). Unsafe: 60 might mean something else. Confidences up to 10 (`7`: 7% or 7/10?) get none.
        """,
        corrections: [
            RuleCorrection(exampleHeader + "## O1: A\n### KR1.1: a\n- metric: 45 -> 15 min\n- confidence: 60\n\n## Check-ins\n- 2026-11-02 KR1.1: 40 min, Confidence: 75.5 -- on track\n- 2026-11-09 KR1.1: 38 min, confidence 7\n",
                           exampleHeader + "## O1: A\n### KR1.1: a\n- metric: 45 -> 15 min\n- confidence: 0.6\n\n## Check-ins\n- 2026-11-02 KR1.1: 40 min, Confidence: 0.755 -- on track\n- 2026-11-09 KR1.1: 38 min, confidence 7\n"),
        ])

    public func check(_ context: Context) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let doc = context.document
        func unitName(_ q: Quantity) -> String { q.hasNoUnit ? "no unit" : "`\(q.currency.map { $0 + (q.unit.isEmpty ? "" : " ") } ?? "")\(q.unit)`" }
        func name(_ id: TextSpan?) -> String { id.map { "key result \(doc.text($0))" } ?? "the key result" }
        // Names are made only for findings; key results are read in place, not copied (this runs on every one).
        func checkValue(_ q: Quantity, _ m: Metric, _ what: String, _ id: TextSpan?) {
            if m.kind == .milestone {
                if q.hasNoUnit && (q.value == 0 || q.value == 1) { return }
                out.append(context.diagnostic(q.range, "\(what) `\(q.display)` of milestone \(name(id)) is not done / not done",
                                              help: "write `done` or `not done` (or 1 / 0)"))
            } else if !Units.compatible(q.unitKey, m.unitKey) {
                let help = m.relative
                    ? "the metric is a change from the start of the period: write the change so far, e.g. `\(m.unitKey == "x" ? "1.4x" : "+12%")`"
                    : "write it in \(m.target.map(unitName) ?? "the metric's unit") (or a unit that converts to it) so progress can be computed"
                out.append(context.diagnostic(q.range, "\(what) `\(q.display)` of \(name(id)) is in \(unitName(q)) but the metric is in \(m.target.map(unitName) ?? "no unit")",
                                              help: help))
            }
        }
        func checkConfidence(_ c: Spanned<Double>, _ id: TextSpan?) {
            guard c.value < 0 || c.value > 1 else { return }
            let scale = c.value > 1 && c.value <= 10 && c.value == c.value.rounded() ? "; on a scale of ten write `\(formatNumber(c.value))/10`" : ""
            out.append(context.diagnostic(c.range, "confidence \(formatNumber(c.value)) of \(name(id)) is outside 0 to 1",
                                          help: "confidence is a probability: 0.5 is a coin toss, 0.9 nearly sure\(scale)",
                                          fix: Self.percentFix(c, context.source)))
        }
        for oi in doc.objectives.indices {
            for ki in doc.objectives[oi].keyResults.indices {
                if let m = doc.objectives[oi].keyResults[ki].metric {
                    let id = doc.objectives[oi].keyResults[ki].id
                    if m.kind == .flat, let b = m.baseline {
                        out.append(context.diagnostic(m.range, "\(name(id)) has the same baseline and target (\(b.display)): it asks for no change",
                                                      help: "to hold a level write `>= \(b.display)` or `<= \(b.display)`; otherwise set the target you aim for"))
                    }
                    if let b = m.baseline, let t = m.target, !Units.compatible(b.unitKey, t.unitKey) {
                        out.append(context.diagnostic(b.range, "baseline `\(b.display)` and target `\(t.display)` of \(name(id)) are in units that cannot be compared",
                                                      help: "write both in one unit, e.g. `45 -> 15 min`"))
                    }
                    if let c = doc.objectives[oi].keyResults[ki].current { checkValue(c, m, "current value", id) }
                }
                if let c = doc.objectives[oi].keyResults[ki].confidence { checkConfidence(c, doc.objectives[oi].keyResults[ki].id) }
            }
        }
        for i in doc.checkIns.indices {
            if let v = doc.checkIns[i].value, let k = doc.checkIns[i].keyResult, let m = doc.objectives[k.objective].keyResults[k.keyResult].metric {
                checkValue(v, m, "check-in value", doc.checkIns[i].keyResultID)
            }
            if let conf = doc.checkIns[i].confidence { checkConfidence(conf, doc.checkIns[i].keyResultID) }
        }
        return out
    }

    /// `confidence: 60` -> `0.6`: a whole or decimal number above 10 and at most 100, alone after the key (or after
    /// the word `confidence` in a check-in), read as a percentage. Unsafe.
    static func percentFix(_ c: Spanned<Double>, _ source: SourceFile) -> Fix? {
        guard c.value > 10 && c.value <= 100 else { return nil }
        let b = source.bytes
        let lo = c.range.start, hi = min(c.range.end, b.count)
        guard lo < hi else { return nil }
        var s = hi
        while s > lo && ((b[s - 1] >= 0x30 && b[s - 1] <= 0x39) || b[s - 1] == UInt8(ascii: ".")) { s -= 1 }
        // Before the number: nothing, or `confidence` with an optional colon and spaces.
        var p = s
        while p > lo && (b[p - 1] == 0x20 || b[p - 1] == 0x09) { p -= 1 }
        if p > lo && b[p - 1] == UInt8(ascii: ":") { p -= 1 }
        let word = Array("confidence".utf8)
        guard p == lo ? s == lo : (p - lo == word.count && zip(b[lo..<p], word).allSatisfy { ($0 | 0x20) == $1 }) else { return nil }
        guard let fraction = percentAsFraction(Array(b[s..<hi])) else { return nil }
        let written = String(decoding: b[s..<hi], as: UTF8.self)
        return .unsafe("write confidence \(written) as `\(fraction)` (\(written)%)", .replace(SourceRange(start: s, end: hi), with: fraction))
    }

    /// The decimal digits `60`, `75.5` divided by 100 by moving the point (`0.6`, `0.755`), without a binary
    /// round trip; nil unless the text is digits with at most one point between digits.
    static func percentAsFraction(_ text: [UInt8]) -> String? {
        let parts = text.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count <= 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }) else { return nil }
        var integer = Array(parts[0])
        var fraction = parts.count == 2 ? Array(parts[1]) : []
        while integer.count < 3 { integer.insert(0x30, at: 0) }
        fraction = Array(integer.suffix(2)) + fraction
        integer.removeLast(2)
        while integer.count > 1 && integer[0] == 0x30 { integer.removeFirst() }
        while fraction.last == 0x30 { fraction.removeLast() }
        return String(decoding: integer, as: UTF8.self) + (fraction.isEmpty ? "" : "." + String(decoding: fraction, as: UTF8.self))
    }
}
