/// One earlier version of a file: the commit that wrote it (full hash), its committer date, and the file parsed.
public struct FileVersion: Sendable {
    public var commit: String
    public var date: CalendarDate
    public var document: Document

    public init(commit: String, date: CalendarDate, document: Document) {
        self.commit = commit
        self.date = date
        self.document = document
    }

    /// The short form of the commit shown in messages.
    public var shortCommit: String { String(commit.prefix(7)) }
}

/// A file's committed versions, oldest first (the working tree is the document under check, not one of them).
/// Only the versions since a cut-off are kept, plus the last one before it (what the file said then).
public struct FileHistory: Sendable {
    public var versions: [FileVersion]
    public init(versions: [FileVersion]) { self.versions = versions }
}

/// The history of a run's files, read from git once per run with a fixed number of processes whatever the number
/// of files (`rev-parse`, one `log`, one `ls-tree` of the commit before the window, and at most two `cat-file
/// --batch` kept running): never one process per file. The log is read before the files are checked; the contents
/// of versions are fetched while they are, each file asking for the versions of its own period that differ from
/// the file on disk (a version with the same blob id is the checked document itself, neither fetched nor parsed
/// again) and that the cache of earlier runs does not hold.
public struct GitHistory: Sendable {
    /// The repository's top folder (real path).
    public let root: String
    /// Since when commits are read: the day after `base`'s commit date, if any.
    public let since: CalendarDate
    struct Entry: Sendable {
        var commit: String
        var date: CalendarDate
        var blob: String
    }
    /// By path relative to `root`: the versions, oldest first (the one at `base` first when there is one).
    let entries: [String: [Entry]]
    /// Fetch the versions' contents: two git processes, so one thread's request does not wait on another's (the
    /// work of a `cat-file` on loose objects is mostly system calls, which overlap); each starts on its first
    /// request, so a run whose versions are all cached starts none.
    let readers: [BlobReader]
    /// Skeletons of versions read by earlier runs.
    let cache: HistoryCache

    init(root: String, since: CalendarDate, entries: [String: [Entry]], readers: [BlobReader], cache: HistoryCache = .empty) {
        self.root = root
        self.since = since
        self.entries = entries
        self.readers = readers
        self.cache = cache
    }

    /// Keeps the skeletons of the versions this run fetched, for the next run (`used`: the cached ones it read).
    public func saveCache(adding new: [(id: String, skeleton: [UInt8])], used: Set<String>) {
        cache.save(adding: new, used: used)
    }

    /// Why history could not be read: git missing or failing inside a repository (nil: not a repository at all).
    public enum Problem: Error, Sendable {
        case notARepository
        case git(String)
    }

