#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A problem reading or finding a path. Reported on stderr; the run exits 2.
public struct RunError: Error, Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var message: String
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }
    public var description: String { "\(path): \(message)" }
}

/// A file's identity on its file system: the same file under two names (`a.okr`, `./a.okr`, a hard or symbolic
/// link) has one.
public struct FileID: Hashable, Sendable {
    public var device: UInt64
    public var inode: UInt64
    public init(device: UInt64, inode: UInt64) {
        self.device = device
        self.inode = inode
    }
}

/// Thin wrappers over POSIX calls: no Foundation, one `read` per file in the common case. Paths are bytes where it
/// matters (names that are not UTF-8 are opened as they are) and may be longer than PATH_MAX: such paths are opened
/// a piece at a time with `openat`.
public enum FileSystem {
    public enum Kind: Sendable { case file, directory, symlink, other, missing }

    public struct Info: Sendable {
        public var kind: Kind
        public var device: UInt64
        public var inode: UInt64
        public var size: Int
        public var mode: UInt32
        public var id: FileID { FileID(device: device, inode: inode) }

        static let missing = Info(kind: .missing, device: 0, inode: 0, size: 0, mode: 0)

        init(kind: Kind, device: UInt64, inode: UInt64, size: Int, mode: UInt32) {
            self.kind = kind
            self.device = device
            self.inode = inode
            self.size = size
            self.mode = mode
        }

        init(_ st: stat) {
            let fmt = st.st_mode & S_IFMT
            let kind: Kind = fmt == S_IFREG ? .file : fmt == S_IFDIR ? .directory : fmt == S_IFLNK ? .symlink : .other
            self.init(kind: kind, device: UInt64(truncatingIfNeeded: st.st_dev), inode: UInt64(truncatingIfNeeded: st.st_ino),
                      size: Int(st.st_size), mode: UInt32(st.st_mode))
        }
    }

    /// The largest `.okr` file (and standard input) okrlint reads: far above any real OKR file, low enough that
    /// `/dev/zero` behind a name or a pipe cannot exhaust memory.
    public static let maxFileSize = 64 << 20
    /// The largest config file okrlint reads.
    public static let maxConfigSize = 1 << 20

    public static func errnoMessage(_ code: Int32) -> String {
        guard let s = strerror(code) else { return "error \(code)" }
        return String(cString: s)
    }

    /// `stat` (following symlinks). A broken link or missing path is `.missing`.
    public static func info(_ path: String) -> Info { info(bytes: Array(path.utf8), follow: true) }

    /// `stat`, or `lstat` when `follow` is false (then a link is `.symlink`).
    public static func info(bytes path: [UInt8], follow: Bool) -> Info {
        var st = stat()
        let r = at(path) { dir, name in fstatat(dir, name, &st, follow ? 0 : AT_SYMLINK_NOFOLLOW) }
        guard case .success(0) = r else { return .missing }
        return Info(st)
    }

    public static func exists(_ path: String) -> Bool { info(path).kind != .missing }

    /// Whether `path` itself is a symbolic link (`lstat`, not following it).
    public static func isSymlink(_ path: String) -> Bool { info(bytes: Array(path.utf8), follow: false).kind == .symlink }

    /// Calls `body` with a folder descriptor and a NUL-terminated path relative to it that is shorter than
    /// PATH_MAX: the path itself (relative to the working folder) when it is short, else its last piece after the
    /// pieces before it were opened one by one. Fails with the `errno` of a piece that could not be opened.
    static func at<T>(_ path: [UInt8], _ body: (Int32, UnsafePointer<CChar>) -> T) -> Result<T, Errno> {
        let limit = Int(PATH_MAX)
        var dir = AT_FDCWD
        var start = 0
        defer { if dir != AT_FDCWD { close(dir) } }
        while path.count - start >= limit {
            // The longest piece shorter than PATH_MAX that ends before a slash.
            var cut = start + limit - 1
            while cut > start && path[cut] != 0x2F { cut -= 1 }
            if cut == start { return .failure(Errno(code: ENAMETOOLONG)) }
            let fd = cString(path[start..<cut]) { openat(dir, $0, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0) }
            if fd < 0 { return .failure(Errno(code: errno)) }
            if dir != AT_FDCWD { close(dir) }
            dir = fd
            start = cut
            while start < path.count && path[start] == 0x2F { start += 1 }
        }
        let rest = start < path.count ? path[start...] : Array(".".utf8)[...]
        return .success(cString(rest) { body(dir, $0) })
    }

