public struct MetricDirectionRule: DocumentRule {
    public init() {}
    public static let description = RuleDescription(
        id: "metric-direction",
        summary: "A key result's metric goes the other way than its title says (\"Cut cold start time\" with `1.2 -> 2.5 s`).",
        rationale: """
        Progress is computed from the metric (Google's 0.0-1.0 grading; a decreasing key result counts progress as \
        (baseline - current) / (baseline - target)), so a metric written the wrong way round grades the team for \
        making things worse, and readers who trust the title never notice. Coaches check that the verb of a key \
        result and the direction of its number agree (Castro's value-based form: "Increase / Reduce <metric> from X to \
        Y"). The rule reads, in this order: a written "from X to Y" with numbers in one unit; the title's leading verb \
        (cut, reduce, lower, decrease, shrink, drop, halve, minimise, eliminate, shorten, "bring down", fewer against \
        grow, increase, raise, boost, double, triple, expand, lift, maximise, more); "down to / from N" and "up to / \
        from N"; a verb after the subject ("retention grows 10%", "time to value falls") or a leading "2x". For \
        thresholds it reads below / under / at most / no more than / `<` / `≤` against above / over / at least / \
        `>` / `≥`, only when followed by the threshold's own number ("Keep 95% of requests under 200 ms" with \
        `>= 95%` is fine). "Improve", "speed up" and "keep" say no direction and are skipped; so is a title with words \
        of both directions or a negated one ("Reduce churn by increasing activation", "Grow revenue without \
        increasing costs"), and one whose metric names a unit the title does not (the metric may measure the inverse: \
        "Cut churn" with `900 -> 950 retained accounts`).
        """,
        defaultSeverity: .warning,
        triggering: [
            RuleExample(exampleHeader + "## O1: Fast starts\n### KR1.1: Cut cold start time\n- metric: ↓1.2 -> 2.5 s\n"),
            RuleExample(exampleHeader + "## O1: Growth\n### KR1.1: Grow sign-ups\n- metric: ↓500 -> 300\n"),
            RuleExample(exampleHeader + "## O1: Fast API\n### KR1.1: Keep latency below 200 ms\n- metric: ↓>= 200 ms\n"),
            RuleExample(exampleHeader + "## O1: Fast CI\n### KR1.1: Build time down from 20 to 8 minutes\n- metric: ↓8 -> 20 min\n### KR1.2: Deploy frequency up to 10 per day\n- metric: ↓10 -> 2 deploys/day\n"),
            RuleExample(exampleHeader + "## O1: Costs\n### KR1.1: Halve cloud spend\n- metric: ↓$40000 -> $80000\n### KR1.2: Double weekly active teams\n- metric: ↓200 -> 100 teams\n### KR1.3: Keep availability at least 99.9%\n- metric: ↓<= 99.9%\n"),
            RuleExample(exampleHeader + "## O1: Quality\n### KR1.1: Bring down open P1 bugs\n- metric: ↓3 -> 12 bugs\n### KR1.2: Fewer failed deploys\n- metric: ↓4 -> 9 deploys\n"),
        ],
        passing: [
            RuleExample(exampleHeader + "## O1: Fast starts\n### KR1.1: Cut cold start time\n- metric: 2.5 -> 1.2 s\n### KR1.2: Grow sign-ups\n- metric: 300 -> 500\n### KR1.3: Keep latency below 200 ms\n- metric: <= 200 ms\n"),
            RuleExample(exampleHeader + "## O1: Retention\n### KR1.1: Reduce churn by increasing activation\n- metric: 20% -> 35%\n### KR1.2: Cut churn\n- metric: 900 -> 950 retained accounts\n### KR1.3: Improve p95 latency\n- metric: 300 -> 400 ms\n"),
            RuleExample(exampleHeader + "## O1: Fast API\n### KR1.1: Keep 95% of requests under 200 ms\n- metric: >= 95%\n### KR1.2: Cut over to the new billing database\n- metric: 0 -> 100%\n### KR1.3: Speed up CI\n- metric: 10 -> 20 builds/h\n"),
            RuleExample(exampleHeader + "## O1: Launch\n### KR1.1: Cut the 2.0 release\n- metric: milestone\n### KR1.2: Grow revenue\n- metric: >= $50000\n### KR1.3: Reduce p95 latency\n- metric: <= 300 ms\n"),
        ])

