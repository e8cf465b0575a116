/// Names one objective: the document's index in the workspace and the objective's index in it.
public struct ObjectiveRef: Hashable, Sendable, Comparable {
    public var document: Int
    public var objective: Int
    public static func < (a: ObjectiveRef, b: ObjectiveRef) -> Bool {
        a.document != b.document ? a.document < b.document : a.objective < b.objective
    }
}

/// Names one key result: its objective and its index there.
public struct KeyResultRef: Hashable, Sendable {
    public var objective: ObjectiveRef
    public var keyResult: Int
}

/// An `aligns` link and what it resolved to.
public struct ResolvedLink: Sendable, Hashable {
    public var child: ObjectiveRef
    public var link: AlignmentLink
    /// nil when the team or the objective does not exist. For a link to a key result, that key result's objective.
    public var parent: ObjectiveRef?
    /// The key result the link names, when it names one (`company/KR1.2`) rather than an objective.
    public var parentKeyResult: Int? = nil
}

/// All documents checked together, with an index built once: teams, objectives by team and ID, and the alignment
/// graph (child objective -> parent objectives, several allowed, and the reverse). Rules read other files through it.
/// It holds each document's `DocumentSummary`, not its syntax tree.
public struct Workspace: Sendable {
    public let documents: [DocumentSummary]
    /// Team name -> documents of that team.
    public let teams: [String: [Int]]
    /// Every `aligns` link of every objective, resolved.
    public let links: [ResolvedLink]
    /// Parent objective -> the objectives aligned to it.
    public let children: [ObjectiveRef: [ObjectiveRef]]
    /// Child objective -> its resolved parents.
    public let parents: [ObjectiveRef: [ObjectiveRef]]
    /// Parent key result -> the objectives aligned to it (they also count as children of its objective).
    public let keyResultChildren: [KeyResultRef: [ObjectiveRef]]
    /// Objectives on an alignment cycle, with the cycle as text (`a/O1 -> b/O2 -> a/O1`).
    public let cycles: [ObjectiveRef: String]
    /// Links by the document they are written in.
    public let linksByDocument: [Int: [ResolvedLink]]
    /// Documents with an objective that another document aligns to.
    public let parentLevelDocuments: Set<Int>
    /// Whether any objective aligns to an objective in another document.
    public let hasAlignment: Bool
    /// The top of the alignment tree found from the files themselves: documents others align to that align to no
    /// other team.
    public let topLevelDocuments: Set<Int>
    let documentByPath: [String: Int]
    /// `team/ID` of each objective that others align to, made once (reports name parents many times).
    let parentNames: [ObjectiveRef: String]

    /// A workspace of no documents.
    public static let empty = Workspace(summaries: [])

    public init(documents: [Document], calendar: FiscalCalendar = .calendarYear) {
        self.init(summaries: documents.map { DocumentSummary($0, calendar: calendar) })
    }

    public init(summaries documents: [DocumentSummary]) {
        self.documents = documents
        var teams: [String: [Int]] = [:]
        var byPath: [String: Int] = [:]
        byPath.reserveCapacity(documents.count)
        for (i, d) in documents.enumerated() {
            byPath[d.path] = i
            if let t = d.team { teams[t, default: []].append(i) }
        }
        self.teams = teams
        self.documentByPath = byPath
        // Objective ID -> index, per document (the first one wins, as `duplicate-id` reports the rest); only for
        // documents with many objectives: a few are searched faster than a dictionary is built.
        let objectiveIndex: [[String: Int]?] = documents.map { d in
            guard d.objectives.count > 8 else { return nil }
            var m: [String: Int] = [:]
            for (oi, o) in d.objectives.enumerated() { if let id = o.id?.value, m[id] == nil { m[id] = oi } }
            return m
        }
        var links: [ResolvedLink] = []
        var children: [ObjectiveRef: [ObjectiveRef]] = [:]
        var parents: [ObjectiveRef: [ObjectiveRef]] = [:]
        var keyResultChildren: [KeyResultRef: [ObjectiveRef]] = [:]
        for (di, d) in documents.enumerated() {
            for (oi, o) in d.objectives.enumerated() {
                let child = ObjectiveRef(document: di, objective: oi)
                for link in o.aligns {
                    let target = Workspace.resolve(link, from: di, documents: documents, teams: teams, objectiveIndex: objectiveIndex)
                    links.append(ResolvedLink(child: child, link: link, parent: target?.objective, parentKeyResult: target?.keyResult))
                    if let t = target?.objective, t != child {
                        children[t, default: []].append(child)
                        parents[child, default: []].append(t)
                        if let k = target?.keyResult { keyResultChildren[KeyResultRef(objective: t, keyResult: k), default: []].append(child) }
                    }
                }
            }
        }
        self.links = links
        self.linksByDocument = Dictionary(grouping: links, by: { $0.child.document })
        var parentLevel = Set<Int>()
        for (parent, kids) in children where kids.contains(where: { $0.document != parent.document }) { parentLevel.insert(parent.document) }
        self.parentLevelDocuments = parentLevel
        self.hasAlignment = !parentLevel.isEmpty
        self.topLevelDocuments = parentLevel.filter { di in
            !documents[di].objectives.contains { o in o.aligns.contains { $0.team != nil && $0.team != documents[di].team } }
        }
        self.children = children
        var parentNames: [ObjectiveRef: String] = [:]
        for r in children.keys { parentNames[r] = Workspace.name(r, documents) }
        self.parentNames = parentNames
        self.parents = parents
        self.keyResultChildren = keyResultChildren
        self.cycles = Workspace.findCycles(parents, documents: documents)
    }

