import OKRKit
#if canImport(Glibc)
import Glibc
#endif

/// `okrlint check`: find files, lint, report, choose the exit code.
enum Check {
    static func run(_ options: Options) -> Never {
        var paths = options.paths.isEmpty ? ["."] : options.paths
        var stdin: [UInt8]? = nil
        if paths.contains("-") {
            switch FileSystem.readStandardInput() {
            case .success(let b): stdin = b
            case .failure(let e): fail(e.description)
            }
            paths.removeAll { $0 == "-" }
        }
        let resolver: ConfigResolver
        do {
            resolver = try ConfigResolver(explicit: options.configPath, disabled: options.noConfig, anchors: paths)
        } catch {
            fail(error.description)
        }
        let realToday = CalendarDate.today()
        var linters: [String: Linter] = [:]
        // Walked paths are left out by the `exclude` / `include` of the config nearest to them.
        let discovery = FileDiscovery(isExcluded: { path, isFolder in
            let abs = Path.absolute(path)
            let config = try resolver.config(forFolder: Path.parent(abs))
            return config.isExcluded(abs) || (!isFolder && !config.isIncluded(abs))
        })
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
                let linter = Linter(settings: config.settings, today: options.today ?? config.today ?? realToday)
                linters[key] = linter
                return linter
            },
            stdin: stdin, stdinPath: options.stdinFilename ?? "<stdin>", discovery: discovery)
        runOptions.workspaceRoots = roots
        runOptions.reportAll = options.reportAll
        let colorEnv = FileSystem.environment("NO_COLOR").map { !$0.isEmpty } ?? false
        let useColor: Bool
        switch options.color {
        case .always: useColor = true
        case .never: useColor = false
        case .auto: useColor = options.output == nil && FileSystem.isTerminal(1) && !colorEnv
        }
        let format = options.format, quiet = options.quiet
        // The reporter for the chosen format; JSON adds the workspace's objectives and progress per file.
        let reporter: @Sendable (Workspace) -> any Reporter = { ws in
            switch format {
            case "json": JsonReporter(fileExtras: { file, w in WorkspaceJSON.write(file.path, ws, &w) })
            case "sarif": SarifReporter()
            case "github": GitHubReporter()
            case "gcc": GccReporter()
            case "junit": JUnitReporter()
            case "checkstyle": CheckstyleReporter()
            case "gitlab": GitLabReporter()
            default: HumanReporter(color: useColor, summary: !quiet)
            }
        }
        // Each file's part is rendered in the run, in parallel, so sources need not be kept for the end.
        runOptions.renderFile = { file, ws in reporter(ws).renderFile(file) }
        let outcome: RunOutcome
        do {
            outcome = try LintRun.run(runOptions)
        } catch let error as ConfigError {
            fail(error.description)
        } catch {
            fail("\(error)")
        }
        let result = outcome.result

        let report = reporter(outcome.workspace)
        if let out = options.output {
            if case .failure(let e) = FileSystem.writeAtomically(to: out, { emit in report.render(result, to: emit) }) { fail(e.description) }
            if !options.quiet {
                FileSystem.write(HumanReporter(color: useColor).summaryLine(result) + "\n", to: 1)
            }
        } else {
            report.render(result) { chunk in _ = FileSystem.write(chunk, to: 1) }
        }
        for e in outcome.errors {
            FileSystem.write("okrlint: error: \(Path.clean(e.path)): \(e.message)\n", to: 2)
        }
        // Exit without freeing the results: the process ends anyway, and freeing is measurable on large runs.
        let code = exitCode(outcome, options)
        withExtendedLifetime(outcome) { exit(code) }
    }

    static func exitCode(_ outcome: RunOutcome, _ options: Options) -> Int32 {
        if !outcome.errors.isEmpty { return 2 }
        if options.exitZero { return 0 }
        let errors = outcome.result.count(.error)
        let warnings = outcome.result.count(.warning)
        if errors > 0 { return 1 }
        if options.strict && warnings > 0 { return 1 }
        if let max = options.maxWarnings, warnings > max { return 1 }
        return 0
    }
}


/// The nearest ancestor folder of `path` holding `.okrlint.json`, else the repository root; never above the
/// workspace root (`WorkspaceRoot`).
func workspaceRoot(for path: String) -> String? { WorkspaceRoot.workspaceFolder(for: path) }
