/// IDs named inside one file, resolved once by the parser so rules and progress read indices, not strings:
/// each check-in's and each `kr:` reference's key result, and each key result's latest check-in.
extension Document {
    /// Sets `CheckIn.keyResult`, `Initiative.keyResult` and `KeyResult.latestCheckIn`. Key result IDs are compared
    /// as bytes; a file with a few key results is searched in order, a larger one through a table, so the work is
    /// linear in the file. With a repeated ID (a `duplicate-id` finding) the first key result with it is the one named,
    /// and every key result with it has the same latest check-in.
    mutating func resolveReferences() {
        var ids: [(span: TextSpan, at: KeyResultIndex)] = []
        for oi in objectives.indices {
            for ki in objectives[oi].keyResults.indices {
                if let id = objectives[oi].keyResults[ki].id { ids.append((id, KeyResultIndex(objective: oi, keyResult: ki))) }
            }
        }
        guard !ids.isEmpty else { return }
        let src = source
        var table: [String: Int]? = nil
        if ids.count > 12 {
            var t: [String: Int] = [:]
            t.reserveCapacity(ids.count)
            for (n, e) in ids.enumerated() where t[src.text(e.span)] == nil { t[src.text(e.span)] = n }
            table = t
        }
        /// Position in `ids` of the first key result with the ID `span`.
        func first(_ span: TextSpan) -> Int? {
            if let table { return table[src.text(span)] }
            for n in ids.indices where src.equal(ids[n].span, span) { return n }
            return nil
        }
        // Latest check-in per first key result with the ID.
        var latest = [Int?](repeating: nil, count: ids.count)
        for ci in checkIns.indices {
            guard let n = first(checkIns[ci].keyResultID) else { continue }
            checkIns[ci].keyResult = ids[n].at
            guard let d = checkIns[ci].date?.value else { continue }
            if let p = latest[n], let pd = checkIns[p].date?.value, pd > d { continue }
            latest[n] = ci
        }
        for (n, e) in ids.enumerated() {
            guard let f = first(e.span) else { continue }
            objectives[e.at.objective].keyResults[e.at.keyResult].latestCheckIn = latest[f]
            if f != n { objectives[e.at.objective].keyResults[e.at.keyResult].repeatsIDOf = ids[f].at }
        }
        func resolve(_ list: inout [Initiative]) {
            for i in list.indices {
                if let ref = list[i].keyResultRef, let n = first(ref) { list[i].keyResult = ids[n].at }
            }
        }
        resolve(&initiatives)
        for oi in objectives.indices {
            resolve(&objectives[oi].initiatives)
            for ki in objectives[oi].keyResults.indices { resolve(&objectives[oi].keyResults[ki].initiatives) }
        }
    }
}
