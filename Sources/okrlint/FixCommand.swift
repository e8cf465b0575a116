import OKRKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `okrlint --fix` and `--diff`: lint, fix each file with fixes (round after round, `Fixer`), then either print the
/// diffs (`--diff`, nothing written) or write the files back (`FixWriter`) and report what remains from a new run.
enum FixCommand {
    static func run(_ options: Options, _ runOptions: RunOptions, paths: [String], format: ReportFormat,
                    context: ReportContext, colorEnv: Bool) -> Never {
        // The first run keeps each file's source: the fixes are made from it.
        var first = runOptions
        first.renderFile = nil
        first.reporter = nil
        let outcome = Check.lint(first)
        Check.afterRun(outcome, options, paths: paths)
        let unsafe = options.unsafeFixes
        var jobs: [Fixer.Job] = []
        var jobFile: [Int] = []
        for (i, f) in outcome.result.files.enumerated() where Fixer.hasFix(f.diagnostics, unsafe: unsafe) {
            // Its config was read in the run already, so this does not fail.
            guard let linter = try? runOptions.linterFor(f.path) else { continue }
            jobs.append(Fixer.Job(source: f.source, diagnostics: f.diagnostics, linter: linter))
            jobFile.append(i)
        }
        let fixes = Fixer.fixAll(jobs, unsafe: unsafe)
        for f in fixes { if let why = f.refused { note("\(f.path): \(why)") } }
        let stdinMode = runOptions.stdin != nil
        if options.diff { diff(fixes, outcome, options) }

        // Write the files back; standard input's text goes to standard output.
        var errors: [RunError] = []
        var done: [FileFix] = []
        var stdinText = runOptions.stdin
        for (k, f) in fixes.enumerated() where f.changed {
            let i = jobFile[k]
            if outcome.firstIsStdin && i == 0 {
                stdinText = f.fixed
                done.append(f)
                continue
            }
            switch FixWriter.write(f.fixed, over: f.original, to: outcome.reportedInputs[i]) {
            case .success: done.append(f)
            case .failure(let e): errors.append(e)
            }
        }
        if let text = stdinText {
            // The bytes as they are: a file that is not valid UTF-8 comes back unchanged where no fix touched it.
            if !FileSystem.write(bytes: text, to: 1) { errors.append(RunError(path: "-", message: "could not write the fixed text: \(FileSystem.errnoMessage(errno))")) }
        }

        // What remains, from a new run over the files as they are now.
        var second = runOptions
        second.stdin = stdinText
        // With standard input the report goes to standard error: standard output holds the fixed text.
        let reportFD: Int32 = stdinMode ? 2 : 1
        var reportContext = context
        if stdinMode && options.color == .auto { reportContext.color = options.output == nil && FileSystem.isTerminal(2) && !colorEnv }
        let ctx = reportContext
        let reporter: @Sendable (Workspace) -> any Reporter = { ws in
            var c = ctx
            c.workspace = ws
            return format.make(c)
        }
        second.reporter = reporter
        let final = Check.lint(second)
        Check.report(final, reporter(final.workspace), options, useColor: ctx.color, to: reportFD)
        let fixedCount = done.reduce(0) { $0 + $1.applied.count }
        let remaining = final.result.files.reduce(0) { $0 + $1.diagnostics.count }
        // Beside the human report (or the summary line of `--output`); on standard error when standard output
        // carries JSON, SARIF or the fixed text.
        let notesFD: Int32 = !stdinMode && (options.format == HumanReporter.id || options.output != nil) ? 1 : 2
        if !options.quiet {
            let files = done.count
            FileSystem.write("Fixed \(plural(fixedCount, "finding")) in \(plural(files, "file")) (\(remaining) remaining).\n", to: notesFD)
        }
        if options.showFixes { FileSystem.write(list(done, heading: "Fixed"), to: notesFD) }
        for e in final.errors + errors { Check.printError(e) }
        if !final.errors.isEmpty || !errors.isEmpty { exit(2) }
        let (code, why) = Check.exitCode(final, options)
        if let why { FileSystem.write("okrlint: \(why)\n", to: 2) }
        withExtendedLifetime(final) { exit(code) }
    }

    /// `--diff`: the diffs on standard output, a count on standard error; exit 1 when there is a diff (2 on errors).
    static func diff(_ fixes: [FileFix], _ outcome: RunOutcome, _ options: Options) -> Never {
        let changed = fixes.filter(\.changed)
        for f in changed {
            FileSystem.write(UnifiedDiff.diff(path: f.path, old: f.original, new: f.fixed), to: 1)
        }
        let count = changed.reduce(0) { $0 + $1.applied.count }
        if !options.quiet {
            FileSystem.write(count == 0 ? "No fixes to apply.\n"
                             : "Would fix \(plural(count, "finding")) in \(plural(changed.count, "file")).\n", to: 2)
        }
        if options.showFixes { FileSystem.write(list(changed, heading: "Would fix"), to: 2) }
        for e in outcome.errors { Check.printError(e) }
        if !outcome.errors.isEmpty { exit(2) }
        exit(changed.isEmpty ? 0 : 1)
    }

    /// `--show-fixes`: each fix, by file (positions are in the text the fix was applied to: a later round sees the
    /// file as the earlier rounds left it).
    static func list(_ fixes: [FileFix], heading: String) -> String {
        let count = fixes.reduce(0) { $0 + $1.applied.count }
        guard count > 0 else { return "" }
        var out = "\(heading) \(plural(count, "finding")):\n"
        for f in fixes where !f.applied.isEmpty {
            out += "  \(SafeText.escape(f.path)):\n"
            for a in f.applied {
                let unsafe = a.applicability == .unsafe ? " (unsafe)" : ""
                out += "    \(a.line):\(a.column) \(a.ruleID): \(SafeText.escape(a.message))\(unsafe)\n"
            }
        }
        return out
    }

    static func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
}
