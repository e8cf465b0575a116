/// Converts many byte offsets of one file to line and column in linear total time. `SourceFile.location(of:)`
/// scans its line from the start, so a thousand findings on one long line cost a thousand scans of it; a locator
/// scans a long line once, keeping the column every `stride` bytes, and then scans at most `stride` bytes per
/// offset, in any order. Reporters make one per file.
public struct SourceLocator: Sendable {
    public let source: SourceFile
    /// Lines up to this long are scanned directly.
    static let shortLine = 256
    static let stride = 64
    /// Per long line: (column - 1, UTF-16 column) at each multiple of `stride` bytes from the content start.
    private var checkpoints: [Int: [(Int, Int)]] = [:]

    public init(_ source: SourceFile) { self.source = source }

    /// The same answer as `source.location(of:)`.
    public mutating func location(of offset: Int) -> SourceLocation {
        let bytes = source.bytes
        let clamped = min(max(0, offset), bytes.count)
        let line = source.lineIndex(of: clamped)
        let content = source.contentRange(ofLine: line)
        if content.count <= Self.shortLine { return source.location(of: offset) }
        let table: [(Int, Int)]
        if let t = checkpoints[line] {
            table = t
        } else {
            table = Self.table(bytes, content)
            checkpoints[line] = table
        }
        let stop = min(clamped, content.upperBound)
        let k = max(0, stop - content.lowerBound) / Self.stride
        var (column, utf16) = table[k]
        column += 1
        SourceFile.count(bytes, from: content.lowerBound + k * Self.stride, to: clamped, lineEnd: content.upperBound, column: &column, utf16: &utf16)
        return SourceLocation(line: line + 1, column: column, utf16Column: utf16)
    }

    static func table(_ bytes: [UInt8], _ content: Range<Int>) -> [(Int, Int)] {
        var out: [(Int, Int)] = [(0, 0)]
        out.reserveCapacity(content.count / stride + 1)
        var column = 0, utf16 = 0
        var i = content.lowerBound
        while i < content.upperBound {
            let b = bytes[i]
            if b & 0xC0 != 0x80 {
                column += 1
                utf16 += b >= 0xF0 ? 2 : 1
            }
            i += 1
            if (i - content.lowerBound) % stride == 0 { out.append((column, utf16)) }
        }
        return out
    }
}
