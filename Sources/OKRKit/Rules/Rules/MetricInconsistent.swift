public struct MetricInconsistentRule: Rule {
    public init() {}
    public let description = RuleDescription(
        id: "metric-inconsistent",
        summary: "A key result's numbers contradict each other: target equals baseline, confidence outside 0-1, mixed units.",
        rationale: """
        Progress is computed from baseline, target and current (Google's 0.0-1.0 grading); a target equal to the \
        baseline asks for no change, a current value in another unit than the metric cannot be compared, and confidence \
        is a probability from 0 to 1.
        """,
        defaultSeverity: .error,
        triggering: [
            RuleExample(exampleHeader + "## O1: A\n### KR1.1: a\n- metric: ↓30 -> 30 deploys/wk\n"),
            RuleExample(exampleHeader + "## O1: A\n### KR1.1: a\n- metric: 45 -> 15 min\n- current: ↓2 h\n- confidence: ↓1.5\n"),
            RuleExample(exampleHeader + "## O1: A\n### KR1.1: a\n- metric: ↓45 s -> 15 min\n"),
            RuleExample(exampleHeader + "## O1: A\n### KR1.1: a\n- metric: 45 -> 15 min\n\n## Check-ins\n- 2026-11-02 KR1.1: ↓40 s, ↓confidence 2\n"),
            RuleExample(exampleHeader + "## O1: A\n### KR1.1: a\n- metric: milestone\n- current: ↓3\n"),
        ],
        passing: [
            RuleExample(exampleHeader + "## O1: A\n### KR1.1: a\n- metric: 45 -> 15 min\n- current: 30 min\n- confidence: 0.6\n\n## Check-ins\n- 2026-11-02 KR1.1: 40 min, confidence 0.5\n"),
            RuleExample(exampleHeader + "## O1: A\n### KR1.1: a\n- metric: milestone\n- current: done\n"),
        ])

    public func check(_ context: RuleContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        var metricsByKR: [String: Metric] = [:]
        func checkValue(_ q: Quantity, _ m: Metric, _ what: String, _ name: () -> String) {
            if m.kind == .milestone {
                if q.unit.isEmpty && (q.value == 0 || q.value == 1) { return }
                out.append(context.diagnostic(q.range, "\(what) `\(q.display)` of milestone \(name()) is not done / not done",
                                              help: "write `done` or `not done` (or 1 / 0)"))
            } else if !m.unit.isEmpty && q.unit != m.unit {
                out.append(context.diagnostic(q.range, "\(what) `\(q.display)` of \(name()) is in \(q.unit.isEmpty ? "no unit" : "`\(q.unit)`") but the metric is in `\(m.unit)`",
                                              help: "write it in `\(m.unit)` so progress can be computed"))
            }
        }
        func checkConfidence(_ c: Spanned<Double>, _ name: () -> String) {
            guard c.value < 0 || c.value > 1 else { return }
            out.append(context.diagnostic(c.range, "confidence \(formatNumber(c.value)) of \(name()) is outside 0 to 1",
                                          help: "confidence is a probability: 0.5 is a coin toss, 0.9 nearly sure"))
        }
        for o in context.document.objectives {
            for kr in o.keyResults {
                let name = { kr.id.map { "key result \($0.value)" } ?? "the key result" }
                if let m = kr.metric {
                    if let id = kr.id, metricsByKR[id.value] == nil { metricsByKR[id.value] = m }
                    if m.kind == .flat, let b = m.baseline {
                        out.append(context.diagnostic(m.range, "\(name()) has the same baseline and target (\(b.display)): it asks for no change",
                                                      help: "to hold a level write `>= \(b.display)` or `<= \(b.display)`; otherwise set the target you aim for"))
                    }
                    if let b = m.baseline, let t = m.target, b.unit != t.unit {
                        out.append(context.diagnostic(b.range, "baseline `\(b.display)` and target `\(t.display)` of \(name()) are in different units",
                                                      help: "write both in one unit, e.g. `45 -> 15 min`"))
                    }
                    if let c = kr.current { checkValue(c, m, "current value", name) }
                }
                if let c = kr.confidence { checkConfidence(c, name) }
            }
        }
        for c in context.document.checkIns {
            let name = { "key result \(c.keyResultID.value)" }
            if let v = c.value, let m = metricsByKR[c.keyResultID.value] { checkValue(v, m, "check-in value", name) }
            if let conf = c.confidence { checkConfidence(conf, name) }
        }
        return out
    }
}
