import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
    /// Renders each file's part of the report as soon as it is linted, in parallel; the result then keeps the
    /// text instead of the file's source (`FileResult.rendered`).
    public var renderFile: (@Sendable (FileResult, Workspace) -> String)?
    /// As `renderFile`, with the reporter for the workspace: each part is rendered in chunks, kept in memory up to
    /// a budget for the run and beyond it in the run's `SpillFile`, so no part is ever held whole (`RenderedPart`).
    /// Takes precedence over `renderFile`.
    public var reporter: (@Sendable (Workspace) -> any Reporter)?
    /// The reporters of the reports written besides it (`--also-output`), each file's part of each rendered in the
    /// same way (`FileResult.renderedAlso`).
    public var alsoReporters: (@Sendable (Workspace) -> [any Reporter])?
    /// Findings this baseline covers are left out of the result (`--baseline`); its entries that match nothing in
    /// a checked file are in `RunOutcome.baselineUnmatched`.
    public var baseline: Baseline?
    /// Records every finding's baseline key, paths relative to this folder, in `RunOutcome.recorded`
    /// (`--write-baseline`).
    public var recordBaselineIn: String?
    /// Reads the files' git history for the history rules (`moving-goalposts`), when any is on: one `GitHistory`
    /// for the run, loaded before pass 1.
    public var readHistory = false
    /// Keeps what the history rules read of committed versions in the git folder, for the next run (`HistoryCache`).
    public var historyCache = false
    /// Called once between the two passes (tests use it to change a file mid-run).
    var betweenPasses: (() -> Void)?

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
    /// Files checked (asked for, found in the folders given, or standard input).
    public var filesRequested: Int = 0
    /// Every file read (requested and workspace), by identity: `--output` must not overwrite one.
    public var fileIDs: Set<FileID> = []
    /// Symbolic links met while walking the paths given, not followed.
    public var skippedLinks: [String] = []
    /// The file each entry of `result.files` was read from (for standard input: the name it stands for), in the
    /// same order: `--fix` writes there.
    public var reportedInputs: [FileDiscovery.File] = []
    /// Whether `result.files[0]` is standard input.
    public var firstIsStdin = false
    /// With `RunOptions.baseline`: how many findings it covered, and its entries of checked files left unmatched.
    public var baselineCovered = 0
    public var baselineUnmatched: [Baseline.Key: Int] = [:]
    /// With `RunOptions.recordBaselineIn`: every finding's key, counted.
    public var recorded: [Baseline.Key: Int] = [:]
    /// Why the history rules did not run although they are on: git missing or failing in a repository.
    public var historyProblem: String?
}

/// One result per index, written from several threads at distinct indices. The storage is allocated once and never
/// moves or grows, so writes at distinct indices touch distinct memory; a Swift array would not do (every write
/// checks its shared buffer for uniqueness, a data race ThreadSanitizer reports). Reads after
/// `concurrentPerform` returns are ordered after all its writes.
final class Slots<T: Sendable>: @unchecked Sendable {
    private let base: UnsafeMutablePointer<T?>
    let count: Int

