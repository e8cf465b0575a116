#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The first-parent log of a repository's OKR files, read newest first as git prints it and kept only for the
/// files a run checks: what `GitHistory` asks git for and how it reads the answer.
///
/// **Which commits.** The first-parent chain from `HEAD` (`--first-parent --diff-merges=first-parent`): a merge
/// shows as one change against its first parent — what the merge brought into the branch, its conflict
/// resolution included. A side branch's own commits are not versions: they reached the branch with the merge.
///
/// **Which dates.** A commit's dates are written by whoever made it, so they are not taken on trust:
/// - a commit that is not on the default branch yet (found by `rev-list --first-parent HEAD ^<default>`; the
///   default branch is the first of `origin/HEAD`, `origin/main`, `origin/master`, `main`, `master` that exists) has
///   not made any commitment public: it is no version at all, and what it changed counts as part of the working
///   tree's change, dated today;
/// - a commit on the default branch is dated by its committer date (when it was made on the branch; the author date
///   says when the change was first written), and never earlier than any commit before it on the chain: dates only
///   go forward, so a commit dated back — into the grace days, or years back — takes the date of the change it was
///   made on top of. `ChainDates` reads the dates of the whole chain for this (`rev-list --timestamp`, one line a
///   commit), from its first commit on.
///
/// **Which files.** A file is followed by name, through deletions and re-additions of that name, and into the
/// history of another OKR file when it was added at or after the other was deleted (a rename, with or without
/// edits, in one commit or in two; git's own rename detection is quadratic in the files of a commit, so it is
/// off): `GitHistory` adopts such a predecessor when its last version has the same blob, or the same team and
/// period. Only the files checked and their possible predecessors are kept; the rest of the log is read and
/// dropped as it streams.
///
/// **Where it stops.** At the newest commit on the default branch whose date (as above) is before `since`: the log
/// is read for the commits after it (`HEAD ^<it>`), and the files' versions at that commit (`ls-tree`) are what
/// they said when the window opened.
struct HistoryWalk: Sendable {
    struct Commit: Sendable {
        var hash: String
        /// Its date (`ChainDates`), in seconds since 1970.
        var seconds: Int64
        /// On the default branch (a version); false: a change still on its way there.
        var landed: Bool
    }

    /// One name's history while the log is read backwards: its versions, newest first, and how it began.
    struct Segment: Sendable {
        var name: String
        /// Versions written by landed commits: commit index (log order, 0 newest), blob.
        var records: [(commit: Int, blob: String)] = []
        /// Whether the segment may continue another file's history: `.unknown` until the first record says how the
        /// name began (a file never changed in the window: unknown for good), `.added` by an addition, `.closed`
        /// by a modification or a deletion (the name existed before).
        var start: Start = .unknown
        /// For the segment of a deleted file: the commit that deleted it and its last blob.
        var deletion: (commit: Int, blob: String)?
        /// Its blob at the commit where the walk stopped.
        var base: String?

        enum Start: Sendable, Equatable {
            case unknown
            case added(commit: Int, blob: String)
            case closed
        }

        var isOpen: Bool {
            if case .closed = start { return false }
            return true
        }
    }

    private(set) var commits: [Commit] = []
    private(set) var segments: [Segment] = []
    /// The segment each name's older records go to.
    private(set) var tracked: [String: Int] = [:]
    /// Segments made for files deleted while some checked file's beginning was still unknown, in log order.
    private(set) var deleted: [Int] = []
    /// Positions in `deleted` by the deleted file's last blob, ascending.
    private(set) var deletedByBlob: [String: [Int]] = [:]
    /// Segments that may still adopt a predecessor.
    private var open = 0
    /// The commit the walk stopped at (its versions are `Segment.base`), if it did.
    private(set) var stop: Int?
    let unlanded: Set<String>
    /// Each landed commit's date, by hash (`ChainDates`); a commit not in it keeps the date its header gives.
    let chainDates: [String: Int64]

    /// The records of the commit being read.
    private var pending: [(status: UInt8, oldBlob: String, newBlob: String, path: String)] = []
    /// The old blobs of the current commit's other changed files.
    private var others: [String] = []
    /// For each commit that changed a followed file: the blobs other OKR files held just before it (so that a
    /// version whose bytes one of them held is known to be moved, not written: two files swapping names).
    private(set) var moves: [Int: Set<String>] = [:]

    init(wanted: [String], unlanded: Set<String>, dates: [String: Int64] = [:]) {
        self.unlanded = unlanded
        self.chainDates = dates
        for name in wanted where tracked[name] == nil {
            tracked[name] = segments.count
            segments.append(Segment(name: name))
        }
        open = segments.count
    }

