import OKRKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `okrlint check`: find files, lint, report, choose the exit code.
enum Check {
    static func run(_ options: Options) -> Never {
        let (paths, stdin, resolver, discovery) = setUp(options)
        var runOptions = makeRunOptions(options, paths: paths, stdin: stdin, resolver: resolver, discovery: discovery)
        let colorEnv = FileSystem.environment("NO_COLOR").map { !$0.isEmpty } ?? false
        let useColor: Bool
        switch options.color {
        case .always: useColor = true
        case .never: useColor = false
        case .auto: useColor = options.output == nil && FileSystem.isTerminal(1) && !colorEnv
        }
        // Options validated `--format` against the same table.
        guard let format = ReportFormats.named(options.format) else { fail("unknown format `\(options.format)`") }
        let context = ReportContext(color: useColor, summary: !options.quiet, columnUnit: options.columnUnit,
                                    unsafeFixes: options.unsafeFixes)
        let reporter: @Sendable (Workspace) -> any Reporter = { ws in
            var c = context
            c.workspace = ws
            return format.make(c)
        }
        if options.fix || options.diff {
            FixCommand.run(options, runOptions, paths: paths, format: format, context: context, colorEnv: colorEnv)
        }
        var baseline: Baseline? = nil
        if let path = options.baseline {
            switch Baseline.load(path) {
            case .success(let b): baseline = b
            case .failure(let e): fail(e.description)
            }
            runOptions.baseline = baseline
        }
        if let path = options.writeBaseline { runOptions.recordBaselineIn = Path.parent(Path.absolute(path)) }
        // Each file's part is rendered in the run, in parallel, so sources need not be kept for the end.
        if !options.statistics { runOptions.reporter = reporter }
        // The reports of `--also-output`, from the same run: files never get colour.
        let also: [(path: String, make: @Sendable (Workspace) -> any Reporter)] = options.alsoOutputs.map { out in
            guard let f = ReportFormats.named(out.format) else { fail("unknown format `\(out.format)`") }
            var c = context
            c.color = false
            let made: @Sendable (Workspace) -> any Reporter = { [c] ws in var c = c; c.workspace = ws; return f.make(c) }
            return (out.path, made)
        }
        if !also.isEmpty {
            let makers = also.map(\.make)
            runOptions.alsoReporters = { ws in makers.map { $0(ws) } }
        }
        let outcome = lint(runOptions)
        afterRun(outcome, options, paths: paths)
        if let path = options.writeBaseline {
            for e in outcome.errors { printError(e) }
            guard outcome.errors.isEmpty else { fail("\(path): not written, since some files could not be checked") }
            let recorded = Baseline(folder: Path.parent(Path.absolute(path)), counts: outcome.recorded)
            if case .failure(let e) = OutputFile.write(to: path, inputs: outcome.fileIDs, option: "--write-baseline", { $0(recorded.json()) }) { fail(e.description) }
            if !options.quiet {
                FileSystem.write("okrlint: recorded \(recorded.entryCount) finding\(recorded.entryCount == 1 ? "" : "s") in \(SafeText.escape(path)); check with --baseline \(SafeText.escape(path)) to see only new ones\n", to: 2)
            }
            withExtendedLifetime(outcome) { exit(0) }
        }
        if let baseline, let path = options.baseline, !outcome.baselineUnmatched.isEmpty {
            let n = outcome.baselineUnmatched.values.reduce(0, +)
            if options.pruneBaseline {
                let pruned = baseline.pruned(outcome.baselineUnmatched, exists: { FileSystem.exists($0) })
                if case .failure(let e) = OutputFile.write(to: path, inputs: outcome.fileIDs, option: "--prune-baseline", { $0(pruned.json()) }) { fail(e.description) }
                if !options.quiet { FileSystem.write("okrlint: removed \(n) fixed finding\(n == 1 ? "" : "s") from \(SafeText.escape(path))\n", to: 2) }
            } else if !options.quiet {
                note("\(path): \(n) recorded finding\(n == 1 ? " matches" : "s match") nothing any more (fixed); --prune-baseline drops \(n == 1 ? "it" : "them")")
            }
        }
        if options.statistics {
            let stats = Statistics(outcome.result, unsafeFixes: options.unsafeFixes)
            let text = options.format == "json" ? stats.json() : stats.text()
            writeOut(text, options, inputs: outcome.fileIDs)
        } else {
            for (i, out) in also.enumerated() {
                var result = outcome.result
                for k in result.files.indices { let parts = result.files[k].renderedAlso; result.files[k].part = i < parts.count ? parts[i] : nil }
                let made = out.make(outcome.workspace)
                if case .failure(let e) = OutputFile.write(to: out.path, inputs: outcome.fileIDs, option: "--also-output", { made.render(result, to: $0) }) {
                    fail(e.description)
                }
            }
            report(outcome, reporter(outcome.workspace), options, useColor: useColor, to: 1)
        }
        for e in outcome.errors { printError(e) }
        let (code, why) = exitCode(outcome, options)
        if let why { FileSystem.write("okrlint: \(why)\n", to: 2) }
        // Exit without freeing the results: the process ends anyway, and freeing is measurable on large runs.
        withExtendedLifetime(outcome) { exit(code) }
    }

