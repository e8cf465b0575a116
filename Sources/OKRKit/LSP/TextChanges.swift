/// One change of a `textDocument/didChange`: a range of the text as the changes before it left it, and the text
/// that replaces it; no range: the whole new text.
struct TextChange: Sendable {
    var range: (start: LSPPosition, end: LSPPosition)?
    var text: [UInt8]
}

/// A batch of changes applied in one pass. The protocol applies a message's changes in order, each against the text
/// the one before it left; a change per match (Replace All) or per cursor applied one at a time would copy the
/// buffer and build its line table once per change. Instead, changes are gathered in runs whose positions can all be
/// read on the text the run started from — last to first (as VS Code sends them: each ends before where the one
/// before it starts, so the text before it is as it was), or first to last (each starts after where the one before
/// it ended; its positions are moved back by what the run inserted) — and each run is applied in one pass over the
/// bytes. A change that fits neither order ends the run; a CR next to an edit, which could join a following LF into
/// one line break and so move the lines after it, ends it too (the next change is read on the new text). Positions
/// are converted by a cursor that moves along a line rather than counting from its start each time, so a run on one
/// long line is linear too.
enum TextChanges {
    struct Applied {
        var source: SourceFile
        /// The part of the old text that changed and the bytes that replace it; nil when a change replaced the whole
        /// text (or there was no change).
        var changed: (range: SourceRange, replacement: [UInt8])?
        /// How many times the text was built: once per run (and per whole-text change).
        var rebuilds: Int
    }

    static func apply(_ changes: [TextChange], to source: SourceFile, encoding: PositionEncoding) -> Applied {
        var current = source
        var run = ChangeRun(base: source, encoding: encoding)
        var rebuilds = 0
        var whole = false
        // Bytes at the start and at the end of the text that no change touched.
        var prefix = source.bytes.count, suffix = source.bytes.count
        func flush() {
            guard let (next, span) = run.applied() else { return }
            prefix = min(prefix, span.start)
            suffix = min(suffix, run.base.bytes.count - span.end)
            current = next
            rebuilds += 1
        }
        for change in changes {
            guard let range = change.range else {
                current = SourceFile(path: source.path, bytes: change.text)
                run = ChangeRun(base: current, encoding: encoding)
                rebuilds += 1
                whole = true
                continue
            }
            if run.add(range.start, range.end, change.text) { continue }
            flush()
            run = ChangeRun(base: current, encoding: encoding)
            _ = run.add(range.start, range.end, change.text)  // the first change of a run always fits
        }
        flush()
        if whole || rebuilds == 0 { return Applied(source: current, changed: nil, rebuilds: rebuilds) }
        let end = max(prefix, current.bytes.count - suffix)
        let changed = (SourceRange(start: prefix, end: source.bytes.count - suffix), Array(current.bytes[prefix..<end]))
        return Applied(source: current, changed: changed, rebuilds: rebuilds)
    }
}

/// Changes that can all be read on `base`: kept as byte ranges of `base`, apart and in order, and applied in one pass.
struct ChangeRun {
    let base: SourceFile
    let encoding: PositionEncoding
    private var cursor: LineCursor
    /// In the order they came: last to first when `descending`, else first to last.
    private var edits: [(start: Int, end: Int, text: [UInt8])] = []
    private var descending = false
    /// Whether a change before the lowest start (last to first) or after the highest end (first to last) can still
    /// be added.
    private var openBefore = true, openAfter = true
    /// The lowest start and its position (the text before it is `base`'s).
    private var low = 0, lowPosition = LSPPosition(line: 0, character: 0)
    /// The highest end, its position in `base` and in the text after the run's changes (the text after it is
    /// `base`'s), and the byte before it in that text.
    private var high = 0, highBase = LSPPosition(line: 0, character: 0), highNow = LSPPosition(line: 0, character: 0)
    private var beforeHigh: UInt8? = nil

    init(base: SourceFile, encoding: PositionEncoding) {
        self.base = base
        self.encoding = encoding
        self.cursor = LineCursor(base, encoding)
    }

    static let cr: UInt8 = 0x0D

    /// A position with negative numbers as the protocol reads them (the start of the text, the start of a line).
    static func clamped(_ p: LSPPosition) -> LSPPosition {
        p.line < 0 ? LSPPosition(line: 0, character: 0) : LSPPosition(line: p.line, character: max(0, p.character))
    }

    /// Adds a change whose positions are on the text as the changes so far left it; false when it cannot be read on
    /// `base` (the run must be applied first).
    mutating func add(_ start: LSPPosition, _ end: LSPPosition, _ text: [UInt8]) -> Bool {
        var a = ChangeRun.clamped(start), b = ChangeRun.clamped(end)
        if b < a { swap(&a, &b) }
        if edits.isEmpty {
            let (lo, loAt) = cursor.offset(of: a)
            let (hi, hiAt) = cursor.offset(of: b)
            edits.append((lo, hi, text))
            low = lo; lowPosition = loAt
            let before = lo > 0 ? base.bytes[lo - 1] : nil
            openBefore = before != ChangeRun.cr
            setHigh(hi, hiAt, insertedAt: loAt, text, before: before)
            return true
        }
        if openBefore && (edits.count == 1 || descending) && b <= lowPosition {
            // Last to first: both positions are in the text before the lowest start, which is `base`'s.
            let (hi, _) = cursor.offset(of: b)
            let (lo, loAt) = cursor.offset(of: a)
            edits.append((lo, hi, text))
            descending = true
            openAfter = false
            low = lo; lowPosition = loAt
            openBefore = lo == 0 || base.bytes[lo - 1] != ChangeRun.cr
            return true
        }
        if openAfter && !descending && a >= highNow {
            // First to last: both positions are in the text after the highest end, which is `base`'s moved.
            let (lo, loAt) = cursor.offset(of: toBase(a))
            let (hi, hiAt) = cursor.offset(of: toBase(b))
            edits.append((lo, hi, text))
            openBefore = false
            let before = lo == high ? beforeHigh : base.bytes[lo - 1]
            setHigh(hi, hiAt, insertedAt: toNow(loAt), text, before: before)
            return true
        }
        return false
    }

