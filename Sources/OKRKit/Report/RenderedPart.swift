#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file's part of a report, rendered during the run (`FileResult.part`) and written at its end: the chunks a
/// reporter emitted, each kept in memory while the run's `SpillFile` has budget for it and otherwise written there,
/// then read back one chunk at a time. So a report far larger than the input (a JSON finding is some 500 bytes, its
/// line may be 20) costs a bounded amount of memory, not the report.
public struct RenderedPart: Sendable {
    enum Piece: Sendable {
        case text(String)
        case spilled(offset: Int, count: Int)
    }
    var pieces: [Piece] = []
    let spill: SpillFile?
    /// Bytes in all.
    public private(set) var count = 0

    /// A part held in memory.
    public init(_ text: String) {
        spill = nil
        append(text)
    }

    /// An empty part whose chunks go to `spill` once its budget is spent.
    init(spill: SpillFile?) { self.spill = spill }

    mutating func append(_ chunk: String) {
        let n = chunk.utf8.count
        guard n > 0 else { return }
        count += n
        if let spill, let offset = spill.place(chunk) {
            pieces.append(.spilled(offset: offset, count: n))
        } else {
            pieces.append(.text(chunk))
        }
    }

    public var isEmpty: Bool { count == 0 }

    /// The chunks in order, each read back when it was spilled.
    public func forEachChunk(_ body: (String) -> Void) {
        for p in pieces {
            switch p {
            case .text(let s): body(s)
            case .spilled(let offset, let n): body(spill?.read(offset: offset, count: n) ?? "")
            }
        }
    }

    /// The whole part as one string.
    public var text: String {
        var out = ""
        out.reserveCapacity(count)
        forEachChunk { out += $0 }
        return out
    }
}

/// Where a run puts the rendered parts that do not fit its memory budget: an unlinked temporary file in `$TMPDIR`
/// (else `/tmp`), made on first use with `mkstemp` (mode 0600) and unlinked at once, so no other process can open it
/// by name and it goes away with the run. Chunks are placed at offsets reserved under a lock and written with
/// `pwrite`, so threads rendering in parallel never share a write. When the file cannot be made or written, chunks
/// simply stay in memory, as they did before there was a spill file.
final class SpillFile: Sendable {
    struct State {
        /// -1: not made yet; -2: cannot be made.
        var fd: Int32 = -1
        var end = 0
        var inMemory = 0
    }
    private let state = Locked(State())
    /// Bytes of rendered text a run keeps in memory before it writes the rest here.
    let memoryBudget: Int

    init(memoryBudget: Int = 4 << 20) { self.memoryBudget = memoryBudget }

    deinit {
        state.withLock { s in if s.fd >= 0 { close(s.fd) } }
    }

    /// Where `chunk` was written, or nil when it stays in memory (within the budget, or the file failed).
    func place(_ chunk: String) -> Int? {
        let n = chunk.utf8.count
        let reserved: (fd: Int32, offset: Int)? = state.withLock { s in
            if s.inMemory + n <= memoryBudget {
                s.inMemory += n
                return nil
            }
            if s.fd == -1 { s.fd = Self.makeFile() }
            guard s.fd >= 0 else {
                s.inMemory += n
                return nil
            }
            defer { s.end += n }
            return (s.fd, s.end)
        }
        guard let (fd, offset) = reserved else { return nil }
        var text = chunk
        let written = text.withUTF8 { buf in Self.pwriteAll(fd, UnsafeRawBufferPointer(buf), at: offset) }
        if written { return offset }
        state.withLock { $0.inMemory += n }
        return nil
    }

    /// The `count` bytes written at `offset`, as text (a chunk is written whole, so it decodes as it was).
    func read(offset: Int, count: Int) -> String {
        let fd = state.withLock { $0.fd }
        guard fd >= 0 else { return "" }
        return String(unsafeUninitializedCapacity: count) { buf in
            var done = 0
            while done < count {
                let r = pread(fd, buf.baseAddress! + done, count - done, off_t(offset + done))
                if r < 0 && errno == EINTR { continue }
                if r <= 0 { break }
                done += r
            }
            return done
        }
    }

    static func makeFile() -> Int32 {
        let dir = FileSystem.environment("TMPDIR").flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((dir.hasSuffix("/") ? dir : dir + "/").utf8CString.dropLast()) + Array("okrlint-report-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { return -2 }
        _ = template.withUnsafeBufferPointer { unlink($0.baseAddress!) }
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        return fd
    }

    static func pwriteAll(_ fd: Int32, _ buf: UnsafeRawBufferPointer, at offset: Int) -> Bool {
        var done = 0
        while done < buf.count {
            let r = pwrite(fd, buf.baseAddress! + done, buf.count - done, off_t(offset + done))
            if r < 0 && errno == EINTR { continue }
            if r <= 0 { return false }
            done += r
        }
        return true
    }
}