    /// The run's options: a linter per config (rules, date, calendar) and the workspace roots of the paths.
    static func makeRunOptions(_ options: Options, paths: [String], stdin: [UInt8]?, resolver: ConfigResolver, discovery: FileDiscovery) -> RunOptions {
        let realToday = CalendarDate.today()
        var linters: [String: Linter] = [:]
        // The workspace root of each path: the nearest folder with a .okrlint.json, else the git root.
        // `--no-config` is isolated: the workspace is only the paths given (as ruff's `--isolated`).
        var roots: [String] = []
        for p in options.noConfig ? [] : paths + (stdin != nil ? [options.stdinFilename ?? "<stdin>"] : []) {
            if let r = workspaceRoot(for: p), !roots.contains(r) { roots.append(r) }
        }
        var runOptions = RunOptions(
            paths: paths,
            linterFor: { path in
                // Paths here are files (found, or named on the command line, or standard input's name).
                let config = try resolver.config(forFolder: Path.parent(Path.absolute(path)))
                // One linter per config file: building one resolves every rule's options.
                let key = config.path ?? ""
                if let cached = linters[key] { return cached }
                let linter = Linter(settings: config.settings, today: options.today ?? config.today ?? realToday, calendar: config.calendar)
                linters[key] = linter
                return linter
            },
            stdin: stdin, stdinPath: options.stdinFilename ?? "<stdin>", discovery: discovery)
        runOptions.workspaceRoots = roots
        runOptions.reportAll = options.reportAll
        runOptions.readHistory = true
        runOptions.historyCache = !options.noCache
        return runOptions
    }

    /// What `check` and `fmt` share: the paths (`.` when none; `-` taken out and standard input read), the configs
    /// and how files are found (walked paths are left out by the `exclude` / `include` of the config nearest to them).
    static func setUp(_ options: Options) -> (paths: [String], stdin: [UInt8]?, resolver: ConfigResolver, discovery: FileDiscovery) {
        // Every absolute path below starts here: without it, the config and workspace searches have no ground.
        if case .failure(let e) = FileSystem.workingDirectory { fail(e.message) }
        var paths = options.paths.isEmpty ? ["."] : options.paths
        var stdin: [UInt8]? = nil
        if paths.contains("-") {
            switch FileSystem.readStandardInput() {
            case .success(let b): stdin = b
            case .failure(let e): fail("standard input: \(e.message)")
            }
            paths.removeAll { $0 == "-" }
        }
        let resolver: ConfigResolver
        do {
            resolver = try ConfigResolver(explicit: options.configPath, disabled: options.noConfig, anchors: paths)
        } catch {
            fail(error.description)
        }
        let discovery = FileDiscovery(isExcluded: { path, isFolder in
            let abs = Path.absolute(path)
            let config = try resolver.config(forFolder: Path.parent(abs))
            return config.isExcluded(abs) || (!isFolder && !config.isIncluded(abs))
        })
        return (paths, stdin, resolver, discovery)
    }

