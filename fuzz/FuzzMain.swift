#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// libFuzzer entry point, compiled into the same module as OKRKit's sources by fuzz/run.
// Each input runs parse (and checks the line layer, and on one input in four an incremental re-parse), every rule over
// a two-file workspace, suppressions, the fixes (valid; on one input in two, applied round after round without adding a
// syntax error, and diffed), the formatter (one input in two: idempotent, no syntax error added), the summary and
// progress, and the AST
// dump. Rendering dominates the cost of an input with many findings, so the human and JSON reporters run on one
// input in 4 and the others (mostly fixed text per rule) on one in 32, chosen by the input's bytes: more inputs per
// second reach the parser and the rules, and every reporter still sees thousands of inputs a minute.

let fuzzCompany = Parser.parse(path: "company.okr", text: "# C\n- okr: 1\n- team: company\n- period: 2026-Q4\n## O1: A\n## O2: B\n")
let fuzzLinter = Linter(today: CalendarDate(year: 2026, month: 11, day: 25)!)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let doc = Parser.parse(path: "fuzz.okr", bytes: bytes)
    // The lossless layer: the lines print the input back, every node and error sits on a line of its kind.
    let problems = doc.lineLayerProblems()
    precondition(problems.isEmpty, "line layer: \(problems.prefix(3))")
    // Incremental re-parse: the input with a slice cut out, then the slice put back, parses as the input does.
    if size > 2 && bytes[size / 2] % 4 == 0 {
        let a = Int(bytes[0]) % size, b = min(size, a + Int(bytes[size - 1]) % 64)
        var session = ParseSession(path: "fuzz.okr", bytes: Array(bytes[..<a]) + Array(bytes[b...]))
        session.edit(SourceRange(start: a, end: a), replacement: Array(bytes[a..<b]))
        precondition(session.document.lines == doc.lines && ASTDump.dump(session.document) == ASTDump.dump(doc), "incremental re-parse differs")
    }
    let ws = Workspace(documents: [doc, fuzzCompany])
    let diags = fuzzLinter.lint(doc, in: ws)
    for d in diags {
        precondition(d.range.start >= 0 && d.range.end <= bytes.count && d.range.start <= d.range.end, "range outside the file: \(d.ruleID)")
        // Every fix is applicable: inside the file, edits in order and apart.
        if let f = d.fix { precondition(f.isValid(byteCount: bytes.count), "invalid fix of \(d.ruleID): \(f.edits.map(\.range))") }
    }
    // Fixing (every fix, unsafe too, round after round) never adds a syntax error, and its diff is well formed.
    if diags.contains(where: { $0.fix != nil }) && bytes.count % 2 == 0 {
        let fixed = Fixer.fix(doc.source, diagnostics: diags, linter: fuzzLinter, unsafe: true)
        precondition(Parser.parse(path: "fuzz.okr", bytes: fixed.fixed).syntaxDiagnostics.count <= doc.syntaxDiagnostics.count,
                     "fixing added syntax errors")
        precondition(fixed.changed == !UnifiedDiff.diff(path: "fuzz.okr", old: fixed.original, new: fixed.fixed).isEmpty, "diff")
    }
    // The formatter (one input in two): what `okrlint fmt` writes reads with no more syntax errors than the input
    // (`FormatRun` refuses a file otherwise), and formatting it again changes nothing.
    if bytes.count % 2 == 1 || size == 0 {
        let f = Formatter.format(doc)
        let again = Parser.parse(path: "fuzz.okr", bytes: f.bytes)
        precondition(again.syntaxDiagnostics.count <= doc.syntaxDiagnostics.count - f.keysLowercased, "formatting added syntax errors")
        precondition(Formatter.format(again).bytes == f.bytes, "formatting twice differs")
    }
    // History rules and the commitment diff: the input's first half as the committed version, the whole as the
    // working tree (one input in four).
    if size > 8 && bytes[size / 3] % 4 == 1 {
        let old = Parser.parse(path: "fuzz.okr", bytes: Array(bytes[..<(size / 2)]))
        let history = FileHistory(versions: [FileVersion(commit: String(repeating: "a", count: 40), date: CalendarDate(year: 2026, month: 10, day: 20)!, document: old)])
        for d in fuzzLinter.lintHistory(doc, history) + fuzzLinter.lintDocument(doc, history: history) {
            precondition(d.range.start >= 0 && d.range.end <= bytes.count && d.range.start <= d.range.end, "range outside the file: \(d.ruleID)")
        }
        _ = CommitmentDiff.text(CommitmentDiff.compare(old, doc, path: "fuzz.okr"), base: "HEAD")
        // The log reader on the input as git's output: it stops or reads, never crashes, and keeps only what it follows.
        var reader = LogReader(HistoryWalk(wanted: ["fuzz.okr"], unlanded: []))
        _ = bytes.withUnsafeBytes { reader.feed($0) }
        if let walk = reader.finish() { precondition(walk.segments.count == 1 + walk.deleted.count, "a segment nobody follows") }
        // A baseline of the findings covers them all.
        let baseline = Baseline.recording(LintResult(files: [FileResult(source: doc.source, diagnostics: diags)]), folder: "/")
        precondition(baseline.apply(FileResult(source: doc.source, diagnostics: diags)).kept.isEmpty, "a baseline of the findings keeps one")
    }
    // One input in 1,024: a scratch repository holding the input's halves as two commits, with configuration,
    // attributes and hooks that would each run a program, read by GitHistory: nothing may run.
    if size > 8 && bytes[size / 5] == 0x2A && bytes[size / 7] % 4 == 0 { fuzzHostileRepository(bytes) }
    let result = LintResult(files: [FileResult(source: doc.source, diagnostics: diags)])
    _ = ASTDump.dump(doc)
    for i in doc.objectives.indices { _ = Progress.rolledUp(ObjectiveRef(document: 0, objective: i), in: ws) }
    let pick = bytes.reduce(0, { $0 &+ Int($1) })
    if pick % 4 == 0 {
        _ = HumanReporter(color: true).render(result)
        _ = JsonReporter(fileExtras: { f, w in WorkspaceJSON.write(f.path, ws, &w) }).render(result)
    }
    if pick % 16 == 1 {
        // The report and the graph of a workspace of this file and the company file.
        let model = ReportModel(workspace: ws, documents: [doc, fuzzCompany], findings: ["fuzz.okr": diags], today: fuzzLinter.today, calendar: { _ in .calendarYear })
        _ = ReportText().render(model)
        _ = ReportMarkdown().render(model)
        let html = ReportHTML().render(model)
        precondition(!html.contains("<script"), "a script element in the report")
        _ = ReportJSON().render(model)
        let graph = AlignmentGraph(workspace: ws, findings: ["fuzz.okr": diags], keyResults: true)
        _ = graph.render(.mermaid)
        _ = graph.render(.dot)
    }
    if pick % 32 == 0 {
        _ = SarifReporter().render(result)
        _ = GitHubReporter().render(result)
        _ = JUnitReporter().render(result)
        _ = CheckstyleReporter().render(result)
        _ = GitLabReporter().render(result)
        _ = GccReporter().render(result)
    }
    return 0
}

