/// `okrlint fmt`: prints a document in the canonical form of Grammar.md section 15, from its line layer.
///
/// Every line keeps its kind and its words; only spacing, the letter case and spelling of the format's own marks,
/// line endings, blank lines, the order of known keys within a run of facts and the order of check-ins change. A line
/// with a syntax error keeps its bytes; a comment and a line under `## Notes` keep their content.
public enum Formatter {
    public struct Result: Sendable {
        /// The canonical text.
        public var bytes: [UInt8]
        /// Lines left as written because they have a syntax error (after keys were put in lower case).
        public var linesWithErrors: Int
        /// Fact keys written with capitals (`- Owner:`) that were put in lower case.
        public var keysLowercased: Int
        /// Whether `bytes` differs from the input.
        public var changed: Bool
    }

    /// Canonical order of the known keys of each block; other keys keep their places.
    static let headerOrder = ["okr", "team", "period", "fiscal-year-start", "owner"]
    static let headerOrderBytes = headerOrder.map { Array($0.utf8) }
    static let objectiveOrderBytes = objectiveOrder.map { Array($0.utf8) }
    static let keyResultOrderBytes = keyResultOrder.map { Array($0.utf8) }
    static let objectiveOrder = Parser.objectiveKeys
    static let keyResultOrder = Parser.keyResultKeys

    public static func format(path: String = "-", bytes: [UInt8]) -> Result {
        format(Parser.parse(path: path, bytes: bytes))
    }

    public static func format(_ doc0: Document) -> Result {
        let (doc, count) = read(doc0)
        var p = Printer(doc: doc)
        p.run()
        return Result(bytes: p.out, linesWithErrors: p.linesWithErrors, keysLowercased: count,
                      changed: p.out != doc0.source.bytes)
    }

    static let keyCaseMessage = "fact keys are lowercase"

    /// What the formatter formats: `- Owner: x` is a syntax error whose only fix is certain, the key in lower case;
    /// the document with those keys lowered, and how many. Unless that makes another error (`- Owner:` below an
    /// `- owner:` is then a key given twice): then the document as it is, those lines kept as written.
    static func read(_ doc: Document) -> (Document, Int) {
        let (lowered, count) = lowercasingKeys(doc)
        guard count > 0 else { return (doc, 0) }
        let reread = Parser.parse(path: doc.path, bytes: lowered)
        return reread.syntaxDiagnostics.count == doc.syntaxDiagnostics.count - count ? (reread, count) : (doc, 0)
    }

    /// The bytes with every key that is a syntax error only for its capitals in lower case, and how many there were.
    static func lowercasingKeys(_ doc: Document) -> ([UInt8], Int) {
        var errorsPerLine: [Int: Int] = [:]
        for d in doc.syntaxDiagnostics { errorsPerLine[doc.source.lineIndex(of: d.range.start), default: 0] += 1 }
        var bytes = doc.source.bytes
        var count = 0
        // Only where the parser offers the fix: lowercased, the key must read as a fact (`- Owner:@x` would not).
        for d in doc.syntaxDiagnostics where d.message.hasPrefix(keyCaseMessage) && d.fix != nil
            && errorsPerLine[doc.source.lineIndex(of: d.range.start)] == 1 {
            for i in d.range.start..<d.range.end where bytes[i] >= 0x41 && bytes[i] <= 0x5A { bytes[i] += 0x20 }
            count += 1
        }
        return (bytes, count)
    }
}

extension Formatter {
    /// Bytes the parser reads as a byte order mark at the start of a file.
    static func startsLikeUTF16BOM(_ b: ArraySlice<UInt8>) -> Bool {
        b.count >= 2 && ((b[b.startIndex] == 0xFE && b[b.startIndex + 1] == 0xFF) || (b[b.startIndex] == 0xFF && b[b.startIndex + 1] == 0xFE))
    }

    static func startsLikeBOM(_ b: ArraySlice<UInt8>) -> Bool {
        startsLikeUTF16BOM(b) || b.starts(with: [0xEF, 0xBB, 0xBF])
    }
}

private let SP: UInt8 = 0x20, TAB: UInt8 = 0x09, LF: UInt8 = 0x0A

private struct Printer {
    let doc: Document
    let bytes: [UInt8]
    var out: [UInt8] = []
    /// Every output line's bytes, one after another (lines are then reordered and laid out by their ranges).
    var buf: [UInt8] = []
    var linesWithErrors = 0

