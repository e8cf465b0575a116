#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One `git cat-file --batch` kept running for a whole run, so each file's checker asks for just the versions it
/// needs (the ones of its own period that differ from the file on disk), while the other threads go on parsing:
/// git's work overlaps okrlint's, and no blob is fetched that no rule reads. Requests go in batches; while a batch
/// waits for room in the socket (whose size differs by system: about 200 KiB on Linux, 8 KiB on macOS), okrlint
/// reads what git has answered so far, so writing never waits on git while git waits on its output being read,
/// whatever the buffers' sizes. Any failure (git
/// gone, a short read) ends the process for the rest of the run and every later request fails: the caller reports
/// that history could not be read, never a history with versions missing.
final class BlobReader: Sendable {
    private struct State {
        var started = false
        var pid: pid_t = 0
        var input: Int32 = -1     // git's standard input (a socket, so a dead git is an error, not SIGPIPE)
        var output: Int32 = -1    // git's standard output
        var buffer: [UInt8] = []
        var start = 0             // unread bytes are buffer[start...]
        var failed = false
        /// Bytes read from git so far, bounded like a single git call's output.
        var total = 0
    }

    private let state: Locked<State>
    private let limit: Int
    private let git: Git
    /// Sizes only (`--batch-check`): answers are headers, no contents.
    private let sizesOnly: Bool
    /// The request socket's buffer size, when set (tests make it small).
    private let sendBuffer: Int32?

    /// A reader for the repository; `git cat-file --batch` (or `--batch-check`, with `sizesOnly`) starts on the
    /// first request.
    init(git: Git, limit: Int = 1 << 30, sizesOnly: Bool = false, sendBuffer: Int32? = nil) {
        self.git = git
        state = Locked(State())
        self.limit = limit
        self.sizesOnly = sizesOnly
        self.sendBuffer = sendBuffer
    }

    /// The sizes of the blobs `ids`, in order (a reader made with `sizesOnly`); nil when git failed or does not
    /// know one of them. Asking costs git a look at each object's header, not its contents, so the size of a
    /// version can be judged before it is read.
    func sizes(_ ids: [String]) -> [Int]? {
        precondition(sizesOnly)
        return state.withLock { s in answers(ids, &s, sizesOnly: true) }?.map { $0.size }
    }

    /// The contents of the blobs `ids` (hexadecimal names from git), in order; nil when git failed or does not know
    /// one of them.
    func contents(_ ids: [String]) -> [[UInt8]]? {
        state.withLock { s in answers(ids, &s, sizesOnly: false) }?.map { $0.bytes }
    }

    /// The same, or `.none` at once when another thread is using this reader.
    func contentsIfFree(_ ids: [String]) -> [[UInt8]]?? {
        state.withLockIfAvailable { s in answers(ids, &s, sizesOnly: false)?.map { $0.bytes } }
    }