    enum Direction { case up, down }

    public func check(_ context: Context) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let objectives = context.document.objectives
        for oi in objectives.indices {
            // Indices rather than copies of each key result: this runs on every key result of every file.
            let krs = objectives[oi].keyResults
            for ki in krs.indices {
                guard let kind = krs[ki].metric?.kind else { continue }
                let metricDirection: Direction
                let threshold: Bool
                switch kind {
                case .increase: metricDirection = .up; threshold = false
                case .decrease: metricDirection = .down; threshold = false
                case .stayAbove: metricDirection = .up; threshold = true
                case .stayBelow: metricDirection = .down; threshold = true
                case .flat, .milestone, .placeholder: continue
                }
                let title = context.text(krs[ki].title)
                if Self.leadingVerbAgrees(title, metricDirection, threshold: threshold) { continue }
                let kr = krs[ki]
                guard let prop = kr.property("metric") else { continue }
                let text = context.text(prop.value)
                guard let metric = kr.metric,
                      let said = Self.titleDirection(title, metricText: Self.wordsText(metric), threshold: threshold),
                      said.direction != metricDirection else { continue }
                let name = context.text(kr.id) ?? "the key result"
                let does: String
                let help: String
                if threshold {
                    does = metricDirection == .up ? "keeps the value at or above its threshold" : "keeps the value at or below its threshold"
                    let other = metricDirection == .up ? "below" : "above"
                    help = "if the value should stay \(other) the threshold, write \(Self.flipped(text).map { "`\($0)`" } ?? (metricDirection == .up ? "`<=`" : "`>=`")); otherwise fix the title"
                } else {
                    does = metricDirection == .up ? "goes up" : "goes down"
                    let way = metricDirection == .up ? "fall" : "rise"
                    help = "if the value should \(way), swap baseline and target\(Self.swapped(text).map { " (`\($0)`)" } ?? ""); otherwise fix the title"
                }
                out.append(context.diagnostic(prop.value.range,
                    "title of \(name) says \"\(said.words)\" but its metric `\(text)` \(does)",
                    help: help))
            }
        }
        return out
    }

    /// Most titles start with a verb that agrees with the metric: then one word decides, and the full reading could
    /// not disagree. A word of the other direction anywhere makes the title mixed (every direction word of the
    /// reading is one of the stems), so only numbers can: "from 20 to 8" in a change, "below 200" in a threshold.
    /// A title starting "more", "less" or "fewer" is read in full ("more than" is a threshold). `MetricDirectionTests` checks the fast
    /// answer against the full reading over random titles.
    static func leadingVerbAgrees(_ title: String, _ direction: Direction, threshold: Bool) -> Bool {
        guard let lead = TitleWords.leadingHashes(title), lead.first != 0,
              verbTable.flags(hash: lead.first) & (direction == .up ? 1 : 2) != 0,
              !comparatives.contains(hash: lead.first) else { return false }
        guard TitleWords.hasNumber(title) else { return true }
        return !threshold && !TitleWords.hasWord(title, "from")
    }

    static let comparatives = WordTable(list: "more, less, fewer")

    /// The metric as read, each quantity with its unit (`45->15min` is `45 min -> 15 min`): what its words are taken
    /// from, so that how it is spaced changes nothing.
    static func wordsText(_ m: Metric) -> String {
        var parts: [String] = []
        if let b = m.baseline, !m.relative { parts.append(b.display); parts.append("->") }
        if let t = m.target { parts.append(t.display) }
        return parts.joined(separator: " ")
    }

    /// `1.2 -> 2.5 s` -> `2.5 -> 1.2 s`; `45 s -> 15 min` -> `15 min -> 45 s` (text only, as written).
    static func swapped(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        guard let a = bytes.indices.first(where: { $0 + 1 < bytes.count && bytes[$0] == 0x2D && bytes[$0 + 1] == 0x3E }) else { return nil }
        let left = String(decoding: bytes[..<a], as: UTF8.self).trimmingSpaces
        let right = String(decoding: bytes[(a + 2)...], as: UTF8.self).trimmingSpaces
        guard !left.isEmpty, !right.isEmpty else { return nil }
        // A unit written once, after the target, stays at the end.
        if !left.utf8.contains(where: { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A }), let space = right.firstIndex(of: " ") {
            return "\(right[..<space]) -> \(left) \(String(right[right.index(after: space)...]).trimmingSpaces)"
        }
        return "\(right) -> \(left)"
    }

    /// `>= 200 ms` -> `<= 200 ms`, `at least 99.9%` -> `at most 99.9%` (text only, as written).
    static func flipped(_ text: String) -> String? {
        let pairs = [(">=", "<="), ("<=", ">="), ("at least", "at most"), ("at most", "at least"), ("more than", "less than"),
                     ("less than", "more than"), ("fewer than", "more than"), (">", "<"), ("<", ">")]
        let t = text.trimmingSpaces
        for (from, to) in pairs where t.lowercased().hasPrefix(from) {
            return to + t.dropFirst(from.count)
        }
        return nil
    }

    // MARK: - Reading the title

    static let downVerbs: Set<String> = ["cut", "reduce", "lower", "decrease", "shrink", "drop", "halve", "minimise",
                                         "minimize", "eliminate", "shorten", "slash", "trim", "lessen", "curb", "fewer", "less"]
    static let upVerbs: Set<String> = ["grow", "increase", "raise", "boost", "double", "triple", "quadruple", "expand",
                                       "lift", "maximise", "maximize", "extend", "multiply", "more"]
    /// The leading verbs by hash: 1 up, 2 down.
    static let verbTable: WordTable = {
        var t = WordTable(capacity: upVerbs.count + downVerbs.count)
        for v in upVerbs { t.insert(v, flag: 1) }
        for v in downVerbs { t.insert(v, flag: 2) }
        return t
    }()
    static let downPhrasal: Set<String> = ["bring down", "drive down", "push down", "burn down", "pay down", "cut down", "knock down"]
    static let upPhrasal: Set<String> = ["drive up", "push up", "ramp up", "step up"]
    /// Stems of either direction anywhere in the title (any form: "increasing", "cuts"); both present means mixed.
    static let downStems = ["cut", "reduc", "lower", "decreas", "shrink", "drop", "halv", "minimi", "eliminat", "shorten",
                            "slash", "trim", "lessen", "curb", "fewer", "fall", "declin"]
    static let upStems = ["grow", "increas", "rais", "boost", "doubl", "tripl", "expand", "lift", "maximi", "extend",
                          "multipl", "quadrupl", "gain", "rise", "rising", "climb"]
    /// The stems by their first three letters, so a word costs one lookup.
    static let stemsByPrefix: [String: [(stem: String, direction: Direction)]] = {
        var d: [String: [(stem: String, direction: Direction)]] = [:]
        for s in upStems { d[String(decoding: s.utf8.prefix(3), as: UTF8.self), default: []].append((s, .up)) }
        for s in downStems { d[String(decoding: s.utf8.prefix(3), as: UTF8.self), default: []].append((s, .down)) }
        return d
    }()

    /// The direction of a word that starts with a stem ("increasing" -> up, "cuts" -> down).
    static func stemDirection(_ t: String) -> Direction? {
        guard t.utf8.count >= 3, let candidates = stemsByPrefix[String(decoding: t.utf8.prefix(3), as: UTF8.self)] else { return nil }
        for c in candidates where t.utf8.starts(with: c.stem.utf8) { return c.direction }
        return nil
    }

    /// A leading verb followed by one of these is not a change of amount ("Cut the 2.0 release", "Drop support for").
    static let notAmount: Set<String> = ["release", "releases", "branch", "branches", "tag", "tags", "over", "ribbon", "support",
                                         "off", "out", "in", "down", "check", "deal", "deals", "corners", "ties", "back"]
    static let belowWords: Set<String> = ["below", "under", "beneath", "within", "max", "maximum"]
    static let aboveWords: Set<String> = ["above", "over", "min", "minimum"]
    static let skipLeading: Set<String> = ["we", "will", "to", "further", "also", "then", "significantly", "substantially",
                                           "dramatically", "sharply", "steadily", "continuously", "consistently"]

    /// What the title says and the words that say it; nil when it says no clear direction.
    static func titleDirection(_ title: String, metricText: String, threshold: Bool) -> (direction: Direction, words: String)? {
        let w = TitleWords(title)
        guard w.count > 0 else { return nil }
        var hasUp = false, hasDown = false
        for k in 0..<w.count where w.isWord(k) {
            let t = w[k]
            // "more than" / "less than" are thresholds, read below.
            let comparative = w[k + 1] != "than"
            let stem = stemDirection(t)
            var up = stem == .up || t == "up" || (t == "more" && comparative)
            var down = stem == .down || t == "down" || (t == "less" && comparative)
            // "without increasing costs", "not cutting scope": a negated change says both ways.
            if (up || down) && k > 0 && negators.contains(w[k - 1]) { up = true; down = true }
            hasUp = hasUp || up
            hasDown = hasDown || down
        }
        if hasUp && hasDown { return nil }
        let metricWords = TitleWords(metricText, limit: 16)
        // A metric in a unit the title does not name may measure the inverse of what the title names.
        for k in 0..<metricWords.count where metricWords.isWord(k) {
            let u = metricWords[k]
            if TaskLexicon.timeUnits.contains(u) || ignoredMetricWords.contains(u) { continue }
            let stem = TaskLexicon.singular(u)
            if !(0..<w.count).contains(where: { w.isWord($0) && (w[$0] == u || TaskLexicon.singular(w[$0]) == stem || w[$0].hasPrefix(stem)) }) {
                return nil
            }
        }
        if threshold { return thresholdDirection(w, metricWords) ?? leadingVerb(w) }
        return fromTo(w) ?? leadingVerb(w) ?? phrase(w) ?? predicate(w)
    }

    static let upPredicates: Set<String> = ["increases", "grows", "rises", "climbs", "doubles", "triples", "goes up"]
    static let downPredicates: Set<String> = ["decreases", "drops", "falls", "declines", "shrinks", "halves", "goes down"]

    /// "Week-1 retention grows 10%", "Time to first value falls", "2x cloud weekly activation rate".
    static func predicate(_ w: TitleWords) -> (direction: Direction, words: String)? {
        if w.isNumber(0), TitleWords.suffix(of: w[0]) == "x", let v = TitleWords.value(of: w[0]), v != 1 {
            return (v > 1 ? .up : .down, w[0])
        }
        for k in 1..<max(1, w.count) where w.isWord(k) {
            let t = w[k], pair = t + " " + w[k + 1]
            if upPredicates.contains(t) || upPredicates.contains(pair) { return (.up, upPredicates.contains(pair) ? pair : t) }
            if downPredicates.contains(t) || downPredicates.contains(pair) { return (.down, downPredicates.contains(pair) ? pair : t) }
        }
        return nil
    }

    static let negators: Set<String> = ["without", "not", "no", "never", "avoid", "avoiding", "while", "preventing"]
    static let ignoredMetricWords: Set<String> = ["at", "least", "most", "more", "less", "fewer", "than", "per", "x", "percent", "pct"]

    static func leadingVerb(_ w: TitleWords) -> (direction: Direction, words: String)? {
        var i = 0
        while i < 2, w.isWord(i), skipLeading.contains(w[i]) { i += 1 }
        guard w.isWord(i) else { return nil }
        let t = w[i]
        let pair = w.isWord(i + 1) ? t + " " + w[i + 1] : ""
        if downPhrasal.contains(pair) { return (.down, pair) }
        if upPhrasal.contains(pair) { return (.up, pair) }
        // "More than 40 ...", "Less than 2 ..." are thresholds, not changes.
        if (t == "more" || t == "less" || t == "fewer") && w[i + 1] == "than" { return nil }
        if notAmount.contains(w[i + 1]) || (w[i + 1] == "the" && notAmount.contains(w[i + 3])) || (w.isNumber(i + 1) && notAmount.contains(w[i + 2])) {
            return nil
        }
        if downVerbs.contains(t) { return (.down, t) }
        if upVerbs.contains(t) { return (.up, t) }
        return nil
    }

    /// "down to 8", "down from 20", "up to 10", "up from 2" (followed by a number).
    static func phrase(_ w: TitleWords) -> (direction: Direction, words: String)? {
        for k in 0..<w.count where (w[k] == "down" || w[k] == "up") && w.isWord(k) {
            let next = w[k + 1]
            guard next == "to" || next == "from" || next == "by", w.isNumber(k + 2) else { continue }
            if k > 0 && upToIdioms.contains(w[k - 1]) { continue }
            return (w[k] == "down" ? .down : .up, "\(w[k]) \(next) \(w[k + 2])")
        }
        return nil
    }

    /// Verbs that make "up" part of the verb rather than a direction: "sign up to", "set up to", "back up to".
    static let upToIdioms: Set<String> = ["sign", "set", "back", "follow", "catch", "keep", "live", "measure", "show", "open",
                                          "end", "line", "pick", "free", "make", "look", "add", "add", "speed", "scale", "level"]

    /// A written "from 20 to 8 minutes" in the title: the direction of its numbers (same unit, or the unit only after
    /// the second number).
    static func fromTo(_ w: TitleWords) -> (direction: Direction, words: String)? {
        for k in 0..<w.count where w[k] == "from" && w.isWord(k) && w.isNumber(k + 1) {
            var q = k + 2
            var unit1 = ""
            if w.isWord(q) && w[q] != "to" { unit1 = w[q]; q += 1 }
            guard w[q] == "to", w.isNumber(q + 1), let a = TitleWords.value(of: w[k + 1]), let b = TitleWords.value(of: w[q + 1]) else { continue }
            let s1 = TitleWords.suffix(of: w[k + 1]), s2 = TitleWords.suffix(of: w[q + 1])
            if s1 != s2 && !(s1.isEmpty && unit1.isEmpty) { continue }
            if !unit1.isEmpty && w.isWord(q + 2) && TaskLexicon.singular(w[q + 2]) != TaskLexicon.singular(unit1) { continue }
            if a == b { return nil }
            let words = "from \(w[k + 1])\(unit1.isEmpty ? "" : " " + unit1) to \(w[q + 1])"
            return (b > a ? .up : .down, words)
        }
        return nil
    }

    /// "below 200 ms" / "at least 99.9%" whose number is the metric's threshold.
    static func thresholdDirection(_ w: TitleWords, _ metric: TitleWords) -> (direction: Direction, words: String)? {
        var metricNumbers: [Double] = []
        for k in 0..<metric.count where metric.isNumber(k) {
            if let v = TitleWords.value(of: metric[k]) { metricNumbers.append(v) }
        }
        var found: (Direction, String)? = nil
        var k = 0
        while k < w.count {
            var dir: Direction? = nil
            var len = 1
            let t = w[k], n1 = w[k + 1], n2 = w[k + 2]
            if (t == "no" || t == "not") && (n1 == "more" || n1 == "less" || n1 == "fewer") && n2 == "than" {
                dir = n1 == "more" ? .down : .up; len = 3
            } else if (t == "less" || t == "fewer") && n1 == "than" { dir = .down; len = 2 }
            else if t == "more" && n1 == "than" { dir = .up; len = 2 }
            else if t == "at" && n1 == "most" { dir = .down; len = 2 }
            else if t == "at" && n1 == "least" { dir = .up; len = 2 }
            else if belowWords.contains(t) || t == "<" { dir = .down }
            else if aboveWords.contains(t) || t == ">" { dir = .up }
            if let d = dir, w.isWord(k) || t == "<" || t == ">", w.isNumber(k + len), let v = TitleWords.value(of: w[k + len]),
               metricNumbers.contains(where: { abs($0 - v) <= 1e-9 * max(1, abs(v)) }) {
                if let f = found, f.0 != d { return nil }
                found = (d, (0...len).map { w[k + $0] }.joined(separator: " "))
                k += len
            }
            k += 1
        }
        return found.map { (direction: $0.0, words: $0.1) }
    }
}
