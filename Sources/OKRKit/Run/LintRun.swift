import Dispatch

/// What one run of the linter is asked to do.
public struct RunOptions {
    public var paths: [String]
    /// The linter (rule settings and date) for each file; called on the calling thread, may throw a config error.
    public var linterFor: (String) throws -> Linter
    /// Text to lint instead of reading `stdinPath` from disk (`okrlint -`).
    public var stdin: [UInt8]?
    /// The name reported for standard input.
    public var stdinPath: String
    public var discovery: FileDiscovery
    /// Folders whose `.okr` files join the workspace (so links resolve) without being reported.
    public var workspaceRoots: [String] = []
    /// Report on every file of the workspace, not only the requested ones.
    public var reportAll = false

    public init(paths: [String], linterFor: @escaping (String) throws -> Linter = { _ in Linter() },
                stdin: [UInt8]? = nil, stdinPath: String = "<stdin>", discovery: FileDiscovery = FileDiscovery()) {
        self.paths = paths
        self.linterFor = linterFor
        self.stdin = stdin
        self.stdinPath = stdinPath
        self.discovery = discovery
    }
}

public struct RunOutcome: Sendable {
    public var result: LintResult
    public var workspace: Workspace
    /// Missing paths, unreadable files: the run still reports everything else, then exits 2.
    public var errors: [RunError]
}

/// Slots written by index from several threads; each index is written by exactly one iteration.
private final class Slots<T>: @unchecked Sendable {
    var items: [T?]
    init(_ n: Int) { items = Array(repeating: nil, count: n) }
}

public enum LintRun {
    /// Reads, parses and lints. Files are parsed in parallel, then each is linted against the whole workspace.
    public static func run(_ options: RunOptions) throws -> RunOutcome {
        let found = try options.discovery.discover(options.paths.filter { $0 != "-" })
        var errors = found.errors
        var pathList = found.files
        if options.stdin != nil { pathList.insert(options.stdinPath, at: 0) }
        // The rest of the workspace: parsed so links resolve, reported only with `reportAll`.
        var seen = Set(pathList.map(Path.absolute))
        let requestedCount = pathList.count
        if !options.workspaceRoots.isEmpty {
            let more = try options.discovery.discover(options.workspaceRoots)
            for f in more.files where seen.insert(Path.absolute(f)).inserted {
                pathList.append(Path.display(Path.absolute(f)))
            }
        }
        let paths = pathList

        let parsed = Slots<Result<Document, RunError>>(paths.count)
        let stdin = options.stdin
        DispatchQueue.concurrentPerform(iterations: paths.count) { i in
            let path = paths[i]
            let bytes: Result<[UInt8], RunError> = (i == 0 && stdin != nil) ? .success(stdin!) : FileSystem.readFile(path)
            parsed.items[i] = bytes.map { Parser.parse(path: Path.clean(path), bytes: $0) }
        }
        var documents: [Document] = []
        documents.reserveCapacity(paths.count)
        var reportedCount = 0
        for (i, slot) in parsed.items.enumerated() {
            switch slot! {
            case .success(let d):
                documents.append(d)
                if i < requestedCount { reportedCount += 1 }
            case .failure(let e):
                // A workspace file that cannot be read only matters when it was asked for.
                if i < requestedCount || options.reportAll { errors.append(e) }
            }
        }
        let reported = options.reportAll ? documents.count : reportedCount
        let workspace = Workspace(documents: documents)
        var linterList: [Linter] = []
        for d in documents.prefix(reported) { linterList.append(try options.linterFor(d.path)) }
        let linters = linterList
        let docs = documents
        let linted = Slots<FileResult>(reported)
        DispatchQueue.concurrentPerform(iterations: reported) { i in
            linted.items[i] = FileResult(source: docs[i].source, diagnostics: linters[i].lint(docs[i], in: workspace))
        }
        return RunOutcome(result: LintResult(files: linted.items.map { $0! }), workspace: workspace, errors: errors)
    }
}
