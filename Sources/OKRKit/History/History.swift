/// One earlier version of a file: the commit that wrote it (full hash), its date, and the file parsed.
public struct FileVersion: Sendable {
    public var commit: String
    public var date: CalendarDate
    public var document: Document
    /// Its bytes were another OKR file's just before that commit: moved (two files swapping names), not written.
    public var moved: Bool

    public init(commit: String, date: CalendarDate, document: Document, moved: Bool = false) {
        self.commit = commit
        self.date = date
        self.document = document
        self.moved = moved
    }

    /// The short form of the commit shown in messages.
    public var shortCommit: String { String(commit.prefix(7)) }
}

/// A file's committed versions, oldest first (the working tree is the document under check, not one of them).
/// Only the versions since a cut-off are kept, plus the last one before it (what the file said then).
public struct FileHistory: Sendable {
    public var versions: [FileVersion]
    /// The checked-out branch has commits that are not on the default branch yet: the working tree's change
    /// includes theirs (they are not versions; see `HistoryWalk`).
    public var onBranch: Bool
    public init(versions: [FileVersion], onBranch: Bool = false) {
        self.versions = versions
        self.onBranch = onBranch
    }

    /// How findings name the change from the last version to the working tree.
    public var workingTreeChange: String {
        onBranch ? "in this branch's changes (not on the default branch yet)" : "in an uncommitted change"
    }
}

/// The history of a run's files, read from git once per run with a fixed number of processes whatever the number
/// of files (two `rev-list`: the chain's dates and the commits not on the default branch, one streamed `log`, one `ls-tree` of the commit
/// the log stopped at, and at most three `cat-file` kept running): never one process per file. Which commits,
/// which dates and which files count is `HistoryWalk`'s rule. The log is read before the files are checked; the
/// contents of versions are fetched while they are, each file asking for the versions of its own period that differ
/// from the file on disk (a version with the same blob id is the checked document itself, neither fetched nor
/// parsed again) and that the cache of earlier runs does not hold.
///
/// Every git command runs as `Git` says: in the repository okrlint found, unable to run another program or fetch.
/// What a file's history may cost is bounded: a version over `versionBudget` bytes, or versions adding up to more
/// than `fileBudget` bytes (each commit counted, repeated contents too), make the file's history a `budget` problem,
/// reported as a finding on the file rather than read.
public struct GitHistory: Sendable {
    /// The repository's top folder (real path).
    public let root: String
    let walk: HistoryWalk
    /// Each commit's date (`HistoryWalk.dates`).
    let dates: [CalendarDate]
    /// Fetch the versions' contents: two git processes, so one thread's request does not wait on another's (the
    /// work of a `cat-file` on loose objects is mostly system calls, which overlap); each starts on its first
    /// request, so a run whose versions are all cached starts none.
    let readers: [BlobReader]
    /// Tells the size of a version before it is fetched.
    let sizer: BlobReader?
    /// Versions read by earlier runs.
    let cache: HistoryCache
    /// The deleted files by team and period, built when a file first needs them.
    let deletedIndex = DeletedIndex()
    /// Versions of deleted files that checked files continue, parsed once for the run: many files continuing one
    /// deleted file cost its versions once, not once each.
    let adoptedVersions = SharedVersions()

    /// The most bytes one committed version may have (a real OKR file is a few kilobytes).
    public static let versionBudget = 4 << 20
    /// The most bytes a file's versions may add up to, each commit counted.
    public static let fileBudget = 32 << 20

    init(root: String, walk: HistoryWalk, readers: [BlobReader] = [], sizer: BlobReader? = nil, cache: HistoryCache = .empty) {
        self.root = root
        self.walk = walk
        self.dates = walk.dates()
        self.readers = readers
        self.sizer = sizer
        self.cache = cache
    }

    /// Keeps the versions this run fetched, for the next run (`used`: the cached ones it read).
    public func saveCache(adding new: [(id: String, bytes: [UInt8])], used: Set<String>) {
        cache.save(adding: new, used: used)
    }

    /// Why history could not be read: not a repository at all; git missing or not starting (`unavailable`: the
    /// machine's problem); git failing on what the repository holds (`git`); a file's history over its budget.
    public enum Problem: Error, Sendable {
        case notARepository
        case unavailable(String)
        case git(String)
        case budget(String)
    }

