/// The deleted files of a walk by what they were — the `CommitmentIdentity` (team and period, by meaning) of their
/// last version — so that a file added later can find the one it continues in logarithmic time, whatever the number
/// of files checked or deleted. Built once per run and fiscal calendar, on the first file that needs it: the last
/// versions of the deleted files are fetched then (their sizes checked against the budgets first), read for their
/// header and dropped.
final class DeletedIndex: Sendable {
    struct Built: Sendable {
        /// `CommitmentIdentity.key` -> positions in `HistoryWalk.deleted`, ascending (nearest deletion first).
        var byKey: [String: [Int]] = [:]
        /// Why it could not be built (the deleted files' versions over the budget, git failing).
        var problem: GitHistory.Problem?
    }

    private let state = Locked<[FiscalCalendar: Built]>([:])

    init() {}

    func get(_ history: GitHistory, calendar: FiscalCalendar) -> Built {
        state.withLock { built in
            if let b = built[calendar] { return b }
            let made = Self.build(history, calendar: calendar)
            built[calendar] = made
            return made
        }
    }

    private static func build(_ h: GitHistory, calendar: FiscalCalendar) -> Built {
        let walk = h.walk
        var out = Built()
        var blobs: [String] = []
        var seen = Set<String>()
        for s in walk.deleted { let b = walk.segments[s].deletion!.blob; if seen.insert(b).inserted { blobs.append(b) } }
        var keys: [String: String] = [:]
        var missing: [String] = []
        for b in blobs {
            if let bytes = h.cache.contents(b) {
                keys[b] = CommitmentIdentity(Parser.parse(path: "", bytes: bytes), calendar: calendar).key
            } else {
                missing.append(b)
            }
        }
        if !missing.isEmpty {
            guard let sizer = h.sizer, let sizes = sizer.sizes(missing) else {
                out.problem = .git("git cat-file could not give the sizes of deleted files' versions")
                return out
            }
            var total = 0
            for (b, n) in zip(missing, sizes) {
                total += n
                if n > GitHistory.versionBudget || total > GitHistory.fileBudget {
                    out.problem = .budget("the last versions of the OKR files deleted before it was added (blob \(b.prefix(12)) among them) are over okrlint's budget for history, so where it came from was not checked")
                    return out
                }
            }
            // In batches, so that no more than a batch of versions is held at once.
            var i = 0
            while i < missing.count {
                let batch = Array(missing[i..<min(missing.count, i + 64)])
                i += batch.count
                guard let contents = h.contents(batch, hint: i) else {
                    out.problem = .git("git cat-file could not give deleted files' versions")
                    return out
                }
                for (b, bytes) in zip(batch, contents) {
                    keys[b] = CommitmentIdentity(Parser.parse(path: "", bytes: bytes), calendar: calendar).key
                }
            }
        }
        for (pos, s) in walk.deleted.enumerated() {
            if let k = keys[walk.segments[s].deletion!.blob] { out.byKey[k, default: []].append(pos) }
        }
        return out
    }
}

extension GitHistory {
    /// The segments whose versions are the file's: its own, then each deleted file it continues. A file added (or
    /// not in `HEAD`) at or after another OKR file was deleted continues it when the deleted file's last version
    /// is the added one (a rename), or has the same team and period as `current` (a rename with edits, or a
    /// file deleted and written again under another name). The nearest deletion wins.
    func predecessors(of own: Int, current: Document?, calendar: FiscalCalendar) -> Result<[Int], Problem> {
        var chain = [own]
        let key = current.map { CommitmentIdentity($0, calendar: calendar).key }
        // Each step moves to an older deletion, so the chain ends within the number of deleted files.
        for _ in 0...walk.deleted.count {
            let s = walk.segments[chain.last!]
            let addedAt: Int, addedBlob: String?
            switch s.start {
            case .added(let c, let b): (addedAt, addedBlob) = (c, b)
            case .unknown where s.records.isEmpty && s.base == nil: (addedAt, addedBlob) = (-1, nil)
            default: return .success(chain)
            }
            let lo = walk.firstDeletion(atOrBefore: addedAt)
            guard lo < walk.deleted.count else { return .success(chain) }
            // The deletion nearest the addition is the usual rename: the same blob, no fetch needed.
            if let blob = addedBlob, walk.segments[walk.deleted[lo]].deletion!.blob == blob {
                chain.append(walk.deleted[lo])
                continue
            }
            if let blob = addedBlob, let pos = walk.firstDeletion(ofBlob: blob, from: lo) {
                // An exact rename further back, unless a file of the same team and period was deleted nearer.
                if let key, pos > lo {
                    let built = deletedIndex.get(self, calendar: calendar)
                    if let p = built.problem { return .failure(p) }
                    if let near = Self.first(built.byKey[key] ?? [], from: lo), near < pos { chain.append(walk.deleted[near]); continue }
                }
                chain.append(walk.deleted[pos])
                continue
            }
            guard let key else { return .success(chain) }
            let built = deletedIndex.get(self, calendar: calendar)
            if let p = built.problem { return .failure(p) }
            guard let pos = Self.first(built.byKey[key] ?? [], from: lo) else { return .success(chain) }
            chain.append(walk.deleted[pos])
        }
        return .success(chain)
    }

    /// The first position in `sorted` that is `from` or after.
    static func first(_ sorted: [Int], from: Int) -> Int? {
        var lo = 0, hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sorted[mid] < from { lo = mid + 1 } else { hi = mid }
        }
        return lo < sorted.count ? sorted[lo] : nil
    }
}

/// Parsed versions shared by the files of a run (`GitHistory.adoptedVersions`): each is loaded once, by the first
/// file that needs it, while the others wait (so the number of fetches does not grow with the number of threads).
final class SharedVersions: Sendable {
    private let state = Locked<[String: Document]>([:])
    init() {}

    /// The versions `ids`, loading those not held yet with `load` (under the lock).
    func resolve(_ ids: [String], load: ([String]) -> Result<[String: Document], GitHistory.Problem>) -> Result<[String: Document], GitHistory.Problem> {
        state.withLock { table in
            var seen = Set<String>()
            let missing = ids.filter { table[$0] == nil && seen.insert($0).inserted }
            if !missing.isEmpty {
                switch load(missing) {
                case .success(let got): for (k, v) in got { table[k] = v }
                case .failure(let p): return .failure(p)
                }
            }
            var out: [String: Document] = [:]
            for id in ids { out[id] = table[id] }
            return .success(out)
        }
    }
}
