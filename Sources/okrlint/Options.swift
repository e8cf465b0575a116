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
    var configPath: String? = nil
    var noConfig = false
    var reportAll = false
    var showHelp = false
    var showVersion = false

    static let commands = ["check", "dump", "rules", "rule", "schema", "help", "version"]
    static let formats = ["human", "json", "sarif", "github", "gcc", "junit", "checkstyle", "gitlab"]

    /// Options that take a value.
    static let valued = ["--format", "--output-format", "--today", "--stdin-filename", "--output", "-o",
                         "--max-warnings", "--color", "--config"]
    static let flags = ["--quiet", "-q", "--strict", "--exit-zero", "--help", "-h", "--version", "-V", "--no-config",
                        "--report-all", "--no-color"]

    struct UsageError: Error { var message: String }

    static func parse(_ args: [String]) throws(UsageError) -> Options {
        var o = Options()
        var i = 0
        var sawCommand = false
        var onlyPaths = false
        while i < args.count {
            let arg = args[i]
            i += 1
            if o.command == "rules" && arg == "--markdown" { o.commandArguments.append(arg); continue }
            if onlyPaths || arg == "-" || !arg.hasPrefix("-") {
                if !sawCommand && !onlyPaths && o.paths.isEmpty && commands.contains(arg) {
                    o.command = arg
                    sawCommand = true
                } else if o.command == "check" {
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
                default: break
                }
            } else {
                let hint = Suggest.closest(to: name, in: valued + flags, maxDistance: 3).map { "; did you mean `\($0)`?" } ?? ""
                throw UsageError(message: "unknown option `\(name)`\(hint)")
            }
        }
        if o.command == "help" { o.showHelp = true }
        if o.command == "version" { o.showVersion = true }
        return o
    }

    mutating func set(_ name: String, _ value: String) throws(UsageError) {
        switch name {
        case "--format", "--output-format":
            guard Options.formats.contains(value) else {
                let hint = Suggest.closest(to: value, in: Options.formats).map { "; did you mean `\($0)`?" } ?? ""
                throw UsageError(message: "unknown format `\(value)`\(hint) (formats: \(Options.formats.joined(separator: ", ")))")
            }
            format = value
        case "--today":
            guard let d = CalendarDate(value) else { throw UsageError(message: "`--today` wants a date YYYY-MM-DD, not `\(value)`") }
            today = d
        case "--stdin-filename": stdinFilename = value
        case "--output", "-o": output = value
        case "--config": configPath = value
        case "--max-warnings":
            guard let n = Int(value), n >= 0 else { throw UsageError(message: "`--max-warnings` wants a whole number, not `\(value)`") }
            maxWarnings = n
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
      okrlint rules [--markdown]            list every rule (--markdown: the whole docs/rules.md)
      okrlint rule ID                       explain one rule
      okrlint schema                        print the JSON Schema of .okrlint.json
      okrlint dump FILE                     print the syntax tree of a file

    Options:
      --format FORMAT        human (default), json, sarif, github, gcc, junit, checkstyle, gitlab
                             (alias: --output-format)
      -o, --output FILE      write the report to FILE; the summary still goes to the terminal
      --today YYYY-MM-DD     the date for time-based rules (default: the config's `today`, else the real date)
      --config FILE          use this config file instead of looking for .okrlint.json
      --no-config            ignore .okrlint.json files; the workspace is only the paths given
      --stdin-filename PATH  the path standard input stands for (for reports and the workspace)
      --report-all           report on every file of the workspace, not only those given
      --strict               warnings fail the run too
      --max-warnings N       fail when there are more than N warnings
      --exit-zero            exit 0 even with findings (usage and I/O errors still exit 2)
      -q, --quiet            print findings only, no summary
      --color WHEN           auto (default: on a terminal unless NO_COLOR is set), always, never
      -h, --help             this help
      -V, --version          the version

    Exit codes: 0 no errors, 1 errors found (or warnings with --strict / --max-warnings), 2 usage or I/O error.
    """
}
