#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The server on file descriptors (standard input and output): reads frames as they come, hands each message to
/// the server in order, and writes the answers from this one place, whole (partial writes are continued). When no
/// input is waiting, the server publishes what changed, so a burst of changes is linted once, after its last one.
/// Returns the exit code: the one `exit` set, else 0 at end of input after `shutdown`, else 1.
public enum LSPStdio {
    public static func run(_ server: inout LanguageServer, input: Int32 = 0, output: Int32 = 1,
                           log: (String) -> Void = { FileSystem.write("okrlint lsp: \($0)\n", to: 2) }) -> Int32 {
        // A client that goes away must not kill the server in the middle of a write.
        signal(SIGPIPE, SIG_IGN)
        var reader = FrameReader()
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var pendingSince: UInt64? = nil
        while true {
            while let event = reader.next() {
                var out: [JSON]
                switch event {
                case .message(let body):
                    out = server.handle(body)
                case .error(let message, let tooLarge):
                    log(message)
                    out = tooLarge ? [LanguageServer.frameError(message)] : []
                }
                for m in out {
                    guard send(m, to: output) else { log("the client closed its end; stopping"); return 1 }
                }
                if let code = server.exitCode { return code }
            }
            // Publish when the client pauses, or at the latest `maxDelay` after a change, so a client that never
            // pauses still sees its findings.
            if !server.hasPendingWork {
                pendingSince = nil
            } else if pendingSince == nil {
                pendingSince = now()
            }
            if let since = pendingSince, !inputWaiting(input) || now() - since > maxDelay {
                pendingSince = nil
                for m in server.idle() {
                    guard send(m, to: output) else { log("the client closed its end; stopping"); return 1 }
                }
            }
            let n = chunk.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                log("reading standard input: \(FileSystem.errnoMessage(errno))")
                return 1
            }
            if n == 0 {
                // The client went away (or closed our input): stop, successfully only after `shutdown`.
                return server.phase == .shutDown ? 0 : 1
            }
            chunk.withUnsafeBytes { reader.append(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
        }
    }

    /// Nanoseconds a change may wait for its diagnostics while messages keep coming.
    static let maxDelay: UInt64 = 100_000_000

    static func now() -> UInt64 {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return UInt64(t.tv_sec) * 1_000_000_000 + UInt64(t.tv_nsec)
    }

    /// The header, then the body: written whole, or — for a message with a stream (many diagnostics) — in pieces of
    /// about a megabyte as it is produced, never held whole.
    static func send(_ message: JSON, to fd: Int32) -> Bool {
        func header(_ n: Int) -> [UInt8] { Array("Content-Length: \(n)\r\n\r\n".utf8) }
        guard message.hasStream else {
            let body = message.bytes
            // A small message in one write; a large one is not copied behind its header.
            if body.count < JSONStream.chunk { return FileSystem.write(bytes: header(body.count) + body, to: fd) }
            return FileSystem.write(bytes: header(body.count), to: fd) && FileSystem.write(bytes: body, to: fd)
        }
        guard FileSystem.write(bytes: header(message.writtenCount), to: fd) else { return false }
        let flush: (inout [UInt8]) -> Bool = { piece in
            defer { piece.removeAll(keepingCapacity: true) }
            return FileSystem.write(bytes: piece, to: fd)
        }
        var out: [UInt8] = []
        return message.write(to: &out, flush: flush) && (out.isEmpty || flush(&out))
    }

    /// Whether a read would not block.
    static func inputWaiting(_ fd: Int32) -> Bool {
        var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&p, 1, 0) > 0
    }
}
