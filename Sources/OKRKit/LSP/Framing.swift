/// The base protocol of LSP: each message is a header (`Content-Length: N`, optionally `Content-Type`, lines ended
/// by CRLF, then an empty line) followed by N bytes of JSON.
///
/// `FrameReader` takes bytes as they arrive and hands back whole message bodies. Whatever a peer sends, it stays
/// bounded: a header longer than `maxHeaderBytes` or a body longer than `maxContentLength` is not buffered (the
/// header is dropped up to its end, the body skipped as it streams by), and each problem is handed back once as an
/// `.error` for the server to log; the reader then goes on with the next frame.
public struct FrameReader: Sendable {
    public enum Event: Sendable, Equatable {
        case message([UInt8])
        /// A frame that could not be read; `tooLarge` frames had a well-formed header (the body was skipped).
        case error(String, tooLarge: Bool)
    }

    public static let defaultMaxHeaderBytes = 8 << 10
    /// As large as the largest file okrlint reads.
    public static let defaultMaxContentLength = FileSystem.maxFileSize

    public let maxHeaderBytes: Int
    public let maxContentLength: Int
    private var buffer: [UInt8] = []
    /// Bytes of `buffer` already consumed.
    private var start = 0
    /// Body bytes still to skip (a body over the limit).
    private var skipping = 0
    /// After a header over the limit: drop bytes up to the next empty line.
    private var discardingHeader = false

    public init(maxHeaderBytes: Int = FrameReader.defaultMaxHeaderBytes,
                maxContentLength: Int = FrameReader.defaultMaxContentLength) {
        self.maxHeaderBytes = maxHeaderBytes
        self.maxContentLength = maxContentLength
    }

    /// Bytes held, not yet handed back (bounded by the larger of the limits plus one read).
    public var buffered: Int { buffer.count - start }

    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        var b = bytes[...]
        if skipping > 0 {
            let n = min(skipping, b.count)
            skipping -= n
            b = b.dropFirst(n)
        }
        buffer.append(contentsOf: b)
    }

    public mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }

    /// The next whole message or problem, or nil when more bytes are needed.
    public mutating func next() -> Event? {
        defer { compact() }
        if skipping > 0 {
            let n = min(skipping, buffer.count - start)
            skipping -= n
            start += n
            if skipping > 0 { return nil }
        }
        if discardingHeader {
            guard let end = headerEnd(limit: Int.max) else {
                // Keep the last three bytes: the empty line may straddle two reads.
                start = max(start, buffer.count - 3)
                return nil
            }
            start = end
            discardingHeader = false
        }
        guard start < buffer.count else { return nil }
        guard let end = headerEnd(limit: maxHeaderBytes) else {
            if buffer.count - start > maxHeaderBytes {
                discardingHeader = true
                // Past what was searched; whatever follows (the header's end, the next frames) is read again.
                start += maxHeaderBytes
                return .error("a header longer than \(maxHeaderBytes) bytes was dropped", tooLarge: false)
            }
            return nil
        }
        let header = Array(buffer[start..<(end - 4)])
        switch FrameReader.contentLength(header) {
        case .failure(let message):
            start = end
            return .error(message, tooLarge: false)
        case .success(let length):
            if length > maxContentLength {
                start = end
                let n = min(length, buffer.count - start)
                start += n
                skipping = length - n
                return .error("a message of \(length) bytes is over the limit of \(maxContentLength) bytes; skipped", tooLarge: true)
            }
            guard buffer.count - end >= length else {
                buffer.reserveCapacity(end + length)
                return nil
            }
            let body = Array(buffer[end..<(end + length)])
            start = end + length
            return .message(body)
        }
    }

    /// The offset just after the `\r\n\r\n` that ends the header starting at `start`, searched within `limit` bytes.
    private func headerEnd(limit: Int) -> Int? {
        let stop = min(buffer.count, limit == Int.max ? buffer.count : start + limit + 4)
        var i = start
        while i + 3 < stop {
            if buffer[i + 3] != 0x0A { i += buffer[i + 3] == 0x0D ? 1 : 4; continue }
            if buffer[i] == 0x0D && buffer[i + 1] == 0x0A && buffer[i + 2] == 0x0D { return i + 4 }
            i += 1
        }
        return nil
    }

    /// Drops consumed bytes once they are most of the buffer.
    private mutating func compact() {
        if start > 0 && (start == buffer.count || (start >= 1 << 16 && start * 2 >= buffer.count)) {
            buffer.removeSubrange(0..<start)
            start = 0
        }
    }

    enum HeaderResult: Equatable { case success(Int), failure(String) }

    /// Reads `Content-Length` from header lines; other fields (`Content-Type`) are accepted and ignored.
    static func contentLength(_ header: [UInt8]) -> HeaderResult {
        var length: Int? = nil
        for raw in header.split(separator: 0x0A, omittingEmptySubsequences: true) {
            var line = raw[...]
            if line.last == 0x0D { line = line.dropLast() }
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else {
                return .failure("a header line without `:`: \(SafeText.escape(String(decoding: line.prefix(80), as: UTF8.self)))")
            }
            let name = String(decoding: line[..<colon], as: UTF8.self).lowercased()
            let value = line[(colon + 1)...].drop { $0 == 0x20 || $0 == 0x09 }
            let trimmed = value.reversed().drop { $0 == 0x20 || $0 == 0x09 }.reversed()
            if name == "content-length" {
                guard !trimmed.isEmpty, trimmed.count <= 15, trimmed.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
                    return .failure("`Content-Length` is not a whole number: \(SafeText.escape(String(decoding: trimmed.prefix(40), as: UTF8.self)))")
                }
                guard length == nil else { return .failure("`Content-Length` given twice") }
                length = trimmed.reduce(0) { $0 * 10 + Int($1 - 0x30) }
            }
        }
        guard let length else { return .failure("a header without `Content-Length`") }
        return .success(length)
    }
}

/// Writes messages in the base protocol's frame.
public enum FrameWriter {
    public static func frame(_ body: [UInt8]) -> [UInt8] {
        var out = Array("Content-Length: \(body.count)\r\n\r\n".utf8)
        out.append(contentsOf: body)
        return out
    }

    public static func frame(_ body: String) -> [UInt8] {
        var out = Array("Content-Length: \(body.utf8.count)\r\n\r\n".utf8)
        out.append(contentsOf: body.utf8)
        return out
    }
}
