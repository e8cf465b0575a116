/// Google's grading bands for a 0.0-1.0 score: 0.0-0.3 red, 0.4-0.6 yellow, 0.7-1.0 green. Scores between the
/// bands go to the lower one (below 0.4 is red, below 0.7 yellow).
public enum Band: String, Sendable {
    case red, yellow, green

    public init(_ score: Double) {
        self = score < 0.4 ? .red : (score < 0.7 ? .yellow : .green)
    }
}

/// Progress of key results and objectives, 0.0-1.0.
///
/// - increase / decrease: `(current - baseline) / (target - baseline)`, clamped to 0...1 (for a decreasing metric both
///   differences are negative, which is `(baseline - current) / (baseline - target)`).
/// - stay-above / stay-below: 1 while the level is held, else 0 (a threshold is met or not).
/// - milestone: 1 when done, else 0.
/// - flat metric, no metric or no current value: no progress (nil).
/// The current value is the key result's `current`, else the value of its latest check-in.
/// An objective's progress is the mean of its key results' progress weighted by `weight` (default 1); key results
/// without progress are left out.
public enum Progress {
    public static func keyResult(_ kr: KeyResult, latest: CheckIn?) -> Double? {
        guard let m = kr.metric else { return nil }
        guard let current = kr.current ?? latest?.value else { return nil }
        if !m.unit.isEmpty && current.unit != m.unit && m.kind != .milestone { return nil }
        let c = current.value
        switch m.kind {
        case .increase, .decrease:
            guard let b = m.baseline?.value, let t = m.target?.value, t != b else { return nil }
            return min(1, max(0, (c - b) / (t - b)))
        case .flat:
            return nil
        case .stayAbove:
            guard let t = m.target?.value else { return nil }
            return c >= t ? 1 : 0
        case .stayBelow:
            guard let t = m.target?.value else { return nil }
            return c <= t ? 1 : 0
        case .milestone:
            return c >= 1 ? 1 : 0
        }
    }

    public static func objective(_ o: Objective, in document: Document) -> Double? {
        let latest = document.latestCheckIns
        var sum = 0.0, weights = 0.0
        for kr in o.keyResults {
            guard let p = keyResult(kr, latest: kr.id.flatMap { latest[$0.value] }) else { continue }
            let w = kr.weight?.value ?? 1
            sum += p * w
            weights += w
        }
        return weights > 0 ? sum / weights : nil
    }

    /// An objective's progress including the work aligned to it: the mean of its own progress (when it has one) and
    /// the mean of its children's rolled-up progress (when it has any). Cycles are cut.
    public static func rolledUp(_ r: ObjectiveRef, in ws: Workspace) -> Double? {
        // Most objectives have no children: their own progress, without the bookkeeping.
        if ws.children[r] == nil { return ws.objective(r).progress }
        var visiting = Set<ObjectiveRef>()
        var memo: [ObjectiveRef: Double?] = [:]
        func go(_ r: ObjectiveRef) -> Double? {
            if let m = memo[r] { return m }
            guard visiting.insert(r).inserted else { return nil }
            defer { visiting.remove(r) }
            let own = ws.objective(r).progress
            let kids = (ws.children[r] ?? []).compactMap { go($0) }
            let value: Double?
            switch (own, kids.isEmpty) {
            case (nil, true): value = nil
            case (let o?, true): value = o
            case (nil, false): value = kids.reduce(0, +) / Double(kids.count)
            case (let o?, false): value = (o + kids.reduce(0, +) / Double(kids.count)) / 2
            }
            memo[r] = value
            return value
        }
        return go(r)
    }

    /// A team's progress: the mean of its objectives' progress across its documents.
    public static func team(_ team: String, in ws: Workspace) -> Double? {
        let values = (ws.teams[team] ?? []).flatMap { di in ws.documents[di].objectives.compactMap(\.progress) }
        return values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }
}
