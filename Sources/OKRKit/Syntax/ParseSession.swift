/// A document kept open for editing, as an editor or the language server holds a buffer. An edit is re-parsed from
/// the line it touches (and the line before, whose ending it may change) only until the scanner reaches an old line
/// in the state it had there: from that line on the scanner's old results are reused, moved by the edit's length.
/// The tree is then rebuilt from the results (phase 2 reads no bytes). The document equals a full parse of the new
/// text; `ParseSessionTests` checks it over random edit sequences.
public struct ParseSession: Sendable {
    public private(set) var document: Document
    /// The scanner's result for each line, and the state each line started in (one more: the state after the last).
    var results: [LineResult]
    var states: [ScanState]
    /// Lines the last edit scanned again (the rest were reused).
    public private(set) var rescannedLines = 0

    public init(path: String, bytes: [UInt8]) {
        self.init(source: SourceFile(path: path, bytes: bytes))
    }

    /// A session on `source` as it is: its bytes and line table are the tree's (an owner that keeps the text too,
    /// as the language server's buffer does, keeps it once).
    public init(source: SourceFile) {
        let bytes = source.bytes, path = source.path
        var scanner = LineScanner(bytes: bytes, path: path, sink: LineRecorder())
        var results: [LineResult] = []
        var states: [ScanState] = []
        results.reserveCapacity(source.lineCount)
        states.reserveCapacity(source.lineCount + 1)
        for li in 0..<source.lineCount {
            states.append(scanner.state)
            let r = source.contentRange(ofLine: li)
            scanner.scan(r.lowerBound, r.upperBound)
            results.append(scanner.sink.take())
        }
        states.append(scanner.state)
        self.results = results
        self.states = states
        self.document = ParseSession.build(source, results)
        rescannedLines = source.lineCount
    }

    public init(path: String, text: String) { self.init(path: path, bytes: Array(text.utf8)) }

    /// Replaces the bytes in `range` of the current text with `replacement`.
    public mutating func edit(_ range: SourceRange, replacement: [UInt8]) {
        let old = document.source
        let lo = min(max(0, range.start), old.bytes.count)
        let hi = min(max(lo, range.end), old.bytes.count)
        var bytes = Array(old.bytes[..<lo])
        bytes.append(contentsOf: replacement)
        bytes.append(contentsOf: old.bytes[hi...])
        edit(range, replacement: replacement, result: SourceFile(path: old.path, bytes: bytes))
    }

    /// The same edit, given the text it makes (which must be the current text with `range` replaced): the tree
    /// takes `result`'s bytes and line table rather than building its own.
    public mutating func edit(_ range: SourceRange, replacement: [UInt8], result source: SourceFile) {
        let old = document.source
        let lo = min(max(0, range.start), old.bytes.count)
        let hi = min(max(lo, range.end), old.bytes.count)
        let bytes = source.bytes
        let delta = replacement.count - (hi - lo)
        // Lines before the edited one are unchanged, but the one just before may lose or gain its line ending's LF.
        // The results are changed in place: the lines scanned again replace theirs, the rest are moved by `delta`.
        let first = max(0, old.lineIndex(of: lo) - 1)
        var scannedResults: [LineResult] = []
        var scannedStates: [ScanState] = []
        var scanner = LineScanner(bytes: bytes, path: old.path, state: states[first], sink: LineRecorder())
        let editEnd = lo + replacement.count
        var li = first
        var resume: Int? = nil
        while li < source.lineCount {
            let r = source.contentRange(ofLine: li)
            scanner.scan(r.lowerBound, r.upperBound)
            scannedResults.append(scanner.sink.take())
            li += 1
            scannedStates.append(scanner.state)
            // Past the edit, a line that starts where an old line started (moved by `delta`), in the state the old
            // one started in, reads as it did: the rest is the old results.
            guard li < source.lineCount else { break }
            let start = source.lineStarts[li]
            guard start > editEnd || (start == editEnd && start > 0 && bytes[start - 1] == 0x0A) else { continue }
            let oldStart = start - delta
            let oj = old.lineIndex(of: oldStart)
            guard old.lineStarts[oj] == oldStart, oj > 0 || oldStart == 0, states[oj] == scanner.state else { continue }
            resume = oj
            break
        }
        let reused = resume ?? results.count
        results.replaceSubrange(first..<reused, with: scannedResults)
        states.replaceSubrange((first + 1)..<(resume.map { $0 + 1 } ?? states.count), with: scannedStates)
        if delta != 0 {
            for k in (first + scannedResults.count)..<results.count { results[k].shift(by: delta) }
        }
        rescannedLines = scannedResults.count
        // The old tree goes before the new one is built: the two are never held together.
        document = Document(source: source)
        document = ParseSession.build(source, results)
    }

