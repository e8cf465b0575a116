/// Names one key result: its objective and its index there.
public struct KeyResultRef: Hashable, Sendable {
    public var objective: ObjectiveRef
    public var keyResult: Int
}

/// Names one objective: the document's index in the workspace and the objective's index in it.
public struct ObjectiveRef: Hashable, Sendable, Comparable {
    public var document: Int
    public var objective: Int
    public static func < (a: ObjectiveRef, b: ObjectiveRef) -> Bool {
        a.document != b.document ? a.document < b.document : a.objective < b.objective
    }
}

/// An `aligns` link and what it resolved to.
public struct ResolvedLink: Sendable, Hashable {
    public var child: ObjectiveRef
    public var link: AlignmentLink
    /// nil when the team or the objective does not exist. For a link to a key result, that key result's objective.
    public var parent: ObjectiveRef?
    /// The key result the link names, when it names one (`company/KR1.2`) rather than an objective.
    public var parentKeyResult: Int? = nil
    /// The link's position in its objective's `aligns` (and `alignLocations`).
    public var index: Int = 0
}

/// Where the objective and key result IDs of one document are: the first objective with each ID, and the first key
/// result with each ID (in file order), for resolving links without a search per link.
struct IDIndex: Sendable {
    var objectives: [String: Int] = [:]
    var keyResults: [String: (Int, Int)] = [:]
}

/// Objective IDs of one team and period, for IDs defined in more than one of its files.
struct TeamObjectiveKey: Hashable, Sendable {
    var team: String
    var period: String?
    var id: String
}

/// All documents checked together, with an index built once: teams, objectives by team and ID, and the alignment
/// graph (child objective -> parent objectives, several allowed, and the reverse). Rules read other files through it.
/// It holds each document's `DocumentSummary`, not its syntax tree.
public struct Workspace: Sendable {
    public private(set) var documents: [DocumentSummary]
    /// Team name -> documents of that team.
    public let teams: [String: [Int]]
    /// Per team, its documents with a period, ordered by the period's end (then path): the file of the period
    /// before another is found by a binary search.
    public let teamPeriods: [String: [Int]]
    /// Every `aligns` link of every objective, resolved.
    public private(set) var links: [ResolvedLink]
    /// Parent objective -> the objectives aligned to it.
    public let children: [ObjectiveRef: [ObjectiveRef]]
    /// Child objective -> its resolved parents.
    public let parents: [ObjectiveRef: [ObjectiveRef]]
    /// Parent key result -> the objectives aligned to it (they also count as children of its objective).
    public let keyResultChildren: [KeyResultRef: [ObjectiveRef]]
    /// Alignment loops: strongly connected components of the child -> parent graph, self-links included.
    public let loops: AlignmentLoops
    /// Every objective's rolled-up progress, computed once here (read it with `rolledUp(_:)`).
    public private(set) var rollUps: RollUps
    /// Team names, sorted (for suggestions and lists).
    public let teamNames: [String]
    /// The documents this run reports on; nil means all of them.
    let reported: Set<Int>?
    /// Each objective ID that more than one document of a team and period defines: those documents' objectives,
    /// one per document, in workspace order.
    let sharedIDs: [TeamObjectiveKey: [ObjectiveRef]]
    /// Links `team/ID` to an existing team without such an objective, by the team's document they were meant for
    /// (the one whose period suits the linking file best, as resolution would choose).
    public private(set) var brokenIncoming: [Int: [ResolvedLink]]
    /// Links by the document they are written in.
    public private(set) var linksByDocument: [Int: [ResolvedLink]]
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

    /// `reported`: indices of the documents the run reports on (nil: all); findings that other files cause on a
    /// document that is not reported are shown on the reported file that causes them.
    public init(documents: [Document], reported: Set<Int>? = nil, calendar: FiscalCalendar = .calendarYear) {
        self.init(summaries: documents.map { DocumentSummary($0, calendar: calendar) }, reported: reported)
    }

