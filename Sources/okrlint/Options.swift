import OKRKit

/// The parsed command line. Hand-written parsing: `--opt value` and `--opt=value`, `--` ends options.
struct Options {
    enum Color: String { case auto, always, never }

    var command = "check"
    var commandArguments: [String] = []
    var paths: [String] = []
    var format = "human"
    var quiet = false
    var strict = false
    var exitZero = false
    var maxWarnings: Int? = nil
    var color = Color.auto
    var today: CalendarDate? = nil
    var stdinFilename: String? = nil
    var output: String? = nil
    /// `--also-output FORMAT:FILE`: more reports of the same run, each in its format to its file.
    var alsoOutputs: [(format: String, path: String)] = []
    var configPath: String? = nil
    var noConfig = false
    /// `--no-cache`: neither read nor keep the history cache in the git folder.
    var noCache = false
    var reportAll = false
    var showHelp = false
    var showVersion = false
    var columnUnit = ColumnUnit.char
    /// `--fix`, `--unsafe-fixes`, `--diff`, `--show-fixes`.
    var fix = false
    var unsafeFixes = false
    var diff = false
    var showFixes = false
    /// `okrlint fmt --check`.
    var check = false
    /// `okrlint graph --key-results`.
    var keyResults = false
    /// `okrlint check --statistics`.
    var statistics = false
    /// `--baseline FILE`, `--write-baseline FILE`, `--prune-baseline`.
    var baseline: String? = nil
    var writeBaseline: String? = nil
    var pruneBaseline = false
    /// `okrlint diff --fail-on eased,dropped`.
    var failOn: [String] = []
    /// `okrlint init`.
    var team: String? = nil
    var period: String? = nil
    var parent: String? = nil
    var template: String? = nil
    /// `okrlint init --from FILE`: the file whose next period to write.
    var from: String? = nil
    /// Every option given, by its name (`--format`, `-q`), for the checks of what applies to which command.
    var given: [String] = []

    static let commands = ["check", "fmt", "report", "graph", "diff", "init", "lsp", "dump", "rules", "rule", "schema", "help", "version"]
    static var formats: [String] { ReportFormats.ids }

    /// Options that take a value.
    static let valued = ["--format", "--output-format", "--today", "--stdin-filename", "--output", "-o",
                         "--max-warnings", "--color", "--config", "--column-unit", "--team", "--period", "--parent", "--template",
                         "--from", "--baseline", "--write-baseline", "--fail-on", "--also-output"]
    static let flags = ["--quiet", "-q", "--strict", "--exit-zero", "--help", "-h", "--version", "-V", "--no-config",
                        "--report-all", "--no-color", "--fix", "--unsafe-fixes", "--diff", "--show-fixes", "--check",
                        "--key-results", "--statistics", "--prune-baseline", "--no-cache"]
    /// The options `okrlint lsp` takes.
    static let lspOptions: Set<String> = ["--today", "--help", "-h"]
    /// The options `okrlint graph` takes.
    static let graphOptions: Set<String> = ["--format", "--output-format", "--key-results", "--output", "-o", "--config", "--no-config",
                                            "--today", "--help", "-h"]
    /// The options `okrlint report` takes.
    static let reportOptions: Set<String> = ["--format", "--output-format", "--output", "-o", "--config", "--no-config", "--today",
                                             "--color", "--no-color", "--quiet", "-q", "--help", "-h"]
    /// The options `okrlint diff` takes.
    static let diffOptions: Set<String> = ["--format", "--output-format", "--fail-on", "--output", "-o", "--config", "--no-config",
                                           "--quiet", "-q", "--help", "-h"]
    /// The options `okrlint init` takes.
    static let initOptions: Set<String> = ["--team", "--period", "--parent", "--template", "--from", "--config", "--no-config", "--today", "--quiet", "-q",
                                           "--help", "-h"]
    /// The options only `okrlint init` takes.
    static let initOnly: Set<String> = ["--team", "--period", "--parent", "--template", "--from"]
    /// The options `okrlint fmt` takes; the others are about reports and findings.
    static let fmtOptions: Set<String> = ["--check", "--diff", "--quiet", "-q", "--config", "--no-config", "--stdin-filename",
                                          "--help", "-h"]

