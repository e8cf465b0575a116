#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a fixed file back, the way `--output` writes a report (`OutputFile`), with the checks a file a stranger
/// may control needs:
/// - everything happens relative to one descriptor of the file's folder, so the file checked, the temporary file
///   and the rename are in the same folder whatever is renamed meanwhile;
/// - the file is opened with `O_NOFOLLOW`: a symbolic link is refused, never written through or replaced (named on
///   the command line or not); so is anything but a regular file, and a file with other hard links (replacing it
///   would leave them with the old text);
/// - it must still be the file that was read (device and inode) and still hold the bytes the fixes were made from,
///   checked again just before the rename; otherwise it changed meanwhile and is left alone;
/// - the new text goes to a temporary file beside it with a random name, created with `O_CREAT | O_EXCL |
///   O_NOFOLLOW` (a name taken is never opened: another is tried), given the file's permission bits, synced, and
///   renamed over the file: readers see the old text or the new, and a failure leaves nothing behind.
public enum FixWriter {
    /// Who writes: the words of the messages (`--fix` fixes, `okrlint fmt` formats).
    public struct Purpose: Sendable {
        var command: String
        var verb: String
        var done: String
        public static let fix = Purpose(command: "`--fix`", verb: "fix", done: "fixed")
        public static let format = Purpose(command: "`okrlint fmt`", verb: "format", done: "formatted")
    }

    /// Replaces `file` (as discovery found it) with `fixed`, if it still holds `original`.
    public static func write(_ fixed: [UInt8], over original: [UInt8], to file: FileDiscovery.File,
                             purpose: Purpose = .fix) -> Result<Void, RunError> {
        write(fixed, over: original, to: file, purpose: purpose, tempSuffix: OutputFile.randomSuffix, beforeRename: {})
    }

    /// `tempSuffix` makes the random part of temporary names; `beforeRename` runs between writing the temporary file
    /// and the last check (tests change the file there).
    static func write(_ fixed: [UInt8], over original: [UInt8], to file: FileDiscovery.File, purpose: Purpose = .fix,
                      tempSuffix: () -> String, beforeRename: () -> Void) -> Result<Void, RunError> {
        let p = purpose
        func failure(_ message: String) -> Result<Void, RunError> { .failure(RunError(path: file.path, message: message)) }
        let path = file.bytes
        guard let (folder, name) = WritePath.split(path) else { return failure("is not a file name; not \(p.done)") }
        // The folder, never through a symbolic link (`WritePath`): a link to a folder outside the workspace, named
        // on the command line, must not get a file written there.
        let dir: Int32
        switch WritePath.openFolder(folder) {
        case .success(let fd): dir = fd
        case .failure(.link(let link)):
            return failure("is in a folder reached through a symbolic link; \(p.command) does not write through links "
                           + "(\(link) is one; \(p.verb) it by its real path)")
        case .failure(.system(let e)):
            return failure("cannot open its folder: \(FileSystem.errnoMessage(e))")
        }
        defer { close(dir) }
        let fd = FileSystem.cString(name[...]) { openat(dir, $0, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC) }
        if fd < 0 {
            let e = errno
            return failure(e == ELOOP ? "is a symbolic link; \(p.command) does not write through links (\(p.verb) the file it points to by its own name)"
                                      : "cannot open it again to \(p.verb) it: \(FileSystem.errnoMessage(e))")
        }
        defer { close(fd) }
        var st = stat()
        if fstat(fd, &st) != 0 { return failure(FileSystem.errnoMessage(errno)) }
        guard st.st_mode & S_IFMT == S_IFREG else { return failure("is no longer a regular file; not \(p.done)") }
        let info = FileSystem.Info(st)
        guard info.id == file.id else { return failure("was replaced while okrlint was running; not \(p.done)") }
        // Replacing goes through the folder, so the file's own permission must be asked for: a read-only file is
        // left alone, as an editor would.
        let writable = FileSystem.cString(name[...]) { faccessat(dir, $0, W_OK, AT_EACCESS) } == 0
        guard st.st_mode & 0o222 != 0 && writable else { return failure("is read-only; not \(p.done)") }
        guard st.st_nlink <= 1 else {
            return failure("has other hard links; replacing it would leave them with the old text, so it is not \(p.done)")
        }
        func unchanged() -> Bool {
            guard lseek(fd, 0, SEEK_SET) == 0,
                  case .success(let now) = FileSystem.readAll(fd, sizeHint: original.count, limit: FileSystem.maxFileSize, display: file.path)
            else { return false }
            return now == original
        }
        guard unchanged() else { return failure("changed while okrlint was running; not \(p.done)") }

        // The temporary file, beside it.
        let tmp: [UInt8], out: Int32
        switch WritePath.createTemporary(in: dir, for: name, mode: 0o600, suffix: tempSuffix) {
        case .success(let t): (out, tmp) = t
        case .failure(let e): return failure("cannot create a temporary file beside it: \(FileSystem.errnoMessage(e.code))")
        }
        var ok = true
        var error: Int32 = 0
        // The same owner and group: a file another user or group owns is not quietly made ours.
        if fchown(out, st.st_uid, st.st_gid) != 0 {
            var mine = stat()
            if fstat(out, &mine) != 0 || mine.st_uid != st.st_uid || mine.st_gid != st.st_gid {
                _ = close(out)
                WritePath.removeAt(tmp, in: dir)
                return failure("belongs to another user or group; replacing it would change that, so it is not \(p.done)")
            }
        }
        if fchmod(out, mode_t(st.st_mode & 0o777)) != 0 { ok = false; error = errno }
        if ok && !fixed.withUnsafeBytes({ FileSystem.writeAll(out, $0) }) { ok = false; error = errno }
        if ok && fsync(out) != 0 { ok = false; error = errno }
        if close(out) != 0 && ok { ok = false; error = errno }
        func discard() { WritePath.removeAt(tmp, in: dir) }
        if !ok {
            discard()
            return failure("could not write the \(p.done) file: \(FileSystem.errnoMessage(error))")
        }
        beforeRename()
        // Still the same file, holding the same bytes, under the same name?
        var now = stat()
        let same = FileSystem.cString(name[...]) { fstatat(dir, $0, &now, AT_SYMLINK_NOFOLLOW) } == 0
            && FileSystem.Info(now).id == file.id && unchanged()
        guard same else {
            discard()
            return failure("changed while okrlint was running; not \(p.done)")
        }
        if !WritePath.renameAt(tmp, to: name, in: dir) {
            let e = errno
            discard()
            return failure("could not replace it: \(FileSystem.errnoMessage(e))")
        }
        // The folder is not synced: after a crash the rename may be lost, which leaves the old text, never a mix.
        return .success(())
    }
}