    /// Reads the history of the OKR files `paths` (absolute, real paths) of the repository holding `folder`, from
    /// `since` on (see `HistoryWalk`). With `cache`, what earlier runs read of committed versions is reused and what
    /// this one reads is kept (`HistoryCache`, in the git folder).
    public static func load(folder: String, since: CalendarDate, paths: [String], cache useCache: Bool = false) -> Result<GitHistory, Problem> {
        let git: Git
        switch Git.repository(containing: folder) {
        case .found(let g): git = g
        case .notARepository: return .failure(.notARepository)
        case .refused(let why): return .failure(why.hasPrefix("git is not installed") ? .unavailable(why) : .git(why))
        }
        let root = git.root
        let base = root.hasSuffix("/") ? root : root + "/"
        let wanted = Array(Set(paths.compactMap { $0.hasPrefix(base) ? String($0.dropFirst(base.count)) : nil })).sorted()
        let nothing = GitHistory(root: root, walk: HistoryWalk(wanted: [], unlanded: []))
        guard !wanted.isEmpty else { return .success(nothing) }
        // The dates of the whole chain.
        var chain = ChainDates()
        if case .failure(let f) = git.stream(["rev-list", "--first-parent", "--timestamp", "HEAD"], { chain.feed($0) }) {
            if f.spawn { return .failure(.unavailable(f.message)) }
            // A repository without any commit yet has no history to read.
            if case .failure = git.run(["rev-parse", "--verify", "-q", "HEAD"]) { return .success(nothing) }
            return .failure(.git(f.message))
        }
        guard !chain.malformed else { return .failure(.git("git rev-list printed something okrlint cannot read")) }
        // Commits on the way to the default branch are not versions (see `HistoryWalk`): the chain's commits that no
        // default branch candidate reaches. When none is (no such branch, or an unrelated history), every commit is
        // taken as landed.
        var unlanded = Set<String>()
        switch git.run(["rev-list", "--first-parent", "--ignore-missing", "HEAD", "--not"] + defaultBranchCandidates) {
        case .success(let out):
            let lines = out.split(separator: 0x0A)
            if lines.count < chain.hashes.count { unlanded = Set(lines.map { String(decoding: $0, as: UTF8.self) }) }
        case .failure(let f): return .failure(.git(f.message))
        }
        let (dates, stop) = chain.resolve(since: Int64(since.dayNumber) * 86_400, unlanded: unlanded)
        var reader = LogReader(HistoryWalk(wanted: wanted, unlanded: unlanded, dates: dates))
        let range = stop.map { ["HEAD", "^" + $0.hash] } ?? ["HEAD"]
        if case .failure(let f) = git.stream(LogReader.arguments + range + LogReader.pathspecs, { reader.feed($0) }) {
            return .failure(.git(f.message))
        }
        guard var walk = reader.finish() else { return .failure(.git("git log printed something okrlint cannot read")) }
        if let stop {
            walk.stop(at: stop.hash, seconds: stop.seconds)
            guard let tree = Self.tree(git, stop.hash, names: walk.trackedNames) else { return .failure(.git("git ls-tree failed")) }
            walk.setBase(tree.mapValues(\.id))
        }
        // The cache lives in the repository's own git folder, never one a `.git` file points elsewhere to.
        var cache = HistoryCache.empty
        if useCache, FileSystem.info(bytes: Array(git.gitEntry.utf8), follow: false).kind == .directory {
            cache = HistoryCache.open(gitDir: git.gitEntry)
        }
        return .success(GitHistory(root: root, walk: walk, readers: [BlobReader(git: git), BlobReader(git: git)],
                                   sizer: BlobReader(git: git, sizesOnly: true), cache: cache))
    }

    /// The default branch and its commit: the first of `origin/HEAD`, `origin/main`, `origin/master`, `main`,
    /// `master` that exists (one `for-each-ref`).
    static let defaultBranchCandidates = ["refs/remotes/origin/HEAD", "refs/remotes/origin/main", "refs/remotes/origin/master", "refs/heads/main", "refs/heads/master"]

