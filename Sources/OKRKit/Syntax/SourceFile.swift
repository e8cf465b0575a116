#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A half-open range of byte offsets into a `SourceFile`'s bytes.
public struct SourceRange: Hashable, Sendable, Comparable {
    public var start: Int
    public var end: Int

    public init(start: Int, end: Int) {
        self.start = start
        self.end = max(start, end)
    }

    public init(_ range: Range<Int>) {
        self.init(start: range.lowerBound, end: range.upperBound)
    }

    public var isEmpty: Bool { start == end }

    public static func < (lhs: SourceRange, rhs: SourceRange) -> Bool {
        lhs.start != rhs.start ? lhs.start < rhs.start : lhs.end < rhs.end
    }

    /// The smallest range covering both.
    public func union(_ other: SourceRange) -> SourceRange {
        SourceRange(start: min(start, other.start), end: max(end, other.end))
    }
}

/// A human position: 1-based line, 1-based column counted in Unicode scalars
/// (as rustc and ruff count), plus the 0-based UTF-16 column for LSP clients.
public struct SourceLocation: Hashable, Sendable, Comparable {
    public var line: Int
    public var column: Int
    public var utf16Column: Int

    public init(line: Int, column: Int, utf16Column: Int) {
        self.line = line
        self.column = column
        self.utf16Column = utf16Column
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        lhs.line != rhs.line ? lhs.line < rhs.line : lhs.column < rhs.column
    }
}

/// The bytes of one file and its line table. Lines end at LF, CRLF or a lone CR.
/// A UTF-8 byte order mark at offset 0 is part of the bytes but not of any column.
public struct SourceFile: Sendable {
    public let path: String
    public let bytes: [UInt8]
    /// Byte offset where each line starts; `lineStarts[0] == 0`.
    public let lineStarts: [Int]
    public let hasBOM: Bool

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
        self.hasBOM = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        var starts = [0]
        starts.reserveCapacity(bytes.count / 32 + 1)
        var i = 0
        let n = bytes.count
        bytes.withUnsafeBufferPointer { buf in
            // Fast path, no CR in the file: memchr from one LF to the next.
            if let base = buf.baseAddress, n > 0, memchr(base, 0x0D, n) == nil {
                while i < n, let hit = memchr(base + i, 0x0A, n - i) {
                    i = UnsafeRawPointer(hit) - UnsafeRawPointer(base) + 1
                    starts.append(i)
                }
                i = n
            }
            while i < n {
                let b = buf[i]
                if b == 0x0A {
                    starts.append(i + 1)
                } else if b == 0x0D {
                    if i + 1 < n && buf[i + 1] == 0x0A { i += 1 }
                    starts.append(i + 1)
                }
                i += 1
            }
        }
        self.lineStarts = starts
    }

    public init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }

    public var lineCount: Int { lineStarts.count }

    /// Byte range of line `index` (0-based) without its terminator.
    public func contentRange(ofLine index: Int) -> Range<Int> {
        var start = lineStarts[index]
        if index == 0 && hasBOM { start = 3 }
        var end = index + 1 < lineStarts.count ? lineStarts[index + 1] : bytes.count
        if end > start && bytes[end - 1] == 0x0A { end -= 1 }
        if end > start && bytes[end - 1] == 0x0D { end -= 1 }
        return start..<max(start, end)
    }

    /// 0-based index of the line containing byte `offset`.
    public func lineIndex(of offset: Int) -> Int {
        var lo = 0
        var hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    public func location(of offset: Int) -> SourceLocation {
        let clamped = min(max(0, offset), bytes.count)
        let line = lineIndex(of: clamped)
        let content = contentRange(ofLine: line)
        var column = 1
        var utf16 = 0
        SourceFile.count(bytes, from: content.lowerBound, to: clamped, lineEnd: content.upperBound, column: &column, utf16: &utf16)
        return SourceLocation(line: line + 1, column: column, utf16Column: utf16)
    }

    /// Adds the columns (Unicode scalars) and UTF-16 units of `bytes[from..<to]` on one line to `column` and `utf16`;
    /// an offset inside a line terminator or past it counts one column per byte.
    @inline(__always)
    static func count(_ bytes: [UInt8], from: Int, to: Int, lineEnd: Int, column: inout Int, utf16: inout Int) {
        var i = from
        let stop = min(to, lineEnd)
        while i < stop {
            let b = bytes[i]
            if b & 0xC0 != 0x80 {
                column += 1
                utf16 += b >= 0xF0 ? 2 : 1
            }
            i += 1
        }
        if to > lineEnd { column += to - lineEnd; utf16 += to - lineEnd }
    }

    /// The text of line `index` (0-based), invalid UTF-8 replaced by U+FFFD.
    public func lineText(_ index: Int) -> String {
        String(decoding: bytes[contentRange(ofLine: index)], as: UTF8.self)
    }

    public func text(_ range: SourceRange) -> String {
        let lo = min(max(0, range.start), bytes.count)
        let hi = min(max(lo, range.end), bytes.count)
        return String(decoding: bytes[lo..<hi], as: UTF8.self)
    }

    /// The text of a span (invalid UTF-8 replaced by U+FFFD).
    public func text(_ span: TextSpan) -> String { text(span.range) }

    /// The bytes of a span, clamped to the file.
    public func bytes(_ span: TextSpan) -> ArraySlice<UInt8> {
        let lo = min(max(0, span.range.start), bytes.count)
        let hi = min(max(lo, span.range.end), bytes.count)
        return bytes[lo..<hi]
    }

    /// Whether two spans of this file hold the same bytes.
    public func equal(_ a: TextSpan, _ b: TextSpan) -> Bool {
        a.count == b.count && bytes(a).elementsEqual(bytes(b))
    }

    /// Whether a span holds exactly the UTF-8 of `string`.
    public func equal(_ a: TextSpan, _ string: String) -> Bool {
        var s = string
        return s.withUTF8 { u in a.count == u.count && bytes(a).elementsEqual(u) }
    }
}
