import OKRKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `okrlint fmt`: puts files in the canonical form (`FormatRun`). Without options it rewrites the files that change
/// and exits 0; `--check` lists them, `--diff` prints their diffs, and both write nothing and exit 1 when a file
/// would change. `-` formats standard input to standard output. Exit 2 on usage and I/O errors, as `check`.
enum FmtCommand {
    static func run(_ options: Options) -> Never {
        let (paths, stdin, _, discovery) = Check.setUp(options)
        let mode: FormatRun.Mode = options.check ? .check : options.diff ? .diff : .write
        let outcome: FormatRun.Outcome
        do {
            outcome = try FormatRun.run(paths: paths, discovery: discovery, stdin: stdin,
                                        stdinPath: options.stdinFilename ?? "<stdin>", mode: mode)
        } catch let error as ConfigError {
            fail(error.description)
        } catch {
            fail("\(error)")
        }
        Check.afterFinding(skippedLinks: outcome.skippedLinks, requested: outcome.filesRequested, failed: !outcome.errors.isEmpty,
                           options, paths: paths, verb: "format")
        let changed = outcome.files.filter(\.changed)
        // Standard output carries the formatted text (`-`) or the diffs; then the words go to standard error.
        let stdinMode = stdin != nil
        let wordsFD: Int32 = stdinMode || mode == .diff ? 2 : 1
        switch mode {
        case .write:
            if stdinMode, let text = outcome.files.first?.formatted {
                if !FileSystem.write(bytes: text, to: 1) { fail("could not write the formatted text: \(FileSystem.errnoMessage(errno))") }
            }
        case .check:
            for f in changed { FileSystem.write("Would reformat: \(SafeText.escape(f.path))\n", to: wordsFD) }
        case .diff:
            for f in changed { if let d = f.diff { FileSystem.write(d, to: 1) } }
        }
        if !options.quiet {
            for f in outcome.files where f.linesWithErrors > 0 {
                let what = f.linesWithErrors == 1 ? "1 line with a syntax error" : "\(f.linesWithErrors) lines with syntax errors"
                note("\(f.path): \(what) left as written (`okrlint check` explains them)")
            }
            let unchanged = outcome.files.count - changed.count
            let summary: String
            switch mode {
            case .write:
                // Standard input is not a file written: it is not counted.
                let written = changed.filter { !$0.isStandardInput }.count
                let kept = outcome.files.filter { !$0.changed && !$0.isStandardInput }.count
                summary = "\(plural(written, "file")) reformatted, \(plural(kept, "file")) left unchanged"
            case .check, .diff:
                summary = changed.isEmpty ? "\(plural(unchanged, "file")) already formatted"
                    : "\(plural(changed.count, "file")) would be reformatted, \(plural(unchanged, "file")) already formatted"
            }
            // Not after the formatted text of standard input alone, nor when every file failed.
            if !(stdinMode && mode == .write && outcome.files.count == 1) && !outcome.files.isEmpty {
                FileSystem.write(summary + "\n", to: wordsFD)
            }
        }
        for e in outcome.errors { Check.printError(e) }
        if !outcome.errors.isEmpty { exit(2) }
        exit(mode != .write && !changed.isEmpty ? 1 : 0)
    }

    static func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
}