    /// Reads the history of the OKR files `paths` (absolute, real paths) of the repository holding `folder`, from
    /// `since` on: the commits touching them, following renames (`-M`), so a file renamed or moved keeps the
    /// versions of its old name. The log covers every OKR file, since the old name is not one of `paths`; the
    /// contents are fetched later, and only for `paths`.
    /// With `cache`, what earlier runs read of committed versions is reused and what this one reads is kept
    /// (`HistoryCache`, in the git folder).
    public static func load(folder: String, since: CalendarDate, paths: [String], cache useCache: Bool = false) -> Result<GitHistory, Problem> {
        let git = Git(folder: folder)
        let top: [UInt8]
        switch git.run(["rev-parse", "--show-toplevel", "--git-common-dir"]) {
        case .success(let out): top = out
        case .failure(let f):
            // Outside a repository git fails too; only a `.git` above says it should have worked.
            return .failure(Self.insideRepository(folder) ? .git(f.message) : .notARepository)
        }
        let lines = top.split(separator: 0x0A).map { Self.line(Array($0)) }
        // The top folder as the file system names it, so paths from `realpath` match.
        let shown = lines.first ?? ""
        let root = Confined.realPath(shown) ?? shown
        let base = root.hasSuffix("/") ? root : root + "/"
        let wanted = Set(paths.compactMap { $0.hasPrefix(base) ? String($0.dropFirst(base.count)) : nil })
        guard !wanted.isEmpty else { return .success(GitHistory(root: root, since: since, entries: [:], readers: [])) }
        // The git folder (relative to where git ran, unless absolute), for the cache.
        var cache = HistoryCache.empty
        if useCache, lines.count >= 2, !lines[1].isEmpty {
            cache = HistoryCache.open(gitDir: lines[1].hasPrefix("/") ? lines[1] : Path.join(Path.absolute(folder), lines[1]))
        }
        // Every OKR file's history is read, not only the wanted ones': a file renamed in the window carries the
        // history of its old name, which only a log over both names can see. Filtered at the end.
        var entries: [String: [Entry]] = [:]
        // The last commit before the window: what every file said when it opened.
        let sinceText = since.description
        if case .success(let out) = git.run(["log", "-1", "--format=%H %cs", "--before=\(sinceText)T00:00:00", "HEAD"]),
           let (commit, date) = Self.header(Self.line(out)) {
            guard let tree = Self.tree(git, commit) else { return .failure(.git("git ls-tree failed")) }
            for (path, blob) in tree { entries[path] = [Entry(commit: commit, date: date, blob: blob)] }
        }
        let log: [UInt8]
        switch git.run(["log", "--reverse", "-z", "--format=%x01%H %cs", "--raw", "-M", "--no-abbrev", "--since=\(sinceText)T00:00:00", "HEAD"] + Self.specs) {
        case .success(let out): log = out
        case .failure(let f):
            // A repository without any commit yet has no history to read.
            if case .failure = git.run(["rev-parse", "--verify", "-q", "HEAD"]) { return .success(GitHistory(root: root, since: since, entries: [:], readers: [])) }
            return .failure(.git(f.message))
        }
        replay(log, into: &entries)
        entries = entries.filter { wanted.contains($0.key) }
        guard !entries.isEmpty else { return .success(GitHistory(root: root, since: since, entries: [:], readers: [])) }
        let readers = [BlobReader(git: git), BlobReader(git: git)]
        return .success(GitHistory(root: root, since: since, entries: entries, readers: readers, cache: cache))
    }

    /// Ends the git processes that fetch contents (later requests fail).
    public func finish() { for r in readers { r.close() } }

    /// The contents of blobs from whichever reader is free, else waiting for one.
    func contents(_ ids: [String], hint: Int) -> [[UInt8]]? {
        guard !readers.isEmpty else { return nil }
        for k in 0..<readers.count {
            if let answer = readers[(hint + k) % readers.count].contentsIfFree(ids) { return answer }
        }
        return readers[hint % readers.count].contents(ids)
    }

    /// Applies a `git log --reverse -z --raw -M` output to each path's versions: edits append, deletions end a
    /// path's history, renames move it to the new name (all of one commit's at once). Linear in the log's length.
    static func replay(_ log: [UInt8], into entries: inout [String: [Entry]]) {
        for chunk in log.split(separator: 0x01) {
            guard let nul = chunk.firstIndex(of: 0), let (commit, date) = Self.header(String(decoding: chunk[chunk.startIndex..<nul], as: UTF8.self)) else { continue }
            // Then `\n` and records `:<modes> <old> <new> <status>\0<path>\0`, or for a rename (status `R<score>`)
            // `...\0<old path>\0<new path>\0`.
            var fields = chunk[(nul + 1)...].split(separator: 0, omittingEmptySubsequences: false)[...]
            var renames: [(from: String, to: String, blob: String)] = []
            var changes: [(path: String, blob: String?)] = []
            while let meta = fields.popFirst() {
                let m = meta.drop(while: { $0 == 0x0A })
                guard m.first == 0x3A, let pathField = fields.popFirst() else { continue }
                let parts = m.split(separator: 0x20)
                guard parts.count >= 5 else { continue }
                let path = String(decoding: pathField, as: UTF8.self)
                let blob = String(decoding: parts[3], as: UTF8.self)
                let status = parts[4].first
                if status == UInt8(ascii: "R") || status == UInt8(ascii: "C") {
                    guard let second = fields.popFirst() else { continue }
                    let to = String(decoding: second, as: UTF8.self)
                    if status == UInt8(ascii: "R") { renames.append((path, to, blob)) } else { changes.append((to, blob)) }
                } else if status == UInt8(ascii: "D") || blob.utf8.allSatisfy({ $0 == 0x30 }) {
                    changes.append((path, nil))  // deleted: a file of that name later is a new file
                } else {
                    changes.append((path, blob))
                }
            }
            // Renames all at once (two files may swap names in one commit): the new name takes the old one's
            // versions, then this commit's.
            // The lists are moved, not copied: a file renamed in every commit costs no more than one edited.
            var carried = renames.map { entries.removeValue(forKey: $0.from) ?? [] }
            for k in renames.indices {
                var list: [Entry] = []
                swap(&list, &carried[k])
                list.append(Entry(commit: commit, date: date, blob: renames[k].blob))
                entries[renames[k].to] = list
            }
            for c in changes {
                if let blob = c.blob { entries[c.path, default: []].append(Entry(commit: commit, date: date, blob: blob)) } else { entries[c.path] = nil }
            }
        }
    }