    init(_ n: Int) {
        count = n
        base = .allocate(capacity: max(n, 1))
        base.initialize(repeating: nil, count: n)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    subscript(i: Int) -> T? {
        get { precondition(i >= 0 && i < count); return base[i] }
        set { precondition(i >= 0 && i < count); base[i] = newValue }
    }
}

/// What the first pass keeps of a file: its summary for the workspace, the diagnostics of the document rules, and
/// only what pass 2 cannot get again (the source of standard input, the tree when it has suppression comments).
private struct FirstPass: Sendable {
    var summary: DocumentSummary
    var diagnostics: [Diagnostic]
    var source: SourceFile?
    var suppressing: Document?
    var byteCount: Int
    var hash: UInt64
    /// Why this file's history could not be read on this machine (git missing): a note.
    var historyError: String? = nil
    /// Versions fetched from git (for the cache) and read from the cache.
    var fetched: [(id: String, bytes: [UInt8])] = []
    var cached: [String] = []
}

public enum LintRun {
    /// Reads, parses and lints in two parallel passes. The first parses each file, runs the rules that read only
    /// that file and keeps a small summary; the second runs the rules across files against the workspace of
    /// summaries. Syntax trees and file contents are dropped after the first pass, so memory grows with the
    /// findings, not with the input. A file with findings is read again for its excerpts; if it changed in between,
    /// that is reported as an error.
    public static func run(_ options: RunOptions) throws -> RunOutcome {
        let found = try options.discovery.discover(options.paths.filter { $0 != "-" })
        var errors = found.errors
        var inputs = found.files
        if options.stdin != nil {
            // Standard input stands for the file it names: that file on disk does not join the workspace twice.
            let bytes = Array(options.stdinPath.utf8)
            let info = FileSystem.info(bytes: bytes, follow: true)
            inputs.insert(FileDiscovery.File(path: options.stdinPath, bytes: bytes, id: info.kind == .file ? info.id : FileID(device: .max, inode: .max), followLink: true), at: 0)
        }
        // The rest of the workspace: parsed so links resolve, reported only with `reportAll`.
        let requestedCount = inputs.count
        // A root that is itself one of the paths given was walked already.
        let given = Set(options.paths.map(Path.absolute))
        let roots = options.workspaceRoots.filter { !given.contains(Path.absolute($0)) }
        if !roots.isEmpty {
            let more = try options.discovery.discover(roots.map(Path.absolute), seen: Set(inputs.map(\.id)))
            for var f in more.files {
                f.path = Path.display(f.path)
                inputs.append(f)
            }
        }
        let paths = inputs.map { Path.clean($0.path) }
        let reportedCount = options.reportAll ? paths.count : requestedCount
        // Config errors surface here, before any work, on the calling thread.
        var linterList: [Linter] = []
        linterList.reserveCapacity(reportedCount)
        for p in paths.prefix(reportedCount) { linterList.append(try options.linterFor(p)) }
        let linters = linterList
        // How each file reads fiscal periods; a workspace file whose config is broken reads them as calendar years
        // (its config error is reported when it is checked itself).
        var calendarList = linters.map(\.calendar)
        for p in paths.dropFirst(reportedCount) { calendarList.append((try? options.linterFor(p))?.calendar ?? .calendarYear) }
        let calendars = calendarList
        let files = inputs
        // The history of the files, read once per repository, when a history rule is on and there is something to read.
        var history = RunHistory.empty
        let fromStdin = options.stdin != nil ? 1 : 0
        if options.readHistory, reportedCount > fromStdin, let first = linters.first(where: \.readsHistory) {
            let real = paths[fromStdin..<reportedCount].compactMap { Confined.realPath(Path.absolute($0)) }
            history = RunHistory.load(real, since: first.today.adding(days: -400), cache: options.historyCache)
        }
        let gitHistory = history
        var historyProblem: String? = nil

        let first = Slots<Result<FirstPass, RunError>>(paths.count)
        let stdin = options.stdin
        DispatchQueue.concurrentPerform(iterations: paths.count) { i in
            let isStdin = i == 0 && stdin != nil
            let bytes: Result<[UInt8], RunError> = isStdin ? .success(stdin!) : read(files[i])
            first[i] = bytes.map { bytes in
                var doc = Parser.parse(path: paths[i], bytes: bytes)
                let reported = i < reportedCount
                var read = RunHistory.Read()
                if reported, linters[i].readsHistory, !isStdin, let real = Confined.realPath(Path.absolute(paths[i])) {
                    read = gitHistory.read(real, current: doc, calendar: calendars[i])
                }
                let fileHistory = read.history
                var diagnostics = reported ? linters[i].lintDocument(taking: &doc, history: fileHistory) : []
                if let fileHistory { diagnostics += linters[i].lintHistory(doc, fileHistory) }
                if let why = read.notChecked, let d = linters[i].historyNotChecked(doc, why) { diagnostics.append(d) }
                let suppressing = reported && Linter.hasSuppressions(doc)
                return FirstPass(summary: DocumentSummary(doc, calendar: calendars[i]), diagnostics: diagnostics,
                                 source: reported && (isStdin || suppressing) ? doc.source : nil,
                                 suppressing: suppressing ? doc : nil,
                                 byteCount: bytes.count, hash: reported && !isStdin ? contentHash(bytes) : 0,
                                 historyError: read.note, fetched: read.fetched, cached: read.cached)
            }
        }
        gitHistory.finish()
        var newVersions: [(id: String, bytes: [UInt8])] = []
        var usedVersions = Set<String>()
        // The workspace, and the readable files to report.
        var summaries: [DocumentSummary] = []
        summaries.reserveCapacity(paths.count)
        var reportedFiles: [Int] = []
        var reportedSummaries = Set<Int>()
        for i in 0..<paths.count {
            switch first[i]! {
            case .success(var f):
                if historyProblem == nil, let e = f.historyError { historyProblem = e }
                if !f.fetched.isEmpty || !f.cached.isEmpty {
                    // Taken out of the first pass's result, so the versions are not kept until the second.
                    newVersions += f.fetched
                    usedVersions.formUnion(f.cached)
                    f.fetched = []
                    f.cached = []
                    first[i] = .success(f)
                }
                if i < reportedCount { reportedFiles.append(i); reportedSummaries.insert(summaries.count) }
                summaries.append(f.summary)
            case .failure(let e):
                // A workspace file that cannot be read only matters when it was asked for.
                if i < reportedCount { errors.append(e) }
            }
        }
        gitHistory.saveCache(adding: newVersions, used: usedVersions)
        let workspace = Workspace(summaries: summaries, reported: reportedSummaries)
        options.betweenPasses?()
        let reported = reportedFiles
        let second = Slots<Result<FileResult, RunError>>(reported.count)
        let baselineParts = Slots<(recorded: [Baseline.Key: Int], unmatched: [Baseline.Key: Int], covered: Int)>(reported.count)
        let renderFile = options.renderFile
        let reporter = options.reporter
        let alsoReporters = options.alsoReporters
        let spill = reporter != nil || alsoReporters != nil ? SpillFile() : nil
        let baseline = options.baseline
        let recorder = options.recordBaselineIn.map { Baseline(folder: $0) }
        DispatchQueue.concurrentPerform(iterations: reported.count) { k in
            let i = reported[k]
            guard case .success(var f)? = first[i] else { return }
            first[i] = nil  // this iteration's alone: its source goes as soon as its report part is made
            let linter = linters[i]
            // The findings are moved along, never copied: a file where every line is a finding has as many as lines.
            var diagnostics = f.diagnostics
            f.diagnostics = []
            diagnostics = linter.acrossFiles(consume diagnostics, path: paths[i], in: workspace)
            diagnostics = linter.finish(consume diagnostics, document: f.suppressing)
            var result: Result<FileResult, RunError>
            if diagnostics.isEmpty || f.source != nil {
                result = .success(FileResult(source: f.source ?? SourceFile(path: paths[i], bytes: []), diagnostics: diagnostics))
            } else {
                // Read the file again for excerpts and positions.
                result = read(files[i]).flatMap { bytes in
                    guard bytes.count == f.byteCount, contentHash(bytes) == f.hash else {
                        return .failure(RunError(path: files[i].path, message: "changed while okrlint was running; run it again"))
                    }
                    return .success(FileResult(source: SourceFile(path: paths[i], bytes: bytes), diagnostics: diagnostics))
                }
            }
            if case .success(var r) = result, recorder != nil || baseline != nil {
                var recorded: [Baseline.Key: Int] = [:]
                if let recorder { for d in r.diagnostics { recorded[recorder.key(d, in: r.source), default: 0] += 1 } }
                var unmatched: [Baseline.Key: Int] = [:]
                var covered = 0
                if let baseline {
                    let before = r.diagnostics.count
                    (r.diagnostics, unmatched) = baseline.apply(r)
                    covered = before - r.diagnostics.count
                    result = .success(r)
                }
                baselineParts[k] = (recorded, unmatched, covered)
            }
            if let reporter, case .success(let r) = result {
                var part = RenderedPart(spill: spill)
                reporter(workspace).renderFile(r, to: { part.append($0) })
                var kept = FileResult(source: SourceFile(path: r.path, bytes: []), diagnostics: r.diagnostics, part: part)
                kept.renderedAlso = (alsoReporters?(workspace) ?? []).map { also in
                    var p = RenderedPart(spill: spill)
                    also.renderFile(r, to: { p.append($0) })
                    return p
                }
                result = .success(kept)
            } else if let renderFile, case .success(let r) = result {
                result = .success(FileResult(source: SourceFile(path: r.path, bytes: []), diagnostics: r.diagnostics,
                                             rendered: renderFile(r, workspace)))
            }
            second[k] = result
        }
        var results: [FileResult] = []
        var reportedInputs: [FileDiscovery.File] = []
        results.reserveCapacity(reported.count)
        for k in 0..<reported.count {
            switch second[k]! {
            case .success(let r): results.append(r); reportedInputs.append(files[reported[k]])
            case .failure(let e): errors.append(e)
            }
        }
        var outcome = RunOutcome(result: LintResult(files: results), workspace: workspace, errors: errors,
                                 filesRequested: requestedCount, fileIDs: Set(files.map(\.id)), skippedLinks: found.skippedLinks)
        outcome.reportedInputs = reportedInputs
        outcome.historyProblem = historyProblem
        for k in 0..<reported.count {
            guard let part = baselineParts[k] else { continue }
            outcome.recorded.merge(part.recorded, uniquingKeysWith: +)
            outcome.baselineUnmatched.merge(part.unmatched, uniquingKeysWith: +)
            outcome.baselineCovered += part.covered
        }
        outcome.firstIsStdin = stdin != nil && reported.first == 0
        return outcome
    }

    /// Reads a file that was there when it was found: gone now means deleted meanwhile.
    static func read(_ file: FileDiscovery.File) -> Result<[UInt8], RunError> {
        FileSystem.readFile(bytes: file.bytes, display: file.path, followLink: file.followLink).mapError { e in
            e.message == FileSystem.errnoMessage(ENOENT) ? RunError(path: e.path, message: "deleted while okrlint was running") : e
        }
    }
}

/// A fast 64-bit hash of a file's bytes, eight at a time, to notice a file that changed between the two passes.
func contentHash(_ bytes: [UInt8]) -> UInt64 {
    var h: UInt64 = 0xcbf29ce484222325 ^ UInt64(bytes.count)
    bytes.withUnsafeBytes { raw in
        let n = raw.count
        var i = 0
        while i + 8 <= n {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0x100000001b3
            h ^= h >> 29
            i += 8
        }
        while i < n {
            h = (h ^ UInt64(raw[i])) &* 0x100000001b3
            i += 1
        }
    }
    return h
}
