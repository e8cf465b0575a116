import Dispatch

/// `okrlint fmt` over files: finds them as a check does (`FileDiscovery`: the same skipped folders, the config's
/// `exclude`, symbolic links in folders not followed), then reads, formats and writes (or checks, or diffs) each
/// file in parallel. Only each file's outcome is kept, never its text (except standard input's), so memory does not
/// grow with the input.
public enum FormatRun {
    public enum Mode: Sendable {
        /// Write changed files back (`FixWriter`: atomic, never through a link).
        case write
        /// Only say which files would change.
        case check
        /// A unified diff of each file that would change.
        case diff
    }

    public struct FileOutcome: Sendable {
        /// The path as shown.
        public var path: String
        /// The file is not in the canonical form (in `.write` mode: it was rewritten).
        public var changed: Bool
        /// Lines left as written because they have syntax errors.
        public var linesWithErrors: Int
        /// `.diff` mode: the diff of a changed file.
        public var diff: String?
        /// Standard input: the canonical text.
        public var formatted: [UInt8]?
        /// Standard input (formatted to standard output, never written).
        public var isStandardInput: Bool { formatted != nil }
    }

    public struct Outcome: Sendable {
        /// The files formatted (or checked), in the order found; a file with an error is not among them.
        public var files: [FileOutcome] = []
        public var errors: [RunError] = []
        public var skippedLinks: [String] = []
        /// Files asked for (found, named, or standard input), including those with errors.
        public var filesRequested = 0
    }

    /// Formats `paths` (files and folders; `-` is `stdin`, shown as `stdinPath`).
    public static func run(paths: [String], discovery: FileDiscovery, stdin: [UInt8]?, stdinPath: String,
                           mode: Mode) throws -> Outcome {
        var found = try discovery.discover(paths.filter { $0 != "-" })
        var outcome = Outcome(errors: found.errors, skippedLinks: found.skippedLinks)
        outcome.filesRequested = found.files.count + (stdin == nil ? 0 : 1)
        // A file named on the command line is checked whatever its name, but rewriting `README.md` or a binary that a
        // shell glob caught would destroy it: only OKR files are formatted.
        found.files.removeAll { f in
            guard !Path.isOKRFile(f.path) else { return false }
            outcome.errors.append(RunError(path: f.path, message: "is not an OKR file (*.okr, *.okr.md); not formatted"))
            return true
        }
        if let stdin {
            let path = Path.clean(stdinPath)
            switch format(path: path, bytes: stdin) {
            case .success(let r):
                outcome.files.append(FileOutcome(path: path, changed: r.changed, linesWithErrors: r.linesWithErrors,
                                                 diff: mode == .diff && r.changed ? UnifiedDiff.diff(path: path, old: stdin, new: r.bytes) : nil,
                                                 formatted: r.bytes))
            case .failure(let e):
                outcome.errors.append(e)
            }
        }
        let files = found.files
        let slots = Slots<Result<FileOutcome, RunError>>(files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { i in
            let file = files[i]
            let path = Path.clean(file.path)
            slots[i] = LintRun.read(file).flatMap { bytes in
                format(path: path, bytes: bytes).flatMap { r in
                    var o = FileOutcome(path: path, changed: r.changed, linesWithErrors: r.linesWithErrors)
                    guard r.changed else { return .success(o) }
                    switch mode {
                    case .write:
                        return FixWriter.write(r.bytes, over: bytes, to: file, purpose: .format).map { o }
                    case .check:
                        return .success(o)
                    case .diff:
                        o.diff = UnifiedDiff.diff(path: path, old: bytes, new: r.bytes)
                        return .success(o)
                    }
                }
            }
        }
        for i in 0..<files.count {
            switch slots[i]! {
            case .success(let o): outcome.files.append(o)
            case .failure(let e): outcome.errors.append(e)
            }
        }
        return outcome
    }

    /// The canonical form of one file, unless it would read with more syntax errors than the file: then the file is
    /// left alone and that is an error (the formatter's tests say it never happens; this makes sure of it).
    static func format(path: String, bytes: [UInt8]) -> Result<Formatter.Result, RunError> {
        let doc = Parser.parse(path: path, bytes: bytes)
        let r = Formatter.format(doc)
        guard r.changed else { return .success(r) }
        let errorsBefore = doc.syntaxDiagnostics.count - r.keysLowercased
        let errorsAfter = Parser.parse(path: path, bytes: r.bytes).syntaxDiagnostics.count
        guard errorsAfter <= errorsBefore else {
            return .failure(RunError(path: path, message: "formatting it would add syntax errors (\(errorsBefore) -> \(errorsAfter)), "
                                     + "so it is left as it is; please report this as an okrlint bug"))
        }
        return .success(r)
    }
}