    /// The run, or the config error that stopped it (exit 2).
    static func lint(_ runOptions: RunOptions) -> RunOutcome {
        do {
            return try LintRun.run(runOptions)
        } catch let error as ConfigError {
            fail(error.description)
        } catch {
            fail("\(error)")
        }
    }

    /// Notes on links not followed and on history not read, and exit 2 when there was nothing to check.
    static func afterRun(_ outcome: RunOutcome, _ options: Options, paths: [String]) {
        if let problem = outcome.historyProblem, !options.quiet {
            note("the history rules (moving-goalposts) did not run: \(problem)")
        }
        afterFinding(skippedLinks: outcome.skippedLinks, requested: outcome.filesRequested, failed: !outcome.errors.isEmpty,
                     options, paths: paths, verb: "check")
    }

    /// `afterRun` for any command that finds files (`check`, `fmt`: `verb` says which).
    static func afterFinding(skippedLinks: [String], requested: Int, failed: Bool, _ options: Options, paths: [String], verb: String) {
        if !options.quiet {
            for link in skippedLinks {
                note("\(Path.clean(link)): symbolic link not followed (links found in folders are not followed; name its target to \(verb) it)")
            }
        }
        // A run that checks nothing must not pass as if all were well (ESLint: "No files matching the pattern").
        if requested == 0 && !failed {
            let given = options.paths.isEmpty ? "." : paths.joined(separator: " ")
            fail("no OKR files (*.okr, *.okr.md) to \(verb) in \(given); hidden folders, node_modules, .build, build, "
                 + "DerivedData, symbolic links and the config's `exclude` are skipped")
        }
    }

    /// The report to `--output`, or to `fd` (standard output; standard error when standard output carries fixed text).
    static func report(_ outcome: RunOutcome, _ report: any Reporter, _ options: Options, useColor: Bool, to fd: Int32) {
        let result = outcome.result
        if let out = options.output {
            let written = OutputFile.write(to: out, inputs: outcome.fileIDs) { emit in report.render(result, to: emit) }
            if case .failure(let e) = written { fail(e.description) }
            if !options.quiet {
                let human = HumanReporter(color: useColor, unsafeFixes: options.unsafeFixes)
                FileSystem.write(human.summaryLine(result) + "\n" + (human.fixesLine(result).map { $0 + "\n" } ?? ""), to: fd)
            }
        } else {
            report.render(result) { chunk in _ = FileSystem.write(chunk, to: fd) }
        }
    }

    /// A whole text to `--output` (atomically, never over a file the run read) or to standard output: what
    /// `--statistics`, `graph`, `report` and `diff` print.
    static func writeOut(_ text: String, _ options: Options, inputs: Set<FileID>) {
        guard let out = options.output else {
            FileSystem.write(text, to: 1)
            return
        }
        if case .failure(let e) = OutputFile.write(to: out, inputs: inputs, { $0(text) }) { fail(e.description) }
    }

    static func printError(_ e: RunError) {
        FileSystem.write("okrlint: error: \(SafeText.escape(Path.clean(e.path))): \(SafeText.escape(e.message))\n", to: 2)
    }

    /// The exit code, and why warnings failed the run when they did (errors are in the summary already).
    static func exitCode(_ outcome: RunOutcome, _ options: Options) -> (Int32, String?) {
        if !outcome.errors.isEmpty { return (2, nil) }
        if options.exitZero { return (0, nil) }
        let errors = outcome.result.count(.error)
        let warnings = outcome.result.count(.warning)
        if errors > 0 { return (1, nil) }
        if options.strict && warnings > 0 {
            return (1, (warnings == 1 ? "1 warning fails" : "\(warnings) warnings fail") + " the run (--strict)")
        }
        if let max = options.maxWarnings, warnings > max {
            return (1, "too many warnings: \(warnings) (maximum: \(max), --max-warnings)")
        }
        return (0, nil)
    }
}


/// The nearest ancestor folder of `path` holding `.okrlint.json`, else the repository root; never above the
/// workspace root (`WorkspaceRoot`).
func workspaceRoot(for path: String) -> String? { WorkspaceRoot.workspaceFolder(for: path) }