    static func defaultBranch(_ git: Git) -> (name: String, commit: String)? {
        let candidates = defaultBranchCandidates
        guard case .success(let out) = git.run(["for-each-ref", "--format=%(refname) %(objectname)"] + candidates) else { return nil }
        var found: [String: String] = [:]
        for line in out.split(separator: 0x0A) {
            let parts = line.split(separator: 0x20)
            guard parts.count == 2, LogReader.isID(parts[1]) else { continue }
            found[String(decoding: parts[0], as: UTF8.self)] = String(decoding: parts[1], as: UTF8.self)
        }
        // `refs/remotes/origin/main` is `origin/main`, `refs/heads/main` is `main`.
        for c in candidates { if let commit = found[c] { return (c.split(separator: "/").dropFirst(2).joined(separator: "/"), commit) } }
        return nil
    }

    /// Ends the git processes that fetch contents (later requests fail).
    public func finish() {
        for r in readers { r.close() }
        sizer?.close()
    }

    /// The contents of blobs from whichever reader is free, else waiting for one.
    func contents(_ ids: [String], hint: Int) -> [[UInt8]]? {
        guard !readers.isEmpty else { return nil }
        for k in 0..<readers.count {
            if let answer = readers[(hint + k) % readers.count].contentsIfFree(ids) { return answer }
        }
        return readers[hint % readers.count].contents(ids)
    }

    /// The OKR files of a commit: path (from the top folder) -> blob id. One `git ls-tree`: of `names` only (as
    /// literal paths) when they are few, else of every file.
    static func tree(_ git: Git, _ commit: String, names: [String]? = nil) -> [String: (id: String, size: Int)]? {
        let args = ["ls-tree", "-r", "-z", "-l", "--full-tree", commit]
        var listing: [UInt8]? = nil
        if let names, names.count <= 200, !names.isEmpty {
            // Literal names (`:(top,literal)`: no byte of a name is read as a pattern); a git that refuses the
            // magic lists every file instead.
            if case .success(let out) = git.run(args + ["--"] + names.map { ":(top,literal)" + $0 }) { listing = out }
        }
        if listing == nil, case .success(let out) = git.run(args) { listing = out }
        guard let tree = listing else { return nil }
        let keep = names.map(Set.init)
        var out: [String: (id: String, size: Int)] = [:]
        for record in tree.split(separator: 0) {
            // `<mode> blob <id> <size>\t<path>` (the size padded with spaces)
            guard let tab = record.firstIndex(of: 0x09) else { continue }
            let meta = record[record.startIndex..<tab].split(separator: 0x20)
            guard meta.count == 4, meta[1].elementsEqual("blob".utf8), let size = Int(String(decoding: meta[3], as: UTF8.self)) else { continue }
            let path = String(decoding: record[(tab + 1)...], as: UTF8.self)
            guard Path.isOKRFile(Path.name(path)), keep?.contains(path) ?? true else { continue }
            out[path] = (String(decoding: meta[2], as: UTF8.self), size)
        }
        return out
    }

    /// The contents of blobs by id: one `git cat-file --batch` for all of them.
    static func contents(_ git: Git, _ ids: [String]) -> [String: [UInt8]]? {
        var blobs: [String: [UInt8]] = [:]
        guard !ids.isEmpty else { return blobs }
        let input = Array(ids.joined(separator: "\n").utf8) + [0x0A]
        guard case .success(let out) = git.run(["cat-file", "--batch", "--buffer"], input: input) else { return nil }
        var i = 0
        while i < out.count {
            guard let nl = out[i...].firstIndex(of: 0x0A) else { break }
            let head = out[i..<nl].split(separator: 0x20)
            i = nl + 1
            guard head.count == 3, let size = Int(String(decoding: head[2], as: UTF8.self)), size >= 0, i + size <= out.count else { continue }
            blobs[String(decoding: head[0], as: UTF8.self)] = Array(out[i..<(i + size)])
            i += size + 1
        }
        return blobs
    }

    /// The OKR files of a revision, for `okrlint diff`.
    public struct Revision: Sendable {
        /// What was compared with, for people: `1a2b3c4` or `merge base with origin/main (1a2b3c4)`.
        public var name: String
        public var commit: String
        /// The repository's top folder (real path).
        public var root: String
        /// Path from the top folder -> contents.
        public var files: [String: [UInt8]]
    }