    static func build(_ source: SourceFile, _ results: [LineResult]) -> Document {
        var builder = TreeBuilder(source: source)
        for r in results { builder.add(r) }
        builder.finish()
        return builder.doc
    }
}

/// Keeps what the scanner read on each line, for a `ParseSession`.
struct LineRecorder: LineSink {
    private var current = LineResult()
    private var done: LineResult? = nil

    /// The last line's result.
    mutating func take() -> LineResult {
        defer { done = nil }
        return done ?? LineResult()
    }

    mutating func error(_ d: Diagnostic) { current.errors.append(d) }
    mutating func comment(_ c: Comment) { current.comment = c }
    mutating func commentOpens(_ at: Int) { current.commentOpens = at }
    mutating func commentCloses(_ at: Int) { current.commentCloses = at }
    mutating func title(_ t: TextSpan) { current.event = .title(t) }
    mutating func section(_ kind: SectionKind, _ range: SourceRange) { current.event = .section(kind, range) }
    mutating func objective(_ o: Objective) { current.event = .objective(o) }
    mutating func keyResult(_ k: KeyResult) { current.event = .keyResult(k) }
    mutating func stray() { current.event = .stray }
    mutating func fact(_ p: Property, _ value: FactValue, _ valueErrors: [Diagnostic]) {
        current.event = .fact(p, value)
        current.valueErrors = valueErrors
    }
    mutating func task(_ i: Initiative) { current.event = .task(i) }
    mutating func subItem(_ s: InitiativeSubItem) { current.event = .subItem(s) }
    mutating func checkIn(_ c: CheckIn) { current.event = .checkIn(c) }
    mutating func text(_ t: TextSpan) { current.event = .text(t) }
    mutating func endLine(_ kind: LineKind) {
        current.kind = kind
        done = current
        current = LineResult()
    }
}

// MARK: - Moving results by an edit's length

extension SourceRange {
    func shifted(by d: Int) -> SourceRange { SourceRange(start: start + d, end: end + d) }
}

extension Spanned {
    func shifted(by d: Int) -> Spanned { Spanned(value, range.shifted(by: d)) }
}

extension Property {
    func shifted(by d: Int) -> Property {
        Property(key: key.shifted(by: d), value: value.shifted(by: d), range: range.shifted(by: d), isDuplicate: isDuplicate)
    }
}

extension Quantity {
    func shifted(by d: Int) -> Quantity { var q = self; q.range = range.shifted(by: d); return q }
}

extension Metric {
    func shifted(by d: Int) -> Metric {
        var m = self
        m.baseline = baseline?.shifted(by: d)
        m.target = target?.shifted(by: d)
        m.range = range.shifted(by: d)
        return m
    }
}

extension AlignmentLink {
    func shifted(by d: Int) -> AlignmentLink { var l = self; l.range = range.shifted(by: d); return l }
}

extension InitiativeSubItem {
    func shifted(by d: Int) -> InitiativeSubItem {
        InitiativeSubItem(done: done, text: text.shifted(by: d), range: range.shifted(by: d), depth: depth)
    }
}

extension Initiative {
    func shifted(by d: Int) -> Initiative {
        var i = self
        i.title = title.shifted(by: d)
        i.owner = owner?.shifted(by: d)
        i.due = due?.shifted(by: d)
        i.keyResultRef = keyResultRef?.shifted(by: d)
        i.range = range.shifted(by: d)
        i.subItems = subItems.map { $0.shifted(by: d) }
        return i
    }
}

