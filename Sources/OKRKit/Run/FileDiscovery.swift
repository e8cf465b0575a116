/// Finds the `.okr` files to check. Files named on the command line are taken whatever their name (and through a
/// symbolic link: the user chose it); folders are walked for `*.okr` and `*.okr.md`, skipping hidden folders,
/// `node_modules`, `.build`, `build` and `DerivedData`.
///
/// Symbolic links found while walking are not followed, to files or to folders (as git, which stores a link as a
/// link): a link committed in a pull request cannot make okrlint read `../.git/config`, `/etc/passwd`, `/` or
/// itself, and a linked folder cannot bring in a foreign `.okrlint.json`. A file inside the workspace is checked
/// under its own name anyway. Skipped links are listed (`Found.skippedLinks`) so the run can say so.
///
/// Folders are listed by descriptor (`fdopendir`, `fstatat` relative to the folder, never following a link), names
/// are kept as bytes (a name that is not UTF-8 is opened as it is and shown escaped), and paths longer than
/// PATH_MAX are opened a piece at a time, so a deep tree is walked whole. One file under several names (`a.okr`,
/// `./a.okr`, `x/../a.okr`, a hard link) is checked once, under the first name.
public struct FileDiscovery {
    public static let skippedFolders: Set<String> = ["node_modules", ".build", "build", "DerivedData"]

    /// Decides whether a path found while walking is left out (the config's `exclude` and `include`; `isFolder`
    /// tells which). Paths given explicitly are never left out.
    public var isExcluded: (_ path: String, _ isFolder: Bool) throws -> Bool

    public init(isExcluded: @escaping (_ path: String, _ isFolder: Bool) throws -> Bool = { _, _ in false }) {
        self.isExcluded = isExcluded
    }

    /// A file to read: the name reports show, the bytes that open it, and its identity.
    public struct File: Sendable, Hashable {
        /// The path as shown (a name that is not UTF-8 has its bytes escaped: `caf\xE9.okr`).
        public var path: String
        /// The path as opened.
        public var bytes: [UInt8]
        public var id: FileID
        /// False for files found while walking: a link swapped in later is not followed either.
        public var followLink: Bool

        public init(path: String, bytes: [UInt8], id: FileID, followLink: Bool) {
            self.path = path
            self.bytes = bytes
            self.id = id
            self.followLink = followLink
        }
    }

    public struct Found: Sendable {
        public var files: [File] = []
        public var errors: [RunError] = []
        /// Symbolic links met while walking and not followed (to `.okr` files or to folders), once each.
        public var skippedLinks: [String] = []
    }

    /// Finds the files under `paths`; a file already in `seen` (by identity) is not found again.
    public func discover(_ paths: [String], seen: Set<FileID> = []) throws -> Found {
        var found = Found()
        var seenFiles = seen
        var visited = Set<FileID>()
        for path in paths {
            let bytes = Array(path.utf8)
            let info = FileSystem.info(bytes: bytes, follow: true)
            switch info.kind {
            case .missing:
                let why = FileSystem.info(bytes: bytes, follow: false).kind == .symlink ? "broken symbolic link" : "no such file or directory"
                found.errors.append(RunError(path: path, message: why))
            case .file:
                if seenFiles.insert(info.id).inserted {
                    found.files.append(File(path: path, bytes: bytes, id: info.id, followLink: true))
                }
            case .other, .symlink:
                found.errors.append(RunError(path: path, message: "not a regular file or folder"))
            case .directory:
                try walk(path, bytes, info, &visited, &found, &seenFiles)
            }
        }
        return found
    }

    private func walk(_ root: String, _ rootBytes: [UInt8], _ rootInfo: FileSystem.Info, _ visited: inout Set<FileID>,
                      _ found: inout Found, _ seen: inout Set<FileID>) throws {
        // Iterative, so deep trees cannot overflow the stack.
        var stack: [(path: String, bytes: [UInt8], id: FileID, isRoot: Bool)] = [(root, rootBytes, rootInfo.id, true)]
        while let dir = stack.popLast() {
            guard visited.insert(dir.id).inserted else { continue }
            var entries: [FileSystem.Entry]
            switch FileSystem.listEntries(bytes: dir.bytes, display: dir.path, followLink: dir.isRoot) {
            case .success(let e): entries = e
            case .failure(let e):
                found.errors.append(e)
                continue
            }
            entries.sort { $0.name.lexicographicallyPrecedes($1.name) }
            var subfolders: [(path: String, bytes: [UInt8], id: FileID, isRoot: Bool)] = []
            for entry in entries {
                if entry.name.first == 0x2E { continue }  // hidden
                let name = SafeText.fileName(entry.name)
                let path = Path.join(dir.path, name)
                var bytes = dir.bytes
                if bytes.last != 0x2F && !(bytes == [0x2E]) { bytes.append(0x2F) }
                if bytes == [0x2E] { bytes = [] }
                bytes += entry.name
                switch entry.info.kind {
                case .directory:
                    if Self.skippedFolders.contains(name) { continue }
                    if try isExcluded(path, true) { continue }
                    subfolders.append((path, bytes, entry.info.id, false))
                case .file:
                    if Path.isOKRFile(name), !(try isExcluded(path, false)), seen.insert(entry.info.id).inserted {
                        found.files.append(File(path: path, bytes: bytes, id: entry.info.id, followLink: false))
                    }
                case .symlink:
                    // Not followed. Worth a word when it looks like an OKR file or leads to a folder.
                    if Path.isOKRFile(name) || FileSystem.info(bytes: bytes, follow: true).kind == .directory {
                        found.skippedLinks.append(path)
                    }
                case .missing:
                    if Path.isOKRFile(name) {
                        found.errors.append(RunError(path: path, message: "deleted while okrlint was running"))
                    }
                case .other:
                    continue  // FIFOs, sockets, devices: never opened
                }
            }
            // Reverse so the stack pops folders in sorted order.
            stack.append(contentsOf: subfolders.reversed())
        }
    }
}