/// Builds a scratch repository whose configuration, attributes and hooks name programs that leave a marker file, with
/// the input's first half and then the whole input committed as `fuzz.okr`, and reads its history as a run does.
func fuzzHostileRepository(_ bytes: [UInt8]) {
    var template = Array("/tmp/okrfuzz-repo-XXXXXX".utf8CString)
    guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else { return }
    let root = String(cString: made)
    defer { _ = fuzzShell("rm -rf '\(root)'") }
    guard fuzzShell("mkdir -p '\(root)/markers' && git init -q '\(root)' && cd '\(root)' && git config user.email f@f && git config user.name f") else { return }
    fuzzHostileCommitAndRead(bytes, root: root, markers: root + "/markers")
}

/// Writes `bytes` to the file at `path`, replacing it.
func fuzzWrite(_ bytes: [UInt8], _ path: String) -> Bool {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    return bytes.withUnsafeBytes { FileSystem.writeAll(fd, $0) }
}

func fuzzHostileCommitAndRead(_ bytes: [UInt8], root: String, markers: String) {
    let half = Array(bytes[..<(bytes.count / 2)])
    guard fuzzWrite(half, root + "/fuzz.okr"),
          fuzzShell("cd '\(root)' && git add fuzz.okr && git commit -q -m a"),
          fuzzWrite(bytes, root + "/fuzz.okr"),
          fuzzShell("cd '\(root)' && git commit -q -a -m b") else { return }
    let touch = { (name: String) in "touch \(markers)/\(name)" }
    var config = "[core]\n\tfsmonitor = \(touch("fsmonitor"))\n\thooksPath = \(root)/hooks\n\tpager = \(touch("pager"))\n"
    config += "[diff]\n\texternal = \(touch("external"))\n[diff \"x\"]\n\ttextconv = \(touch("textconv"))\n\tcommand = \(touch("command"))\n"
    config += "[filter \"x\"]\n\tclean = \(touch("clean"))\n\tsmudge = \(touch("smudge"))\n\tprocess = \(touch("process"))\n"
    config += "[log]\n\tshowSignature = true\n[gpg]\n\tprogram = \(touch("gpg"))\n[pager]\n\tlog = \(touch("pager-log"))\n"
    config += "[credential]\n\thelper = !\(touch("credential"))\n[protocol]\n\tallow = always\n"
    var hooks = "mkdir -p '\(root)/hooks'"
    for h in ["post-checkout", "post-index-change", "reference-transaction", "pre-auto-gc", "post-rewrite", "post-commit"] {
        hooks += " && printf '#!/bin/sh\\n\(touch("hook-" + h))\\n' > '\(root)/hooks/\(h)' && chmod +x '\(root)/hooks/\(h)'"
    }
    guard fuzzShell(hooks), fuzzShell("cd '\(root)' && printf '*.okr diff=x filter=x\\n' > .gitattributes && cat >> .git/config <<'EOF'\n\(config)EOF") else { return }
    let doc = Parser.parse(path: root + "/fuzz.okr", bytes: bytes)
    if case .success(let history) = GitHistory.load(folder: root, since: CalendarDate(year: 2020, month: 1, day: 1)!, paths: [root + "/fuzz.okr"]) {
        _ = history.history(ofAbsolutePath: root + "/fuzz.okr", current: doc)
        history.finish()
    }
    if case .success(let listing) = FileSystem.list(markers) { precondition(listing.isEmpty, "git ran a program the repository named: \(listing)") }
}

/// Runs a shell command (the fuzz target's own set-up, never okrlint's code path); whether it succeeded.
func fuzzShell(_ command: String) -> Bool {
    var pid: pid_t = 0
    let argv = ["/bin/sh", "-c", command]
    let status: Int32 = Git.withCStrings(argv) { cargv in posix_spawn(&pid, "/bin/sh", nil, nil, cargv, environ) }
    guard status == 0 else { return false }
    var wstatus: Int32 = 0
    while waitpid(pid, &wstatus, 0) < 0 && errno == EINTR {}
    return wstatus == 0
}
