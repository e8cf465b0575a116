/// The git history of a run's reported files: one `GitHistory` per repository they are in (a run may name files of
/// several repositories; each file's history comes from its own), loaded before pass 1 and read by each file in it.
///
/// What could not be read is sorted by whose doing it is:
/// - the machine's (`git` missing or not starting): a note on stderr, once, and the history rules do not run;
/// - the repository's (git failing on what it holds, a history over the budget): a finding on each file concerned
///   (`Linter.historyNotChecked`), so that a pull request cannot turn the history rules off by making its history
///   unreadable.
struct RunHistory: Sendable {
    /// By repository root: the history, or why it could not be read.
    private let histories: [String: Result<GitHistory, GitHistory.Problem>]
    /// The repository root of each reported path (by absolute real path).
    private let rootOf: [String: String]

    /// What a file gets.
    struct Read: Sendable {
        var history: FileHistory? = nil
        /// Why its history was not checked, as a finding says it.
        var notChecked: String? = nil
        /// A note for stderr (the machine's problem).
        var note: String? = nil
        var fetched: [(id: String, bytes: [UInt8])] = []
        var cached: [String] = []
    }

    static let empty = RunHistory(histories: [:], rootOf: [:])

    private init(histories: [String: Result<GitHistory, GitHistory.Problem>], rootOf: [String: String]) {
        self.histories = histories
        self.rootOf = rootOf
    }

    /// Loads the history of `realPaths` (absolute, real) from `since` on, one repository at a time.
    static func load(_ realPaths: [String], since: CalendarDate, cache: Bool) -> RunHistory {
        var groups: [String: [String]] = [:]
        var order: [String] = []
        var rootOf: [String: String] = [:]
        var histories: [String: Result<GitHistory, GitHistory.Problem>] = [:]
        for p in realPaths {
            // Files in one folder share a repository: the folder is looked up once.
            let folder = Path.parent(p)
            let root: String
            if let known = rootOf[folder] {
                root = known
            } else {
                switch Git.repository(containing: folder) {
                case .found(let git): root = git.root
                case .notARepository: root = ""
                case .refused(let why): root = "!" + why
                }
                rootOf[folder] = root
            }
            guard !root.isEmpty else { continue }
            rootOf[p] = root
            if groups[root] == nil { order.append(root) }
            groups[root, default: []].append(p)
        }
        for root in order {
            if root.hasPrefix("!") {
                let why = String(root.dropFirst())
                histories[root] = .failure(why.hasPrefix("git is not installed") ? .unavailable(why) : .git(why))
            } else {
                histories[root] = GitHistory.load(folder: root, since: since, paths: groups[root]!, cache: cache)
            }
        }
        return RunHistory(histories: histories, rootOf: rootOf)
    }

    /// The history of the reported file at `real` (absolute, real path), parsed as `current`.
    func read(_ real: String, current: Document, calendar: FiscalCalendar) -> Read {
        guard let root = rootOf[real], let loaded = histories[root] else { return Read() }
        switch loaded {
        case .failure(let p): return Self.read(p)
        case .success(let h):
            switch h.history(ofAbsolutePath: real, current: current, calendar: calendar) {
            case .success(let r)?: return Read(history: r.history, fetched: r.fetched, cached: r.cached)
            case .failure(let p)?: return Self.read(p)
            case nil: return Read()
            }
        }
    }

    private static func read(_ p: GitHistory.Problem) -> Read {
        switch p {
        case .notARepository: return Read()
        case .unavailable(let why): return Read(note: why)
        case .git(let why): return Read(notChecked: why)
        case .budget(let why): return Read(notChecked: why)
        }
    }

    /// Ends the git processes of every history.
    func finish() { for case .success(let h) in histories.values { h.finish() } }

    /// Keeps what the run fetched, each repository's in its own cache.
    func saveCache(adding new: [(id: String, bytes: [UInt8])], used: Set<String>) {
        for case .success(let h) in histories.values { h.saveCache(adding: new, used: used) }
    }
}