extension KeyResult {
    func shifted(by d: Int) -> KeyResult {
        var k = self
        k.id = id?.shifted(by: d)
        k.title = title.shifted(by: d)
        k.headingRange = headingRange.shifted(by: d)
        k.range = range.shifted(by: d)
        k.properties = properties.map { $0.shifted(by: d) }
        k.metric = metric?.shifted(by: d)
        k.current = current?.shifted(by: d)
        k.confidence = confidence?.shifted(by: d)
        k.owner = owner?.shifted(by: d)
        k.due = due?.shifted(by: d)
        k.weight = weight?.shifted(by: d)
        k.score = score?.shifted(by: d)
        k.initiatives = initiatives.map { $0.shifted(by: d) }
        k.description = description.map { $0.shifted(by: d) }
        return k
    }
}

extension Objective {
    func shifted(by d: Int) -> Objective {
        var o = self
        o.id = id?.shifted(by: d)
        o.title = title.shifted(by: d)
        o.headingRange = headingRange.shifted(by: d)
        o.range = range.shifted(by: d)
        o.properties = properties.map { $0.shifted(by: d) }
        o.owner = owner?.shifted(by: d)
        o.aligns = aligns.map { $0.shifted(by: d) }
        o.type = type?.shifted(by: d)
        o.due = due?.shifted(by: d)
        o.score = score?.shifted(by: d)
        o.keyResults = keyResults.map { $0.shifted(by: d) }
        o.initiatives = initiatives.map { $0.shifted(by: d) }
        o.description = description.map { $0.shifted(by: d) }
        return o
    }
}

extension CheckIn {
    func shifted(by d: Int) -> CheckIn {
        CheckIn(date: date?.shifted(by: d), dateText: dateText.shifted(by: d), keyResultID: keyResultID.shifted(by: d),
                value: value?.shifted(by: d), confidence: confidence?.shifted(by: d), note: note?.shifted(by: d),
                range: range.shifted(by: d))
    }
}

extension Comment {
    func shifted(by d: Int) -> Comment { Comment(text: text, range: range.shifted(by: d), ownLine: ownLine) }
}

extension Diagnostic {
    func shifted(by d: Int) -> Diagnostic { var x = self; x.range = range.shifted(by: d); x.fix = fix?.shifted(by: d); return x }
}

extension FactValue {
    func shifted(by d: Int) -> FactValue {
        switch self {
        case .none: .none
        case .formatVersion(let v): .formatVersion(v.shifted(by: d))
        case .team(let v): .team(v.shifted(by: d))
        case .period(let v): .period(v.shifted(by: d))
        case .owner(let v): .owner(v.shifted(by: d))
        case .fiscalYearStart(let v): .fiscalYearStart(v.shifted(by: d))
        case .aligns(let v): .aligns(v.map { $0.shifted(by: d) })
        case .type(let v): .type(v.shifted(by: d))
        case .due(let v): .due(v.shifted(by: d))
        case .score(let v): .score(v.shifted(by: d))
        case .metric(let v): .metric(v.shifted(by: d))
        case .current(let v): .current(v.shifted(by: d))
        case .confidence(let v): .confidence(v.shifted(by: d))
        case .weight(let v): .weight(v.shifted(by: d))
        case .carriedFrom(let v): .carriedFrom(v.shifted(by: d))
        }
    }
}

extension LineEvent {
    func shifted(by d: Int) -> LineEvent {
        switch self {
        case .none: .none
        case .title(let t): .title(t.shifted(by: d))
        case .section(let k, let r): .section(k, r.shifted(by: d))
        case .objective(let o): .objective(o.shifted(by: d))
        case .keyResult(let k): .keyResult(k.shifted(by: d))
        case .stray: .stray
        case .fact(let p, let v): .fact(p.shifted(by: d), v.shifted(by: d))
        case .task(let i): .task(i.shifted(by: d))
        case .subItem(let s): .subItem(s.shifted(by: d))
        case .checkIn(let c): .checkIn(c.shifted(by: d))
        case .text(let t): .text(t.shifted(by: d))
        }
    }
}

extension LineResult {
    /// Every offset moved by `d`, in place; fields are changed one by one, so a field added later is carried along.
    mutating func shift(by d: Int) {
        event = event.shifted(by: d)
        if let c = comment { comment = c.shifted(by: d) }
        if let o = commentOpens { commentOpens = o + d }
        if let c = commentCloses { commentCloses = c + d }
        if !errors.isEmpty { errors = errors.map { $0.shifted(by: d) } }
        if !valueErrors.isEmpty { valueErrors = valueErrors.map { $0.shifted(by: d) } }
    }
}
