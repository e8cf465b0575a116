/// The base protocol of LSP: each message is a header (`Content-Length: N`, optionally `Content-Type`, lines ended
/// by CRLF, then an empty line) followed by N bytes of JSON.
///
/// `FrameReader` takes bytes as they arrive and hands back whole message bodies. Whatever a peer sends, it stays
/// bounded: a header longer than `maxHeaderBytes` or a body longer than `maxContentLength` is not buffered (the
/// header is dropped up to its end, the body skipped as it streams by), and each problem is handed back once as an
/// `.error` for the server to log.
///
/// A rejected header (a repeated `Content-Length`, a line without `:`, no length, a header over the limit) must not
/// take the frames after it with it, so the reader resynchronises: when the header names one length, that many body
/// bytes are skipped; else bytes are dropped, quietly and as they stream, up to the next `Content-Length:` (in any
/// case), where the next header is read.
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
    /// Body bytes still to skip (a body over the limit, or the body of a rejected header).
    private var skipping = 0
    /// After a header over the limit: drop bytes up to the next empty line, then skip `discardedLength` body bytes
    /// when the part of the header that was read named one length, else resynchronise.
    private var discardingHeader = false
    private var discardedLength: Int? = nil
    /// After a rejected header whose body length is unknown: drop bytes up to the next `Content-Length:`.
    private var resynchronising = false

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
            resynchronise(knownLength: discardedLength)
            if skipping > 0 { return nil }
        }
        if resynchronising {
            guard let at = nextHeaderStart() else {
                // Keep what could be the start of `Content-Length:` cut by the end of this read.
                start = max(start, buffer.count - (FrameReader.lengthField.count - 1))
                return nil
            }
            start = at
            resynchronising = false
        }
        guard start < buffer.count else { return nil }
        guard let end = headerEnd(limit: maxHeaderBytes) else {
            // Every empty line that would end a header of at most `maxHeaderBytes` bytes has been looked for.
            if buffer.count - start >= maxHeaderBytes + 4 {
                discardingHeader = true
                discardedLength = FrameReader.knownLength(completeLinesOf: buffer[start..<(start + maxHeaderBytes)])
                // Past what was searched; whatever follows (the header's end, the next frames) is read again.
                start += maxHeaderBytes + 1
                return .error("a header longer than \(maxHeaderBytes) bytes was dropped", tooLarge: false)
            }
            return nil
        }
        let header = buffer[start..<(end - 4)]
        switch FrameReader.contentLength(header) {
        case .failure(let message, let knownLength):
            start = end
            resynchronise(knownLength: knownLength)
            return .error(message, tooLarge: false)
        case .success(let length):
            if length > maxContentLength {
                start = end
                skip(length)
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

    /// After a rejected header (`start` just after it): skip its body when its length is known, else look for the
    /// next header.
    private mutating func resynchronise(knownLength: Int?) {
        if let knownLength { skip(knownLength) } else { resynchronising = true }
    }

    /// Skips `length` bytes from `start`: those buffered now, the rest as they arrive.
    private mutating func skip(_ length: Int) {
        let n = min(length, buffer.count - start)
        start += n
        skipping = length - n
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

    static let lengthField = Array("content-length:".utf8)

    /// The offset of the next `Content-Length:` (any case) at or after `start`.
    private func nextHeaderStart() -> Int? {
        let field = FrameReader.lengthField
        var i = start
        while i + field.count <= buffer.count {
            if FrameReader.lowered(buffer[i]) == 0x63 {  // c or C
                var k = 1
                while k < field.count && FrameReader.lowered(buffer[i + k]) == field[k] { k += 1 }
                if k == field.count { return i }
            }
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

    /// A header's `Content-Length`, or why it is rejected and the body length it names when that is clear (every
    /// `Content-Length` line is a number, and the same one), so that the body can be skipped.
    enum HeaderResult: Equatable { case success(Int), failure(String, knownLength: Int?) }

    /// Reads `Content-Length` from header lines; other fields (`Content-Type`) are accepted and ignored.
    static func contentLength(_ header: ArraySlice<UInt8>) -> HeaderResult {
        var length: Int? = nil
        var problem: String? = nil
        var lengths = LengthFields()
        for raw in header.split(separator: 0x0A, omittingEmptySubsequences: true) {
            var line = raw[...]
            if line.last == 0x0D { line = line.dropLast() }
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else {
                if problem == nil { problem = "a header line without `:`: \(SafeText.escape(String(decoding: line.prefix(80), as: UTF8.self)))" }
                continue
            }
            guard let value = lengths.read(line, colon: colon) else { continue }
            switch value {
            case .success(let n):
                if length != nil, problem == nil { problem = "`Content-Length` given twice" }
                length = n
            case .failure(let text):
                if problem == nil { problem = "`Content-Length` is not a whole number: \(SafeText.escape(String(decoding: text.prefix(40), as: UTF8.self)))" }
            }
        }
        if let problem { return .failure(problem, knownLength: lengths.known) }
        guard let length else { return .failure("a header without `Content-Length`", knownLength: nil) }
        return .success(length)
    }

    /// The body length named by the whole lines of the start of a header too long to read, when it is clear.
    static func knownLength(completeLinesOf part: ArraySlice<UInt8>) -> Int? {
        guard let lastLF = part.lastIndex(of: 0x0A) else { return nil }
        var lengths = LengthFields()
        for raw in part[..<lastLF].split(separator: 0x0A, omittingEmptySubsequences: true) {
            var line = raw[...]
            if line.last == 0x0D { line = line.dropLast() }
            if let colon = line.firstIndex(of: UInt8(ascii: ":")) { _ = lengths.read(line, colon: colon) }
        }
        return lengths.known
    }

    /// The `Content-Length` fields of one header, as read.
    struct LengthFields {
        var values: [Int] = []
        var malformed = false

        /// The length every field names, when there is at least one and all are the same number.
        var known: Int? {
            guard !malformed, let first = values.first, values.allSatisfy({ $0 == first }) else { return nil }
            return first
        }

        enum Value { case success(Int), failure(ArraySlice<UInt8>) }

        /// The value of `line` when it is a `Content-Length` field; nil for another field.
        mutating func read(_ line: ArraySlice<UInt8>, colon: Int) -> Value? {
            guard FrameReader.isContentLength(line[..<colon]) else { return nil }
            let value = line[(colon + 1)...].drop { $0 == 0x20 || $0 == 0x09 }
            let trimmed = ArraySlice(value.reversed().drop { $0 == 0x20 || $0 == 0x09 }.reversed())
            guard !trimmed.isEmpty, trimmed.count <= 15, trimmed.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
                malformed = true
                return .failure(trimmed)
            }
            let n = trimmed.reduce(0) { $0 * 10 + Int($1 - 0x30) }
            values.append(n)
            return .success(n)
        }
    }

    /// Whether a field name is `Content-Length`, in any case.
    static func isContentLength(_ name: ArraySlice<UInt8>) -> Bool {
        let field = lengthField.dropLast()
        return name.count == field.count && zip(name, field).allSatisfy { lowered($0) == $1 }
    }

    /// An ASCII capital as its small letter; any other byte as it is.
    @inline(__always)
    static func lowered(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }
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
