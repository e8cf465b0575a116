/// Alignment loops: the strongly connected components of the child -> parent graph (Tarjan's algorithm, iterative),
/// so every objective on any loop is found even when loops share objectives; an objective aligned to itself is a
/// loop of one. For the text of a loop through a given link, each component keeps two breadth-first trees around
/// its smallest objective (its root): the next step toward the root, and the step before on the way from it.
public struct AlignmentLoops: Sendable {
    let nodes: [ObjectiveRef]
    let indexOf: [ObjectiveRef: Int]
    /// Component of each node on a loop, -1 for the others.
    let component: [Int]
    let root: [Int]
    /// Next node toward the component's root, and the distance to it.
    let next: [Int]
    let distanceToRoot: [Int]
    /// Node before this one on a shortest path from the root, and the distance from it.
    let previous: [Int]
    let distanceFromRoot: [Int]
    let selfLinked: Set<ObjectiveRef>

    /// Loops longer than this many objectives are shown cut: the first steps, `…`, and the way back.
    public static let shownSteps = 8

    init(parents: [ObjectiveRef: [ObjectiveRef]], selfLinked: Set<ObjectiveRef>) {
        self.selfLinked = selfLinked
        // Only objectives with a parent or a self-link can be on a loop; their parents join as targets.
        var set = Set(parents.keys).union(selfLinked)
        for ps in parents.values { set.formUnion(ps) }
        let nodes = set.sorted()
        var indexOf: [ObjectiveRef: Int] = [:]
        indexOf.reserveCapacity(nodes.count)
        for (i, r) in nodes.enumerated() { indexOf[r] = i }
        let adjacency: [[Int]] = nodes.map { r in (parents[r] ?? []).map { indexOf[$0]! } }
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
        var root = [Int](repeating: -1, count: n)
        var next = [Int](repeating: -1, count: n)
        var previous = [Int](repeating: -1, count: n)
        var distanceToRoot = [Int](repeating: 0, count: n)
        var distanceFromRoot = [Int](repeating: 0, count: n)
        var reverse: [Int: [Int]] = [:]
        for members in components {
            let r = members.min()!
            reverse.removeAll(keepingCapacity: true)
            for v in members {
                root[v] = r
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
        self.nodes = nodes
        self.indexOf = indexOf
        self.component = component
        self.root = root
        self.next = next
        self.previous = previous
        self.distanceToRoot = distanceToRoot
        self.distanceFromRoot = distanceFromRoot
    }

    /// Whether the objective is on an alignment loop.
    public func isOnLoop(_ r: ObjectiveRef) -> Bool {
        guard let i = indexOf[r] else { return false }
        return component[i] >= 0
    }

    /// The loop through the link `child -> parent`, as objectives from `child` back to `child`, when the link is
    /// on one; nil in the list stands for steps left out of a long loop.
    public func loop(child: ObjectiveRef, parent: ObjectiveRef) -> [ObjectiveRef?]? {
        if child == parent { return selfLinked.contains(child) ? [child, child] : nil }
        guard let c = indexOf[child], let p = indexOf[parent], component[c] >= 0, component[c] == component[p] else { return nil }
        // child -> parent -> ... -> root (along `next`) -> ... -> child (along the tree from the root).
        let length = 2 + distanceToRoot[p] + distanceFromRoot[c]
        if length <= Self.shownSteps + 1 {
            var out = [child]
            var v = p
            out.append(nodes[v])
            while next[v] >= 0 { v = next[v]; out.append(nodes[v]) }
            var back: [ObjectiveRef] = []
            var u = c
            while previous[u] >= 0 { back.append(nodes[u]); u = previous[u] }
            return out + back.reversed()
        }
        var out: [ObjectiveRef?] = [child]
        var v = p
        out.append(nodes[v])
        while out.count < Self.shownSteps / 2 + 1 && next[v] >= 0 { v = next[v]; out.append(nodes[v]) }
        out.append(nil)
        out.append(child)
        return out
    }
}
