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
        let table = IDTable(ids.map(\.span), in: source)
        /// Position in `ids` of the first key result with the ID `span`.
        func first(_ span: TextSpan) -> Int? { table.first(span, in: source) }
        // Latest check-in per first key result with the ID.
        var latest = [Int?](repeating: nil, count: ids.count)
        for ci in checkIns.indices {
            guard let n = first(checkIns[ci].keyResultID) else { continue }
            checkIns[ci].keyResult = ids[n].at
            guard let d = checkIns[ci].date else { continue }
            if let p = latest[n], let pd = checkIns[p].date, pd.value > d.value { continue }
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

/// IDs of one file found by their bytes: the position of the first span with the same bytes, through an open-addressing
/// table of positions keyed by the standard library's seeded hash of the bytes (no strings, no per-lookup allocation;
/// the per-process seed keeps a hostile file from choosing IDs that collide).
struct IDTable {
    private var slots: [Int32]
    private let spans: [TextSpan]
    private let mask: Int

    init(_ spans: [TextSpan], in source: SourceFile) {
        self.spans = spans
        var capacity = 8
        while capacity < spans.count * 2 { capacity <<= 1 }
        mask = capacity - 1
        slots = [Int32](repeating: -1, count: capacity)
        for (n, span) in spans.enumerated() {
            var i = Self.hash(span, source) & mask
            while true {
                let at = Int(slots[i])
                if at < 0 { slots[i] = Int32(n); break }
                if source.equal(spans[at], span) { break }  // a repeated ID: the first one stays
                i = (i + 1) & mask
            }
        }
    }

    /// The position of the first span with the bytes of `span`.
    func first(_ span: TextSpan, in source: SourceFile) -> Int? {
        var i = Self.hash(span, source) & mask
        while true {
            let at = Int(slots[i])
            if at < 0 { return nil }
            if source.equal(spans[at], span) { return at }
            i = (i + 1) & mask
        }
    }

    static func hash(_ span: TextSpan, _ source: SourceFile) -> Int {
        var hasher = Hasher()
        source.bytes(span).withUnsafeBytes { hasher.combine(bytes: $0) }
        return hasher.finalize()
    }
}
