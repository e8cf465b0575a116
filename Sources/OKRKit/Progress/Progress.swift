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
/// - a `score` (the final grade) is the progress, whatever the metric says.
/// - increase / decrease: `(current - baseline) / (target - baseline)`, clamped to 0...1 (for a decreasing metric both
///   differences are negative, which is `(baseline - current) / (baseline - target)`). Values are compared in the
///   metric's unit: time units convert, and a value written without a unit takes the metric's. A relative metric
///   (`+25%`, `2x`) starts at 0% or 1x, and its current value is the change so far (`+12%`, `1.4x`).
/// - stay-above / stay-below: 1 while the level is held, else 0 (a threshold is met or not; `<` and `>` are strict).
/// - milestone: 1 when done, else 0.
/// - flat metric, no metric or no current value: no progress (nil).
/// The current value is the key result's `current`, else the value of its latest check-in.
/// An objective's progress is the mean of its key results' progress weighted by `weight` (default 1); key results
/// without progress are left out.
public enum Progress {
    public static func keyResult(_ kr: KeyResult, latest: CheckIn?) -> Double? { keyResult(kr, latestValue: latest?.value) }

    /// As `keyResult(_:latest:)`, given only the latest check-in's value.
    static func keyResult(_ kr: KeyResult, latestValue: Quantity?) -> Double? {
        if let s = kr.score?.value { return s }
        guard let m = kr.metric else { return nil }
        guard let current = kr.current ?? latestValue else { return nil }
        if m.kind == .milestone { return current.value >= 1 ? 1 : 0 }
        // A value written without a unit takes the metric's; time units convert; other units cannot be compared.
        guard let c = current.value(in: m.unitKey) else { return nil }
        switch m.kind {
        case .increase, .decrease:
            guard let b = m.baseline?.value(in: m.unitKey), let t = m.target?.value, t != b else { return nil }
            return min(1, max(0, (c - b) / (t - b)))
        case .flat, .milestone, .placeholder:
            return nil
        case .stayAbove, .stayBelow:
            return m.holds(c).map { $0 ? 1 : 0 }
        }
    }

    public static func objective(_ o: Objective, in document: Document) -> Double? {
        if let s = o.score?.value { return s }
        var sum = 0.0, weights = 0.0
        // Read in place: a key result is large, and copying it per objective per caller showed in profiles.
        o.keyResults.withUnsafeBufferPointer { krs in
            for ki in krs.indices {
                let value = krs[ki].latestCheckIn.flatMap { $0 < document.checkIns.count ? document.checkIns[$0].value : nil }
                guard let p = keyResult(krs[ki], latestValue: value) else { continue }
                let w = krs[ki].weight?.value ?? 1
                sum += p * w
                weights += w
            }
        }
        return weights > 0 ? sum / weights : nil
    }

    /// The progress a key result should show by `today`: a milestone is expected done only once its due date has
    /// passed (before, 0; it is binary); any other key result is expected to move evenly from the period's start to
    /// its due date. The due date is the key result's `due`, else the objective's, else the period's last day.
    public static func expected(_ kr: KeyResult, objectiveDue: CalendarDate?, period: Period, today: CalendarDate) -> Double {
        let due = kr.due?.value ?? objectiveDue ?? period.end
        if today > due { return 1 }
        if kr.metric?.kind == .milestone && kr.score == nil { return 0 }
        let span = due.dayNumber - period.start.dayNumber + 1
        guard span > 0 else { return 1 }
        return min(1, max(0, Double(today.dayNumber - period.start.dayNumber + 1) / Double(span)))
    }

    /// The progress an objective should show by `today`: the mean of its key results' `expected`, weighted and over
    /// the key results that have progress, as `objective(_:in:)` averages them; the period's elapsed share for an
    /// objective with a final score. Nil when no key result has progress.
    public static func expected(_ o: Objective, in document: Document, period: Period, today: CalendarDate) -> Double? {
        if o.score != nil { return period.elapsedFraction(at: today) }
        var sum = 0.0, weights = 0.0
        for kr in o.keyResults {
            let value = kr.latestCheckIn.flatMap { $0 < document.checkIns.count ? document.checkIns[$0].value : nil }
            guard keyResult(kr, latestValue: value) != nil else { continue }
            let w = kr.weight?.value ?? 1
            sum += expected(kr, objectiveDue: o.due?.value, period: period, today: today) * w
            weights += w
        }
        return weights > 0 ? sum / weights : nil
    }

    /// An objective's progress including the work aligned to it: `Workspace.rolledUp`, which reads the roll-ups the
    /// workspace computed once (`RollUps` says how they are made).
    public static func rolledUp(_ r: ObjectiveRef, in ws: Workspace) -> Double? { ws.rolledUp(r) }

    /// A team's progress: the mean of its objectives' progress across its documents.
    public static func team(_ team: String, in ws: Workspace) -> Double? {
        let values = (ws.teams[team] ?? []).flatMap { di in ws.documents[di].objectives.compactMap(\.progress) }
        return values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }
}