    struct UsageError: Error { var message: String }

    /// A first bare word that is no command, is not a file or folder (`isPath`) and looks like a command name
    /// (lowercase letters and hyphens) is an unknown command, not a missing path: `okrlint serve` says so. A path of
    /// that name is still checked when it exists, or written `./lsp`, or given after `--` or `check`.
    static func parse(_ args: [String], isPath: (String) -> Bool = { _ in true }) throws(UsageError) -> Options {
        var o = Options()
        var i = 0
        var sawCommand = false
        var onlyPaths = false
        while i < args.count {
            let arg = args[i]
            i += 1
            if o.command == "rules" && arg == "--markdown" { o.commandArguments.append(arg); continue }
            // `okrlint lsp --stdio`: the transport clients name (vscode-languageclient adds it); stdio is the only one.
            if o.command == "lsp" && arg == "--stdio" { continue }
            if onlyPaths || arg == "-" || !arg.hasPrefix("-") {
                let first = !sawCommand && !onlyPaths && o.paths.isEmpty && arg != "-"
                if first && commands.contains(arg) {
                    o.command = arg
                    sawCommand = true
                } else if first && looksLikeCommand(arg) && !isPath(arg) {
                    let hint = Suggest.closest(to: arg, in: commands, maxDistance: 2).map { "; did you mean `\($0)`?" } ?? ""
                    throw UsageError(message: "unknown command `\(arg)`\(hint) (commands: \(commands.joined(separator: ", "))); "
                                     + "to check a file or folder of that name, write `./\(arg)`")
                } else if ["check", "fmt", "graph", "report"].contains(o.command) {
                    o.paths.append(arg)
                } else {
                    o.commandArguments.append(arg)
                }
                continue
            }
            if arg == "--" { onlyPaths = true; continue }
            var name = arg
            var inlineValue: String? = nil
            if let eq = arg.firstIndex(of: "="), arg.hasPrefix("--") {
                name = String(arg[..<eq])
                inlineValue = String(arg[arg.index(after: eq)...])
            }
            if valued.contains(name) || flags.contains(name) { o.given.append(name) }
            if valued.contains(name) {
                let value: String
                if let v = inlineValue {
                    value = v
                } else if i < args.count {
                    value = args[i]
                    i += 1
                } else {
                    throw UsageError(message: "`\(name)` needs a value")
                }
                try o.set(name, value)
            } else if flags.contains(name) {
                if inlineValue != nil { throw UsageError(message: "`\(name)` takes no value") }
                switch name {
                case "--quiet", "-q": o.quiet = true
                case "--strict": o.strict = true
                case "--exit-zero": o.exitZero = true
                case "--help", "-h": o.showHelp = true
                case "--version", "-V": o.showVersion = true
                case "--no-config": o.noConfig = true
                case "--report-all": o.reportAll = true
                case "--no-color": o.color = .never
                case "--fix": o.fix = true
                case "--unsafe-fixes": o.unsafeFixes = true
                case "--diff": o.diff = true
                case "--show-fixes": o.showFixes = true
                case "--check": o.check = true
                case "--key-results": o.keyResults = true
                case "--statistics": o.statistics = true
                case "--prune-baseline": o.pruneBaseline = true
                case "--no-cache": o.noCache = true
                default: break
                }
            } else {
                let hint = Suggest.closest(to: name, in: valued + flags, maxDistance: 3).map { "; did you mean `\($0)`?" } ?? ""
                throw UsageError(message: "unknown option `\(name)`\(hint)")
            }
        }
        try o.checkCommandArguments()
        if o.command == "help" { o.showHelp = true }
        if o.command == "version" { o.showVersion = true }
        if o.command == "fmt" {
            if let other = o.given.first(where: { !fmtOptions.contains($0) }) {
                throw UsageError(message: "`\(other)` does not apply to `okrlint fmt` (it takes --check, --diff, --quiet, --config, "
                                 + "--no-config and --stdin-filename)")
            }
            if o.check && o.diff { throw UsageError(message: "`okrlint fmt` takes `--check` or `--diff`, not both (`--diff` exits 1 on a change too)") }
        } else if o.check {
            throw UsageError(message: "`--check` applies to `okrlint fmt` (is each file in the canonical form?); `okrlint` itself checks already")
        }
        // `--stdin-filename` names standard input: alone it means "check standard input" (as in ruff).
        if (o.command == "check" || o.command == "fmt") && o.stdinFilename != nil && !o.paths.contains("-") {
            guard o.paths.isEmpty else {
                throw UsageError(message: "`--stdin-filename` names standard input; add `-` to \(o.command == "fmt" ? "format" : "check") it besides \(o.paths.count == 1 ? "the path" : "the paths") given")
            }
            o.paths = ["-"]
        }
        if o.command == "fmt" { return o }
        if o.command == "graph" {
            if let other = o.given.first(where: { !graphOptions.contains($0) }) {
                throw UsageError(message: "`\(other)` does not apply to `okrlint graph` (it takes --format mermaid|dot, --key-results, --output, --config, --no-config and --today)")
            }
            if !o.given.contains("--format") && !o.given.contains("--output-format") { o.format = AlignmentGraph.Format.mermaid.rawValue }
            guard AlignmentGraph.Format(rawValue: o.format) != nil else {
                throw UsageError(message: "`okrlint graph` draws `--format mermaid` (default) or `--format dot`, not `\(o.format)`")
            }
            return o
        }
        if o.command == "report" {
            if let other = o.given.first(where: { !reportOptions.contains($0) }) {
                throw UsageError(message: "`\(other)` does not apply to `okrlint report` (it takes --format text|markdown|html|json, --output, --color, --quiet, --config, --no-config and --today)")
            }
            if !o.given.contains("--format") && !o.given.contains("--output-format") { o.format = "text" }
            guard ["text", "markdown", "html", "json"].contains(o.format) else {
                throw UsageError(message: "`okrlint report` writes `--format text` (default), `markdown`, `html` or `json`, not `\(o.format)`")
            }
            return o
        }
        if o.command == "diff" {
            if let other = o.given.first(where: { !diffOptions.contains($0) }) {
                throw UsageError(message: "`\(other)` does not apply to `okrlint diff` (it takes --format text|markdown|json, --fail-on, --output, --quiet, --config and --no-config)")
            }
            if !o.given.contains("--format") && !o.given.contains("--output-format") { o.format = "text" }
            guard ["text", "markdown", "json"].contains(o.format) else {
                throw UsageError(message: "`okrlint diff` writes `--format text` (default), `markdown` or `json`, not `\(o.format)`")
            }
            return o
        }
        if !o.failOn.isEmpty { throw UsageError(message: "`--fail-on` applies to `okrlint diff`") }
        if o.command == "init" {
            if let other = o.given.first(where: { !initOptions.contains($0) }) {
                throw UsageError(message: "`\(other)` does not apply to `okrlint init` (it takes --team, --period, --parent, --template, --from, --config, --no-config, --today and --quiet)")
            }
            if o.from != nil, let other = o.given.first(where: { $0 == "--template" || $0 == "--parent" }) {
                throw UsageError(message: "`\(other)` does not apply to `okrlint init --from` (the new file is written from FILE)")
            }
            if let t = o.template, !Templates.names.contains(t) {
                let hint = Suggest.closest(to: t, in: Templates.names).map { "; did you mean `\($0)`?" } ?? ""
                throw UsageError(message: "unknown template `\(t)`\(hint) (templates: \(Templates.names.joined(separator: ", ")))")
            }
            return o
        }
        if let other = o.given.first(where: { initOnly.contains($0) }) {
            throw UsageError(message: "`\(other)` applies to `okrlint init` (it writes a new OKR file)")
        }
        if o.keyResults { throw UsageError(message: "`--key-results` applies to `okrlint graph`") }
        if !formats.contains(o.format) {
            throw UsageError(message: "`--format \(o.format)` is a format of `okrlint graph` or `okrlint report`; a check reports as \(formats.joined(separator: ", "))")
        }
        if o.command == "lsp" {
            if let other = o.given.first(where: { !lspOptions.contains($0) }) {
                throw UsageError(message: "`\(other)` does not apply to `okrlint lsp` (it takes --today and --stdio; the rest comes from .okrlint.json)")
            }
            return o
        }
        if (o.baseline != nil || o.writeBaseline != nil) && (o.fix || o.diff) {
            throw UsageError(message: "`--baseline` and `--write-baseline` do not combine with `--fix` or `--diff` (fix first, then record the baseline)")
        }
        if o.pruneBaseline && o.baseline == nil { throw UsageError(message: "`--prune-baseline` rewrites the file `--baseline FILE` names; add it") }
        if o.writeBaseline != nil && o.baseline != nil { throw UsageError(message: "`--write-baseline` records every finding anew; it does not take `--baseline` (use `--prune-baseline` to shrink one)") }
        if o.statistics && (o.fix || o.diff) { throw UsageError(message: "`--statistics` counts findings; it does not combine with `--fix` or `--diff`") }
        if o.statistics && o.format != "human" && o.format != "json" {
            throw UsageError(message: "`--statistics` prints a table, or JSON with `--format json`; not `--format \(o.format)`")
        }
        if o.showFixes && !o.fix && !o.diff {
            throw UsageError(message: "`--show-fixes` lists what `--fix` fixes or `--diff` would; add one of them")
        }
        if o.diff && o.output != nil {
            throw UsageError(message: "`--diff` prints the diff and no report, so `--output` has nothing to write")
        }
        if !o.alsoOutputs.isEmpty {
            if o.fix || o.diff || o.statistics || o.writeBaseline != nil {
                throw UsageError(message: "`--also-output` writes more reports of a check; it does not combine with `--fix`, `--diff`, `--statistics` or `--write-baseline`")
            }
            let targets = o.alsoOutputs.map(\.path) + (o.output.map { [$0] } ?? [])
            if Set(targets).count < targets.count { throw UsageError(message: "each report needs a file of its own (`--output`, `--also-output`)") }
        }
        if o.columnUnitGiven && o.format != GccReporter.id && !o.alsoOutputs.contains(where: { $0.format == GccReporter.id }) {
            throw UsageError(message: "`--column-unit` applies to `--format gcc` only (the other formats count characters)")
        }
        return o
    }

