#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs `git` on the one repository okrlint found itself, never through a shell, so that nothing a pull request
/// controls can make git start another program, read configuration of its own, or reach the network.
///
/// - **No discovery.** git never looks for a repository from a file's folder (a pull request can commit a folder
///   that looks like a bare repository, with a configuration of its own): `GIT_DIR` and `GIT_WORK_TREE` name the
///   repository `Git.repository(containing:)` found — the nearest folder holding a `.git` folder or `.git` file
///   (a worktree or submodule), never a `.git` that is a symbolic link — and `GIT_CEILING_DIRECTORIES` stops any
///   search above it.
/// - **No configuration but the repository's own**: no system or global file (`GIT_CONFIG_NOSYSTEM`,
///   `GIT_CONFIG_GLOBAL=/dev/null`), and the environment is rebuilt from a short allow-list, so no inherited
///   `GIT_*` variable (an index, an object folder, `GIT_EXEC_PATH`, `GIT_SSH`, trace files) reaches git.
/// - **No other program**, whatever the repository's configuration says: every option that names one is
///   overridden on the command line (`-c` wins over every configuration file): hooks, fsmonitor, pager, external
///   diff, credential helpers, signature checks; commands are given `--no-ext-diff --no-textconv` where they diff.
/// - **No network**: `GIT_ALLOW_PROTOCOL` set empty allows no transport at all (it overrides `protocol.*` in any
///   configuration), so a partial clone's missing object is an error, not a fetch that could run `ext::`
///   commands or `core.sshCommand`; `GIT_NO_LAZY_FETCH` says the same to git 2.44 and later.
/// - `git` itself is found on `PATH`'s absolute folders only (a relative entry such as `.` would run a `git`
///   from the pull request). Paths from files reach git after `--` or on standard input, never as options.
public struct Git: Sendable {
    /// The repository's top folder (the work tree), a real path.
    public let root: String
    /// Its `.git` (a folder, or a file naming the git folder of a worktree or submodule).
    public let gitEntry: String
    /// The git executable.
    let executable: String

    public struct Failure: Error, Sendable {
        public var message: String
        /// git could not be started at all (the machine's problem, not the repository's).
        public var spawn = false
    }

    /// What `repository(containing:)` found.
    public enum Lookup: Sendable {
        case found(Git)
        /// No `.git` at or above the folder.
        case notARepository
        /// A repository okrlint will not hand to git, or git missing; why.
        case refused(String)
    }

    init(root: String, gitEntry: String, executable: String) {
        self.root = root
        self.gitEntry = gitEntry
        self.executable = executable
    }

    /// The repository holding `folder` (absolute): the nearest folder at or above it holding `.git`, as
    /// `WorkspaceRoot.repositoryRoot` finds it, or the outermost repository enclosing a `.git` file (a submodule).
    /// A `.git` that is neither a folder nor a regular file is refused.
    public static func repository(containing folder: String) -> Lookup {
        let real = Confined.realPath(folder) ?? folder
        guard let top = WorkspaceRoot.repositoryRoot(of: real) else { return .notARepository }
        var root = Confined.realPath(top) ?? top
        var entry = Path.join(root, ".git")
        // A `.git` file inside another repository is a submodule (or a worktree placed inside one): its history is
        // another repository's, which a pull request can add. Its files are read as the enclosing repository sees
        // them — files it does not track, whose history is that of the files it deleted (`HistoryWalk`).
        while FileSystem.info(bytes: Array(entry.utf8), follow: false).kind == .file, root != "/",
              let outer = WorkspaceRoot.repositoryRoot(of: Path.parent(root)) {
            root = Confined.realPath(outer) ?? outer
            entry = Path.join(root, ".git")
        }
        switch FileSystem.info(bytes: Array(entry.utf8), follow: false).kind {
        case .directory, .file: break
        case .symlink: return .refused("\(SafeText.escape(entry)) is a symbolic link: okrlint does not let git follow it")
        default: return .refused("\(SafeText.escape(entry)) is not a git folder or file")
        }
        guard let executable = findExecutable(outside: root) else {
            return .refused("git is not installed (not found on PATH)")
        }
        return .found(Git(root: root, gitEntry: entry, executable: executable))
    }