    enum Block { case header, objective, keyResult }

    /// Trailing comments by line.
    var trailing: [Int: SourceRange] = [:]
    /// Lines with a comment `okrlint-disable-next-line`: the line after them must stay after them.
    var pinsNext: Set<Int> = []
    /// Lines ending in an `okrlint-disable` / `okrlint-enable` comment: a region starts or ends there, so no line
    /// may move across them (they end runs of facts and check-ins, as own-line comments do).
    var regionAt: Set<Int> = []
    /// The check-in on each line (its index in `doc.checkIns`), -1 for none.
    var checkInOfLine: [Int32] = []
    /// Where own-line comments open.
    var commentStarts: Set<Int> = []
    var subItemDepthAt: [Int: Int] = [:]
    var sectionAt: [Int: SectionKind] = [:]
    /// The block each fact belongs to, by the start of its line's content, as the parser attached it.
    var blockOfLine: [Block?] = []
    /// `## Notes` sections: their lines are kept as written.
    var notes: [SourceRange] = []
    /// The quantities the parser read (metric ends, `current`, check-in values), by where they start: printed from
    /// these instead of reading the bytes again.
    var quantities: [Quantity] = []

    init(doc: Document) {
        self.doc = doc
        self.bytes = doc.source.bytes
        out.reserveCapacity(bytes.count + 64)
        buf.reserveCapacity(bytes.count + 256)
        for c in doc.comments {
            let first = doc.source.lineIndex(of: c.range.start)
            if !c.ownLine { trailing[first] = c.range } else { commentStarts.insert(c.range.start) }
            if !c.ownLine && (c.text.hasPrefix("okrlint-disable") || c.text.hasPrefix("okrlint-enable"))
                && !c.text.hasPrefix("okrlint-disable-line") && !c.text.hasPrefix("okrlint-disable-next-line") {
                regionAt.insert(first)
            }
            if c.text.hasPrefix("okrlint-disable-next-line") {
                pinsNext.insert(c.ownLine ? doc.source.lineIndex(of: max(c.range.start, c.range.end - 1)) : first)
            }
        }
        // Per line, found by binary search over the line starts: no hashing per fact or check-in.
        let lineCount = doc.lines.count
        checkInOfLine = Array(repeating: -1, count: lineCount)
        let source = doc.source
        for (n, c) in doc.checkIns.enumerated() {
            let li = source.lineIndex(of: c.range.start)
            if li < lineCount { checkInOfLine[li] = Int32(n) }
        }
        for s in doc.sections {
            sectionAt[s.headingRange.start] = s.kind
            if s.kind == .notes { notes.append(s.range) }
        }
        // One pass over the tree: the block of each fact's line, the quantities read, sub-item depths.
        var blocks = Array<Block?>(repeating: nil, count: lineCount)
        var found: [Quantity] = []
        var depths: [Int: Int] = [:]
        let lines = doc.lines
        func mark(_ props: [Property], _ b: Block) {
            for p in props {
                let li = source.lineIndex(of: p.range.start)
                if li < lineCount && lines[li].contentStart == p.range.start { blocks[li] = b }
            }
        }
        func note(_ list: [Initiative]) { for i in list { for s in i.subItems { depths[s.range.start] = s.depth } } }
        mark(doc.header.properties, .header)
        note(doc.initiatives)
        for o in doc.objectives {
            mark(o.properties, .objective)
            note(o.initiatives)
            for k in o.keyResults {
                mark(k.properties, .keyResult)
                note(k.initiatives)
                if let q = k.metric?.baseline { found.append(q) }
                if let q = k.metric?.target { found.append(q) }
                if let q = k.current { found.append(q) }
            }
        }
        for c in doc.checkIns { if let q = c.value { found.append(q) } }
        found.sort { $0.range.start < $1.range.start }
        blockOfLine = blocks
        quantities = found
        subItemDepthAt = depths
    }

    /// One output line before the blank-line layout: its text, its kind, and whether the line after it is pinned.
    struct OutLine {
        /// Its bytes in `buf`.
        var text: Range<Int>
        var kind: LineKind
        var pinsNext = false
        var isHeading: Bool { kind == .objective || kind == .keyResult || kind == .section }
    }

