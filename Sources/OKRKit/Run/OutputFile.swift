#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing a report to `--output FILE` without ever writing through a name a stranger planted:
/// - `/dev/stdout`, `/dev/stderr`, `/dev/fd/N` and `/proc/self/fd/N` write to that descriptor;
/// - the target's folder is opened without following links (`WritePath`: a folder a pull request committed as a
///   link, `reports -> /elsewhere`, is refused), and everything after happens relative to it;
/// - an existing target that is not a regular file (`/dev/null`, a FIFO) is opened and written, never replaced;
/// - a regular file (or none yet) is replaced atomically: the report goes to a new temporary file beside it, with a
///   random name, created with `O_CREAT | O_EXCL | O_NOFOLLOW` (a link or file planted at that name makes the
///   creation fail and another name is tried, it is never followed or truncated), synced, given the mode of the
///   file it replaces, and renamed over the target. A symbolic link at the target is replaced by the report, not
///   written through (nor opened, whatever it points to: a device, a FIFO). No temporary file is left after a failure;
/// - a target that is one of the files read (same device and inode, under any name) is refused.
public enum OutputFile {
    /// Where `path` sends its bytes when it names a standard stream or an open descriptor, else nil.
    static func descriptor(_ path: String) -> Int32? {
        switch path {
        case "/dev/stdout": return 1
        case "/dev/stderr": return 2
        default: break
        }
        for prefix in ["/dev/fd/", "/proc/self/fd/"] where path.hasPrefix(prefix) {
            if let n = Int32(path.dropFirst(prefix.count)), n >= 0, fcntl(n, F_GETFD) != -1 { return n }
        }
        return nil
    }

    /// Writes what `produce` emits, chunk by chunk, to `path` as described above. `inputs` are the files the run
    /// read; writing over one of them is refused. `option` names the writer in messages (`--write-baseline`).
    public static func write(to path: String, inputs: Set<FileID> = [], option: String = "--output",
                             _ produce: ((String) -> Void) -> Void) -> Result<Void, RunError> {
        write(to: path, inputs: inputs, option: option, tempSuffix: randomSuffix, produce)
    }

    /// `tempSuffix` makes the random part of temporary names (tests plant links at the names it gives).
    static func write(to path: String, inputs: Set<FileID>, option: String = "--output", tempSuffix: () -> String,
                      _ produce: ((String) -> Void) -> Void) -> Result<Void, RunError> {
        func failure(_ message: String) -> Result<Void, RunError> { .failure(RunError(path: path, message: message)) }
        if let fd = descriptor(path) { return stream(fd, path, produce) }
        let dir: Int32, name: [UInt8]
        switch WritePath.openParent(Array(path.utf8), what: option) {
        case .success(let opened): (dir, name) = opened
        case .failure(let e): return .failure(e)
        }
        defer { close(dir) }
        let target = WritePath.info(name, in: dir)
        switch target.kind {
        case .directory:
            return failure("is a folder; \(option) wants a file")
        case .other:
            // A device or FIFO the user named: write to it, never rename over it.
            let fd = FileSystem.cString(name[...]) { openat(dir, $0, O_WRONLY | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC) }
            if fd < 0 { return failure(FileSystem.errnoMessage(errno)) }
            defer { close(fd) }
            return stream(fd, path, produce)
        case .file:
            if inputs.contains(target.id) {
                return failure("is one of the files okrlint reads; refusing to overwrite it with the report")
            }
            return replace(path, in: dir, name, mode: mode_t(target.mode & 0o777), tempSuffix, produce)
        case .symlink:
            // Replaced, not followed; but a link to a file the run read is refused as that file would be.
            if inputs.contains(WritePath.info(name, in: dir, follow: true).id) {
                return failure("is one of the files okrlint reads; refusing to overwrite it with the report")
            }
            return replace(path, in: dir, name, mode: nil, tempSuffix, produce)
        case .missing:
            return replace(path, in: dir, name, mode: nil, tempSuffix, produce)
        }
    }