    public init(summaries documents: [DocumentSummary], reported: Set<Int>? = nil) {
        self.documents = documents
        self.reported = reported
        var teams: [String: [Int]] = [:]
        var byPath: [String: Int] = [:]
        byPath.reserveCapacity(documents.count)
        for (i, d) in documents.enumerated() {
            byPath[d.path] = i
            if let t = d.team { teams[t, default: []].append(i) }
        }
        self.teams = teams
        self.teamPeriods = teams.mapValues { list in
            list.filter { documents[$0].period != nil }.sorted { a, b in
                let x = documents[a].period!.end, y = documents[b].period!.end
                return x != y ? x < y : documents[a].path < documents[b].path
            }
        }
        self.teamNames = teams.keys.sorted()
        self.documentByPath = byPath
        // Objective and key result IDs -> where they are, per document (the first of each wins, as `duplicate-id`
        // reports the rest); only for documents with many: a few are searched faster than a dictionary is built.
        let idIndex: [IDIndex?] = documents.map { d in
            guard d.objectives.count > 8 || d.objectives.reduce(0, { $0 + $1.keyResults.count }) > 8 else { return nil }
            var index = IDIndex()
            for (oi, o) in d.objectives.enumerated() {
                if let id = o.id?.value, index.objectives[id] == nil { index.objectives[id] = oi }
                for (k, kr) in o.keyResults.enumerated() {
                    if let id = kr.id, index.keyResults[id] == nil { index.keyResults[id] = (oi, k) }
                }
            }
            return index
        }
        var links: [ResolvedLink] = []
        var children: [ObjectiveRef: [ObjectiveRef]] = [:]
        var parents: [ObjectiveRef: [ObjectiveRef]] = [:]
        var selfLinked = Set<ObjectiveRef>()
        var brokenIncoming: [Int: [ResolvedLink]] = [:]
        var keyResultChildren: [KeyResultRef: [ObjectiveRef]] = [:]
        for (di, d) in documents.enumerated() {
            for (oi, o) in d.objectives.enumerated() {
                let child = ObjectiveRef(document: di, objective: oi)
                for (k, link) in o.aligns.enumerated() {
                    let (target, keyResult, meant) = Workspace.resolve(link, from: di, documents: documents, teams: teams, idIndex: idIndex)
                    let resolved = ResolvedLink(child: child, link: link, parent: target, parentKeyResult: keyResult, index: k)
                    links.append(resolved)
                    if let t = target {
                        if t == child {
                            selfLinked.insert(child)  // no edge for progress roll-up, but a loop all the same
                        } else {
                            children[t, default: []].append(child)
                            parents[child, default: []].append(t)
                            if let kr = keyResult { keyResultChildren[KeyResultRef(objective: t, keyResult: kr), default: []].append(child) }
                        }
                    } else if let m = meant, m != di {
                        brokenIncoming[m, default: []].append(resolved)
                    }
                }
            }
        }
        self.brokenIncoming = brokenIncoming
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
        let loops = AlignmentLoops(parents: parents, children: children, selfLinked: selfLinked)
        self.loops = loops
        self.rollUps = RollUps(documents: documents, children: children, keyResultChildren: keyResultChildren, loops: loops)
        self.sharedIDs = Workspace.sharedIDs(documents, teams)
    }

    /// The team's file of the latest period that ends before `period` starts (the first by path when several do):
    /// two binary searches, never a walk along files that share a period, however many there are.
    public func previousPeriodDocument(team: String, before period: Period) -> Int? {
        guard let list = teamPeriods[team] else { return nil }
        let after = list.partitionPoint { documents[$0].period!.end >= period.start }
        guard after > 0 else { return nil }
        let end = documents[list[after - 1]].period!.end
        return list[list.partitionPoint { documents[$0].period!.end >= end }]
    }

    /// This workspace with document `di`'s summary replaced by `summary`, when the new one has what the index is built
    /// from unchanged: path, team, period, objective and key result IDs and `aligns` links (their positions may move).
    /// Then every resolution stays as it was and only the summary and the links' ranges change, which is what an
    /// editor's keystroke does in all but a few cases; nil otherwise (build the workspace again).
    /// `WorkspaceReplacingTests` compares the result with a workspace built from scratch.
    public func replacing(_ di: Int, with summary: DocumentSummary) -> Workspace? {
        guard documents.indices.contains(di) else { return nil }
        let old = documents[di]
        guard old.path == summary.path, old.team == summary.team, old.periodText == summary.periodText, old.period == summary.period,
              old.objectives.count == summary.objectives.count else { return nil }
        for (a, b) in zip(old.objectives, summary.objectives) {
            guard a.id?.value == b.id?.value, a.aligns.count == b.aligns.count, a.keyResults.count == b.keyResults.count,
                  zip(a.aligns, b.aligns).allSatisfy({ $0.team == $1.team && $0.objectiveID == $1.objectiveID }),
                  zip(a.keyResults, b.keyResults).allSatisfy({ $0.id == $1.id }) else { return nil }
        }
        var w = self
        w.documents[di] = summary
        func moved(_ r: ResolvedLink) -> ResolvedLink {
            guard r.child.document == di else { return r }
            var m = r
            m.link = summary.objectives[r.child.objective].aligns[r.index]
            return m
        }
        if let mine = linksByDocument[di], !mine.isEmpty {
            w.linksByDocument[di] = mine.map(moved)
            for i in w.links.indices where w.links[i].child.document == di { w.links[i] = moved(w.links[i]) }
            for (m, list) in brokenIncoming where list.contains(where: { $0.child.document == di }) { w.brokenIncoming[m] = list.map(moved) }
        }
        // Progress may have changed: the roll-ups are made again when the file is in the alignment graph at all.
        if summary.objectives.indices.contains(where: { children[ObjectiveRef(document: di, objective: $0)] != nil || parents[ObjectiveRef(document: di, objective: $0)] != nil }) {
            w.rollUps = RollUps(documents: w.documents, children: children, keyResultChildren: keyResultChildren, loops: loops)
        }
        return w
    }