    /// The OKR files of `rev` (a commit, branch or tag), or by default of the merge base of HEAD with the default
    /// branch (`origin/HEAD`, else `origin/main`, `origin/master`, `main`, `master`). A file over `versionBudget`
    /// bytes there is an error, not read.
    public static func revision(_ rev: String?, folder: String) -> Result<Revision, Problem> {
        let git: Git
        switch Git.repository(containing: folder) {
        case .found(let g): git = g
        case .notARepository: return .failure(.notARepository)
        case .refused(let why): return .failure(.git(why))
        }
        var commit = ""
        var name = ""
        if let rev {
            // `--end-of-options`: a revision that starts with `-` is a name, never an option.
            guard case .success(let out) = git.run(["rev-parse", "--verify", "-q", "--end-of-options", rev + "^{commit}"]) else {
                return .failure(.git("`\(SafeText.escape(rev))` is not a commit of this repository"))
            }
            commit = line(out)
            name = "\(rev) (\(commit.prefix(7)))"
        } else {
            guard let branch = defaultBranch(git) else { return .failure(.git("no default branch found (origin/HEAD, main or master); name a revision: okrlint diff REV")) }
            guard case .success(let out) = git.run(["merge-base", "HEAD", branch.commit]), !line(out).isEmpty else {
                return .failure(.git("HEAD and \(branch.name) have no common commit; name a revision: okrlint diff REV"))
            }
            commit = line(out)
            name = "merge base with \(branch.name) (\(commit.prefix(7)))"
        }
        guard let tree = Self.tree(git, commit) else { return .failure(.git("git could not list the files of \(commit.prefix(7))")) }
        if let (path, blob) = tree.first(where: { $0.value.size > versionBudget }) {
            return .failure(.budget("\(SafeText.escape(path)) at \(commit.prefix(7)) is \(blob.size >> 20) MiB: okrlint reads versions of at most \(versionBudget >> 20) MiB"))
        }
        guard let blobs = Self.contents(git, Array(Set(tree.values.map(\.id)))) else {
            return .failure(.git("git could not give the files of \(commit.prefix(7))"))
        }
        var files: [String: [UInt8]] = [:]
        for (path, blob) in tree { if let b = blobs[blob.id] { files[path] = b } }
        return .success(Revision(name: name, commit: commit, root: git.root, files: files))
    }

    /// Output of git without the whitespace and line ending around it.
    static func line(_ out: [UInt8]) -> String {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        guard let a = out.firstIndex(where: { !isSpace($0) }), let b = out.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(decoding: out[a...b], as: UTF8.self)
    }

    /// A file's versions, and what the cache gained and gave for them.
    public struct Read: Sendable {
        public var history: FileHistory
        /// Versions fetched from git (for `saveCache`).
        public var fetched: [(id: String, bytes: [UInt8])] = []
        /// Versions read from the cache.
        public var cached: [String] = []
    }

    /// One version of a file before it is read: commit index (log order, -1 for the stop commit's tree), blob.
    struct Entry: Equatable {
        var commit: Int
        var blob: String
    }

