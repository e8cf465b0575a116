#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing a report to `--output FILE` without ever writing through a name a stranger planted:
/// - `/dev/stdout`, `/dev/stderr`, `/dev/fd/N` and `/proc/self/fd/N` write to that descriptor;
/// - an existing target that is not a regular file (`/dev/null`, a FIFO) is opened and written, never replaced;
/// - a regular file (or none yet) is replaced atomically: the report goes to a new temporary file beside it, with a
///   random name, created with `O_CREAT | O_EXCL | O_NOFOLLOW` (a link or file planted at that name makes the
///   creation fail and another name is tried, it is never followed or truncated), synced, given the mode of the
///   file it replaces, and renamed over the target. A symbolic link at the target is replaced by the report, not
///   written through. No temporary file is left after a failure;
/// - a target that is one of the files read (same device and inode) is refused.
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
    /// read; writing over one of them is refused.
    public static func write(to path: String, inputs: Set<FileID> = [], _ produce: ((String) -> Void) -> Void) -> Result<Void, RunError> {
        write(to: path, inputs: inputs, tempSuffix: randomSuffix, produce)
    }

    /// `tempSuffix` makes the random part of temporary names (tests plant links at the names it gives).
    static func write(to path: String, inputs: Set<FileID>, tempSuffix: () -> String, _ produce: ((String) -> Void) -> Void) -> Result<Void, RunError> {
        func failure(_ message: String) -> Result<Void, RunError> { .failure(RunError(path: path, message: message)) }
        if let fd = descriptor(path) { return stream(fd, path, produce) }
        let target = FileSystem.info(path)
        switch target.kind {
        case .directory:
            return failure("is a folder; --output wants a file")
        case .other:
            // A device or FIFO the user named: write to it, never rename over it.
            let fd = posixOpen(path, O_WRONLY | O_CLOEXEC | O_NOCTTY)
            if fd < 0 { return failure(FileSystem.errnoMessage(errno)) }
            defer { close(fd) }
            return stream(fd, path, produce)
        case .file:
            if inputs.contains(target.id) {
                return failure("is one of the files okrlint reads; refusing to overwrite it with the report")
            }
            return replace(path, mode: mode_t(target.mode & 0o777), tempSuffix, produce)
        case .missing, .symlink:
            return replace(path, mode: nil, tempSuffix, produce)
        }
    }

    /// Creates `path` with `bytes`, never replacing anything there (a file, a folder, a link, even a dangling one):
    /// `okrlint init`. The bytes go to a temporary file beside it first, synced, then hard-linked to `path` — a link
    /// fails when the name exists, so no check can race the creation — and the temporary name removed. On a file
    /// system without hard links the file is created with `O_EXCL | O_NOFOLLOW` and written in place.
    public static func createNew(_ path: String, _ bytes: [UInt8]) -> Result<Void, RunError> {
        func failure(_ message: String) -> Result<Void, RunError> { .failure(RunError(path: path, message: message)) }
        if FileSystem.info(bytes: Array(path.utf8), follow: false).kind != .missing {
            return failure("exists already; okrlint init does not overwrite a file (choose another name, or remove it first)")
        }
        let tmp = Path.join(Path.parent(path), ".\(Path.name(path)).okrlint-\(randomSuffix()).tmp")
        var fd = posixOpen(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
        if fd < 0 { return failure("cannot create it: \(FileSystem.errnoMessage(errno))") }
        var ok = bytes.withUnsafeBytes { FileSystem.writeAll(fd, $0) } && fsync(fd) == 0
        var error = ok ? 0 : errno
        if close(fd) != 0 && ok { ok = false; error = errno }
        guard ok else {
            unlink(tmp)
            return failure("could not write it: \(FileSystem.errnoMessage(error))")
        }
        if link(tmp, path) == 0 {
            unlink(tmp)
            return .success(())
        }
        let linkError = errno
        unlink(tmp)
        if linkError == EEXIST {
            return failure("exists already; okrlint init does not overwrite a file (choose another name, or remove it first)")
        }
        guard linkError == EPERM || linkError == EOPNOTSUPP || linkError == EXDEV || linkError == EMLINK else {
            return failure("cannot create it: \(FileSystem.errnoMessage(linkError))")
        }
        fd = posixOpen(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
        if fd < 0 {
            return failure(errno == EEXIST ? "exists already; okrlint init does not overwrite a file" : "cannot create it: \(FileSystem.errnoMessage(errno))")
        }
        ok = bytes.withUnsafeBytes { FileSystem.writeAll(fd, $0) } && fsync(fd) == 0
        error = ok ? 0 : errno
        if close(fd) != 0 && ok { ok = false; error = errno }
        if !ok {
            unlink(path)
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

    private static func replace(_ path: String, mode: mode_t?, _ tempSuffix: () -> String, _ produce: ((String) -> Void) -> Void) -> Result<Void, RunError> {
        func failure(_ message: String) -> Result<Void, RunError> { .failure(RunError(path: path, message: message)) }
        let folder = Path.parent(path)
        let base = Path.name(path)
        var tmp = ""
        var fd: Int32 = -1
        // A name taken (by chance, or by a file or link planted there) is never opened: try another.
        for _ in 0..<32 {
            tmp = Path.join(folder, ".\(base).okrlint-\(tempSuffix()).tmp")
            fd = posixOpen(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
            if fd >= 0 || errno != EEXIST { break }
        }
        if fd < 0 { return failure("cannot create a temporary file beside it: \(FileSystem.errnoMessage(errno))") }
        var ok = true
        var error: Int32 = 0
        if let mode, fchmod(fd, mode) != 0 { ok = false; error = errno }
        produce { chunk in
            if ok && !FileSystem.write(chunk, to: fd) { ok = false; error = errno }
        }
        if ok && fsync(fd) != 0 { ok = false; error = errno }
        if close(fd) != 0 && ok { ok = false; error = errno }
        if ok && rename(tmp, path) != 0 { ok = false; error = errno }
        if !ok {
            unlink(tmp)
            return failure("could not write the report: \(FileSystem.errnoMessage(error))")
        }
        return .success(())
    }
}

/// `open(2)` at file scope, without a module-qualified name (Glibc and Darwin both provide it).
private func posixOpen(_ path: String, _ flags: Int32, _ mode: mode_t = 0) -> Int32 { open(path, flags, mode) }
