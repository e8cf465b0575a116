import OKRKit
#if canImport(Glibc)
import Glibc
#endif

func fail(_ message: String, code: Int32 = 2) -> Never {
    FileSystem.write("okrlint: error: \(message)\n", to: 2)
    exit(code)
}

let options: Options
do {
    options = try Options.parse(Array(CommandLine.arguments.dropFirst()))
} catch {
    fail("\(error.message)\nRun `okrlint --help` for usage.")
}

if options.showHelp {
    FileSystem.write(Options.help + "\n", to: 1)
    exit(0)
}
if options.showVersion {
    FileSystem.write("okrlint \(okrlintVersion)\n", to: 1)
    exit(0)
}

switch options.command {
case "dump":
    guard options.commandArguments.count == 1 else { fail("`okrlint dump` takes one file") }
    let path = options.commandArguments[0]
    switch path == "-" ? FileSystem.readStandardInput() : FileSystem.readFile(path) {
    case .success(let bytes):
        FileSystem.write(ASTDump.dump(Parser.parse(path: path, bytes: bytes)) + "\n", to: 1)
        exit(0)
    case .failure(let e):
        fail(e.description)
    }
case "rules":
    FileSystem.write(options.commandArguments.first == "--markdown" ? RuleDocs.markdown() : RuleDocs.list(), to: 1)
    exit(0)
case "rule":
    guard options.commandArguments.count == 1 else { fail("`okrlint rule` takes one rule id; `okrlint rules` lists them") }
    let id = options.commandArguments[0]
    guard let rule = Registry.rule(id) else {
        let hint = Suggest.closest(to: id, in: Registry.ids, maxDistance: 4).map { "; did you mean `\($0)`?" } ?? ""
        fail("unknown rule `\(id)`\(hint)")
    }
    FileSystem.write(RuleDocs.page(rule), to: 1)
    exit(0)
case "schema":
    FileSystem.write(ConfigSchema.generate(), to: 1)
    exit(0)
default:
    Check.run(options)
}
