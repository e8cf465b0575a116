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

/// Thin wrappers over POSIX calls: no Foundation, one `read` per file in the common case.
public enum FileSystem {
    public enum Kind: Sendable { case file, directory, other, missing }

    public struct Info: Sendable {
        public var kind: Kind
        public var device: UInt64
        public var inode: UInt64
        public var size: Int
    }

    public static func errnoMessage(_ code: Int32) -> String {
        guard let s = strerror(code) else { return "error \(code)" }
        return String(cString: s)
    }

    /// `stat` (following symlinks). A broken link or missing path is `.missing`.
    public static func info(_ path: String) -> Info {
        var st = stat()
        guard stat(path, &st) == 0 else { return Info(kind: .missing, device: 0, inode: 0, size: 0) }
        let fmt = st.st_mode & S_IFMT
        let kind: Kind = fmt == S_IFREG ? .file : (fmt == S_IFDIR ? .directory : .other)
        return Info(kind: kind, device: UInt64(st.st_dev), inode: UInt64(st.st_ino), size: Int(st.st_size))
    }

    public static func exists(_ path: String) -> Bool { info(path).kind != .missing }

    /// Whether `path` itself is a symbolic link (`lstat`, not following it).
    public static func isSymlink(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0 && st.st_mode & S_IFMT == S_IFLNK
    }