    /// The segment of a checked file.
    func segment(of name: String) -> Segment? { tracked[name].map { segments[$0] } }

    /// A commit header (`seconds`: the date its header gives). Always true: the log's range ends the walk.
    mutating func begin(hash: String, seconds: Int64) -> Bool {
        finishCommit()
        commits.append(Commit(hash: hash, seconds: chainDates[hash] ?? seconds, landed: !unlanded.contains(hash)))
        return true
    }

    /// The commit the log's range stopped before, with its date: its versions are read with `ls-tree`.
    mutating func stop(at hash: String, seconds: Int64) {
        finishCommit()
        commits.append(Commit(hash: hash, seconds: seconds, landed: true))
        stop = commits.count - 1
    }

    /// A `--raw` record of the current commit (status letter, blobs before and after, path).
    mutating func record(status: UInt8, oldBlob: String, newBlob: String, path: String) {
        // A followed file's records matter, deletions (a deleted file may be one's predecessor), and the old
        // blobs of a commit that changed a followed file (`moves`); a change of another file is kept only until
        // the commit ends.
        if status != UInt8(ascii: "D") && tracked[path] == nil {
            others.append(oldBlob)
            return
        }
        pending.append((status, oldBlob, newBlob, path))
    }

    /// Applies the current commit's records: additions and changes first, then deletions, so that a file deleted in
    /// the commit that added another can be that other's predecessor.
    mutating func finishCommit() {
        defer { others.removeAll(keepingCapacity: true) }
        guard !pending.isEmpty, let c = commits.indices.last else { return }
        if pending.contains(where: { tracked[$0.path] != nil }) {
            var held = Set(others)
            for r in pending where r.status != UInt8(ascii: "A") { held.insert(r.oldBlob) }
            moves[c] = held
        }
        let landed = commits[c].landed
        let A = UInt8(ascii: "A"), D = UInt8(ascii: "D")
        for r in pending where r.status != D {
            guard let s = tracked[r.path] else { continue }
            if landed { segments[s].records.append((c, r.newBlob)) }
            let wasOpen = segments[s].isOpen
            segments[s].start = r.status == A ? .added(commit: c, blob: r.newBlob) : .closed
            if wasOpen && !segments[s].isOpen { open -= 1 } else if !wasOpen && segments[s].isOpen { open += 1 }
        }
        for r in pending where r.status == D {
            if let s = tracked[r.path] {
                // Deleted here and back later (or now): the name's older versions are this file's.
                if segments[s].isOpen { open -= 1 }
                segments[s].start = .closed
            } else if open > 0 {
                tracked[r.path] = segments.count
                deletedByBlob[r.oldBlob, default: []].append(deleted.count)
                deleted.append(segments.count)
                segments.append(Segment(name: r.path, deletion: (c, r.oldBlob)))
                open += 1
            }
        }
        pending.removeAll(keepingCapacity: true)
    }

    /// Ends the walk; the dates of the commits read.
    mutating func finish() {
        finishCommit()
    }

    /// Each commit's date, as a day (UTC).
    func dates() -> [CalendarDate] {
        commits.map { c in CalendarDate(dayNumber: Int(c.seconds >= 0 ? c.seconds / 86_400 : (c.seconds - 86_399) / 86_400)) }
    }