    /// The first `git` that is an executable regular file in an absolute folder of `PATH` and, followed to its real
    /// path, lies outside the repository `outside` (a `git` there is the pull request's, whether `PATH` names its
    /// folder as `.`, `bin` or `$PWD/bin`).
    static func findExecutable(path: String? = FileSystem.environment("PATH"), outside root: String? = nil) -> String? {
        let folders = (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":", omittingEmptySubsequences: true)
        let fence = root.flatMap { r -> String? in let real = Confined.realPath(r) ?? r; return real == "/" ? nil : real }
        for folder in folders where folder.hasPrefix("/") {
            let candidate = Path.join(String(folder), "git")
            guard FileSystem.info(candidate).kind == .file && access(candidate, X_OK) == 0 else { continue }
            if let fence, WorkspaceRoot.isInside(Confined.realPath(candidate) ?? candidate, fence) { continue }
            return candidate
        }
        return nil
    }

    /// Options that override anything a repository's configuration could say about running programs, fetching or
    /// changing what the commands print.
    static let safety = [
        "--no-pager",
        "-c", "core.hooksPath=/dev/null", "-c", "core.fsmonitor=false", "-c", "core.pager=cat",
        "-c", "core.quotePath=false",
        "-c", "credential.helper=", "-c", "protocol.allow=never", "-c", "diff.external=",
        "-c", "log.showSignature=false", "-c", "log.showRoot=true", "-c", "diff.relative=false",
        // A committed `.mailmap` is read by `git log` in time quadratic in its entries; nothing here needs it.
        "-c", "log.mailmap=false",
        "-c", "color.ui=false", "-c", "gc.auto=0", "-c", "maintenance.auto=false",
        "-c", "safe.bareRepository=explicit",
    ]

    /// The environment git runs in: a few variables of okrlint's own (locale, time zone, the temporary folder),
    /// then okrlint's settings. Nothing else is inherited.
    func environment() -> [String] {
        var out: [String] = []
        for name in ["PATH", "HOME", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "TMPDIR"] {
            if let v = FileSystem.environment(name) { out.append("\(name)=\(v)") }
        }
        let parent = Path.parent(root)
        return out + [
            "GIT_DIR=\(gitEntry)", "GIT_WORK_TREE=\(root)", "GIT_CEILING_DIRECTORIES=\(parent)",
            "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null", "GIT_ATTR_NOSYSTEM=1",
            "GIT_ALLOW_PROTOCOL=", "GIT_PROTOCOL_FROM_USER=0", "GIT_NO_LAZY_FETCH=1", "GIT_NO_REPLACE_OBJECTS=1",
            "GIT_TERMINAL_PROMPT=0", "GIT_ASKPASS=/bin/false", "SSH_ASKPASS=/bin/false", "GIT_OPTIONAL_LOCKS=0",
            "GIT_PAGER=cat", "PAGER=cat", "GIT_ADVICE=0",
        ]
    }

    /// Runs `git <safety> args` in the repository, writing `input` to its standard input; the output, or why it
    /// failed. Output beyond `limit` bytes is an error (a history too large to read).
    public func run(_ args: [String], input: [UInt8] = [], limit: Int = 1 << 30) -> Result<[UInt8], Failure> {
        var out: [UInt8] = []
        var tooLarge = false
        let result = stream(args, input: input) { chunk in
            if out.count + chunk.count > limit { tooLarge = true; return false }
            out.append(contentsOf: chunk)
            return true
        }
        if tooLarge { return .failure(Failure(message: "git printed more than \(limit >> 20) MiB")) }
        return result.map { _ in out }
    }