    /// Reads a whole file: `fstat` for the size, then reads until end of file (the file may grow or shrink meanwhile).
    public static func readFile(_ path: String) -> Result<[UInt8], RunError> {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { return .failure(RunError(path: path, message: errnoMessage(errno))) }
        defer { close(fd) }
        var st = stat()
        if fstat(fd, &st) != 0 { return .failure(RunError(path: path, message: errnoMessage(errno))) }
        if st.st_mode & S_IFMT == S_IFDIR { return .failure(RunError(path: path, message: "is a directory")) }
        var capacity = max(Int(st.st_size) + 1, 4096)
        var bytes = [UInt8](repeating: 0, count: capacity)
        var count = 0
        while true {
            if count == capacity {
                capacity *= 2
                bytes.append(contentsOf: repeatElement(0, count: capacity - bytes.count))
            }
            let n = bytes.withUnsafeMutableBytes { buf in
                read(fd, buf.baseAddress! + count, capacity - count)
            }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(RunError(path: path, message: errnoMessage(errno)))
            }
            if n == 0 { break }
            count += n
        }
        bytes.removeSubrange(count...)
        return .success(bytes)
    }

    /// Reads all of standard input.
    public static func readStandardInput() -> Result<[UInt8], RunError> {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(0, $0.baseAddress!, 65536) }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(RunError(path: "-", message: errnoMessage(errno)))
            }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return .success(bytes)
    }

    /// Names in a directory, without `.` and `..`, unsorted.
    public static func list(_ path: String) -> Result<[String], RunError> {
        guard let dir = opendir(path) else { return .failure(RunError(path: path, message: errnoMessage(errno))) }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return .success(names)
    }

    /// Writes all bytes to a file descriptor, retrying short writes.
    @discardableResult
    public static func write(_ text: String, to fd: Int32) -> Bool {
        var text = text
        var offset = 0
        return text.withUTF8 { buf in
            while offset < buf.count {
                let n = Glibc.write(fd, buf.baseAddress! + offset, buf.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += n
            }
            return true
        }
    }

    /// Writes a file atomically: a temporary file in the same folder, fsync, then rename over the target.
    public static func writeAtomically(_ text: String, to path: String) -> Result<Void, RunError> {
        writeAtomically(to: path) { emit in emit(text) }
    }

    /// Writes what `produce` emits, chunk by chunk, to a temporary file beside `path`, syncs it and renames it over
    /// `path`: readers see the old file or the whole new one, never a part.
    public static func writeAtomically(to path: String, _ produce: ((String) -> Void) -> Void) -> Result<Void, RunError> {
        let tmp = path + ".okrlint-tmp-\(getpid())"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if fd < 0 { return .failure(RunError(path: path, message: errnoMessage(errno))) }
        var ok = true
        produce { chunk in if ok { ok = write(chunk, to: fd) } }
        let synced = fsync(fd) == 0
        close(fd)
        guard ok && synced else {
            unlink(tmp)
            return .failure(RunError(path: path, message: "could not write the file"))
        }
        if rename(tmp, path) != 0 {
            let e = errno
            unlink(tmp)
            return .failure(RunError(path: path, message: errnoMessage(e)))
        }
        return .success(())
    }

    public static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }

    public static func environment(_ name: String) -> String? {
        guard let v = getenv(name) else { return nil }
        return String(cString: v)
    }

    /// The working directory, read once: okrlint never changes directory.
    public static func currentDirectory() -> String { startDirectory }

    static func readCurrentDirectory() -> String {
        var buf = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buf, buf.count) != nil else { return "." }
        return String(decoding: buf.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// The working directory when the process started (an immutable global, initialised on first use).
private let startDirectory = FileSystem.readCurrentDirectory()

/// Path helpers on `/`-separated strings.
public enum Path {
    public static func join(_ a: String, _ b: String) -> String {
        if a.isEmpty || a == "." { return b }
        return a.hasSuffix("/") ? a + b : a + "/" + b
    }

    public static func parent(_ p: String) -> String {
        let u = p.utf8
        var end = u.endIndex
        while u.distance(from: u.startIndex, to: end) > 1 && u[u.index(before: end)] == 0x2F { end = u.index(before: end) }
        guard let i = u[..<end].lastIndex(of: 0x2F) else { return "." }
        if i == u.startIndex { return "/" }
        return String(p[..<i])
    }

    public static func name(_ p: String) -> String {
        let u = p.utf8
        var end = u.endIndex
        while u.distance(from: u.startIndex, to: end) > 1 && u[u.index(before: end)] == 0x2F { end = u.index(before: end) }
        guard let i = u[..<end].lastIndex(of: 0x2F) else { return String(p[..<end]) }
        return String(p[u.index(after: i)..<end])
    }

    /// Whether a file name is an `.okr` file (`*.okr` or `*.okr.md`).
    public static func isOKRFile(_ name: String) -> Bool {
        name.hasSuffix(".okr") || name.hasSuffix(".okr.md")
    }

    /// Removes `./` prefixes and duplicate slashes for display.
    public static func clean(_ p: String) -> String {
        // Fast path: no `./` prefix and no doubled slash.
        if !p.hasPrefix("./") {
            var prev: UInt8 = 0
            var doubled = false
            for b in p.utf8 {
                if b == 0x2F && prev == 0x2F { doubled = true; break }
                prev = b
            }
            if !doubled { return p }
        }
        var s = p
        while s.hasPrefix("./") && s.count > 2 { s.removeFirst(2) }
        while s.contains("//") { s = s.replacingAll("//", with: "/") }
        return s
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var out = ""
        var rest = Substring(self)
        while let r = rest.range(of: target) {
            out += rest[..<r.lowerBound]
            out += replacement
            rest = rest[r.upperBound...]
        }
        return out + rest
    }
}

extension Substring {
    func range(of target: String) -> Range<Substring.Index>? {
        let t = Array(target.utf8)
        let u = self.utf8
        var i = u.startIndex
        while i != u.endIndex {
            var j = i
            var k = 0
            while k < t.count && j != u.endIndex && u[j] == t[k] { j = u.index(after: j); k += 1 }
            if k == t.count { return i..<j }
            i = u.index(after: i)
        }
        return nil
    }
}

extension Path {
    /// An absolute, lexically normalised path (`.` and `..` resolved without touching the disk).
    public static func absolute(_ p: String) -> String {
        normalize(p.hasPrefix("/") ? p : join(FileSystem.currentDirectory(), p))
    }

    /// An absolute path shown relative to the working directory when it lies below it.
    public static func display(_ p: String) -> String {
        guard p.hasPrefix("/") else { return clean(p) }
        let cwd = FileSystem.currentDirectory()
        let base = cwd.hasSuffix("/") ? cwd : cwd + "/"
        return p.hasPrefix(base) ? String(p.dropFirst(base.count)) : p
    }

    public static func normalize(_ p: String) -> String {
        // Fast path: nothing to resolve.
        let u = p.utf8
        var clean = !u.isEmpty && !p.hasSuffix("/")
        // As if after a slash, so a leading `.` or `..` segment is seen; a leading slash is not a doubled one.
        var prev: UInt8 = 0x2F
        var dots = 0
        var first = true
        for b in u {
            defer { first = false }
            if b == 0x2F {
                if (prev == 0x2F && !first) || (dots > 0 && dots <= 2) { clean = false; break }
                dots = 0
            } else if b == 0x2E && (prev == 0x2F || dots > 0) {
                dots += 1
            } else {
                dots = dots > 0 && prev == 0x2E && dots <= 2 ? 3 : 0
            }
            prev = b
        }
        if clean && !(dots > 0 && dots <= 2) && p.hasPrefix("/") { return p }
        var parts: [Substring] = []
        for seg in p.split(separator: "/", omittingEmptySubsequences: true) {
            if seg == "." { continue }
            if seg == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(seg)
        }
        let body = parts.joined(separator: "/")
        return p.hasPrefix("/") ? "/" + body : (body.isEmpty ? "." : body)
    }
}
