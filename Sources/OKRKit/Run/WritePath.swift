#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where okrlint creates or replaces a file — `--output` / `-o` of every command, `--write-baseline` and
/// `--prune-baseline`, `okrlint init`, `--fix`, `okrlint fmt`, the history cache — reached without following a
/// symbolic link: the file's folder is opened one component at a time with `O_NOFOLLOW`, and the writer then works
/// relative to that descriptor (`openat`, `renameat`, `linkat`, `unlinkat`), so neither a link a pull request
/// committed on the way (`reports -> /elsewhere`) nor a folder renamed meanwhile can send the file elsewhere.
///
/// The rule for where the walk starts (the one `FixWriter` had):
/// - a relative path, and an absolute one below the working directory, are walked from the working directory (the
///   working directory itself, however it was reached, is the user's choice);
/// - any other absolute path is walked from `/`. A link directly in `/` is followed there (the system's own:
///   macOS's `/tmp` and `/var`, `/home` on some Linux systems; no checkout puts its files in `/`); any other link
///   on the way is refused, so a folder outside the working directory is written to by its real path.
/// The last component is the caller's: each writer says what it does with a link there (`--output` replaces it,
/// `init` refuses it, `--fix` refuses it).
enum WritePath {
    enum Failure: Error, Sendable {
        /// A component is a symbolic link: the path up to it, as written.
        case link(String)
        case system(Int32)
    }

    /// The folder (`.` when none is written) and the name of `path`; nil when it names no file (empty, or ending in
    /// `/`, `.` or `..`).
    static func split(_ path: [UInt8]) -> (folder: [UInt8], name: [UInt8])? {
        guard let last = path.split(separator: 0x2F, omittingEmptySubsequences: true).last, path.last != 0x2F,
              last != [0x2E], last != [0x2E, 0x2E] else { return nil }
        guard let slash = path.lastIndex(of: 0x2F) else { return ([0x2E], path) }
        return (slash == 0 ? [0x2F] : Array(path[..<slash]), Array(last))
    }

    /// Opens `folder` as the type's comment says: a descriptor to close, or why not (`errno` kept for `.system`).
    static func openFolder(_ folder: [UInt8]) -> Result<Int32, Failure> {
        var rest = folder[...]
        var fromRoot = false
        var fd: Int32
        let cwd: [UInt8]? = { if case .success(let c) = FileSystem.workingDirectory { return Array(c.utf8) } else { return nil } }()
        if folder.first == 0x2F {
            if let cwd, cwd.count > 1, folder.starts(with: cwd), folder.count == cwd.count || folder[cwd.count] == 0x2F {
                rest = folder[cwd.count...]
                fd = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            } else {
                fromRoot = true
                fd = open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            }
        } else {
            fd = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        }
        if fd < 0 { return .failure(.system(errno)) }
        var first = true
        for part in rest.split(separator: 0x2F, omittingEmptySubsequences: true) where part != [0x2E] {
            // Only a link directly in `/` is followed, and only on a walk from `/`.
            let follow = fromRoot && first
            first = false
            let next = FileSystem.cString(part) { openat(fd, $0, O_RDONLY | O_DIRECTORY | O_CLOEXEC | (follow ? 0 : O_NOFOLLOW)) }
            if next < 0 {
                let e = errno
                var st = stat()
                let isLink = FileSystem.cString(part) { fstatat(fd, $0, &st, AT_SYMLINK_NOFOLLOW) } == 0 && st.st_mode & S_IFMT == S_IFLNK
                close(fd)
                if isLink { return .failure(.link(String(decoding: folder[..<part.endIndex], as: UTF8.self))) }
                errno = e
                return .failure(.system(e))
            }
            close(fd)
            fd = next
        }
        return .success(fd)
    }

    /// Opens the folder of `path` for writing `name` in it; the failure is a message for `RunError` (`what`: how the
    /// writer is named in it, `--output`, `okrlint init`).
    static func openParent(_ path: [UInt8], what: String) -> Result<(folder: Int32, name: [UInt8]), RunError> {
        let display = String(decoding: path, as: UTF8.self)
        guard let (folder, name) = split(path) else {
            return .failure(RunError(path: display, message: "is not a file name; \(what) wants a file"))
        }
        switch openFolder(folder) {
        case .success(let fd): return .success((fd, name))
        case .failure(.link(let link)):
            return .failure(RunError(path: display, message: linkMessage(link, what: what)))
        case .failure(.system(let e)):
            return .failure(RunError(path: display, message: "cannot open its folder: \(FileSystem.errnoMessage(e))"))
        }
    }

    static func linkMessage(_ link: String, what: String) -> String {
        "is in a folder reached through a symbolic link (\(link)); \(what) does not write through links (name the folder by its real path)"
    }

    /// `.<name>.okrlint-<suffix>.tmp`, the name cut so the whole stays under the usual 255-byte limit.
    static func temporaryName(for name: [UInt8], suffix: String) -> [UInt8] {
        [0x2E] + name.prefix(200) + Array(".okrlint-\(suffix).tmp".utf8)
    }

    /// Creates a new temporary file beside `name` in `folder` with `O_CREAT | O_EXCL | O_NOFOLLOW`: a name taken (by
    /// chance, or by a file or link planted there) is never opened; another is tried, 32 at most. The descriptor
    /// and the name, or the `errno` of the last try.
    static func createTemporary(in folder: Int32, for name: [UInt8], mode: mode_t, suffix: () -> String) -> Result<(fd: Int32, name: [UInt8]), Errno> {
        var e: Int32 = EEXIST
        for _ in 0..<32 {
            let tmp = temporaryName(for: name, suffix: suffix())
            let fd = FileSystem.cString(tmp[...]) { openat(folder, $0, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode) }
            if fd >= 0 { return .success((fd, tmp)) }
            e = errno
            if e != EEXIST { break }
        }
        return .failure(Errno(code: e))
    }

    /// `unlinkat` of a name in `folder` (a temporary file of ours).
    static func removeAt(_ name: [UInt8], in folder: Int32) {
        _ = FileSystem.cString(name[...]) { unlinkat(folder, $0, 0) }
    }

    /// `renameat` within one folder.
    static func renameAt(_ from: [UInt8], to: [UInt8], in folder: Int32) -> Bool {
        FileSystem.cString(from[...]) { f in FileSystem.cString(to[...]) { t in renameat(folder, f, folder, t) } } == 0
    }

    /// `fstatat` of a name in `folder`, not following a link there.
    static func info(_ name: [UInt8], in folder: Int32, follow: Bool = false) -> FileSystem.Info {
        var st = stat()
        guard FileSystem.cString(name[...], { fstatat(folder, $0, &st, follow ? 0 : AT_SYMLINK_NOFOLLOW) }) == 0 else { return .missing }
        return FileSystem.Info(st)
    }
}
