#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs `git` (found on `PATH`) with arguments, never through a shell, and collects its standard output. Its
/// standard error is dropped and its input is empty. Options that would run other programs or prompt are turned off
/// for every call: no pager, no terminal prompt, no signature checks (`gpg`), no external diff or text conversion,
/// no optional locks. Paths from files are passed after `--` or on standard input, never as options.
public struct Git: Sendable {
    /// The folder git runs in (`-C`).
    public let folder: String

    public init(folder: String) { self.folder = folder }

    public struct Failure: Error, Sendable {
        public var message: String
    }

    static let safety = ["-c", "log.showSignature=false", "-c", "core.fsmonitor=false", "-c", "core.quotePath=false",
                         "-c", "diff.external=", "-c", "color.ui=false", "--no-pager"]

    /// Runs `git -C folder <safety> args`, writing `input` to its standard input; the output, or why it failed.
    /// Output beyond `limit` bytes is an error (a history too large to read).
    public func run(_ args: [String], input: [UInt8] = [], limit: Int = 1 << 30) -> Result<[UInt8], Failure> {
        // Standard input comes from an unlinked temporary file, so writing it can never wait on git reading it
        // while git waits on its output being read.
        var inFD: Int32 = -1
        if input.isEmpty {
            inFD = open("/dev/null", O_RDONLY | O_CLOEXEC)
        } else {
            let dir = FileSystem.environment("TMPDIR").flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
            var template = Array((dir.hasSuffix("/") ? dir : dir + "/").utf8CString.dropLast()) + Array("okrlint-git-XXXXXX".utf8CString)
            inFD = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            if inFD >= 0 {
                _ = template.withUnsafeBufferPointer { unlink($0.baseAddress!) }
                let ok = input.withUnsafeBytes { FileSystem.writeAll(inFD, $0) }
                if !ok || lseek(inFD, 0, SEEK_SET) != 0 { close(inFD); inFD = -1 }
            }
        }
        guard inFD >= 0 else { return .failure(Failure(message: "cannot make git's input: \(FileSystem.errnoMessage(errno))")) }
        defer { close(inFD) }
        guard let (pid, outFD) = spawn(args, input: inFD) else {
            return .failure(Failure(message: lastSpawnError()))
        }
        var out: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 1 << 16)
        var tooLarge = false
        while true {
            let n = buf.withUnsafeMutableBytes { read(outFD, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            if out.count + n > limit { tooLarge = true; break }
            out.append(contentsOf: buf[..<n])
        }
        close(outFD)
        var wstatus: Int32 = 0
        while waitpid(pid, &wstatus, 0) < 0 && errno == EINTR {}
        if tooLarge { return .failure(Failure(message: "git printed more than \(limit >> 20) MiB")) }
        let exited = (wstatus & 0x7f) == 0
        let code = (wstatus >> 8) & 0xff
        guard exited && code == 0 else { return .failure(Failure(message: "git \(args.first ?? "") failed (exit \(exited ? code : -1))")) }
        return .success(out)
    }

    /// Starts `git -C folder <safety> args` with `input` as its standard input and a pipe for its output (standard
    /// error goes to /dev/null); its process id and the pipe's reading end, or nil (`errno` says why).
    func spawn(_ args: [String], input: Int32) -> (pid_t, Int32)? {
        let argv = ["git", "-C", folder] + Git.safety + args
        var outPipe: [Int32] = [-1, -1]
        // Close-on-exec, so a pipe of one git never stays open in another (its reader would then
        // never see the end); `dup2` onto 0 and 1 clears the flag for the child's own copies.
        guard pipe(&outPipe) == 0 else { return nil }
        _ = fcntl(outPipe[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(outPipe[1], F_SETFD, FD_CLOEXEC)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, input, 0)
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addclose(&actions, outPipe[0])
        posix_spawn_file_actions_addclose(&actions, outPipe[1])
        var pid: pid_t = 0
        let status: Int32 = Git.withCStrings(argv) { cargv in
            Git.withCStrings(Git.environment()) { cenv in posix_spawnp(&pid, "git", &actions, nil, cargv, cenv) }
        }
        close(outPipe[1])
        guard status == 0 else {
            close(outPipe[0])
            errno = status
            return nil
        }
        return (pid, outPipe[0])
    }

    func lastSpawnError() -> String {
        errno == ENOENT ? "git is not installed (not found on PATH)" : "could not start git: \(FileSystem.errnoMessage(errno))"
    }

    /// Starts a long-running git command that reads requests on its standard input (`cat-file --batch`): its process
    /// id, the socket to write requests to, and the pipe to read answers from. The input is a socket so that
    /// writing to a git that has died is an error (`MSG_NOSIGNAL`), not a signal that ends okrlint.
    func spawnBatch(_ args: [String]) -> (pid_t, Int32, Int32)? {
        var pair: [Int32] = [-1, -1]
        #if canImport(Glibc)
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &pair) == 0 else { return nil }
        #else
        guard socketpair(AF_UNIX, SOCK_STREAM, 0, &pair) == 0 else { return nil }
        var one: Int32 = 1
        _ = setsockopt(pair[0], SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
        #endif
        // Only okrlint's end is written to; git reads the other, which okrlint closes once git has it.
        shutdown(pair[0], Int32(SHUT_RD))
        guard let (pid, out) = spawn(args, input: pair[1]) else {
            close(pair[0]); close(pair[1])
            return nil
        }
        close(pair[1])
        return (pid, pair[0], out)
    }

    static func environment() -> [String] {
        var out: [String] = []
        var p = environ
        while let entry = p.pointee {
            let s = String(cString: entry)
            if !s.hasPrefix("GIT_TERMINAL_PROMPT=") && !s.hasPrefix("GIT_OPTIONAL_LOCKS=") && !s.hasPrefix("GIT_CONFIG_NOSYSTEM=")
                && !s.hasPrefix("GIT_PAGER=") && !s.hasPrefix("PAGER=") {
                out.append(s)
            }
            p += 1
        }
        return out + ["GIT_TERMINAL_PROMPT=0", "GIT_OPTIONAL_LOCKS=0", "GIT_CONFIG_NOSYSTEM=1", "GIT_PAGER=cat", "PAGER=cat"]
    }

    static func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R) -> R {
        var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
        pointers.append(nil)
        defer { for p in pointers { free(p) } }
        return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
    }
}
