/// Every objective's rolled-up progress, computed once per workspace (`Workspace.rollUps`) in one pass over the
/// alignment graph, children before parents, with an explicit stack: no recursion, so a chain of any length costs
/// its length in time and nothing in stack, and every report, the graph and the language server read the same
/// numbers.
///
/// An objective's roll-up is the mean of its own progress (when it has one) and the mean of its children's
/// roll-ups (when it has any); a key result with no progress of its own is measured by the objectives aligned to
/// it, which are then not counted a second time at the objective level; a final `score` is the progress, whatever
/// is aligned to it. Links inside an alignment loop (between objectives of one strongly connected component of
/// `AlignmentLoops`) carry no progress: a loop has no top, so nothing on it rolls up into anything else on it, and
/// the result does not depend on where a walk would have entered it. Links from outside a loop into it count.
public struct RollUps: Sendable {
    /// Objectives with children -> their roll-up; absent when there is none. An objective without children rolls
    /// up to its own progress, read from its summary, and is not stored.
    let values: [ObjectiveRef: Double]

    static let none = RollUps(values: [:])

    init(values: [ObjectiveRef: Double]) { self.values = values }

    init(documents: [DocumentSummary], children: [ObjectiveRef: [ObjectiveRef]], keyResultChildren: [KeyResultRef: [ObjectiveRef]],
         loops: AlignmentLoops) {
        guard !children.isEmpty else { self.init(values: [:]); return }
        func objective(_ r: ObjectiveRef) -> ObjectiveSummary { documents[r.document].objectives[r.objective] }
        // The link child -> parent is inside a loop: it carries nothing.
        func cut(_ child: ObjectiveRef, _ parent: ObjectiveRef) -> Bool {
            guard let c = loops.members[child], let p = loops.members[parent] else { return false }
            return c.component == p.component
        }
        enum State { case open, done }
        var state: [ObjectiveRef: State] = [:]
        state.reserveCapacity(children.count)
        var values: [ObjectiveRef: Double] = [:]
        values.reserveCapacity(children.count)
        // The roll-up of `c` as a child of `parent`, once `c` is done (or has no children).
        func value(_ c: ObjectiveRef, under parent: ObjectiveRef) -> Double? {
            if cut(c, parent) { return nil }
            if children[c] == nil { return objective(c).progress }
            return values[c]
        }
        func mean(_ xs: [Double]) -> Double? { xs.isEmpty ? nil : xs.reduce(0, +) / Double(xs.count) }
        func compute(_ r: ObjectiveRef) -> Double? {
            let o = objective(r)
            if let s = o.score { return s }
            var sum = 0.0, weights = 0.0
            var viaKeyResults = Set<ObjectiveRef>()
            for (k, kr) in o.keyResults.enumerated() {
                var p = kr.progress
                if let kids = keyResultChildren[KeyResultRef(objective: r, keyResult: k)] {
                    viaKeyResults.formUnion(kids)
                    if p == nil { p = mean(kids.compactMap { value($0, under: r) }) }
                }
                if let p { sum += p * kr.weight; weights += kr.weight }
            }
            let own = weights > 0 ? sum / weights : nil
            let kids = (children[r] ?? []).filter { !viaKeyResults.contains($0) }.compactMap { value($0, under: r) }
            switch (own, mean(kids)) {
            case (nil, nil): return nil
            case (let o?, nil): return o
            case (nil, let k?): return k
            case (let o?, let k?): return (o + k) / 2
            }
        }
        // Depth-first, children first: an objective is pushed open, its children with children of their own above it;
        // when it comes up again they are done. With the links inside loops cut the graph has no cycle, so an open
        // objective is never reached again before it is done.
        var stack: [(ObjectiveRef, expanded: Bool)] = []
        for start in children.keys where state[start] == nil {
            stack.append((start, false))
            while let (r, expanded) = stack.popLast() {
                if expanded {
                    if let v = compute(r) { values[r] = v }
                    state[r] = .done
                    continue
                }
                guard state[r] == nil else { continue }
                state[r] = .open
                stack.append((r, true))
                if objective(r).score != nil { continue }
                for c in children[r]! where children[c] != nil && state[c] == nil && !cut(c, r) { stack.append((c, false)) }
            }
        }
        self.init(values: values)
    }
}
