import OKRKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Stops with a message on stderr. The message is escaped (`SafeText`): it may quote a path, a config key or a word
/// from the command line, and none of them may reach the terminal raw. `hint` is ours, printed as it is.
func fail(_ message: String, hint: String? = nil, code: Int32 = 2) -> Never {
    FileSystem.write("okrlint: error: \(SafeText.escape(message))\n" + (hint.map { $0 + "\n" } ?? ""), to: 2)
    exit(code)
}

/// A remark on stderr that does not change the exit code.
func note(_ message: String) {
    FileSystem.write("okrlint: note: \(SafeText.escape(message))\n", to: 2)
}

let options: Options
do {
    options = try Options.parse(Array(CommandLine.arguments.dropFirst()), isPath: { FileSystem.info(bytes: Array($0.utf8), follow: false).kind != .missing })
} catch {
    fail(error.message, hint: "Run `okrlint --help` for usage.")
}

if options.showHelp {
    FileSystem.write((options.command == "lsp" ? Options.lspHelp : Options.help) + "\n", to: 1)
    exit(0)
}
if options.showVersion {
    FileSystem.write("okrlint \(okrlintVersion)\n", to: 1)
    exit(0)
}

/// `okrlint rule syntax-error`: the parser's errors are not a rule of the registry, but users meet the id in
/// every report, so it is explained like one.
func syntaxErrorPage() -> String {
    let info = RuleInfo.all.first { $0.id == syntaxErrorID }!
    return """
    # \(info.id)

    \(info.summary)

    Default severity: **error**. Always on: it cannot be turned off in `.okrlint.json` or suppressed with an
    `okrlint-disable` comment, because the rest of the file is read around the line it reports.

    ## Why

    \(info.rationale)

    ## Fix

    Two of its findings have a fix: a key with capitals (`- Owner: @dana`) is lowercased (safe), and a heading
    without the colon after its ID (`## O2 - Delight customers`, `### KR1.1) Cut churn`) becomes `## O2: Delight
    customers` (safe; unsafe when only a space separates the ID, as in `## O2 Delight customers`). `okrlint --fix`
    applies them.

    ## Example that triggers it

    ```markdown
    # Platform team OKRs

    - okr: 1
    - team: platform
    - period: 2026-Q4

    * a Markdown bullet the format does not read
    ```

    """
}

switch options.command {
case "dump":
    // Options checked that there is exactly one argument.
    let path = options.commandArguments[0]
    switch path == "-" ? FileSystem.readStandardInput() : FileSystem.readFile(path) {
    case .success(let bytes):
        // Values and messages in the tree quote the file: each line is made safe for the terminal.
        let tree = ASTDump.dump(Parser.parse(path: path, bytes: bytes)).split(separator: "\n", omittingEmptySubsequences: false)
        FileSystem.write(tree.map { SafeText.escape(String($0)) }.joined(separator: "\n") + "\n", to: 1)
        exit(0)
    case .failure(let e):
        fail(e.description)
    }
case "rules":
    FileSystem.write(options.commandArguments.first == "--markdown" ? RuleDocs.markdown() : RuleDocs.list(), to: 1)
    exit(0)
case "rule":
    let id = options.commandArguments[0]
    if id == syntaxErrorID {
        FileSystem.write(syntaxErrorPage(), to: 1)
        exit(0)
    }
    guard let rule = Registry.rule(id) else {
        let hint = Suggest.closest(to: id, in: [syntaxErrorID] + Registry.ids, maxDistance: 4).map { "; did you mean `\($0)`?" } ?? ""
        fail("unknown rule `\(id)`\(hint)")
    }
    FileSystem.write(RuleDocs.page(rule), to: 1)
    exit(0)
case "schema":
    FileSystem.write(ConfigSchema.generate(), to: 1)
    exit(0)
case "fmt":
    FmtCommand.run(options)
case "graph":
    GraphCommand.run(options)
case "report":
    ReportCommand.run(options)
case "diff":
    DiffCommand.run(options)
case "init":
    InitCommand.run(options)
case "lsp":
    var server = LanguageServer(today: options.today, log: { FileSystem.write("okrlint lsp: \(SafeText.escape($0))\n", to: 2) })
    exit(LSPStdio.run(&server))
default:
    Check.run(options)
}
