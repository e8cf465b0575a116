// libFuzzer entry point, compiled into the same module as OKRKit's sources by fuzz/run.
// Each input runs parse, every rule over a two-file workspace, suppressions, the AST dump and the human and JSON
// reporters; the other reporters (mostly fixed text per rule) run on one input in 64, chosen by its bytes.

let fuzzCompany = Parser.parse(path: "company.okr", text: "# C\n- okr: 1\n- team: company\n- period: 2026-Q4\n## O1: A\n## O2: B\n")
let fuzzLinter = Linter(today: CalendarDate(year: 2026, month: 11, day: 25)!)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let doc = Parser.parse(path: "fuzz.okr", bytes: bytes)
    let ws = Workspace(documents: [doc, fuzzCompany])
    let diags = fuzzLinter.lint(doc, in: ws)
    for d in diags {
        precondition(d.range.start >= 0 && d.range.end <= bytes.count && d.range.start <= d.range.end, "range outside the file: \(d.ruleID)")
    }
    let result = LintResult(files: [FileResult(source: doc.source, diagnostics: diags)])
    _ = ASTDump.dump(doc)
    _ = HumanReporter(color: true).render(result)
    _ = JsonReporter(fileExtras: { f, w in WorkspaceJSON.write(f.path, ws, &w) }).render(result)
    for i in doc.objectives.indices { _ = Progress.rolledUp(ObjectiveRef(document: 0, objective: i), in: ws) }
    if bytes.reduce(0, { $0 &+ Int($1) }) % 64 == 0 {
        _ = SarifReporter().render(result)
        _ = GitHubReporter().render(result)
        _ = JUnitReporter().render(result)
        _ = CheckstyleReporter().render(result)
        _ = GitLabReporter().render(result)
        _ = GccReporter().render(result)
    }
    return 0
}