    /// A line that may move within its run: valid, of the run's kind, neither pinning the next line nor pinned.
    func movable(_ i: Int, _ kind: LineKind) -> Bool {
        let l = doc.lines[i]
        return l.kind == kind && !l.hasError && !pinsNext.contains(i) && !(i > 0 && pinsNext.contains(i - 1)) && !regionAt.contains(i)
    }

    mutating func run() {
        let lines = doc.lines
        var outLines: [OutLine] = []
        outLines.reserveCapacity(lines.count)
        var i = 0
        while i < lines.count {
            let l = lines[i]
            // The empty line after a final line ending.
            if l.start == l.next && l.start == bytes.count && i > 0 { i += 1; continue }
            // Runs of facts of one block (known keys put in order) and of check-ins (put in date order).
            if movable(i, .fact) || movable(i, .checkIn) {
                let block = blockOfLine[i]
                var j = i + 1
                while j < lines.count && movable(j, l.kind) && (l.kind == .checkIn || blockOfLine[j] == block) { j += 1 }
                if j - i > 1 {
                    outLines += l.kind == .fact ? factRun(i..<j, block) : checkInRun(i..<j)
                    i = j
                    continue
                }
            }
            let text: Range<Int>
            switch l.kind {
            case .fact where !l.hasError: text = emitFact(fact(i), blockOfLine[i])
            case .checkIn where !l.hasError: text = emitCheckIn(i)
            case .task where !l.hasError: text = emitTask(i)
            default: text = put(render(i))
            }
            outLines.append(OutLine(text: text, kind: l.kind, pinsNext: pinsNext.contains(i)))
            i += 1
        }
        layout(outLines)
    }