    /// Every OKR file: without `glob` magic a `*` also matches `/`, so these match in every folder, and git matches
    /// them five times faster than `**/*.okr` (50 ms against 10 ms on a 1,000-file log). Paths are filtered after.
    static let specs = ["--", ":(top)*.okr", ":(top)*.okr.md"]

    /// The OKR files of a commit: path (from the top folder) -> blob id. One `git ls-tree`.
    static func tree(_ git: Git, _ commit: String) -> [String: String]? {
        // `ls-tree` takes no pathspec magic: every file is listed and the OKR files kept.
        guard case .success(let tree) = git.run(["ls-tree", "-r", "-z", "--full-tree", commit]) else { return nil }
        var out: [String: String] = [:]
        for record in tree.split(separator: 0) {
            // `<mode> blob <id>\t<path>`
            guard let tab = record.firstIndex(of: 0x09) else { continue }
            let meta = record[record.startIndex..<tab].split(separator: 0x20)
            guard meta.count == 3, meta[1].elementsEqual("blob".utf8) else { continue }
            let path = String(decoding: record[(tab + 1)...], as: UTF8.self)
            guard Path.isOKRFile(Path.name(path)) else { continue }
            out[path] = String(decoding: meta[2], as: UTF8.self)
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
    /// branch (`origin/HEAD`, else `origin/main`, `origin/master`, `main`, `master`).
    public static func revision(_ rev: String?, folder: String) -> Result<Revision, Problem> {
        let git = Git(folder: folder)
        guard case .success(let top) = git.run(["rev-parse", "--show-toplevel"]) else {
            return .failure(insideRepository(folder) ? .git("git could not read the repository") : .notARepository)
        }
        let shown = line(top)
        let root = Confined.realPath(shown) ?? shown
        var commit = ""
        var name = ""
        if let rev {
            // `--end-of-options`: a revision that starts with `-` is a name, never an option.
            guard case .success(let out) = git.run(["rev-parse", "--verify", "-q", "--end-of-options", rev + "^{commit}"]) else {
                return .failure(.git("`\(rev)` is not a commit of this repository"))
            }
            commit = line(out)
            name = "\(rev) (\(commit.prefix(7)))"
        } else {
            var branch: String? = nil
            if case .success(let out) = git.run(["symbolic-ref", "-q", "--short", "refs/remotes/origin/HEAD"]), !line(out).isEmpty { branch = line(out) }
            for candidate in ["origin/main", "origin/master", "main", "master"] where branch == nil {
                if case .success = git.run(["rev-parse", "--verify", "-q", "--end-of-options", candidate + "^{commit}"]) { branch = candidate }
            }
            guard let branch else { return .failure(.git("no default branch found (origin/HEAD, main or master); name a revision: okrlint diff REV")) }
            guard case .success(let out) = git.run(["merge-base", "HEAD", branch]), !line(out).isEmpty else {
                return .failure(.git("HEAD and \(branch) have no common commit; name a revision: okrlint diff REV"))
            }
            commit = line(out)
            name = "merge base with \(branch) (\(commit.prefix(7)))"
        }
        guard let tree = Self.tree(git, commit), let blobs = Self.contents(git, Array(Set(tree.values))) else {
            return .failure(.git("git could not list the files of \(commit.prefix(7))"))
        }
        var files: [String: [UInt8]] = [:]
        for (path, blob) in tree { if let b = blobs[blob] { files[path] = b } }
        return .success(Revision(name: name, commit: commit, root: root, files: files))
    }

    /// Output of git without the whitespace and line ending around it.
    static func line(_ out: [UInt8]) -> String {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        guard let a = out.firstIndex(where: { !isSpace($0) }), let b = out.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(decoding: out[a...b], as: UTF8.self)
    }

    static func header(_ s: String) -> (String, CalendarDate)? {
        let parts = s.split(separator: " ")
        guard parts.count == 2, parts[0].utf8.count == 40 || parts[0].utf8.count == 64, let date = CalendarDate(parts[1]) else { return nil }
        return (String(parts[0]), date)
    }

    static func insideRepository(_ folder: String) -> Bool {
        var dir = Path.absolute(folder)
        for _ in 0..<256 {
            if FileSystem.exists(Path.join(dir, ".git")) { return true }
            let parent = Path.parent(dir)
            if parent == dir { return false }
            dir = parent
        }
        return false
    }

    /// A file's versions, and what the cache gained and gave for them.
    public struct Read: Sendable {
        public var history: FileHistory
        /// Skeletons of the versions fetched from git (for `saveCache`).
        public var fetched: [(id: String, skeleton: [UInt8])] = []
        /// Versions read from the cache.
        public var cached: [String] = []
    }

    /// The versions of the file at `path` (absolute), parsed; nil when git knows no version of it, a failure when
    /// git could not give their contents. A version with the bytes of `current` (the working tree, parsed already)
    /// is that document: a file unchanged since its last commit costs no fetch and no second parse. Versions in the
    /// cache are parsed from their skeletons; the rest are fetched from git.
    public func history(ofAbsolutePath path: String, current: Document? = nil, calendar: FiscalCalendar = .calendarYear) -> Result<Read, Problem>? {
        let base = root.hasSuffix("/") ? root : root + "/"
        guard path.hasPrefix(base), var list = entries[String(path.dropFirst(base.count))], !list.isEmpty else { return nil }
        // The rules read the versions of the file's current period and the last one before it (what the file said
        // when the period opened, or for the period before): older ones are not fetched.
        if let start = current?.period(calendar)?.start, let last = list.lastIndex(where: { $0.date < start }), last > 0 {
            list.removeFirst(last)
        }
        let working = current.map { BlobID.of($0.source.bytes) }
        var parsed: [String: Document] = [:]
        if let working, let current { parsed[working] = current }
        var read = Read(history: FileHistory(versions: []))
        var ids: [String] = []
        var asked = Set<String>()
        for e in list where parsed[e.blob] == nil {
            if let skeleton = cache.skeleton(e.blob) {
                parsed[e.blob] = Parser.parse(path: path, bytes: skeleton)
                read.cached.append(e.blob)
            } else if asked.insert(e.blob).inserted {
                ids.append(e.blob)
            }
        }
        if !ids.isEmpty {
            guard let contents = contents(ids, hint: path.utf8.count) else {
                return .failure(.git("git cat-file could not give the committed versions"))
            }
            for (id, bytes) in zip(ids, contents) {
                let doc = Parser.parse(path: path, bytes: bytes)
                parsed[id] = doc
                if cache.file != nil { read.fetched.append((id, HistoryCache.skeleton(of: doc))) }
            }
        }
        read.history = FileHistory(versions: list.compactMap { e in parsed[e.blob].map { FileVersion(commit: e.commit, date: e.date, document: $0) } })
        return .success(read)
    }
}