    /// A link `team/ID` resolves among that team's documents, preferring one whose period contains the child's
    /// (the same quarter, or the year); `ID` alone resolves in the same document. The ID is an objective's, or else a
    /// key result's (a team objective may serve a parent's key result).
    static func resolve(_ link: AlignmentLink, from di: Int, documents: [DocumentSummary], teams: [String: [Int]], objectiveIndex: [[String: Int]?]) -> (objective: ObjectiveRef, keyResult: Int?)? {
        let candidates: [Int] = link.team.map { teams[$0] ?? [] } ?? [di]
        let childPeriod = documents[di].period
        var best: ((ObjectiveRef, Int?), Int)? = nil
        for ci in candidates {
            var found: (Int, Int?)? = nil
            if let oi = objectiveIndex[ci].map({ $0[link.objectiveID] }) ?? documents[ci].objectives.firstIndex(where: { $0.id?.value == link.objectiveID }) {
                found = (oi, nil)
            } else {
                for (oi, o) in documents[ci].objectives.enumerated() {
                    if let k = o.keyResults.firstIndex(where: { $0.id == link.objectiveID }) { found = (oi, k); break }
                }
            }
            guard let (oi, k) = found else { continue }
            var score = 0
            if let cp = childPeriod, let pp = documents[ci].period {
                if pp == cp { score = 2 } else if pp.contains(cp) { score = 1 }
            }
            if best == nil || score > best!.1 { best = ((ObjectiveRef(document: ci, objective: oi), k), score) }
        }
        return best.map { (objective: $0.0.0, keyResult: $0.0.1) }
    }

    /// Iterative depth-first search over child -> parent edges; every objective on a cycle gets the cycle's text.
    static func findCycles(_ parents: [ObjectiveRef: [ObjectiveRef]], documents: [DocumentSummary]) -> [ObjectiveRef: String] {
        enum Color { case white, grey, black }
        var color: [ObjectiveRef: Color] = [:]
        var result: [ObjectiveRef: String] = [:]
        func name(_ r: ObjectiveRef) -> String {
            let d = documents[r.document]
            return "\(d.team ?? d.path)/\(d.objectives[r.objective].id?.value ?? "?")"
        }
        for start in parents.keys.sorted() where color[start, default: .white] == .white {
            var stack: [(ObjectiveRef, Int)] = [(start, 0)]
            var path: [ObjectiveRef] = [start]
            color[start] = .grey
            while let (node, next) = stack.last {
                let edges = parents[node] ?? []
                if next < edges.count {
                    stack[stack.count - 1].1 += 1
                    let p = edges[next]
                    switch color[p, default: .white] {
                    case .white:
                        color[p] = .grey
                        stack.append((p, 0))
                        path.append(p)
                    case .grey:
                        if let at = path.firstIndex(of: p) {
                            let cycle = Array(path[at...])
                            let text = (cycle + [p]).map(name).joined(separator: " -> ")
                            for c in cycle where result[c] == nil { result[c] = text }
                        }
                    case .black:
                        break
                    }
                } else {
                    color[node] = .black
                    stack.removeLast()
                    path.removeLast()
                }
            }
        }
        return result
    }

    public func index(of document: Document) -> Int? { documentByPath[document.path] }

    public func index(ofPath path: String) -> Int? { documentByPath[path] }

    public func objective(_ r: ObjectiveRef) -> ObjectiveSummary { documents[r.document].objectives[r.objective] }

    /// `team/ID` of an objective, for messages and reports.
    public func name(_ r: ObjectiveRef) -> String {
        parentNames[r] ?? Workspace.name(r, documents)
    }

    static func name(_ r: ObjectiveRef, _ documents: [DocumentSummary]) -> String {
        let d = documents[r.document]
        return "\(d.team ?? d.path)/\(d.objectives[r.objective].id?.value ?? "?")"
    }

    /// Documents whose header names `team`.
    public func documents(ofTeam team: String) -> [DocumentSummary] {
        (teams[team] ?? []).map { documents[$0] }
    }

    /// Whether any objective of document `di` is aligned to from another document: it is a parent level.
    public func isParentLevel(_ di: Int) -> Bool { parentLevelDocuments.contains(di) }

}
