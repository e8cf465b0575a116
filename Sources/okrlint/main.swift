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
default:
    exit(Check.run(options))
}
