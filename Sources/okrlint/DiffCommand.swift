import OKRKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `okrlint diff [REV]`: the commitment changes between REV (default: the merge base with the default branch) and
/// the working tree, for the OKR files under the paths given (default: the current folder). Exit 1 when a change
/// of a kind `--fail-on` names is found (so a team can require approval when targets are eased), 2 on errors.
enum DiffCommand {
    static let formats = ["text", "markdown", "json"]

    static func run(_ options: Options) -> Never {
        let (paths, _, _, discovery) = Check.setUp(options)
        let folder = FileSystem.currentDirectory()
        let revision: GitHistory.Revision
        switch GitHistory.revision(options.commandArguments.first, folder: folder) {
        case .success(let r): revision = r
        case .failure(.notARepository): fail("\(Path.clean(folder)) is not in a git repository: okrlint diff compares with a commit")
        case .failure(.git(let message)), .failure(.budget(let message)), .failure(.unavailable(let message)): fail(message)
        }
        let base = revision.root.hasSuffix("/") ? revision.root : revision.root + "/"
        func relative(_ abs: String) -> String? {
            guard let real = Confined.realPath(abs) ?? Optional(abs), real.hasPrefix(base) else { return nil }
            return String(real.dropFirst(base.count))
        }
        // The working tree's files under the paths, and the prefixes the revision's files must have.
        let found: FileDiscovery.Found
        do { found = try discovery.discover(paths) } catch { fail("\(error)") }
        for e in found.errors { Check.printError(e) }
        var now: [String: Document] = [:]
        for f in found.files {
            guard let rel = relative(Path.absolute(f.path)) else { continue }
            switch FileSystem.readFile(bytes: f.bytes, display: f.path, followLink: f.followLink) {
            case .success(let bytes): now[rel] = Parser.parse(path: rel, bytes: bytes)
            case .failure(let e): Check.printError(e)
            }
        }
        let prefixes = paths.compactMap { p -> String? in
            let abs = Path.absolute(p)
            if (Confined.realPath(abs) ?? abs) + "/" == base { return "" }
            return relative(abs)
        }
        func wanted(_ rel: String) -> Bool {
            prefixes.contains { $0.isEmpty || rel == $0 || rel.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }
        }
        var changes: [CommitmentChange] = []
        for rel in Set(now.keys).union(revision.files.keys.filter(wanted)).sorted() {
            let old = revision.files[rel].map { Parser.parse(path: rel, bytes: $0) }
            changes += CommitmentDiff.compare(old, now[rel], path: rel)
        }
        let text: String
        switch options.format {
        case "markdown": text = CommitmentDiff.markdown(changes, base: revision.name)
        case "json": text = CommitmentDiff.json(changes, base: revision.name)
        default: text = CommitmentDiff.text(changes, base: revision.name)
        }
        // Never over one of the OKR files compared (`-o web.okr`).
        Check.writeOut(text, options, inputs: Set(found.files.map(\.id)))
        if !found.errors.isEmpty { exit(2) }
        let failing = changes.filter { c in options.failOn.contains { c.kind.matches($0) } }
        if !failing.isEmpty {
            if !options.quiet {
                FileSystem.write("okrlint: \(failing.count) change\(failing.count == 1 ? "" : "s") of a kind --fail-on names (\(options.failOn.joined(separator: ", ")))\n", to: 2)
            }
            exit(1)
        }
        exit(0)
    }
}
