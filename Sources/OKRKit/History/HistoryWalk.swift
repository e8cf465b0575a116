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
/// **Which dates.** A commit's dates are written by whoever made it, so neither is taken on trust:
/// - a commit that is not on the default branch yet (found by `rev-list --first-parent HEAD ^<default>`; the
///   default branch is the first of `origin/HEAD`, `origin/main`, `origin/master`, `main`, `master` that exists) has
///   not made any commitment public: it is no version at all, and what it changed counts as part of the working
///   tree's change, dated today;
/// - a commit on the default branch is dated by the later of its author and committer dates, and never earlier
///   than a commit before it on the chain (dates only go forward; every commit of the chain is read for this, not
///   only those that touch OKR files), so a commit dated back into the grace days takes the date of the change it
///   was made on top of.
///
/// **Which files.** A file is followed by name, through deletions and re-additions of that name, and into the
/// history of another OKR file when it was added at or after the other was deleted (a rename, with or without
/// edits, in one commit or in two; git's own rename detection is quadratic in the files of a commit, so it is
/// off): `GitHistory` adopts such a predecessor when its last version has the same blob, or the same team and
/// period. Only the files checked and their possible predecessors are kept; the rest of the log is read and
/// dropped as it streams.
///
/// **Where it stops.** At the first commit on the default branch dated before `since`: the files' versions at
/// that commit (`ls-tree`) are what they said when the window opened.
struct HistoryWalk: Sendable {
    struct Commit: Sendable {
        var hash: String
        /// The later of author and committer date, in seconds since 1970.
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
    let since: Int64
    let unlanded: Set<String>

    /// The records of the commit being read.
    private var pending: [(status: UInt8, oldBlob: String, newBlob: String, path: String)] = []

    init(wanted: [String], since: Int64, unlanded: Set<String>) {
        self.since = since
        self.unlanded = unlanded
        for name in wanted where tracked[name] == nil {
            tracked[name] = segments.count
            segments.append(Segment(name: name))
        }
        open = segments.count
    }

    /// The segment of a checked file.
    func segment(of name: String) -> Segment? { tracked[name].map { segments[$0] } }

    /// A commit header: false when the walk stops here (this commit's versions are then read with `ls-tree`).
    mutating func begin(hash: String, seconds: Int64) -> Bool {
        finishCommit()
        let landed = !unlanded.contains(hash)
        commits.append(Commit(hash: hash, seconds: seconds, landed: landed))
        if landed && seconds < since {
            stop = commits.count - 1
            return false
        }
        return true
    }

    /// A `--raw` record of the current commit (status letter, blobs before and after, path).
    mutating func record(status: UInt8, oldBlob: String, newBlob: String, path: String) {
        // Only a followed file's records matter, and deletions (a deleted file may be one's predecessor).
        guard status == UInt8(ascii: "D") || tracked[path] != nil else { return }
        pending.append((status, oldBlob, newBlob, path))
    }

    /// Applies the current commit's records: additions and changes first, then deletions, so that a file deleted in
    /// the commit that added another can be that other's predecessor.
    mutating func finishCommit() {
        guard !pending.isEmpty, let c = commits.indices.last else { return }
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

    /// Each commit's date: the later of its own dates and every date before it on the chain (commits from the stop
    /// commit on, oldest first), as a day.
    func dates() -> [CalendarDate] {
        var out = [CalendarDate](repeating: CalendarDate(dayNumber: 0), count: commits.count)
        var latest = Int64.min
        for i in commits.indices.reversed() {
            if commits[i].landed || i == stop { latest = max(latest, commits[i].seconds) }
            let s = latest == Int64.min ? commits[i].seconds : latest
            out[i] = CalendarDate(dayNumber: Int(s >= 0 ? s / 86_400 : (s - 86_399) / 86_400))
        }
        return out
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
    /// Set when the output is not what was asked for.
    private(set) var malformed = false
    private(set) var stopped = false
    /// The longest field read (a path longer than this is not an OKR file okrlint could check anyway).
    static let maxField = 1 << 16

    init(_ walk: HistoryWalk) { self.walk = walk }

    /// Feeds a chunk of output; false once the walk has stopped or the output is malformed.
    mutating func feed(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        var i = 0
        while i < bytes.count {
            guard let hit = memchr(base + i, 0, bytes.count - i) else {
                field.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[i...]))
                if field.count > Self.maxField { malformed = true; return false }
                return true
            }
            let nul = base.distance(to: UnsafeRawPointer(hit))
            let ok: Bool
            if field.isEmpty {
                ok = take(UnsafeRawBufferPointer(rebasing: bytes[i..<nul]))
            } else {
                field.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[i..<nul]))
                if field.count > Self.maxField { malformed = true; return false }
                ok = field.withUnsafeBytes { take($0) }
                field.removeAll(keepingCapacity: true)
            }
            guard ok else { return false }
            i = nul + 1
        }
        return true
    }

    /// One complete field.
    private mutating func take(_ f: UnsafeRawBufferPointer) -> Bool {
        if expecting > 0 {
            expecting -= 1
            let path = String(decoding: f, as: UTF8.self)
            if status == UInt8(ascii: "R") || status == UInt8(ascii: "C") {
                // Not asked for (`--no-renames`), but read as what it is: the old name deleted (for a rename), the
                // new one added.
                if expecting == 1 { firstPath = path; return true }
                if status == UInt8(ascii: "R") { walk.record(status: UInt8(ascii: "D"), oldBlob: blobs.old, newBlob: "", path: firstPath) }
                walk.record(status: UInt8(ascii: "A"), oldBlob: "", newBlob: blobs.new, path: path)
            } else {
                walk.record(status: status, oldBlob: blobs.old, newBlob: blobs.new, path: path)
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
            expecting = status == UInt8(ascii: "R") || status == UInt8(ascii: "C") ? 2 : 1
            return true
        }
        // A commit: `\u{1}<hash> <author seconds> <committer seconds>`.
        guard f[k] == 0x01 else { malformed = true; return false }
        let parts = UnsafeRawBufferPointer(rebasing: f[(k + 1)...]).split(separator: 0x20)
        guard parts.count == 3, Self.isID(parts[0]), let a = Int64(String(decoding: parts[1], as: UTF8.self)),
              let c = Int64(String(decoding: parts[2], as: UTF8.self)) else { malformed = true; return false }
        if !walk.begin(hash: String(decoding: parts[0], as: UTF8.self), seconds: max(a, c)) {
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

    /// The arguments of the log (`since`: the walk itself stops; git's `--since` would stop at the first commit
    /// dated before it, which a commit dated back could make the newest one).
    /// `--sparse` lists every commit of the chain, those that touch no OKR file as a header alone, so that every
    /// date on the chain counts for the ones after it.
    static let arguments = ["log", "--first-parent", "--sparse", "--diff-merges=first-parent", "--no-renames", "--no-ext-diff",
                            "--no-textconv", "--no-color", "-z", "--format=%x01%H %at %ct", "--raw", "--no-abbrev", "HEAD",
                            "--", ":(top)*.okr", ":(top)*.okr.md"]
}
