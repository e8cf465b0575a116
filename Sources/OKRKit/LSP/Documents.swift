import Dispatch

/// An open buffer: its current text, a `ParseSession` brought up to date when the tree is needed (one edit since the
/// last parse is re-parsed incrementally; several, as in a burst of changes, are parsed once from the text), and
/// what was computed from it, dropped at each change.
struct OpenDocument: Sendable {
    let uri: String
    /// The absolute path of a `file:` URI; nil for `untitled:` and other schemes.
    let path: String?
    var version: Int
    private(set) var source: SourceFile
    private var session: ParseSession?
    private var sync = Sync.full
    enum Sync: Sendable {
        case synced
        case one(SourceRange, [UInt8])
        case full
    }

    var summaryCache: (calendar: FiscalCalendar, summary: DocumentSummary)?
    /// The document rules' findings (sorted; the syntax errors are the tree's), for the config generation they were
    /// computed with.
    var ruleFindings: (linterGeneration: Int, diagnostics: [Diagnostic])?
    /// Every finding, for the workspace generation it was computed in: references to the tree's syntax errors and
    /// to `ruleFindings`, not copies (`Findings`).
    var findings: (generation: Int, findings: Findings)?
    /// The workspace generation of the last edit (`didChange`) of this buffer.
    var editedGeneration = 0

    init(uri: String, version: Int, text: [UInt8]) {
        self.uri = uri
        self.path = FileURI.path(uri)
        self.version = version
        self.source = SourceFile(path: path ?? uri, bytes: text)
    }

    /// The path the parser and the findings use.
    var parsePath: String { path ?? uri }

    /// Applies one `didChange`'s changes, in order, in one pass (`TextChanges`). A batch that did not replace the
    /// whole text is one edit for the parse session: the span of the old text it changed.
    mutating func apply(_ changes: [TextChange], _ encoding: PositionEncoding) {
        guard !changes.isEmpty else { return }
        let result = TextChanges.apply(changes, to: source, encoding: encoding)
        source = result.source
        if case .synced = sync, let (range, replacement) = result.changed {
            sync = .one(range, replacement)
        } else {
            // Parsed again from the text: the old tree (and the old text it holds) goes now, not at the next parse.
            sync = .full
            session = nil
        }
        changed()
    }

    private mutating func changed() {
        summaryCache = nil
        ruleFindings = nil
        findings = nil
    }

    /// The syntax tree of the current text.
    mutating func document() -> Document {
        switch sync {
        case .synced:
            if let s = session { return s.document }
        case .one(let range, let replacement):
            if var s = session {
                session = nil
                s.edit(range, replacement: replacement, result: source)
                session = s
                sync = .synced
                return s.document
            }
        case .full:
            break
        }
        let s = ParseSession(source: source)
        session = s
        sync = .synced
        return s.document
    }

    mutating func summary(calendar: FiscalCalendar) -> DocumentSummary {
        if let c = summaryCache, c.calendar == calendar { return c.summary }
        let s = DocumentSummary(document(), calendar: calendar)
        summaryCache = (calendar, s)
        return s
    }
}

/// The files on disk the server knows, and the configs that apply to them, all cached until a watched file or a
/// config changes. The same trust rules as the CLI: configs are found up to the workspace root (`WorkspaceRoot`),
/// folders are walked without following links (`FileDiscovery`), and a file is read only inside a workspace folder
/// (or the client's root), never through a link that leads out of it (`Confined`).
struct WorkspaceFiles: Sendable {
    /// The folder the client opened.
    var clientRoot: String?
    /// Bumped at every change of a buffer or a file: cached workspaces and findings are for one generation.
    var generation = 0
    /// The generation of the last change that was not an edit of an open buffer (a buffer opened or closed, a file
    /// or config changed): a cached workspace from this generation on is brought up to date by replacing the
    /// summaries of the buffers edited since (`Workspace.replacing`), not built again.
    var structuralGeneration = 0
    /// Bumped when configs may have changed.
    var configGeneration = 0
    var configs: [String: Result<ResolvedConfig, ConfigError>] = [:]
    var linters: [String: Linter] = [:]
    var folderOf: [String: String?] = [:]
    var folders: [String: FolderFiles] = [:]
    var workspaces: [String: (generation: Int, workspace: Workspace)] = [:]

    /// At most this many files of one workspace folder are read (a root opened at a home folder stays usable).
    static let maxFiles = 50_000

    struct FolderFiles: Sendable {
        var summaries: [String: DocumentSummary] = [:]
    }

    mutating func forgetConfigs() {
        configs = [:]
        linters = [:]
        folderOf = [:]
        folders = [:]
        workspaces = [:]
        configGeneration += 1
        generation += 1
        structuralGeneration = generation
    }

    var anchors: [String] { clientRoot.map { [$0] } ?? [] }

    mutating func config(forFolder folder: String) -> Result<ResolvedConfig, ConfigError> {
        if let c = configs[folder] { return c }
        let r: Result<ResolvedConfig, ConfigError>
        do {
            let resolver = try ConfigResolver(anchors: anchors)
            r = .success(try resolver.config(forFolder: folder))
        } catch {
            r = .failure(error)
        }
        configs[folder] = r
        return r
    }