    /// The first position in `deleted` of a file deleted at commit `commit` (log index; -1 for a file not in `HEAD`)
    /// or before it: the deleted files that may precede a file added there are `deleted[position...]`, nearest first.
    func firstDeletion(atOrBefore commit: Int) -> Int {
        var lo = 0, hi = deleted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if segments[deleted[mid]].deletion!.commit < commit { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The first position in `deleted`, `from` or after, of a file whose last version was `blob`.
    func firstDeletion(ofBlob blob: String, from: Int) -> Int? {
        GitHistory.first(deletedByBlob[blob] ?? [], from: from)
    }

    /// Sets the versions at the stop commit, by name.
    mutating func setBase(_ blobs: [String: String]) {
        for (name, s) in tracked { segments[s].base = blobs[name] }
    }

    /// Every name a version at the stop commit is wanted for.
    var trackedNames: [String] { Array(tracked.keys) }
}

/// Reads `git log -z --format=%x01%H %at %ct --raw` as it streams, a field (up to a NUL) at a time, into a
/// `HistoryWalk`. Paths are fields of their own: a record says how many follow it, so no byte of a path (a newline,
/// `\u{1}`, a colon) can be taken for the start of a commit or a record. A record of a file the walk does not
/// follow costs a lookup of its path and nothing more.
struct LogReader {
    var walk: HistoryWalk
    private var field: [UInt8] = []
    /// Paths still to read for the current record, and the record so far: status and the two blob ids.
    private var expecting = 0
    private var status: UInt8 = 0
    private var blobs: (old: String, new: String) = ("", "")
    private var firstPath = ""
    /// Whether the record's old and new sides are regular files (a gitlink or symbolic link named `x.okr` is no
    /// version), and whether one of its paths was too long to keep.
    private var regular: (old: Bool, new: Bool) = (false, false)
    private var skipRecord = false
    private var tooLong = false
    /// Set when the output is not what was asked for.
    private(set) var malformed = false
    private(set) var stopped = false
    /// The longest field read (a path longer than this is not an OKR file okrlint could check anyway).
    static let maxField = 1 << 16

    init(_ walk: HistoryWalk) { self.walk = walk }

    /// Feeds a chunk of output; false once the walk has stopped or the output is malformed. A path longer than
    /// `maxField` is skipped with its record (no OKR file okrlint checks has such a name); any other field that
    /// long is malformed output.
    mutating func feed(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        var i = 0
        while i < bytes.count {
            guard let hit = memchr(base + i, 0, bytes.count - i) else {
                if !tooLong { field.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[i...])) }
                if field.count > Self.maxField {
                    guard expecting > 0 else { malformed = true; return false }
                    tooLong = true
                    field.removeAll()
                }
                return true
            }
            let nul = base.distance(to: UnsafeRawPointer(hit))
            let ok: Bool
            if tooLong {
                tooLong = false
                ok = take(UnsafeRawBufferPointer(start: nil, count: 0), skipped: true)
            } else if field.isEmpty {
                ok = take(UnsafeRawBufferPointer(rebasing: bytes[i..<nul]))
            } else {
                field.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[i..<nul]))
                if field.count > Self.maxField && expecting == 0 { malformed = true; return false }
                ok = field.withUnsafeBytes { take($0, skipped: field.count > Self.maxField) }
                field.removeAll(keepingCapacity: true)
            }
            guard ok else { return false }
            i = nul + 1
        }
        return true
    }

    /// One complete field.
    private mutating func take(_ f: UnsafeRawBufferPointer, skipped: Bool = false) -> Bool {
        if expecting > 0 {
            expecting -= 1
            if skipped { skipRecord = true }
            let path = skipped ? "" : String(decoding: f, as: UTF8.self)
            let D = UInt8(ascii: "D"), A = UInt8(ascii: "A")
            if status == UInt8(ascii: "R") || status == UInt8(ascii: "C") {
                // Not asked for (`--no-renames`), but read as what it is: the old name deleted (for a rename), the
                // new one added.
                if expecting == 1 { firstPath = path; return true }
                guard !skipRecord else { skipRecord = false; return true }
                if status == UInt8(ascii: "R") && regular.old { walk.record(status: D, oldBlob: blobs.old, newBlob: "", path: firstPath) }
                if regular.new { walk.record(status: A, oldBlob: "", newBlob: blobs.new, path: path) }
                return true
            }
            guard !skipRecord else { skipRecord = false; return true }
            // By what each side is: only regular files are versions.
            switch (regular.old, regular.new) {
            case (true, true) where status != A && status != D: walk.record(status: UInt8(ascii: "M"), oldBlob: blobs.old, newBlob: blobs.new, path: path)
            case (_, true) where status != D: walk.record(status: A, oldBlob: blobs.old, newBlob: blobs.new, path: path)
            case (true, _) where status != A: walk.record(status: D, oldBlob: blobs.old, newBlob: blobs.new, path: path)
            default: break
            }
            return true
        }
        var k = 0
        if f.count > 0 && f[0] == 0x0A { k = 1 }
        guard k < f.count else { malformed = true; return false }
        if f[k] == 0x3A {
            // `:<mode> <mode> <blob> <blob> <status>`: the fields by their spaces.
            var spaces: [Int] = []
            for j in (k + 1)..<f.count where f[j] == 0x20 {
                spaces.append(j)
                if spaces.count > 4 { break }
            }
            guard spaces.count == 4, spaces[3] + 1 < f.count else { malformed = true; return false }
            let old = UnsafeRawBufferPointer(rebasing: f[(spaces[1] + 1)..<spaces[2]])
            let new = UnsafeRawBufferPointer(rebasing: f[(spaces[2] + 1)..<spaces[3]])
            guard Self.isID(old), Self.isID(new) else { malformed = true; return false }
            status = f[spaces[3] + 1]
            blobs = (String(decoding: old, as: UTF8.self), String(decoding: new, as: UTF8.self))
            // Modes `100644` and `100755` are regular files; `000000` (absent), `120000` (a link), `160000` (a
            // gitlink) are not.
            let isRegular = { (m: UnsafeRawBufferPointer) in m.count == 6 && m[0] == 0x31 && m[1] == 0x30 && m[2] == 0x30 }
            regular = (isRegular(UnsafeRawBufferPointer(rebasing: f[(k + 1)..<spaces[0]])), isRegular(UnsafeRawBufferPointer(rebasing: f[(spaces[0] + 1)..<spaces[1]])))
            expecting = status == UInt8(ascii: "R") || status == UInt8(ascii: "C") ? 2 : 1
            return true
        }
        // A commit: `\u{1}<hash> <author seconds> <committer seconds>`.
        guard f[k] == 0x01 else { malformed = true; return false }
        let parts = UnsafeRawBufferPointer(rebasing: f[(k + 1)...]).split(separator: 0x20)
        guard parts.count == 3, Self.isID(parts[0]), Int64(String(decoding: parts[1], as: UTF8.self)) != nil,
              let c = Int64(String(decoding: parts[2], as: UTF8.self)) else { malformed = true; return false }
        if !walk.begin(hash: String(decoding: parts[0], as: UTF8.self), seconds: c) {
            stopped = true
            return false
        }
        return true
    }

    /// Ends reading: the walk, complete unless the output ended inside a record.
    mutating func finish() -> HistoryWalk? {
        if expecting > 0 || !field.isEmpty && !stopped { malformed = true }
        walk.finish()
        return malformed ? nil : walk
    }

    static func isID<C: Collection<UInt8>>(_ s: C) -> Bool {
        (s.count == 40 || s.count == 64) && s.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
    }

    /// The arguments of the log, before its range (git's `--since` is not used: it stops at the first commit dated
    /// before it, which a commit dated back could make the newest one).
    static let arguments = ["log", "--first-parent", "--diff-merges=first-parent", "--no-renames", "--no-ext-diff",
                            "--no-textconv", "--no-color", "-z", "--format=%x01%H %at %ct", "--raw", "--no-abbrev"]
    static let pathspecs = ["--", ":(top)*.okr", ":(top)*.okr.md"]
}

