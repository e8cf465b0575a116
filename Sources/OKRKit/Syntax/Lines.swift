/// What a physical line of an `.okr` file is, as written (whether or not it is allowed where it stands: a fact in
/// `## Check-ins` is a `.fact` with an error).
public enum LineKind: UInt8, Sendable, Hashable, CaseIterable {
    /// Only spaces and tabs.
    case blank
    /// An own-line comment `<!-- ... -->`, or a line inside one.
    case comment
    /// `# Title`.
    case title
    /// `## Check-ins`, `## Initiatives`, `## Notes`.
    case section
    /// `## ID: title`.
    case objective
    /// `### ID: title`.
    case keyResult
    /// `- key: value`.
    case fact
    /// `- [ ] initiative`.
    case task
    /// A list item nested under an initiative.
    case subItem
    /// `- YYYY-MM-DD ID: value`.
    case checkIn
    /// A description line, or any line under `## Notes`.
    case text
    /// A line the format does not read (it carries a syntax error).
    case invalid
}

/// One physical line: where its parts are, and what it is. Every byte of a file belongs to exactly one line, in one
/// of its four parts, so the lines print the file back byte for byte (`Document.lines`, `Line.print`).
public struct Line: Sendable, Hashable {
    /// First byte of the line (on line 0 the byte order mark, when there is one, is part of the indentation).
    public var start: Int
    /// First byte of the content: after the indentation.
    public var contentStart: Int
    /// After the last byte of the content that is not a space or a tab (a trailing comment is content).
    public var contentEnd: Int
    /// Before the line ending.
    public var end: Int
    /// After the line ending: the next line's start.
    public var next: Int
    public var kind: LineKind
    /// A syntax error starts on this line.
    public var hasError: Bool

    public var indentation: Range<Int> { start..<contentStart }
    public var content: Range<Int> { contentStart..<contentEnd }
    /// Spaces and tabs after the content.
    public var trailing: Range<Int> { contentEnd..<end }
    /// The line ending: empty (last line), LF, CRLF or CR.
    public var ending: Range<Int> { end..<next }

    public init(start: Int, contentStart: Int, contentEnd: Int, end: Int, next: Int, kind: LineKind, hasError: Bool) {
        self.start = start
        self.contentStart = contentStart
        self.contentEnd = contentEnd
        self.end = end
        self.next = next
        self.kind = kind
        self.hasError = hasError
    }

    func shifted(by d: Int) -> Line {
        Line(start: start + d, contentStart: contentStart + d, contentEnd: contentEnd + d, end: end + d, next: next + d,
             kind: kind, hasError: hasError)
    }

    /// The bytes of `lines`, part by part: the file they were read from.
    public static func print(_ lines: [Line], of bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        for l in lines {
            out.append(contentsOf: bytes[l.indentation])
            out.append(contentsOf: bytes[l.content])
            out.append(contentsOf: bytes[l.trailing])
            out.append(contentsOf: bytes[l.ending])
        }
        return out
    }
}