    /// The linter for a file (its config's rules, dates and fiscal year); a broken config gives the defaults and
    /// its error, which the server shows on the document.
    mutating func linter(for path: String?, today: CalendarDate?) -> (Linter, ConfigError?) {
        guard let path else {
            let day = today ?? .today()
            if let l = linters["@\(day)"] { return (l, nil) }
            let l = Linter(today: day)
            linters["@\(day)"] = l
            return (l, nil)
        }
        switch config(forFolder: Path.parent(path)) {
        case .success(let config):
            // Keyed by the day too: a server left running past midnight dates time-based findings by the new day.
            let day = today ?? config.today ?? .today()
            let key = "config:\(config.path ?? "")@\(day)"
            if let l = linters[key] { return (l, nil) }
            let l = Linter(settings: config.settings, today: day, calendar: config.calendar)
            linters[key] = l
            return (l, nil)
        case .failure(let e):
            let (l, _) = linter(for: nil, today: today)
            return (l, e)
        }
    }

    /// The workspace folder of a file: the nearest folder with a `.okrlint.json` up to the workspace root, else the
    /// repository root (as the CLI finds it), else the client's root when the file is under it.
    mutating func folder(for path: String) -> String? {
        let parent = Path.parent(path)
        if let known = folderOf[parent] { return known }
        var f = WorkspaceRoot.workspaceFolder(for: path)
        if f == nil, let root = clientRoot, WorkspaceRoot.isInside(path, root) { f = root }
        folderOf[parent] = .some(f)
        return f
    }

    /// Reads and summarises the `.okr` files of a workspace folder, once (in parallel, as a run's first pass).
    mutating func loadFolder(_ folder: String, today: CalendarDate?, log: @Sendable (String) -> Void) {
        guard folders[folder] == nil else { return }
        var found = FileDiscovery.Found()
        do {
            let resolver = try ConfigResolver(anchors: [folder])
            let discovery = FileDiscovery(isExcluded: { path, isFolder in
                let abs = Path.absolute(path)
                let config = try resolver.config(forFolder: Path.parent(abs))
                return config.isExcluded(abs) || (!isFolder && !config.isIncluded(abs))
            })
            found = try discovery.discover([folder])
        } catch {
            log("workspace \(SafeText.escape(folder)): \(error); its files are not read")
        }
        var list = found.files
        if list.count > WorkspaceFiles.maxFiles {
            log("workspace \(SafeText.escape(folder)): \(list.count) files; only the first \(WorkspaceFiles.maxFiles) are read")
            list = Array(list.prefix(WorkspaceFiles.maxFiles))
        }
        let files = list
        let paths = files.map { Path.absolute($0.path) }
        var calendarList: [FiscalCalendar] = []
        for p in paths {
            if case .success(let c) = config(forFolder: Path.parent(p)) { calendarList.append(c.calendar) } else { calendarList.append(.calendarYear) }
        }
        let calendars = calendarList
        let slots = Slots<DocumentSummary>(files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { i in
            let f = files[i]
            guard case .success(let bytes) = FileSystem.readFile(bytes: f.bytes, display: f.path, followLink: f.followLink) else { return }
            slots[i] = DocumentSummary(Parser.parse(path: paths[i], bytes: bytes), calendar: calendars[i])
        }
        var ff = FolderFiles()
        for i in 0..<files.count { if let s = slots[i] { ff.summaries[paths[i]] = s } }
        folders[folder] = ff
        log("workspace \(SafeText.escape(folder)): \(ff.summaries.count) files")
    }

    /// A watched `.okr` file was created, changed or deleted.
    mutating func fileChanged(_ path: String, deleted: Bool) {
        for folder in Array(folders.keys) where WorkspaceRoot.isInside(path, folder) {
            if deleted {
                folders[folder]?.summaries[path] = nil
            } else if let bytes = read(path) {
                let calendar: FiscalCalendar
                if case .success(let c) = config(forFolder: Path.parent(path)) { calendar = c.calendar } else { calendar = .calendarYear }
                folders[folder]?.summaries[path] = DocumentSummary(Parser.parse(path: path, bytes: bytes), calendar: calendar)
            } else {
                folders[folder]?.summaries[path] = nil
            }
        }
    }

    /// The bytes of a file inside a workspace folder or the client's root, through no link that leads out of it.
    func read(_ path: String) -> [UInt8]? {
        let roots = Array(folders.keys) + anchors
        guard let root = roots.filter({ WorkspaceRoot.isInside(path, $0) }).max(by: { $0.utf8.count < $1.utf8.count }) else { return nil }
        guard case .inside(let real) = Confined.resolve(path, within: root) else { return nil }
        guard case .success(let bytes) = FileSystem.readFile(bytes: Array(real.utf8), display: path, followLink: false) else { return nil }
        return bytes
    }
}