    /// Objective IDs defined by several documents of one team and period. Only teams with several documents of a
    /// period are looked at, so a workspace of one file per team and period costs nothing here.
    static func sharedIDs(_ documents: [DocumentSummary], _ teams: [String: [Int]]) -> [TeamObjectiveKey: [ObjectiveRef]] {
        var out: [TeamObjectiveKey: [ObjectiveRef]] = [:]
        for (team, docs) in teams where docs.count > 1 {
            let byPeriod = Dictionary(grouping: docs, by: { documents[$0].periodText })
            for (period, group) in byPeriod where group.count > 1 {
                var seen: [String: [ObjectiveRef]] = [:]
                for di in group.sorted() {
                    for (oi, o) in documents[di].objectives.enumerated() {
                        guard let id = o.id?.value else { continue }
                        if let last = seen[id]?.last, last.document == di { continue }  // the file's own duplicate
                        seen[id, default: []].append(ObjectiveRef(document: di, objective: oi))
                    }
                }
                for (id, refs) in seen where refs.count > 1 { out[TeamObjectiveKey(team: team, period: period, id: id)] = refs }
            }
        }
        return out
    }

    /// The alignment loop through the link `child -> parent` as text (`a/O1 -> b/O2 -> a/O1`, long ones cut with
    /// `…`), or nil when the link is on no loop.
    public func loopText(child: ObjectiveRef, parent: ObjectiveRef) -> String? {
        guard let steps = loops.loop(child: child, parent: parent) else { return nil }
        return steps.map { $0.map(name) ?? "…" }.joined(separator: " -> ")
    }

    /// Whether the run reports on document `di`.
    public func isReported(_ di: Int) -> Bool { reported?.contains(di) ?? true }

    /// Other documents of the same team and period that define objective `id` of document `di`: the first `limit`
    /// of them (references to their first objective with it, in workspace order) and how many there are in all.
    /// Constant work per call, so a thousand files sharing an ID cost a thousand calls, not a million steps.
    public func otherDefinitions(of id: String, in di: Int, limit: Int = 20) -> (first: [ObjectiveRef], count: Int) {
        guard let team = documents[di].team,
              let refs = sharedIDs[TeamObjectiveKey(team: team, period: documents[di].periodText, id: id)] else { return ([], 0) }
        // `refs` holds one entry per document, sorted by document, so `di` is at most one of them.
        let first = Array(refs.lazy.filter { $0.document != di }.prefix(limit))
        var lo = 0, hi = refs.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if refs[mid].document < di { lo = mid + 1 } else { hi = mid }
        }
        let mine = lo < refs.count && refs[lo].document == di ? 1 : 0
        return (first, refs.count - mine)
    }

    /// A link `team/ID` resolves among that team's documents, preferring one whose period contains the child's
    /// (the same quarter, or the year); `ID` alone resolves in the same document. The ID is an objective's, or else a
    /// key result's (a team objective may serve a parent's key result): then the second value is that key result
    /// in the objective found. When the link does not resolve, the third value is the document it was meant for:
    /// the team's document whose period suits best (the first of equals), where the objective is missing.
    static func resolve(_ link: AlignmentLink, from di: Int, documents: [DocumentSummary], teams: [String: [Int]], idIndex: [IDIndex?]) -> (ObjectiveRef?, Int?, Int?) {
        let candidates: [Int] = link.team.map { teams[$0] ?? [] } ?? [di]
        let childPeriod = documents[di].period
        var best: (ObjectiveRef, Int?, Int)? = nil
        var meant: (Int, Int)? = nil
        for ci in candidates {
            var score = 0
            if let cp = childPeriod, let pp = documents[ci].period {
                if pp == cp { score = 2 } else if pp.contains(cp) { score = 1 }
            }
            if meant == nil || score > meant!.1 { meant = (ci, score) }
            var found: (Int, Int?)? = nil
            if let index = idIndex[ci] {
                if let oi = index.objectives[link.objectiveID] { found = (oi, nil) } else if let (oi, k) = index.keyResults[link.objectiveID] { found = (oi, k) }
            } else if let oi = documents[ci].objectives.firstIndex(where: { $0.id?.value == link.objectiveID }) {
                found = (oi, nil)
            } else {
                for (oi, o) in documents[ci].objectives.enumerated() {
                    if let k = o.keyResults.firstIndex(where: { $0.id == link.objectiveID }) { found = (oi, k); break }
                }
            }
            guard let (oi, k) = found else { continue }
            if best == nil || score > best!.2 { best = (ObjectiveRef(document: ci, objective: oi), k, score) }
        }
        return (best?.0, best?.1, best == nil && link.team != nil ? meant?.0 : nil)
    }

    public func index(of document: Document) -> Int? { documentByPath[document.path] }

    public func index(ofPath path: String) -> Int? { documentByPath[path] }

    public func objective(_ r: ObjectiveRef) -> ObjectiveSummary { documents[r.document].objectives[r.objective] }

    /// An objective's progress including the work aligned to it (see `RollUps`): a lookup in the result computed
    /// once for the workspace.
    public func rolledUp(_ r: ObjectiveRef) -> Double? {
        children[r] == nil ? objective(r).progress : rollUps.values[r]
    }

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