    var columnUnitGiven = false

    static func looksLikeCommand(_ word: String) -> Bool {
        guard let first = word.utf8.first, first >= 0x61 && first <= 0x7A else { return false }
        return word.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x2D }
    }

    /// Subcommands take exactly the arguments they use; anything else is a mistake worth saying.
    func checkCommandArguments() throws(UsageError) {
        let args = commandArguments
        switch command {
        case "dump", "rule":
            guard args.count == 1 else {
                let what = command == "dump" ? "one file (or `-` for standard input)" : "one rule id; `okrlint rules` lists them"
                throw UsageError(message: "`okrlint \(command)` takes \(what)\(args.count > 1 ? ", not \(args.count) arguments" : "")")
            }
        case "rules":
            if let extra = args.first(where: { $0 != "--markdown" }) {
                throw UsageError(message: "`okrlint rules` takes only `--markdown`, not `\(extra)`; `okrlint rule ID` explains one rule")
            }
        case "diff":
            if args.count > 1 { throw UsageError(message: "`okrlint diff` takes one revision (default: the merge base with the default branch), not \(args.count) arguments") }
        case "init":
            if args.count > 1 { throw UsageError(message: "`okrlint init` writes one file, not \(args.count)") }
        case "lsp":
            if let extra = args.first { throw UsageError(message: "`okrlint lsp` takes no arguments, not `\(extra)` (it speaks the Language Server Protocol on standard input and output)") }
        case "schema", "help", "version":
            if let extra = args.first { throw UsageError(message: "`okrlint \(command)` takes no arguments, not `\(extra)`") }
        default:
            break
        }
    }

    mutating func set(_ name: String, _ value: String) throws(UsageError) {
        switch name {
        case "--format", "--output-format":
            // `okrlint graph` has formats of its own, checked once the command is known.
            guard Options.formats.contains(value) || AlignmentGraph.Format(rawValue: value) != nil || ["text", "markdown", "html"].contains(value) else {
                let hint = Suggest.closest(to: value, in: Options.formats).map { "; did you mean `\($0)`?" } ?? ""
                throw UsageError(message: "unknown format `\(value)`\(hint) (formats: \(Options.formats.joined(separator: ", ")))")
            }
            format = value
        case "--today":
            guard let d = CalendarDate(value) else { throw UsageError(message: "`--today` wants a date YYYY-MM-DD, not `\(value)`") }
            today = d
        case "--stdin-filename": stdinFilename = value
        case "--output", "-o": output = value
        case "--also-output":
            guard let colon = value.firstIndex(of: ":"), Options.formats.contains(String(value[..<colon])),
                  value.index(after: colon) < value.endIndex else {
                throw UsageError(message: "`--also-output` wants FORMAT:FILE with a format of \(Options.formats.joined(separator: ", ")), not `\(value)`")
            }
            alsoOutputs.append((String(value[..<colon]), String(value[value.index(after: colon)...])))
        case "--config": configPath = value
        case "--team": team = value
        case "--period": period = value
        case "--parent": parent = value
        case "--template": template = value
        case "--from": from = value
        case "--fail-on":
            let groups = value.split(separator: ",").map { String($0.filter { $0 != " " }) }
            for g in groups where !(CommitmentDiff.failGroups.contains(g) || CommitmentChange.Kind(rawValue: g) != nil) {
                throw UsageError(message: "`--fail-on` takes eased, dropped, changed or a kind of change (\(CommitmentChange.Kind.allCases.map(\.rawValue).joined(separator: ", "))), not `\(g)`")
            }
            failOn = groups
        case "--baseline": baseline = value
        case "--write-baseline": writeBaseline = value
        case "--max-warnings":
            guard let n = Int(value), n >= 0 else { throw UsageError(message: "`--max-warnings` wants a whole number, not `\(value)`") }
            maxWarnings = n
        case "--column-unit":
            guard let u = ColumnUnit(rawValue: value) else { throw UsageError(message: "`--column-unit` is char or byte, not `\(value)`") }
            columnUnit = u
            columnUnitGiven = true
        case "--color":
            guard let c = Color(rawValue: value) else { throw UsageError(message: "`--color` is auto, always or never, not `\(value)`") }
            color = c
        default: break
        }
    }

    static let help = """
    okrlint \(okrlintVersion): checks OKR files (*.okr, *.okr.md) the way a linter checks code.

    Usage:
      okrlint [check] [OPTIONS] [PATH...]   check files and folders (default: .)
      okrlint [check] [OPTIONS] -           check standard input (name it with --stdin-filename)
      okrlint fmt [--check | --diff] [PATH...]
                                            put files in the canonical form (Grammar.md section 15): --check
                                            only lists the files it would change, --diff prints the changes;
                                            both write nothing and exit 1 if a file would change; `-` formats
                                            standard input to standard output
      okrlint report [--format text|markdown|html|json] [-o FILE] [PATH...]
                                            where the OKRs stand: progress and bands, expected progress
                                            today, confidence trends, owners, the last check-ins, the
                                            alignment tree and what needs attention first
      okrlint diff [REV] [--format text|markdown|json] [--fail-on eased,dropped,changed]
                                            the commitment changes since REV (default: the merge base with the
                                            default branch): objectives and key results added, dropped or
                                            renamed, targets raised or eased, owners, alignment, confidence
      okrlint graph [--format mermaid|dot] [--key-results] [-o FILE] [PATH...]
                                            draw the alignment: objectives coloured by progress band, links
                                            as edges, unaligned and unsupported objectives marked (Mermaid in a
                                            ```mermaid fence for GitHub Markdown, or Graphviz DOT)
      okrlint init [--team NAME] [--period 2027-Q1] [--parent TEAM] [--template NAME] [FILE]
                                            write a new OKR file from a template (team, company, radical-focus,
                                            personal) that passes as written; never overwrites; --parent aligns
                                            it to that team's objectives in the workspace
      okrlint init --from FILE [--period P] [NEW-FILE]
                                            write the next period's file: unfinished key results carried
                                            from their last value (marked `carried-from`), finished ones dropped
      okrlint lsp                           run the language server on standard input and output (editors start
                                            it; `okrlint lsp --help` says how)
      okrlint rules [--markdown]            list every rule (--markdown: the whole docs/rules.md)
      okrlint rule ID                       explain one rule
      okrlint schema                        print the JSON Schema of .okrlint.json
      okrlint dump FILE                     print the syntax tree of a file

    Options:
      --format FORMAT        the report's format (alias: --output-format):
    \(ReportFormats.all.map { "        " + $0.id.padding(11) + " " + $0.summary }.joined(separator: "\n"))
      --column-unit UNIT     gcc columns count char (Unicode scalars, default) or byte (UTF-8 bytes, as Vim reads)
      -o, --output FILE      write the report to FILE; the summary still goes to the terminal
      --also-output FORMAT:FILE
                             also write the same run's report in FORMAT to FILE (repeatable; no colour), e.g.
                             `--format github --also-output sarif:okrlint.sarif` in CI
      --today YYYY-MM-DD     the date for time-based rules (default: the config's `today`, else the real date)
      --config FILE          use this config file instead of looking for .okrlint.json
      --no-config            ignore .okrlint.json files; the workspace is only the paths given
      --stdin-filename PATH  the path standard input stands for (for reports and the workspace); alone, it
                             implies `-`
      --report-all           report on every file of the workspace, not only those given
      --fix                  apply the safe fixes, write the files back, then report what remains (with `-`:
                             the fixed text goes to standard output, the report to standard error)
      --unsafe-fixes         apply (or count as fixable) the unsafe fixes too
      --diff                 print a unified diff of what --fix would change and write nothing (exit 1 if
                             there is one)
      --show-fixes           with --fix or --diff: list each fix
      --baseline FILE        report only findings not recorded in FILE (matched by file, rule and line text,
                             with counts); entries that match nothing any more are noted on stderr
      --write-baseline FILE  record every finding of this run in FILE (JSON) and exit 0
      --prune-baseline       with --baseline: drop the entries that match nothing any more from FILE
      --no-cache             do not read or keep the history cache (.git/okrlint/history-1)
      --statistics           count the findings per rule (most frequent first, with how many are fixable)
                             instead of listing them; `--format json` for JSON
      --strict               warnings fail the run too
      --max-warnings N       fail when there are more than N warnings
      --exit-zero            exit 0 even with findings (usage and I/O errors still exit 2)
      -q, --quiet            print findings only, no summary
      --color WHEN           auto (default: on a terminal unless NO_COLOR is set), always, never
      -h, --help             this help
      -V, --version          the version

    A bare word that is not a command, file or folder is an unknown command: write `./NAME` for a path.
    Exit codes: 0 no errors, 1 errors found (or warnings with --strict / --max-warnings; with --fix: what remains;
    with --diff: a diff), 2 usage or I/O error.
    """
}

extension String {
    /// The string followed by spaces up to `width` characters.
    func padding(_ width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
}

extension Options {
    static let lspHelp = """
    okrlint lsp: the okrlint language server (Language Server Protocol 3.17, JSON-RPC over standard input and output).

    Usage:
      okrlint lsp [--today YYYY-MM-DD]

    Editors start it; it is not meant to be typed. It checks open .okr files as you type, with the files of their
    workspace (the nearest .okrlint.json, else the repository) so links across files resolve, and offers quick
    fixes, "fix all", formatting, an outline, go-to-definition, references, hover and completion. Logs go to
    standard error; standard output carries only the protocol. `--stdio` is accepted and ignored.

    Options:
      --today YYYY-MM-DD     the date for time-based rules (default: the config's `today`, else the real date)
      -h, --help             this help

    Set-up for Neovim, Helix, Emacs, Zed, Sublime Text and VS Code: see the README, "Editor (language server)".
    Exit codes: 0 after `shutdown` and `exit`; 1 on `exit` without `shutdown` or when the client goes away.
    """
}