/// The dates of the whole first-parent chain from `HEAD`, newest first (`git rev-list --first-parent --timestamp`,
/// read as it streams: one short line a commit), made to only go forward: a landed commit's date is the latest
/// committer date of itself and every commit before it. Unlanded commits (a branch on its way) keep theirs (they
/// are no versions). Linear in the chain's length, and the only way to know a commit's date cannot be one made up:
/// any date older commits hold must be seen.
struct ChainDates {
    var hashes: [String] = []
    var seconds: [Int64] = []
    private var line: [UInt8] = []
    private(set) var malformed = false

    mutating func feed(_ bytes: UnsafeRawBufferPointer) -> Bool {
        for b in bytes {
            if b != 0x0A {
                line.append(b)
                if line.count > 200 { malformed = true; return false }
                continue
            }
            // `<committer seconds> <hash>`
            guard let space = line.firstIndex(of: 0x20), let t = Int64(String(decoding: line[..<space], as: UTF8.self)),
                  LogReader.isID(line[(space + 1)...]) else { malformed = true; return false }
            seconds.append(t)
            hashes.append(String(decoding: line[(space + 1)...], as: UTF8.self))
            line.removeAll(keepingCapacity: true)
        }
        return true
    }

    /// Each landed commit's date made to go forward, and the newest landed commit dated before `since`: where the
    /// log stops.
    func resolve(since: Int64, unlanded: Set<String>) -> (dates: [String: Int64], stop: (hash: String, seconds: Int64)?) {
        var forward = seconds
        var latest = Int64.min
        for i in seconds.indices.reversed() where !unlanded.contains(hashes[i]) {
            latest = max(latest, seconds[i])
            forward[i] = latest
        }
        var dates: [String: Int64] = [:]
        for i in hashes.indices {
            if !unlanded.contains(hashes[i]) && forward[i] < since { return (dates, (hashes[i], forward[i])) }
            dates[hashes[i]] = forward[i]
        }
        return (dates, nil)
    }
}
