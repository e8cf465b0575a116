/// How a client counts the `character` of a position: UTF-16 code units (the protocol's default) or UTF-8 bytes
/// (negotiated through `general.positionEncodings`).
public enum PositionEncoding: String, Sendable {
    case utf8 = "utf-8"
    case utf16 = "utf-16"

    /// The encoding to use given what the client offers (in its order of preference): UTF-8 when offered (it is
    /// ours: no conversion), else UTF-16, which every client must support.
    public static func negotiate(_ offered: [String]?) -> PositionEncoding {
        (offered ?? []).contains("utf-8") ? .utf8 : .utf16
    }
}

/// A 0-based line and character, as the protocol has them.
public struct LSPPosition: Hashable, Sendable, Comparable {
    public var line: Int
    public var character: Int
    public init(line: Int, character: Int) {
        self.line = line
        self.character = character
    }
    public static func < (a: LSPPosition, b: LSPPosition) -> Bool {
        a.line != b.line ? a.line < b.line : a.character < b.character
    }
    public var json: JSON { ["line": .int(line), "character": .int(character)] }
    public init?(_ json: JSON?) {
        guard let j = json, let l = j["line"]?.int, let c = j["character"]?.int else { return nil }
        self.init(line: l, character: c)
    }
}

/// Conversion between byte offsets of a `SourceFile` and protocol positions. Lines end at LF, CRLF or a lone CR (the
/// protocol's three); a byte order mark in the text is a character like any other (the client sent it). Positions
/// past a line's end mean its end; lines past the last mean the end of the text; a position inside a character
/// (half a surrogate pair, a byte inside a UTF-8 sequence) means the start of that character.
extension SourceFile {
    /// Bytes of line `index` without its terminator, from the line's first byte (the BOM included).
    func lspLineRange(_ index: Int) -> Range<Int> {
        let start = lineStarts[index]
        var end = index + 1 < lineStarts.count ? lineStarts[index + 1] : bytes.count
        if end > start && bytes[end - 1] == 0x0A { end -= 1 }
        if end > start && bytes[end - 1] == 0x0D { end -= 1 }
        return start..<max(start, end)
    }

    /// Units of `encoding` taken by the character whose first byte is `b`; 0 for a continuation byte.
    @inline(__always)
    static func units(_ b: UInt8, _ encoding: PositionEncoding) -> Int {
        if b & 0xC0 == 0x80 { return encoding == .utf8 ? 1 : 0 }
        switch encoding {
        case .utf8: return 1
        case .utf16: return b >= 0xF0 ? 2 : 1
        }
    }

    /// The position of byte `offset` (clamped to the text; inside a line terminator means the line's end).
    public func position(of offset: Int, _ encoding: PositionEncoding) -> LSPPosition {
        let clamped = min(max(0, offset), bytes.count)
        let line = lineIndex(of: clamped)
        let range = lspLineRange(line)
        let stop = min(clamped, range.upperBound)
        if encoding == .utf8 { return LSPPosition(line: line, character: stop - range.lowerBound) }
        var character = 0
        var i = range.lowerBound
        while i < stop {
            character += SourceFile.units(bytes[i], .utf16)
            i += 1
        }
        return LSPPosition(line: line, character: character)
    }

    /// The byte offset of a position (clamped as the protocol says).
    public func offset(of position: LSPPosition, _ encoding: PositionEncoding) -> Int {
        guard position.line >= 0 else { return 0 }
        guard position.line < lineCount else { return bytes.count }
        let range = lspLineRange(position.line)
        let want = max(0, position.character)
        var units = 0
        var i = range.lowerBound
        while i < range.upperBound && units < want {
            let b = bytes[i]
            var width = 1
            if b >= 0xC0 {
                width = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
            }
            let n = encoding == .utf8 ? width : (b >= 0xF0 ? 2 : 1)
            // A position inside this character (a byte inside it, or between its surrogates) is its start.
            if units + n > want { break }
            units += n
            i = min(range.upperBound, i + width)
        }
        return i
    }

    /// The protocol's range of a byte range.
    public func lspRange(_ range: SourceRange, _ encoding: PositionEncoding) -> JSON {
        ["start": position(of: range.start, encoding).json, "end": position(of: range.end, encoding).json]
    }

    /// The byte range of a protocol range (start and end in order).
    public func byteRange(_ json: JSON?, _ encoding: PositionEncoding) -> SourceRange? {
        guard let s = LSPPosition(json?["start"]), let e = LSPPosition(json?["end"]) else { return nil }
        let a = offset(of: s, encoding)
        let b = offset(of: e, encoding)
        return SourceRange(start: min(a, b), end: max(a, b))
    }

    /// The position of a 1-based line and column counted in Unicode scalars (a `RelatedLocation`'s).
    public func position(line: Int, column: Int, _ encoding: PositionEncoding) -> LSPPosition {
        let li = min(max(0, line - 1), lineCount - 1)
        let range = contentRange(ofLine: li)
        var scalars = 1
        var i = range.lowerBound
        while i < range.upperBound && scalars < column {
            i += 1
            while i < range.upperBound && bytes[i] & 0xC0 == 0x80 { i += 1 }
            scalars += 1
        }
        return position(of: i, encoding)
    }
}