    /// The versions of the file at `path` (absolute), parsed, oldest first; nil when git knows no version of it, a
    /// failure when git could not give their contents or they are over the budget. The file's own versions come
    /// first from its segment of the walk, then from the deleted files it continues (`predecessors`). A version
    /// with the bytes of `current` (the working tree, parsed already) is that document: a file unchanged since its
    /// last commit costs no fetch and no second parse. Versions in the cache are read from it; the rest are
    /// fetched from git.
    public func history(ofAbsolutePath path: String, current: Document? = nil, calendar: FiscalCalendar = .calendarYear) -> Result<Read, Problem>? {
        let base = root.hasSuffix("/") ? root : root + "/"
        guard path.hasPrefix(base), let own = walk.tracked[String(path.dropFirst(base.count))] else { return nil }
        var read = Read(history: FileHistory(versions: []))
        var parsed: [String: Document] = [:]
        let working = current.map { BlobID.of($0.source.bytes) }
        if let working, let current { parsed[working] = current }
        var spent = 0
        let chain: [Int]
        switch predecessors(of: own, current: current, calendar: calendar) {
        case .success(let c): chain = c
        case .failure(let p): return .failure(p)
        }
        // Newest first by commit index, then the versions at the stop commit (the oldest segment that had one).
        var list: [Entry] = []
        for s in chain { list += walk.segments[s].records.map { Entry(commit: $0.commit, blob: $0.blob) } }
        list.sort { $0.commit > $1.commit }
        if let stop = walk.stop, let b = chain.reversed().lazy.compactMap({ walk.segments[$0].base }).first {
            list.insert(Entry(commit: stop, blob: b), at: 0)
        }
        guard !list.isEmpty else { return nil }
        // The rules read the versions of the file's current period and the last one before it (what the file said
        // when the period opened, or for the period before): older ones are not fetched.
        if let start = current?.period(calendar)?.start, let last = list.lastIndex(where: { dates[$0.commit] < start }), last > 0 {
            list.removeFirst(last)
        }
        var adopted = Set<String>()
        for s in chain.dropFirst() { for r in walk.segments[s].records { adopted.insert(r.blob) }; if let b = walk.segments[s].base { adopted.insert(b) } }
        if case .failure(let p) = fetch(list.map(\.blob), into: &parsed, read: &read, spent: &spent, path: path, hint: path.utf8.count, share: adopted) {
            return .failure(p)
        }
        read.history = FileHistory(versions: list.compactMap { e in
            parsed[e.blob].map { FileVersion(commit: walk.commits[e.commit].hash, date: dates[e.commit], document: $0,
                                             moved: walk.moves[e.commit]?.contains(e.blob) ?? false) }
        }, onBranch: !walk.unlanded.isEmpty)
        return .success(read)
    }

    /// Parses the versions `blobs` not parsed yet: from the cache when it holds them, else from git after their
    /// sizes are checked against the budgets (`spent` counts every version asked for, repeated ones too).
    func fetch(_ blobs: [String], into parsed: inout [String: Document], read: inout Read, spent: inout Int, path: String, hint: Int,
               share: Set<String> = []) -> Result<Void, Problem> {
        // Versions of files this one continues: shared by the run, loaded once (by this same function, unshared).
        let sharedIDs = blobs.filter { share.contains($0) && parsed[$0] == nil }
        if !sharedIDs.isEmpty {
            let got = adoptedVersions.resolve(sharedIDs) { missing in
                var loaded: [String: Document] = [:]
                var scratch = Read(history: FileHistory(versions: []))
                var ignored = 0
                return fetch(missing, into: &loaded, read: &scratch, spent: &ignored, path: path, hint: hint).map { loaded }
            }
            switch got {
            case .success(let docs): for (k, v) in docs { parsed[k] = v }
            case .failure(let p): return .failure(p)
            }
        }
        var ids: [String] = []
        var asked = Set<String>()
        var sizes: [String: Int] = [:]
        for (id, doc) in parsed { sizes[id] = doc.source.bytes.count }
        for b in blobs where sizes[b] == nil {
            if let bytes = cache.contents(b) {
                parsed[b] = Parser.parse(path: path, bytes: bytes)
                sizes[b] = bytes.count
                read.cached.append(b)
            } else if asked.insert(b).inserted {
                ids.append(b)
            }
        }
        if !ids.isEmpty {
            guard let sizer, let answer = sizer.sizes(ids) else { return .failure(.git("git cat-file could not give the committed versions")) }
            for (id, n) in zip(ids, answer) { sizes[id] = n }
        }
        for b in blobs {
            let n = sizes[b] ?? 0
            if n > Self.versionBudget {
                return .failure(.budget("a committed version (blob \(b.prefix(12))) is \(n >> 20) MiB: okrlint reads versions of at most \(Self.versionBudget >> 20) MiB, so this file's history was not checked"))
            }
            spent += n
            if spent > Self.fileBudget {
                return .failure(.budget("the committed versions add up to more than \(Self.fileBudget >> 20) MiB (\(blobs.count) versions): this file's history was not checked"))
            }
        }
        guard !ids.isEmpty else { return .success(()) }
        guard let contents = contents(ids, hint: hint) else {
            return .failure(.git("git cat-file could not give the committed versions"))
        }
        for (id, bytes) in zip(ids, contents) {
            parsed[id] = Parser.parse(path: path, bytes: bytes)
            if cache.file != nil { read.fetched.append((id, bytes)) }
        }
        return .success(())
    }
}
