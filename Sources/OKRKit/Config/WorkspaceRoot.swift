#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where okrlint's trust ends. Files in a pull request come from strangers, so configs are read only inside the
/// **workspace root** of the path being checked:
///
/// 1. the nearest folder at or above it that holds `.git` (the repository root);
/// 2. else the working directory, when the path lies inside it;
/// 3. else the path named on the command line that holds it (an anchor), else its own folder.
///
/// The search for the nearest `.okrlint.json` stops at the root, and `extends` may only name files inside the root
/// of the config that extends. Symbolic links are followed only while they stay inside the root, and a path that
/// leaves it is refused before anything outside is touched, so an error cannot tell whether a file out there
/// exists. A config named with `--config` is the user's choice and may be anywhere; its `extends` stay inside its
/// own root. A `.git` folder reached through a symbolic link that leads out of an enclosing repository does not
/// make a root.
public enum WorkspaceRoot {
    /// The workspace root of `folder` (absolute, lexically normalised); `anchors` are the absolute folders named on
    /// the command line (a named file's folder), `workingDirectory` the process's.
    public static func of(folder: String, anchors: [String] = [],
                          workingDirectory: String = FileSystem.currentDirectory(),
                          repositoryRoot: (String) -> String? = WorkspaceRoot.repositoryRoot(of:)) -> String {
        if let git = repositoryRoot(folder) { return git }
        if isInside(folder, workingDirectory) { return workingDirectory }
        // The nearest anchor holding the folder: a named folder's subfolders share its root.
        var best: String? = nil
        for a in anchors where isInside(folder, a) && a.utf8.count > (best?.utf8.count ?? -1) { best = a }
        return best ?? folder
    }

    /// The folder whose `.okr` files form the workspace of `path` (a file or folder): the nearest folder holding a
    /// `.okrlint.json`, up to the workspace root; else the root when it is a repository's; else nil.
    public static func workspaceFolder(for path: String) -> String? {
        let abs = Path.absolute(path)
        var dir = FileSystem.info(abs).kind == .directory ? abs : Path.parent(abs)
        let root = of(folder: dir)
        while isInside(dir, root) {
            if case .inside(let real) = Confined.resolve(Path.join(dir, ResolvedConfig.fileName), within: root),
               FileSystem.info(real).kind == .file {
                return dir
            }
            if dir == root || dir == "/" { break }
            dir = Path.parent(dir)
        }
        return repositoryRoot(of: root) == root ? root : nil
    }

    /// The nearest folder at or above `folder` holding `.git`, unless it is reached through a symbolic link that
    /// leads out of an enclosing repository (then that enclosing one).
    public static func repositoryRoot(of folder: String) -> String? {
        // Every folder at or above `folder` that holds `.git`, nearest first; then from the outermost in, each one
        // is the answer unless it is reached through a link out of the one enclosing it (a loop, not a recursion:
        // a repository can hold a `.git` entry at every level).
        var holders: [String] = []
        var dir = folder
        while true {
            if hasEntry(Path.join(dir, ".git")) { holders.append(dir) }
            if dir == "/" || dir.isEmpty || dir == "." { break }
            dir = Path.parent(dir)
        }
        var answer: String? = nil
        for d in holders.reversed() {
            if d != "/", let outer = answer {
                if case .inside = Confined.resolve(d, within: outer) { answer = d } else { answer = outer }
            } else {
                answer = d
            }
        }
        return answer
    }

    /// Whether `path` is `folder` or below it (both absolute and normalised; no disk access).
    public static func isInside(_ path: String, _ folder: String) -> Bool {
        if folder == "/" { return path.hasPrefix("/") }
        return path == folder || path.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/")
    }

    static func hasEntry(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0
    }
}

/// Resolving paths inside a root folder without touching anything outside it.
public enum Confined {
    public enum Resolution: Sendable, Equatable {
        /// The path, with every symbolic link resolved, lies inside the root.
        case inside(String)
        /// Inside the root as far as it was followed, but a component does not exist (or links loop).
        case missing
        /// The path, or a symbolic link on it, leads out of the root.
        case outside
    }

    /// Resolves `path` (absolute; `.` and `..` are resolved lexically first) one component at a time from `root`,
    /// following symbolic links only while their targets stay inside `root`. A target outside is refused by its
    /// text alone, before it is stat-ed.
    /// `realRoot`: `root` with its links resolved, when the caller knows it already. `known`: a folder at or above
    /// `path`, inside the root, with its resolved path, to start from there instead of from the root (a resolver
    /// walking a tree resolves each folder from its parent, one component each).
    public static func resolve(_ path: String, within root: String, realRoot: String? = nil,
                               known: (lexical: String, real: String)? = nil) -> Resolution {
        let target = Path.normalize(path)
        guard WorkspaceRoot.isInside(target, root) else { return .outside }
        guard let rootReal = realRoot ?? realPath(root) else { return .missing }
        // The resolved path so far (no links in it, so its parent is `Path.parent`), and the components still to
        // walk, last first.
        var current = rootReal
        var pending: [Substring]
        if let k = known, WorkspaceRoot.isInside(target, k.lexical), WorkspaceRoot.isInside(k.real, rootReal) {
            current = k.real
            pending = Self.below(target, k.lexical).split(separator: "/").reversed()
        } else {
            pending = Self.below(target, root).split(separator: "/").reversed()
        }
        var links = 0
        while let c = pending.popLast() {
            if c == "." || c.isEmpty { continue }
            if c == ".." {
                if current == rootReal { return .outside }
                current = Path.parent(current)
                continue
            }
            let next = current == "/" ? "/" + c : current + "/" + c
            var st = stat()
            guard lstat(next, &st) == 0 else { return .missing }
            switch st.st_mode & S_IFMT {
            case S_IFLNK:
                links += 1
                guard links <= 40, let text = readLink(next), !text.isEmpty else { return .missing }
                if text.hasPrefix("/") {
                    // An absolute target is judged by its text: it must name the root's real path or below it
                    // (a `..` in it is then walked like any other and cannot climb above the root either).
                    guard WorkspaceRoot.isInside(text, rootReal) else { return .outside }
                    current = rootReal
                    pending.append(contentsOf: Self.below(text, rootReal).split(separator: "/").reversed())
                } else {
                    pending.append(contentsOf: text.split(separator: "/").reversed())
                }
            case S_IFDIR:
                current = next
            default:
                // A file (or device, socket, FIFO) ends the path; anything after it cannot exist.
                if pending.allSatisfy({ $0 == "." || $0.isEmpty }) { return .inside(next) }
                return .missing
            }
        }
        return .inside(current)
    }

    /// The part of `path` below `folder` (`path` is inside it), without the separating slash.
    static func below(_ path: String, _ folder: String) -> String {
        let u = path.utf8
        let n = folder == "/" ? 1 : folder.utf8.count + 1
        guard u.count > n else { return "" }
        return String(Substring(u[u.index(u.startIndex, offsetBy: n)...]))
    }

    public static func realPath(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }

    static func readLink(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: 4097)
        let n = readlink(path, &buffer, 4096)
        guard n > 0 else { return nil }
        return String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
