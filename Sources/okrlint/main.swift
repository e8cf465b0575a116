import OKRKit
#if canImport(Glibc)
import Glibc
#endif
// Temporary: dump the AST of a file given on the command line (the real CLI replaces this).
let args = CommandLine.arguments
if args.count > 1, let f = fopen(args[1], "rb") {
    var bytes: [UInt8] = []
    var buf = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = fread(&buf, 1, buf.count, f)
        if n <= 0 { break }
        bytes.append(contentsOf: buf[0..<n])
    }
    fclose(f)
    print(ASTDump.dump(Parser.parse(path: args[1], bytes: bytes)))
}