    /// Whether `offset` is in a `## Notes` section (binary search: the sections are in file order).
    func inNotes(_ offset: Int) -> Bool {
        var lo = 0, hi = notes.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if notes[mid].end <= offset { lo = mid + 1 } else { hi = mid }
        }
        return lo < notes.count && notes[lo].start <= offset
    }

    // MARK: - Layout

    /// Blank lines: none at the start or the end, runs of them as one, one after the title and before each heading
    /// (before the comments right above it), none right after a heading; a line pinned by a `disable-next-line`
    /// comment keeps its place right after the comment. Then LF endings, no trailing white space, one final newline.
    mutating func layout(_ input: [OutLine]) {
        var lines: [OutLine] = []
        lines.reserveCapacity(input.count + input.count / 4)
        let blank = OutLine(text: 0..<0, kind: .blank)
        for l in input {
            if l.kind == .blank {
                guard let last = lines.last, last.kind != .blank else { continue }
                if last.isHeading && !last.pinsNext { continue }
                lines.append(l)
                continue
            }
            if let last = lines.last, last.kind != .blank {
                if last.kind == .title && !last.pinsNext {
                    lines.append(blank)
                } else if l.isHeading {
                    // The blank goes above the comments that sit right above the heading.
                    var s = lines.count
                    while s > 0 && lines[s - 1].kind == .comment { s -= 1 }
                    if s == lines.count {
                        if !last.pinsNext { lines.append(blank) }
                    } else if s > 0 && lines[s - 1].kind != .blank && !lines[s - 1].pinsNext {
                        if lines[s - 1].isHeading || lines[s - 1].kind == .title {
                            if !last.pinsNext { lines.append(blank) }
                        } else {
                            // Moved rather than inserted: each comment line moves at most once, so this stays linear.
                            // (Swapped in place: a slice of `lines` kept alive would copy the whole array.)
                            lines.append(blank)
                            var k = lines.count - 1
                            while k > s { lines.swapAt(k, k - 1); k -= 1 }
                        }
                    }
                }
            }
            lines.append(l)
        }
        while let last = lines.last, last.kind == .blank { lines.removeLast() }
        // A second byte order mark is text of the first line: the first stays, so the line reads as it did.
        if doc.source.hasBOM && bytes.count >= 6 && bytes[3] == 0xEF && bytes[4] == 0xBB && bytes[5] == 0xBF {
            out.append(contentsOf: [0xEF, 0xBB, 0xBF])
        }
        // Bytes that the parser reads as a byte order mark only at the very start of a file (`FE FF`, `FF FE`, `EF BB
        // BF`): a line that begins with them and was not first keeps a blank line above it, so it reads as it did.
        if out.isEmpty, let first = lines.first, Formatter.startsLikeBOM(buf[first.text]), !Formatter.startsLikeUTF16BOM(bytes[...]) {
            out.append(LF)
        }
        for l in lines {
            out.append(contentsOf: buf[l.text])
            out.append(LF)
        }
        // A comment never closed runs to the end of the file: its last line keeps its (missing) line ending.
        if !out.isEmpty, let last = doc.lines.last(where: { $0.start < $0.next }), last.kind == .comment, last.end == last.next,
           let c = doc.comments.last, c.range.end == bytes.count, !(c.range.end - c.range.start >= 7 && bytes[(c.range.end - 3)..<c.range.end].elementsEqual(ScanBytes.commentClose)) {
            out.removeLast()
        }
    }

    // MARK: - Lines

    /// The first byte of line `li` (after a byte order mark).
    func start(_ li: Int) -> Int { li == 0 && doc.source.hasBOM ? 3 : doc.lines[li].start }

    /// The line's content without a comment that ends it, and that comment (as written).
    func split(_ li: Int) -> (ArraySlice<UInt8>, ArraySlice<UInt8>?) {
        let l = doc.lines[li]
        guard let c = trailing[li] else { return (bytes[l.contentStart..<l.contentEnd], nil) }
        var e = c.start
        while e > l.contentStart && (bytes[e - 1] == SP || bytes[e - 1] == TAB) { e -= 1 }
        return (bytes[l.contentStart..<e], bytes[c.start..<min(c.end, l.contentEnd)])
    }

    func withComment(_ text: [UInt8], _ comment: ArraySlice<UInt8>?) -> [UInt8] {
        guard let c = comment else { return text }
        return text.isEmpty ? Array(c) : text + [SP] + Array(c)
    }

    mutating func render(_ li: Int) -> [UInt8] {
        let l = doc.lines[li]
        if l.hasError || l.kind == .invalid {
            linesWithErrors += 1
            return Array(bytes[start(li)..<l.end])
        }
        switch l.kind {
        case .blank:
            return []
        case .comment:
            // The first line of a comment from its `<!--`; a line inside one as written, indentation included.
            let opens = commentStarts.contains(l.contentStart)
            return Array(bytes[(opens ? l.contentStart : start(li))..<l.end])
        case .text:
            if inNotes(l.contentStart) { return Array(bytes[start(li)..<l.contentEnd]) }
            let (text, comment) = split(li)
            return withComment(Array(text), comment)
        case .title:
            let (text, comment) = split(li)
            return withComment(Array("# ".utf8) + headingText(text, level: 1), comment)
        case .section:
            let (_, comment) = split(li)
            return withComment(Array("## \((sectionAt[l.contentStart] ?? .notes).rawValue)".utf8), comment)
        case .objective, .keyResult:
            let (text, comment) = split(li)
            let level = l.kind == .objective ? 2 : 3
            return withComment(Array(repeating: UInt8(ascii: "#"), count: level) + [SP] + headingText(text, level: level), comment)
        case .task:
            return renderTask(li)
        case .subItem:
            return renderSubItem(li)
        case .fact:
            return Array(buf[emitFact(fact(li), blockOfLine[li])])
        case .checkIn:
            return Array(buf[emitCheckIn(li)])
        case .invalid:
            return Array(bytes[start(li)..<l.end])
        }
    }

    /// `ID: title` with one space after the colon, without a closing run of `#`.
    func headingText(_ text: ArraySlice<UInt8>, level: Int) -> [UInt8] {
        var a = text.startIndex + level
        while a < text.endIndex && (text[a] == SP || text[a] == TAB) { a += 1 }
        var e = text.endIndex
        // A closing sequence of `#` after a space (CommonMark).
        var k = e
        while k > a && text[k - 1] == UInt8(ascii: "#") { k -= 1 }
        if k < e && (k == a || text[k - 1] == SP || text[k - 1] == TAB) {
            var t = k
            while t > a && (text[t - 1] == SP || text[t - 1] == TAB) { t -= 1 }
            // Dropped, the closing run would leave text that reads differently: a `#` that then closes the heading,
            // or a `<!--` that then starts a comment. Such a heading keeps it.
            let exposes = (t > a && text[t - 1] == UInt8(ascii: "#")) || text[a..<t].contains(UInt8(ascii: "<"))
            if !exposes { e = k }
        }
        while e > a && (text[e - 1] == SP || text[e - 1] == TAB) { e -= 1 }
        let body = text[a..<e]
        guard level > 1, let colon = body.firstIndex(of: UInt8(ascii: ":")) else { return Array(body) }
        var t = colon + 1
        while t < body.endIndex && (body[t] == SP || body[t] == TAB) { t += 1 }
        if t == body.endIndex { return Array(body[..<(colon + 1)]) }
        return Array(body[..<colon]) + [UInt8(ascii: ":"), SP] + Array(body[t...])
    }

    /// After a list marker `-` and the spaces that follow it.
    func afterMarker(_ text: ArraySlice<UInt8>) -> Int {
        var p = text.startIndex + 1
        while p < text.endIndex && (text[p] == SP || text[p] == TAB) { p += 1 }
        return p
    }

    /// `[ ]` or `[x]`, one space, the rest; nil when `text[p...]` is not a task box.
    func taskBody(_ text: ArraySlice<UInt8>, _ p: Int) -> [UInt8]? {
        guard p + 2 < text.endIndex, text[p] == UInt8(ascii: "["), text[p + 2] == UInt8(ascii: "]") else { return nil }
        let box = text[p + 1]
        guard box == SP || box == UInt8(ascii: "x") || box == UInt8(ascii: "X"),
              p + 3 == text.endIndex || text[p + 3] == SP || text[p + 3] == TAB else { return nil }
        var r = p + 3
        while r < text.endIndex && (text[r] == SP || text[r] == TAB) { r += 1 }
        return Array((box == SP ? "[ ]" : "[x]").utf8) + (r < text.endIndex ? [SP] + Array(text[r...]) : [])
    }

    /// `renderTask`, straight into `buf` (the common case: a task box).
    mutating func emitTask(_ li: Int) -> Range<Int> {
        let (text, comment) = split(li)
        let p = afterMarker(text)
        guard p + 2 < text.endIndex, text[p] == UInt8(ascii: "["), text[p + 2] == UInt8(ascii: "]") else { return put(renderTask(li)) }
        let box = text[p + 1]
        guard box == SP || box == UInt8(ascii: "x") || box == UInt8(ascii: "X"),
              p + 3 == text.endIndex || text[p + 3] == SP || text[p + 3] == TAB else { return put(renderTask(li)) }
        var r = p + 3
        while r < text.endIndex && (text[r] == SP || text[r] == TAB) { r += 1 }
        let start = buf.count
        buf.append(contentsOf: box == SP ? "- [ ]".utf8 : "- [x]".utf8)
        if r < text.endIndex {
            buf.append(SP)
            buf.append(contentsOf: text[r...])
        }
        if let c = comment {
            buf.append(SP)
            buf.append(contentsOf: c)
        }
        return start..<buf.count
    }

    /// `- [ ] title tokens`, `- [x] ...`: one space after `-` and after the box, `x` in lower case.
    func renderTask(_ li: Int) -> [UInt8] {
        let (text, comment) = split(li)
        let p = afterMarker(text)
        guard let body = taskBody(text, p) else { return withComment(Array(text), comment) }
        return withComment(Array("- ".utf8) + body, comment)
    }

    /// Two spaces of indentation per level, then the item.
    func renderSubItem(_ li: Int) -> [UInt8] {
        let depth = subItemDepthAt[doc.lines[li].contentStart] ?? 1
        let (text, comment) = split(li)
        let p = afterMarker(text)
        let body = taskBody(text, p) ?? Array(text[p...])
        return withComment(Array(repeating: SP, count: 2 * depth) + Array("- ".utf8) + body, comment)
    }

    // MARK: - Facts

    /// Key and value of a fact line, without a comment that ends it.
    func fact(_ li: Int) -> (key: ArraySlice<UInt8>, value: ArraySlice<UInt8>, comment: ArraySlice<UInt8>?) {
        let (text, comment) = split(li)
        let p = afterMarker(text)
        var k = p
        while k < text.endIndex && text[k] != UInt8(ascii: ":") { k += 1 }
        var v = min(k + 1, text.endIndex)
        while v < text.endIndex && (text[v] == SP || text[v] == TAB) { v += 1 }
        return (text[p..<k], text[v...], comment)
    }

    /// A run of facts: the known keys, in their canonical order, fill the places known keys had; other keys keep theirs.
    mutating func factRun(_ range: Range<Int>, _ block: Block?) -> [OutLine] {
        let order: [[UInt8]]
        switch block {
        case .header: order = Formatter.headerOrderBytes
        case .objective: order = Formatter.objectiveOrderBytes
        case .keyResult: order = Formatter.keyResultOrderBytes
        case nil: order = []
        }
        var lines: [OutLine] = []
        var known: [(rank: Int, index: Int)] = []
        lines.reserveCapacity(range.count)
        for (n, li) in range.enumerated() {
            let f = fact(li)
            lines.append(OutLine(text: emitFact(f, block), kind: .fact))
            if let rank = order.firstIndex(where: { $0.count == f.key.count && $0[...] == f.key }) { known.append((rank, n)) }
        }
        let sorted = known.sorted { $0.rank != $1.rank ? $0.rank < $1.rank : $0.index < $1.index }
        var result = lines
        for (slot, from) in zip(known, sorted) { result[slot.index] = lines[from.index] }
        return result
    }

    /// Appends `bytes` to `buf`; their range there.
    mutating func put<C: Collection>(_ bytes: C) -> Range<Int> where C.Element == UInt8 {
        let start = buf.count
        buf.append(contentsOf: bytes)
        return start..<buf.count
    }

    /// `- key: value` into `buf`, with a metric's or a current value's canonical spacing; its range there.
    mutating func emitFact(_ f: (key: ArraySlice<UInt8>, value: ArraySlice<UInt8>, comment: ArraySlice<UInt8>?), _ block: Block?) -> Range<Int> {
        let (key, value, comment) = f
        let start = buf.count
        buf.append(UInt8(ascii: "-"))
        buf.append(SP)
        buf.append(contentsOf: key)
        buf.append(UInt8(ascii: ":"))
        if !value.isEmpty {
            buf.append(SP)
            if block == .keyResult && key.elementsEqual("metric".utf8) {
                writeMetric(value)
            } else if block == .keyResult && key.elementsEqual("current".utf8) {
                writeQuantity(value)
            } else {
                buf.append(contentsOf: value)
            }
        }
        if let c = comment {
            buf.append(SP)
            buf.append(contentsOf: c)
        }
        return start..<buf.count
    }

    /// The quantity the parser read starting at `offset` (binary search).
    func quantity(at offset: Int) -> Quantity? {
        var lo = 0, hi = quantities.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if quantities[mid].range.start < offset { lo = mid + 1 } else { hi = mid }
        }
        return lo < quantities.count && quantities[lo].range.start == offset ? quantities[lo] : nil
    }

    /// A quantity with one space between the number and a unit word (`15min` -> `15 min`), the number as written.
    mutating func writeQuantity(_ s: ArraySlice<UInt8>) {
        // Every slice here is of the file's bytes: read in place, no copy.
        precondition(s.isEmpty || s.startIndex >= 0 && s.endIndex <= bytes.count)
        // The parser's reading of these very bytes, if it holds all of them and nothing else (a quantity that took
        // its metric's unit would print a word not written).
        if let q = quantity(at: s.startIndex), q.range.end == s.endIndex {
            let mark = buf.count
            q.writeDisplay(into: &buf)
            var written = 0, printed = 0
            for b in s where b != SP && b != TAB { written += 1 }
            for k in mark..<buf.count where buf[k] != SP { printed += 1 }
            if written == printed { return }
            buf.removeSubrange(mark...)
        }
        guard case .success(let q) = ValueReader.milestoneOrQuantity(bytes, s.startIndex, s.endIndex) else {
            buf.append(contentsOf: s)
            return
        }
        q.writeDisplay(into: &buf)
    }

    static let arrows = [Array("->".utf8), Array("→".utf8)]
    /// Each written form of a level with its canonical spelling.
    static let levels: [([UInt8], String)] = ValueReader.thresholds.map { written, _, _ in
        let w = String(decoding: written, as: UTF8.self)
        switch w {
        case "≥", "=>": return (written, ">=")
        case "≤", "=<": return (written, "<=")
        default: return (written, w.hasSuffix(" ") ? String(w.dropLast()) : w)
        }
    }

    /// `baseline -> target`, `>= level`, `at least level`, a change or `milestone`, each quantity as
    /// `writeQuantity` writes it (the same reading as `ValueReader.metric`).
    mutating func writeMetric(_ v: ArraySlice<UInt8>) {
        let b = bytes, a = v.startIndex, e = v.endIndex
        if e - a == 9 && ValueReader.hasPrefixFolded(b, ValueReader.milestoneWord, at: a, end: e) {
            buf.append(contentsOf: "milestone".utf8)
            return
        }
        for k in a..<e {
            for arrow in Self.arrows where ValueReader.hasPrefix(b, arrow, at: k, end: e) {
                writeQuantity(trim(b[a..<k]))
                buf.append(contentsOf: " -> ".utf8)
                writeQuantity(trim(b[(k + arrow.count)..<e]))
                return
            }
        }
        for (written, canonical) in Self.levels where ValueReader.hasPrefixFolded(b, written, at: a, end: e) {
            buf.append(contentsOf: canonical.utf8)
            buf.append(SP)
            writeQuantity(trim(b[(a + written.count)..<e]))
            return
        }
        writeQuantity(v)
    }

    func trim(_ s: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var a = s.startIndex, e = s.endIndex
        while a < e && (s[a] == SP || s[a] == TAB) { a += 1 }
        while e > a && (s[e - 1] == SP || s[e - 1] == TAB) { e -= 1 }
        return s[a..<e]
    }

    // MARK: - Check-ins

    /// A run of check-ins in date order (stable: lines of one date keep their order).
    mutating func checkInRun(_ range: Range<Int>) -> [OutLine] {
        var items: [(date: Int, index: Int, line: OutLine)] = []
        for (n, li) in range.enumerated() {
            let ci = checkInOfLine[li]
            let date = ci >= 0 ? doc.checkIns[Int(ci)].date?.value.dayNumber ?? Int.min : Int.min
            items.append((date, n, OutLine(text: emitCheckIn(li), kind: .checkIn)))
        }
        items.sort { $0.date != $1.date ? $0.date < $1.date : $0.index < $1.index }
        return items.map(\.line)
    }

    /// `- DATE ID: value, confidence C -- note`, each part as written.
    mutating func emitCheckIn(_ li: Int) -> Range<Int> {
        let l = doc.lines[li]
        let (text, comment) = split(li)
        let n = checkInOfLine[li]
        guard n >= 0 && doc.checkIns[Int(n)].range.start == l.contentStart else { return put(withComment(Array(text), comment)) }
        let c = doc.checkIns[Int(n)]
        // A line that names a confidence twice reads the last one: it is left as written, so no word is lost.
        var mentions = 0
        var k = text.startIndex
        while k < text.endIndex {
            let b = bytes[k] | 0x20
            if b == UInt8(ascii: "c") && ValueReader.hasPrefixFolded(bytes, ScanBytes.confidenceLower, at: k, end: text.endIndex) { mentions += 1 }
            k += 1
        }
        if mentions > 1 { return put(withComment(Array(text), comment)) }
        // A value whose unit holds the word (`1confidence: 35%` is 1 of the unit `confidence: 35%`) would, printed
        // with a space before its unit, read as a confidence: left as written too.
        if let v = c.value,
           (v.range.start..<v.range.end).contains(where: { bytes[$0] | 0x20 == UInt8(ascii: "c") && ValueReader.hasPrefixFolded(bytes, ScanBytes.confidenceLower, at: $0, end: v.range.end) }) {
            return put(withComment(Array(text), comment))
        }
        let start = buf.count
        buf.append(UInt8(ascii: "-"))
        buf.append(SP)
        buf.append(contentsOf: bytes[c.dateText.range.start..<c.dateText.range.end])
        buf.append(SP)
        buf.append(contentsOf: bytes[c.keyResultID.range.start..<c.keyResultID.range.end])
        buf.append(UInt8(ascii: ":"))
        var first = true
        if let v = c.value {
            buf.append(SP)
            writeQuantity(bytes[v.range.start..<v.range.end])
            first = false
        }
        if let conf = c.confidence {
            // `Confidence: 60%` -> `confidence 60%`: the word in lower case, the value as written.
            var a = conf.range.start + ScanBytes.confidenceLower.count
            if a < conf.range.end && bytes[a] == UInt8(ascii: ":") { a += 1 }
            if first { buf.append(SP) } else { buf.append(UInt8(ascii: ",")); buf.append(SP) }
            buf.append(contentsOf: "confidence ".utf8)
            buf.append(contentsOf: trim(bytes[a..<conf.range.end]))
        }
        if let note = c.note {
            buf.append(contentsOf: " --".utf8)
            if !note.isEmpty { buf.append(SP); buf.append(contentsOf: bytes[note.range.start..<note.range.end]) }
        }
        if let cm = comment { buf.append(SP); buf.append(contentsOf: cm) }
        return start..<buf.count
    }
}
