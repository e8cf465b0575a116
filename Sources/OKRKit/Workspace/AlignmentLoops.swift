/// Alignment loops: the strongly connected components of the child -> parent graph (Tarjan's algorithm, iterative),
/// so every objective on any loop is found even when loops share objectives; an objective aligned to itself is a
/// loop of one. For the text of a loop through a given link, each component keeps two breadth-first trees around
/// its smallest objective (its root): the next step toward the root, and the step before on the way from it. Only
/// objectives on loops are kept.
public struct AlignmentLoops: Sendable {
    /// What is kept per objective on a loop (the others, usually all of them, cost nothing once built).
    struct Member: Sendable {
        var component: Int
        /// Next objective toward the component's root, and the distance to it.
        var next: ObjectiveRef?
        var distanceToRoot: Int
        /// Objective before this one on a shortest path from the root, and the distance from it.
        var previous: ObjectiveRef?
        var distanceFromRoot: Int
    }
    let members: [ObjectiveRef: Member]
    let selfLinked: Set<ObjectiveRef>

    /// Loops longer than this many objectives are shown cut: the first steps, `…`, and the way back.
    public static let shownSteps = 8

    init(parents: [ObjectiveRef: [ObjectiveRef]], children: [ObjectiveRef: [ObjectiveRef]], selfLinked: Set<ObjectiveRef>) {
        self.selfLinked = selfLinked
        // An objective on a loop has both a parent and a child on it, so only those are searched: in an organisation
        // without loops (team objectives have parents, company objectives children) that is next to none of them.
        var set = selfLinked
        for r in parents.keys where children[r] != nil { set.insert(r) }
        let nodes = set.sorted()
        var indexOf: [ObjectiveRef: Int] = [:]
        indexOf.reserveCapacity(nodes.count)
        for (i, r) in nodes.enumerated() { indexOf[r] = i }
        let adjacency: [[Int]] = nodes.map { r in (parents[r] ?? []).compactMap { indexOf[$0] } }
        let n = nodes.count

        // Tarjan, with an explicit stack of (node, next edge) instead of recursion.
        var index = [Int](repeating: -1, count: n)
        var low = [Int](repeating: 0, count: n)
        var onStack = [Bool](repeating: false, count: n)
        var stack: [Int] = []
        var component = [Int](repeating: -1, count: n)
        var components: [[Int]] = []
        var counter = 0
        for s in 0..<n where index[s] == -1 {
            var calls: [(node: Int, edge: Int)] = [(s, 0)]
            index[s] = counter; low[s] = counter; counter += 1
            stack.append(s); onStack[s] = true
            while let (v, e) = calls.last {
                if e < adjacency[v].count {
                    calls[calls.count - 1].edge += 1
                    let w = adjacency[v][e]
                    if index[w] == -1 {
                        index[w] = counter; low[w] = counter; counter += 1
                        stack.append(w); onStack[w] = true
                        calls.append((w, 0))
                    } else if onStack[w] {
                        low[v] = min(low[v], index[w])
                    }
                    continue
                }
                calls.removeLast()
                if let caller = calls.last { low[caller.node] = min(low[caller.node], low[v]) }
                guard low[v] == index[v] else { continue }
                var members: [Int] = []
                while true {
                    let w = stack.removeLast()
                    onStack[w] = false
                    members.append(w)
                    if w == v { break }
                }
                if members.count > 1 || selfLinked.contains(nodes[v]) {
                    for m in members { component[m] = components.count }
                    components.append(members)
                }
            }
        }

        // Breadth-first trees around each component's root, inside the component.
        var next = [Int](repeating: -1, count: n)
        var previous = [Int](repeating: -1, count: n)
        var distanceToRoot = [Int](repeating: 0, count: n)
        var distanceFromRoot = [Int](repeating: 0, count: n)
        var reverse: [Int: [Int]] = [:]
        for members in components {
            let r = members.min()!
            reverse.removeAll(keepingCapacity: true)
            for v in members {
                for w in adjacency[v] where component[w] == component[v] { reverse[w, default: []].append(v) }
            }
            // From the root along parent edges: `previous`.
            var seen: Set<Int> = [r]
            var queue = [r]
            var head = 0
            while head < queue.count {
                let v = queue[head]; head += 1
                for w in adjacency[v] where component[w] == component[r] && seen.insert(w).inserted {
                    previous[w] = v
                    distanceFromRoot[w] = distanceFromRoot[v] + 1
                    queue.append(w)
                }
            }
            // Toward the root against them: `next`.
            seen = [r]
            queue = [r]
            head = 0
            while head < queue.count {
                let v = queue[head]; head += 1
                for w in reverse[v] ?? [] where seen.insert(w).inserted {
                    next[w] = v
                    distanceToRoot[w] = distanceToRoot[v] + 1
                    queue.append(w)
                }
            }
        }
        var kept: [ObjectiveRef: Member] = [:]
        for list in components {
            for v in list {
                kept[nodes[v]] = Member(component: component[v], next: next[v] >= 0 ? nodes[next[v]] : nil,
                                        distanceToRoot: distanceToRoot[v], previous: previous[v] >= 0 ? nodes[previous[v]] : nil,
                                        distanceFromRoot: distanceFromRoot[v])
            }
        }
        self.members = kept
    }

    /// Whether the objective is on an alignment loop.
    public func isOnLoop(_ r: ObjectiveRef) -> Bool { members[r] != nil }

    /// The loop through the link `child -> parent`, as objectives from `child` back to `child`, when the link is
    /// on one; nil in the list stands for steps left out of a long loop.
    public func loop(child: ObjectiveRef, parent: ObjectiveRef) -> [ObjectiveRef?]? {
        if child == parent { return selfLinked.contains(child) ? [child, child] : nil }
        guard let c = members[child], let p = members[parent], c.component == p.component else { return nil }
        // child -> parent -> ... -> root (along `next`) -> ... -> child (along the tree from the root).
        let length = 2 + p.distanceToRoot + c.distanceFromRoot
        var out: [ObjectiveRef?] = [child, parent]
        var v = parent
        if length <= Self.shownSteps + 1 {
            while let n = members[v]?.next { v = n; out.append(n) }
            var back: [ObjectiveRef] = []
            var u = child
            while let prev = members[u]?.previous { back.append(u); u = prev }
            return out + back.reversed()
        }
        while out.count < Self.shownSteps / 2 + 1, let n = members[v]?.next { v = n; out.append(n) }
        out.append(nil)
        out.append(child)
        return out
    }
}