    static func cString<T>(_ bytes: ArraySlice<UInt8>, _ body: (UnsafePointer<CChar>) -> T) -> T {
        var z = Array(bytes)
        z.append(0)
        return z.withUnsafeBufferPointer { buf in
            buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buf.count) { body($0) }
        }
    }

    /// Opens `path` (bytes, any length); -1 with `errno` set on failure.
    static func open(bytes path: [UInt8], _ flags: Int32, _ mode: mode_t = 0) -> Int32 {
        switch at(path, { dir, name in openat(dir, name, flags, mode) }) {
        case .success(let fd): return fd
        case .failure(let e): errno = e.code; return -1
        }
    }

    /// Reads a whole regular file named by a string (config files, `dump`).
    public static func readFile(_ path: String, limit: Int = maxFileSize) -> Result<[UInt8], RunError> {
        readFile(bytes: Array(path.utf8), display: path, limit: limit, followLink: true)
    }

    /// Reads a whole regular file: opened without blocking (a FIFO swapped in cannot hang the run) and without a
    /// controlling terminal, then `fstat` on what was opened: anything but a regular file is refused, as is a file
    /// larger than `limit`. `followLink: false` refuses a symbolic link at the path (files found while walking).
    /// Reads until end of file, since the file may grow or shrink meanwhile, and never more than `limit` bytes.
    public static func readFile(bytes path: [UInt8], display: String, limit: Int = maxFileSize, followLink: Bool = true) -> Result<[UInt8], RunError> {
        func failure(_ message: String) -> Result<[UInt8], RunError> { .failure(RunError(path: display, message: message)) }
        let flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY | (followLink ? 0 : O_NOFOLLOW)
        let fd = open(bytes: path, flags)
        if fd < 0 {
            let e = errno
            return failure(e == ELOOP && !followLink ? "is a symbolic link now; it was a file when okrlint found it" : errnoMessage(e))
        }
        defer { close(fd) }
        var st = stat()
        if fstat(fd, &st) != 0 { return failure(errnoMessage(errno)) }
        switch st.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: return failure("is a directory")
        default: return failure("not a regular file")
        }
        if Int(st.st_size) > limit { return failure(tooLarge(limit)) }
        return readAll(fd, sizeHint: Int(st.st_size), limit: limit, display: display)
    }

    static func tooLarge(_ limit: Int) -> String {
        "larger than \(limit >> 20) MiB, the most okrlint reads from one file"
    }

    /// Reads `fd` to its end, at most `limit` bytes.
    static func readAll(_ fd: Int32, sizeHint: Int, limit: Int, display: String) -> Result<[UInt8], RunError> {
        func failure(_ message: String) -> Result<[UInt8], RunError> { .failure(RunError(path: display, message: message)) }
        var capacity = min(max(sizeHint + 1, 4096), limit + 1)
        var bytes = [UInt8](repeating: 0, count: capacity)
        var count = 0
        while true {
            if count == capacity {
                if capacity > limit { return failure(tooLarge(limit)) }
                capacity = min(capacity * 2, limit + 1)
                // A new zeroed buffer and one copy: cheap in any build (appending a repeated element is not).
                var bigger = [UInt8](repeating: 0, count: capacity)
                bigger.withUnsafeMutableBytes { dst in bytes.withUnsafeBytes { src in dst.copyMemory(from: src) } }
                bytes = bigger
            }
            let n = bytes.withUnsafeMutableBytes { buf in
                read(fd, buf.baseAddress! + count, capacity - count)
            }
            if n < 0 {
                if errno == EINTR { continue }
                return failure(errnoMessage(errno))
            }
            if n == 0 { break }
            count += n
        }
        if count > limit { return failure(tooLarge(limit)) }
        bytes.removeSubrange(count...)
        return .success(bytes)
    }

    /// Reads all of standard input, at most `limit` bytes.
    public static func readStandardInput(limit: Int = maxFileSize) -> Result<[UInt8], RunError> {
        readAll(0, sizeHint: 65536, limit: limit, display: "-")
    }

    /// Names in a directory, without `.` and `..`, unsorted.
    public static func list(_ path: String) -> Result<[String], RunError> {
        listEntries(bytes: Array(path.utf8), display: path, followLink: true).map { $0.map { SafeText.fileName($0.name) } }
    }

    /// One entry of a folder: its name as bytes and what `lstat` says it is (a link is `.symlink`, not followed).
    public struct Entry: Sendable {
        public var name: [UInt8]
        public var info: Info
    }

    /// The entries of a folder, without `.` and `..`, unsorted; each looked at with `fstatat` relative to the
    /// folder's descriptor, never through a link. `followLink: false` refuses a folder that is now a link.
    public static func listEntries(bytes path: [UInt8], display: String, followLink: Bool) -> Result<[Entry], RunError> {
        let fd = open(bytes: path, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NONBLOCK | (followLink ? 0 : O_NOFOLLOW))
        if fd < 0 { return .failure(RunError(path: display, message: errnoMessage(errno))) }
        guard let dir = fdopendir(fd) else {
            let e = errno
            close(fd)
            return .failure(RunError(path: display, message: errnoMessage(e)))
        }
        defer { closedir(dir) }
        let dfd = dirfd(dir)
        var entries: [Entry] = []
        while let entry = readdir(dir) {
            let name: [UInt8] = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix(while: { $0 != 0 })) }
            if name == [0x2E] || name == [0x2E, 0x2E] { continue }
            var st = stat()
            let info = cString(name[...]) { fstatat(dfd, $0, &st, AT_SYMLINK_NOFOLLOW) } == 0 ? Info(st) : .missing
            entries.append(Entry(name: name, info: info))
        }
        return .success(entries)
    }

    /// Writes all bytes to a file descriptor, retrying short writes.
    @discardableResult
    public static func write(_ text: String, to fd: Int32) -> Bool {
        var text = text
        return text.withUTF8 { buf in writeAll(fd, UnsafeRawBufferPointer(buf)) }
    }

    /// Writes bytes as they are (not as a string: invalid UTF-8 is kept), retrying short writes.
    @discardableResult
    public static func write(bytes: [UInt8], to fd: Int32) -> Bool {
        bytes.withUnsafeBytes { writeAll(fd, $0) }
    }

    static func writeAll(_ fd: Int32, _ buf: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        while offset < buf.count {
            let n = posixWrite(fd, buf.baseAddress! + offset, buf.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += n
        }
        return true
    }

    public static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }

    public static func environment(_ name: String) -> String? {
        guard let v = getenv(name) else { return nil }
        return String(cString: v)
    }

    /// The working directory, read once: okrlint never changes directory. `/` when it cannot be read (deleted,
    /// or a parent unreadable); `workingDirectory` tells why, and the command line stops there.
    public static func currentDirectory() -> String { (try? startDirectory.get()) ?? "/" }

    /// The working directory, or why it cannot be read.
    public static var workingDirectory: Result<String, RunError> { startDirectory }

    static func readCurrentDirectory() -> Result<String, RunError> {
        // getcwd(NULL, 0) allocates what it needs: a working folder longer than PATH_MAX is read whole.
        guard let p = getcwd(nil, 0) else {
            return .failure(RunError(path: ".", message: "cannot read the working folder: \(errnoMessage(errno))"))
        }
        defer { free(p) }
        let s = String(cString: p)
        guard s.hasPrefix("/") else { return .failure(RunError(path: ".", message: "the working folder is unreachable (\(s))")) }
        return .success(s)
    }
}

/// An `errno` value as an error.
struct Errno: Error { var code: Int32 }

/// `write(2)`, at file scope so `FileSystem.write` does not hide it (no module-qualified calls, for Darwin).
private func posixWrite(_ fd: Int32, _ buf: UnsafeRawPointer, _ n: Int) -> Int { write(fd, buf, n) }

/// The working directory when the process started (an immutable global, initialised on first use).
private let startDirectory = FileSystem.readCurrentDirectory()