    /// Runs `git <safety> args` and hands its output to `consume` as it arrives, a chunk at a time; `consume`
    /// returning false stops git (success: stopping is the caller's choice). Nothing of the output is kept here.
    public func stream(_ args: [String], input: [UInt8] = [], _ consume: (UnsafeRawBufferPointer) -> Bool) -> Result<Void, Failure> {
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
            return .failure(Failure(message: lastSpawnError(), spawn: true))
        }
        var buf = [UInt8](repeating: 0, count: 1 << 16)
        var stopped = false
        while true {
            let n = buf.withUnsafeMutableBytes { read(outFD, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            let more = buf.withUnsafeBytes { consume(UnsafeRawBufferPointer(rebasing: $0[..<n])) }
            if !more { stopped = true; break }
        }
        if stopped { kill(pid, SIGTERM) }
        close(outFD)
        var wstatus: Int32 = 0
        while waitpid(pid, &wstatus, 0) < 0 && errno == EINTR {}
        if stopped { return .success(()) }
        let exited = (wstatus & 0x7f) == 0
        let code = (wstatus >> 8) & 0xff
        guard exited && code == 0 else { return .failure(Failure(message: "git \(args.first ?? "") failed (exit \(exited ? code : -1))")) }
        return .success(())
    }

    /// Starts `git <safety> args` in the repository with `input` as its standard input and a pipe for its output
    /// (standard error goes to /dev/null); its process id and the pipe's reading end, or nil (`errno` says why).
    ///
    /// A pipe or socket of one git must not stay open in another started meanwhile by another thread (its reader
    /// would then never see the end), so okrlint's descriptors are close-on-exec (`O_CLOEXEC`, `SOCK_CLOEXEC` on
    /// Linux; the pipe is flagged right after it is made, as Swift's Glibc has no `pipe2`). On Darwin, which has no
    /// `SOCK_CLOEXEC`, `POSIX_SPAWN_CLOEXEC_DEFAULT` closes in the child every descriptor the file actions do not
    /// name, whenever it was opened. `dup2` onto 0 and 1 gives the child its own copies without the flag.
    func spawn(_ args: [String], input: Int32) -> (pid_t, Int32)? {
        let argv = ["git", "-C", root] + Git.safety + args
        var outPipe: [Int32] = [-1, -1]
        guard pipe(&outPipe) == 0 else { return nil }
        _ = fcntl(outPipe[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(outPipe[1], F_SETFD, FD_CLOEXEC)
        #if canImport(Glibc)
        var actions = posix_spawn_file_actions_t()
        #else
        // On Darwin these are pointers the init functions fill in, not structures.
        var actions: posix_spawn_file_actions_t? = nil
        var attributes: posix_spawnattr_t? = nil
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_CLOEXEC_DEFAULT))
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, input, 0)
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addclose(&actions, outPipe[0])
        posix_spawn_file_actions_addclose(&actions, outPipe[1])
        var pid: pid_t = 0
        let status: Int32 = Git.withCStrings(argv) { cargv in
            Git.withCStrings(environment()) { cenv in
                #if canImport(Glibc)
                posix_spawn(&pid, executable, &actions, nil, cargv, cenv)
                #else
                posix_spawn(&pid, executable, &actions, &attributes, cargv, cenv)
                #endif
            }
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
    /// writing to a git that has died is an error (`MSG_NOSIGNAL` on Linux, `SO_NOSIGPIPE` on Darwin), not a signal
    /// that ends okrlint. okrlint's end does not block (`BlobReader` reads answers while a request waits for room:
    /// a local socket's buffer is about 200 KiB on Linux but 8 KiB on macOS); `sendBuffer`, when given, sets its
    /// size (tests make it small to reach that path on Linux).
    func spawnBatch(_ args: [String], sendBuffer: Int32? = nil) -> (pid_t, Int32, Int32)? {
        var pair: [Int32] = [-1, -1]
        #if canImport(Glibc)
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &pair) == 0 else { return nil }
        #else
        guard socketpair(AF_UNIX, SOCK_STREAM, 0, &pair) == 0 else { return nil }
        // Close-on-exec for okrlint's own `exec`s; `spawn` closes them in git anyway (POSIX_SPAWN_CLOEXEC_DEFAULT).
        _ = fcntl(pair[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(pair[1], F_SETFD, FD_CLOEXEC)
        var one: Int32 = 1
        _ = setsockopt(pair[0], SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
        #endif
        if var size = sendBuffer {
            _ = setsockopt(pair[0], SOL_SOCKET, SO_SNDBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        }
        _ = fcntl(pair[0], F_SETFL, fcntl(pair[0], F_GETFL) | O_NONBLOCK)
        // Only okrlint's end is written to; git reads the other, which okrlint closes once git has it.
        shutdown(pair[0], Int32(SHUT_RD))
        guard let (pid, out) = spawn(args, input: pair[1]) else {
            close(pair[0]); close(pair[1])
            return nil
        }
        close(pair[1])
        return (pid, pair[0], out)
    }

    static func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R) -> R {
        var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
        pointers.append(nil)
        defer { for p in pointers { free(p) } }
        return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
    }
}