    /// Creates `path` with `bytes`, never replacing anything there (a file, a folder, a link, even a dangling one):
    /// `okrlint init`. The folder is opened as `WritePath` says (never through a link); the bytes go to a temporary
    /// file beside it first, synced, then hard-linked to `path` — a link fails when the name exists, so no check can
    /// race the creation — and the temporary name removed. On a file system without hard links the file is created
    /// with `O_EXCL | O_NOFOLLOW` and written in place.
    public static func createNew(_ path: String, _ bytes: [UInt8]) -> Result<Void, RunError> {
        func failure(_ message: String) -> Result<Void, RunError> { .failure(RunError(path: path, message: message)) }
        let exists = "exists already; okrlint init does not overwrite a file (choose another name, or remove it first)"
        let dir: Int32, name: [UInt8]
        switch WritePath.openParent(Array(path.utf8), what: "okrlint init") {
        case .success(let opened): (dir, name) = opened
        case .failure(let e): return .failure(e)
        }
        defer { close(dir) }
        if WritePath.info(name, in: dir).kind != .missing { return failure(exists) }
        let tmp: [UInt8]
        var fd: Int32
        switch WritePath.createTemporary(in: dir, for: name, mode: 0o666, suffix: randomSuffix) {
        case .success(let t): (fd, tmp) = t
        case .failure(let e): return failure("cannot create it: \(FileSystem.errnoMessage(e.code))")
        }
        var ok = bytes.withUnsafeBytes { FileSystem.writeAll(fd, $0) } && fsync(fd) == 0
        var error = ok ? 0 : errno
        if close(fd) != 0 && ok { ok = false; error = errno }
        guard ok else {
            WritePath.removeAt(tmp, in: dir)
            return failure("could not write it: \(FileSystem.errnoMessage(error))")
        }
        let linked = FileSystem.cString(tmp[...]) { from in FileSystem.cString(name[...]) { to in linkat(dir, from, dir, to, 0) } }
        let linkError = errno
        WritePath.removeAt(tmp, in: dir)
        if linked == 0 { return .success(()) }
        if linkError == EEXIST { return failure(exists) }
        guard linkError == EPERM || linkError == EOPNOTSUPP || linkError == EXDEV || linkError == EMLINK else {
            return failure("cannot create it: \(FileSystem.errnoMessage(linkError))")
        }
        fd = FileSystem.cString(name[...]) { openat(dir, $0, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666) }
        if fd < 0 {
            return failure(errno == EEXIST ? "exists already; okrlint init does not overwrite a file" : "cannot create it: \(FileSystem.errnoMessage(errno))")
        }
        ok = bytes.withUnsafeBytes { FileSystem.writeAll(fd, $0) } && fsync(fd) == 0
        error = ok ? 0 : errno
        if close(fd) != 0 && ok { ok = false; error = errno }
        if !ok {
            WritePath.removeAt(name, in: dir)
            return failure("could not write it: \(FileSystem.errnoMessage(error))")
        }
        return .success(())
    }

    private static func stream(_ fd: Int32, _ path: String, _ produce: ((String) -> Void) -> Void) -> Result<Void, RunError> {
        var ok = true
        produce { chunk in if ok { ok = FileSystem.write(chunk, to: fd) } }
        return ok ? .success(()) : .failure(RunError(path: path, message: "could not write: \(FileSystem.errnoMessage(errno))"))
    }

    /// A random 64-bit name part from the system's generator (getrandom / arc4random).
    static func randomSuffix() -> String {
        var g = SystemRandomNumberGenerator()
        let hex = String(g.next() as UInt64, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    private static func replace(_ path: String, in dir: Int32, _ name: [UInt8], mode: mode_t?, _ tempSuffix: () -> String,
                                _ produce: ((String) -> Void) -> Void) -> Result<Void, RunError> {
        func failure(_ message: String) -> Result<Void, RunError> { .failure(RunError(path: path, message: message)) }
        let fd: Int32, tmp: [UInt8]
        switch WritePath.createTemporary(in: dir, for: name, mode: 0o666, suffix: tempSuffix) {
        case .success(let t): (fd, tmp) = t
        case .failure(let e): return failure("cannot create a temporary file beside it: \(FileSystem.errnoMessage(e.code))")
        }
        var ok = true
        var error: Int32 = 0
        if let mode, fchmod(fd, mode) != 0 { ok = false; error = errno }
        produce { chunk in
            if ok && !FileSystem.write(chunk, to: fd) { ok = false; error = errno }
        }
        if ok && fsync(fd) != 0 { ok = false; error = errno }
        if close(fd) != 0 && ok { ok = false; error = errno }
        if ok && !WritePath.renameAt(tmp, to: name, in: dir) { ok = false; error = errno }
        if !ok {
            WritePath.removeAt(tmp, in: dir)
            return failure("could not write the report: \(FileSystem.errnoMessage(error))")
        }
        return .success(())
    }
}
