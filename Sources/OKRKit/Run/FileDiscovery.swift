/// Finds the `.okr` files to check. Files named on the command line are taken whatever their name; folders are
/// walked recursively for `*.okr` and `*.okr.md`, skipping hidden folders, `node_modules` and build folders.
/// Symlinked folders are followed once: a loop is cut by remembering each folder's device and inode.
public struct FileDiscovery {
    public static let skippedFolders: Set<String> = ["node_modules", ".build", "build", "DerivedData"]

    /// Decides whether a path found while walking is left out (the config's `exclude` and `include`; `isFolder`
    /// tells which). Paths given explicitly are never left out.
    public var isExcluded: (_ path: String, _ isFolder: Bool) throws -> Bool

    public init(isExcluded: @escaping (_ path: String, _ isFolder: Bool) throws -> Bool = { _, _ in false }) {
        self.isExcluded = isExcluded
    }

    public struct Found: Sendable {
        public var files: [String] = []
        public var errors: [RunError] = []
    }

    public func discover(_ paths: [String]) throws -> Found {
        var found = Found()
        var seenFiles = Set<String>()
        for path in paths {
            let info = FileSystem.info(path)
            switch info.kind {
            case .missing:
                found.errors.append(RunError(path: path, message: "no such file or directory"))
            case .file:
                if seenFiles.insert(path).inserted { found.files.append(path) }
            case .other:
                found.errors.append(RunError(path: path, message: "not a regular file or folder"))
            case .directory:
                var visited = Set<[UInt64]>()
                try walk(path, info, &visited, &found, &seenFiles)
            }
        }
        return found
    }

    private func walk(_ root: String, _ rootInfo: FileSystem.Info, _ visited: inout Set<[UInt64]>, _ found: inout Found, _ seen: inout Set<String>) throws {
        // Iterative, so deep trees cannot overflow the stack.
        var stack: [(String, FileSystem.Info)] = [(root, rootInfo)]
        while let (dir, dirInfo) = stack.popLast() {
            guard visited.insert([dirInfo.device, dirInfo.inode]).inserted else { continue }
            let names: [String]
            switch FileSystem.list(dir) {
            case .success(let n): names = n.sorted()
            case .failure(let e):
                found.errors.append(e)
                continue
            }
            var subfolders: [(String, FileSystem.Info)] = []
            for name in names {
                if name.hasPrefix(".") { continue }
                let path = Path.join(dir, name)
                let info = FileSystem.info(path)
                switch info.kind {
                case .directory:
                    if Self.skippedFolders.contains(name) { continue }
                    if try isExcluded(path, true) { continue }
                    subfolders.append((path, info))
                case .file:
                    if Path.isOKRFile(name), !(try isExcluded(path, false)), seen.insert(path).inserted { found.files.append(path) }
                case .missing:
                    // A dangling symlink named *.okr is worth a message; others are ignored.
                    if Path.isOKRFile(name) {
                        let why = FileSystem.isSymlink(path) ? "broken symbolic link" : "deleted while okrlint was running"
                        found.errors.append(RunError(path: path, message: why))
                    }
                case .other:
                    continue
                }
            }
            // Reverse so the stack pops folders in sorted order.
            stack.append(contentsOf: subfolders.reversed())
        }
    }
}