    private func answers(_ ids: [String], _ s: inout State, sizesOnly: Bool) -> [(size: Int, bytes: [UInt8])]? {
        guard !s.failed else { return nil }  // also after `close`, started or not
        if !s.started {
            s.started = true
            guard let (pid, input, output) = git.spawnBatch(["cat-file", sizesOnly ? "--batch-check" : "--batch"], sendBuffer: sendBuffer) else { s.failed = true; return nil }
            s.pid = pid
            s.input = input
            s.output = output
        }
        var out: [(size: Int, bytes: [UInt8])] = []
        out.reserveCapacity(ids.count)
        var i = 0
        while i < ids.count {
            let batch = ids[i..<min(ids.count, i + 256)]
            i += batch.count
            var request: [UInt8] = []
            for id in batch {
                // Only object names go to git: anything else would be read as a request of another kind.
                guard id.utf8.count <= 64, id.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }) else {
                    return nil
                }
                request.append(contentsOf: id.utf8)
                request.append(0x0A)
            }
            guard Self.send(request, &s, limit: limit) else { Self.fail(&s); return nil }
            for _ in batch {
                guard let answer = Self.next(&s, limit: limit, sizesOnly: sizesOnly) else { Self.fail(&s); return nil }
                out.append(answer)
            }
        }
        return out
    }

    /// Ends git (closing its input ends it) and waits for it.
    func close() {
        state.withLock { s in Self.fail(&s) }
    }

    deinit { close() }

    private static func fail(_ s: inout State) {
        s.failed = true
        if s.input >= 0 { _ = closeDescriptor(s.input); s.input = -1 }
        if s.output >= 0 { _ = closeDescriptor(s.output); s.output = -1 }
        if s.pid > 0 {
            var status: Int32 = 0
            while waitpid(s.pid, &status, 0) < 0 && errno == EINTR {}
            s.pid = 0
        }
        s.buffer = []
        s.start = 0
    }

    /// Writes a request to git's (non-blocking) socket. When it has no room, waits until it has or git has
    /// answered something, and reads the answers into the buffer: git may be waiting on its output being read
    /// before it reads more requests.
    private static func send(_ bytes: [UInt8], _ s: inout State, limit: Int) -> Bool {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { raw in sendNoSignal(s.input, raw.baseAddress! + done, raw.count - done) }
            if n > 0 { done += n; continue }
            guard n < 0 else { return false }
            if errno == EINTR { continue }
            guard errno == EAGAIN || errno == EWOULDBLOCK else { return false }
            var fds = [pollfd(fd: s.input, events: Int16(POLLOUT), revents: 0),
                       pollfd(fd: s.output, events: Int16(POLLIN), revents: 0)]
            let ready = fds.withUnsafeMutableBufferPointer { poll($0.baseAddress!, 2, -1) }
            if ready < 0 && errno == EINTR { continue }
            guard ready > 0 else { return false }
            if fds[1].revents != 0 {
                guard fill(&s, limit: limit) else { return false }
            } else if fds[0].revents & Int16(POLLOUT) == 0 {
                return false  // an error or hang-up on the socket
            }
        }
        return true
    }

    /// Reads more of git's output into the buffer; false at the end or on an error.
    private static func fill(_ s: inout State, limit: Int) -> Bool {
        if s.start > 0 && s.start == s.buffer.count {
            s.buffer.removeAll(keepingCapacity: true); s.start = 0
        } else if s.start >= 1 << 20 {
            s.buffer.removeFirst(s.start); s.start = 0
        }
        let old = s.buffer.count
        let chunk = 1 << 16
        var n = 0
        let fd = s.output
        s.buffer.append(contentsOf: repeatElement(0, count: chunk))
        s.buffer.withUnsafeMutableBytes { raw in
            repeat { n = read(fd, raw.baseAddress! + old, chunk) } while n < 0 && errno == EINTR
        }
        s.buffer.removeLast(chunk - max(0, n))
        s.total += max(0, n)
        return n > 0 && s.total <= limit
    }

    /// The next answer: `<id> blob <size>\n<bytes>\n` (or only the header, `sizesOnly`); nil for anything else
    /// (`<id> missing`, an error, the end).
    private static func next(_ s: inout State, limit: Int, sizesOnly: Bool) -> (size: Int, bytes: [UInt8])? {
        var nl: Int? = nil
        while true {
            nl = s.buffer[s.start...].firstIndex(of: 0x0A)
            if nl != nil { break }
            // A header is an id, a type and a size: far shorter than this.
            guard s.buffer.count - s.start < 256, fill(&s, limit: limit) else { return nil }
        }
        let head = s.buffer[s.start..<nl!].split(separator: 0x20)
        guard head.count == 3, head[1].elementsEqual("blob".utf8),
              let size = Int(String(decoding: head[2], as: UTF8.self)), size >= 0 else { return nil }
        s.start = nl! + 1
        if sizesOnly { return (size, []) }
        guard size <= limit else { return nil }
        while s.buffer.count - s.start < size + 1 {
            guard fill(&s, limit: limit) else { return nil }
        }
        let blob = Array(s.buffer[s.start..<(s.start + size)])
        guard s.buffer[s.start + size] == 0x0A else { return nil }
        s.start += size + 1
        return (size, blob)
    }
}

// At file scope, so that `close` and `send` are the C library's (inside the class, `close` is the method).
private func closeDescriptor(_ fd: Int32) -> Int32 { close(fd) }

private func sendNoSignal(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int {
    #if os(Linux)
    send(fd, p, n, Int32(MSG_NOSIGNAL))
    #else
    // No MSG_NOSIGNAL here: the socket is made with SO_NOSIGPIPE instead (see Git.spawnBatch).
    send(fd, p, n, 0)
    #endif
}