    /// After a change that replaced up to `hi` (at `hiAt` in `base`) with `text`, inserted at `at` in the new text,
    /// after the byte `before`.
    private mutating func setHigh(_ hi: Int, _ hiAt: LSPPosition, insertedAt at: LSPPosition, _ text: [UInt8], before: UInt8?) {
        high = hi
        highBase = hiAt
        highNow = LineCursor.end(of: text, insertedAt: at, encoding)
        beforeHigh = text.last ?? before
        // A CR before the inserted text or at its end may join the LF after it: lines after it would move.
        openAfter = before != ChangeRun.cr && text.last != ChangeRun.cr
    }

    /// A position after the highest end, in the text after the run's changes, as a position of `base`.
    private func toBase(_ p: LSPPosition) -> LSPPosition {
        p.line > highNow.line
            ? LSPPosition(line: p.line - highNow.line + highBase.line, character: p.character)
            : LSPPosition(line: highBase.line, character: highBase.character + p.character - highNow.character)
    }

    /// A position of `base` after the highest end, in the text after the run's changes.
    private func toNow(_ p: LSPPosition) -> LSPPosition {
        p.line > highBase.line
            ? LSPPosition(line: p.line - highBase.line + highNow.line, character: p.character)
            : LSPPosition(line: highNow.line, character: highNow.character + p.character - highBase.character)
    }

    /// The text with the run's changes, and the span of `base` they cover; nil for an empty run.
    func applied() -> (SourceFile, SourceRange)? {
        guard let first = descending ? edits.last : edits.first, let last = descending ? edits.first : edits.last else { return nil }
        var out: [UInt8] = []
        var size = base.bytes.count
        for e in edits { size += e.text.count - (e.end - e.start) }
        out.reserveCapacity(size)
        var at = 0
        func put(_ e: (start: Int, end: Int, text: [UInt8])) {
            out.append(contentsOf: base.bytes[at..<e.start])
            out.append(contentsOf: e.text)
            at = e.end
        }
        if descending { for e in edits.reversed() { put(e) } } else { for e in edits { put(e) } }
        out.append(contentsOf: base.bytes[at...])
        return (SourceFile(path: base.path, bytes: out), SourceRange(start: first.start, end: last.end))
    }
}

/// Positions to byte offsets on one text, for positions that come in order along a line: the cursor remembers where
/// it stopped and moves from there (forward or back) on the same line, so converting many positions of one long
/// line costs the line once, not once per position. The results are `SourceFile.offset(of:_:)`'s.
struct LineCursor {
    let source: SourceFile
    let encoding: PositionEncoding
    /// A character boundary on line `line`, at `offset`, after `units` units of the line.
    private var line = -1, offset = 0, units = 0

    init(_ source: SourceFile, _ encoding: PositionEncoding) {
        self.source = source
        self.encoding = encoding
    }

    /// The offset of `p` (clamped as the protocol says) and the position it really is (its line and character
    /// after clamping); negative numbers must have been clamped already.
    mutating func offset(of p: LSPPosition) -> (Int, LSPPosition) {
        guard p.line < source.lineCount else {
            // Past the last line: the end of the text.
            let last = source.lineCount - 1
            return offset(of: LSPPosition(line: last, character: Int.max))
        }
        let range = source.lspLineRange(p.line)
        if line != p.line {
            line = p.line
            offset = range.lowerBound
            units = 0
        }
        let bytes = source.bytes
        let want = p.character
        while offset < range.upperBound && units < want {
            let b = bytes[offset]
            let width = b >= 0xC0 ? (b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2) : 1
            let n = encoding == .utf8 ? width : (b >= 0xF0 ? 2 : 1)
            // A position inside a character (a byte inside it, or between its surrogates) is its start.
            if units + n > want { break }
            units += n
            offset = min(range.upperBound, offset + width)
        }
        while units > want {
            var j = offset - 1
            while j > range.lowerBound && bytes[j] & 0xC0 == 0x80 { j -= 1 }
            let b = bytes[j]
            units -= encoding == .utf8 ? offset - j : (b >= 0xF0 ? 2 : 1)
            offset = j
        }
        return (offset, LSPPosition(line: p.line, character: units))
    }

    /// Where `text` ends when inserted at `at`: lines end at LF, CRLF or a lone CR.
    static func end(of text: [UInt8], insertedAt at: LSPPosition, _ encoding: PositionEncoding) -> LSPPosition {
        var line = at.line, character = at.character
        var i = 0
        while i < text.count {
            let b = text[i]
            if b == 0x0A || b == 0x0D {
                if b == 0x0D && i + 1 < text.count && text[i + 1] == 0x0A { i += 1 }
                line += 1
                character = 0
            } else if encoding == .utf8 {
                character += 1
            } else if b & 0xC0 != 0x80 {
                character += b >= 0xF0 ? 2 : 1
            }
            i += 1
        }
        return LSPPosition(line: line, character: character)
    }
}
