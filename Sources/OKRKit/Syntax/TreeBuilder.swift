/// Phase 2 of parsing: folds the scanner's line results, in order, into the `Document`: attaches facts, initiatives,
/// sub-items, check-ins and text to the block they stand in, finds repeated keys, extends block ranges, records the
/// `Line` of every physical line. It reads no bytes but the line table's.
struct TreeBuilder: LineSink {
    var doc: Document
    private enum Block { case header, objective, keyResult, section, stray }
    private var block = Block.header
    /// Keys of the current block and where they were first given, once the block has many (duplicate keys in
    /// constant time); a few are searched.
    private var blockKeys: [String: Int] = [:]
    private enum InitiativeLocation { case keyResult(Int, Int), objective(Int), document }
    private var lastInitiative: InitiativeLocation? = nil
    /// Where a comment that runs over lines opened, until it closes.
    private var openComment: Int? = nil
    /// An error was reported on the line being read.
    private var lineHasError = false

    init(source: SourceFile) {
        doc = Document(source: source)
        doc.lines.reserveCapacity(source.lineCount)
    }

    /// The `Line` record of line `li` of `source`, given what the scanner made of it.
    static func line(_ li: Int, of source: SourceFile, kind: LineKind, hasError: Bool) -> Line {
        let bytes = source.bytes
        let start = source.lineStarts[li]
        let next = li + 1 < source.lineStarts.count ? source.lineStarts[li + 1] : bytes.count
        let content = source.contentRange(ofLine: li)
        var cs = content.lowerBound
        while cs < content.upperBound && (bytes[cs] == 0x20 || bytes[cs] == 0x09) { cs += 1 }
        var ce = content.upperBound
        while ce > cs && (bytes[ce - 1] == 0x20 || bytes[ce - 1] == 0x09) { ce -= 1 }
        return Line(start: start, contentStart: cs, contentEnd: ce, end: content.upperBound, next: next, kind: kind, hasError: hasError)
    }

    /// Replays a recorded line (a `ParseSession` keeps them).
    mutating func add(_ r: LineResult) {
        if let c = r.comment { comment(c) }
        if let s = r.commentOpens { commentOpens(s) }
        if let c = r.commentCloses { commentCloses(c) }
        for e in r.errors { error(e) }
        switch r.event {
        case .none: break
        case .title(let t): title(t)
        case .section(let k, let range): section(k, range)
        case .objective(let o): objective(o)
        case .keyResult(let k): keyResult(k)
        case .stray: stray()
        case .fact(let p, let v): fact(p, v, r.valueErrors)
        case .task(let i): task(i)
        case .subItem(let s): subItem(s)
        case .checkIn(let c): checkIn(c)
        case .text(let t): text(t)
        }
        endLine(r.kind)
    }

    // MARK: - LineSink

    mutating func error(_ d0: Diagnostic) {
        var d = d0
        // `- Owner:` where the block has an `owner` already: lowered, it would be a key given twice, so the fix
        // is not certain.
        if let fix = d.fix, d.message.hasPrefix("fact keys are lowercase"), fix.edits.count == 1, hasKey(fix.edits[0].content) {
            d.fix = nil
            d.help = "this block has `\(fix.edits[0].content)` already: remove one of them, or write the key in lower case"
        }
        doc.syntaxDiagnostics.append(d)
        lineHasError = true
    }

    mutating func comment(_ c: Comment) { doc.comments.append(c) }

    mutating func commentOpens(_ at: Int) { openComment = at }

    mutating func commentCloses(_ close: Int) {
        guard let open = openComment else { return }
        doc.comments.append(Comment(text: text(open + 4, close).trimmed(), range: SourceRange(start: open, end: close + 3), ownLine: true))
        openComment = nil
    }

    mutating func title(_ t: TextSpan) { doc.header.title = t }

    mutating func section(_ kind: SectionKind, _ range: SourceRange) {
        doc.sections.append(Section(kind: kind, headingRange: range, range: range))
        enter(.section)
    }

    mutating func objective(_ o: Objective) {
        doc.objectives.append(o)
        enter(.objective)
    }

    mutating func keyResult(_ kr: KeyResult) {
        let oi = doc.objectives.count - 1
        doc.objectives[oi].range = doc.objectives[oi].range.union(kr.headingRange)
        doc.objectives[oi].keyResults.append(kr)
        enter(.keyResult)
    }

    mutating func stray() { enter(.stray) }

    mutating func fact(_ p: Property, _ value: FactValue, _ valueErrors: [Diagnostic]) {
        var prop = p
        if let first = duplicate(prop) {
            let loc = doc.source.location(of: first)
            error(Diagnostic(ruleID: syntaxErrorID, severity: .error,
                message: "duplicate key `\(prop.key.value)` (first given on line \(loc.line))",
                help: "remove one of them; the first value is used", path: doc.source.path, range: prop.key.range))
            prop.isDuplicate = true
            addProperty(prop)
        } else {
            for e in valueErrors { error(e) }
            addProperty(prop)
            apply(value)
        }
        if block != .header { extend(to: prop.range.end) }
    }

    mutating func task(_ initiative: Initiative) {
        switch block {
        case .keyResult:
            let oi = doc.objectives.count - 1
            let ki = doc.objectives[oi].keyResults.count - 1
            doc.objectives[oi].keyResults[ki].initiatives.append(initiative)
            lastInitiative = .keyResult(oi, ki)
        case .objective:
            doc.objectives[doc.objectives.count - 1].initiatives.append(initiative)
            lastInitiative = .objective(doc.objectives.count - 1)
        case .header, .section:
            doc.initiatives.append(initiative)
            lastInitiative = .document
        case .stray:
            break
        }
        extend(to: initiative.range.end)
    }

    mutating func subItem(_ item: InitiativeSubItem) {
        switch lastInitiative {
        case .keyResult(let oi, let ki)?:
            let n = doc.objectives[oi].keyResults[ki].initiatives.count
            doc.objectives[oi].keyResults[ki].initiatives[n - 1].subItems.append(item)
        case .objective(let oi)?:
            let n = doc.objectives[oi].initiatives.count
            doc.objectives[oi].initiatives[n - 1].subItems.append(item)
        case .document?:
            doc.initiatives[doc.initiatives.count - 1].subItems.append(item)
        case nil:
            break
        }
        extend(to: item.range.end)
    }

    mutating func checkIn(_ c: CheckIn) {
        doc.checkIns.append(c)
        extend(to: c.range.end)
    }

    mutating func text(_ t: TextSpan) {
        switch block {
        case .header:
            doc.header.description.append(t)
        case .objective:
            doc.objectives[doc.objectives.count - 1].description.append(t)
        case .keyResult:
            let oi = doc.objectives.count - 1
            doc.objectives[oi].keyResults[doc.objectives[oi].keyResults.count - 1].description.append(t)
        case .section:
            doc.sections[doc.sections.count - 1].lines.append(t)
        case .stray:
            break
        }
        extend(to: t.range.end)
    }

    /// The line is read: its record, with what it is and whether an error starts on it.
    mutating func endLine(_ kind: LineKind) {
        doc.lines.append(TreeBuilder.line(doc.lines.count, of: doc.source, kind: kind, hasError: lineHasError))
        lineHasError = false
    }

    func text(_ a: Int, _ b: Int) -> String { String(decoding: doc.source.bytes[a..<max(a, b)], as: UTF8.self) }

    /// After the last line: a comment never closed runs to the end of the file, with an error on the line where it
    /// opened.
    mutating func finish() {
        if let start = openComment {
            let end = doc.source.bytes.count
            doc.syntaxDiagnostics.append(Diagnostic(ruleID: syntaxErrorID, severity: .error,
                message: "comment `<!--` is never closed with `-->`",
                help: "close the comment with `-->`; everything after it was read as comment",
                path: doc.source.path, range: SourceRange(start: start, end: start + 4)))
            doc.comments.append(Comment(text: text(start + 4, end).trimmed(), range: SourceRange(start: start, end: end), ownLine: true))
            let li = doc.source.lineIndex(of: start)
            if li < doc.lines.count { doc.lines[li].hasError = true }
        }
        // Reported in file order whatever order the checks ran in.
        doc.syntaxDiagnostics.sort { $0.range.start != $1.range.start ? $0.range.start < $1.range.start : $0.range.end < $1.range.end }
        doc.resolveReferences()
    }

    private mutating func enter(_ b: Block) {
        block = b
        blockKeys.removeAll(keepingCapacity: true)
    }

    private var currentProperties: [Property] {
        switch block {
        case .header: doc.header.properties
        case .objective: doc.objectives[doc.objectives.count - 1].properties
        case .keyResult:
            doc.objectives[doc.objectives.count - 1].keyResults[doc.objectives[doc.objectives.count - 1].keyResults.count - 1].properties
        case .section, .stray: []
        }
    }

    /// Where the key of `prop` was first given in the current block, if it was.
    private mutating func duplicate(_ prop: Property) -> Int? {
        let existing = currentProperties
        if existing.count < 16 {
            return existing.first(where: { $0.key.value == prop.key.value })?.range.start
        }
        if blockKeys.isEmpty { for p in existing where blockKeys[p.key.value] == nil { blockKeys[p.key.value] = p.range.start } }
        if let first = blockKeys[prop.key.value] { return first }
        blockKeys[prop.key.value] = prop.range.start
        return nil
    }

    /// Whether the current block has a fact `key` already (as `duplicate`: a few searched, many indexed).
    private mutating func hasKey(_ key: String) -> Bool {
        let existing = currentProperties
        if existing.count < 16 { return existing.contains { $0.key.value == key } }
        if blockKeys.isEmpty { for p in existing where blockKeys[p.key.value] == nil { blockKeys[p.key.value] = p.range.start } }
        return blockKeys[key] != nil
    }

    private mutating func addProperty(_ prop: Property) {
        switch block {
        case .header: doc.header.properties.append(prop)
        case .objective: doc.objectives[doc.objectives.count - 1].properties.append(prop)
        case .keyResult:
            let oi = doc.objectives.count - 1
            doc.objectives[oi].keyResults[doc.objectives[oi].keyResults.count - 1].properties.append(prop)
        case .section, .stray: break
        }
    }

    private mutating func apply(_ value: FactValue) {
        switch block {
        case .header:
            switch value {
            case .formatVersion(let v): doc.header.formatVersion = v
            case .team(let v): doc.header.team = v
            case .period(let v): doc.header.period = v
            case .owner(let v): doc.header.owner = v
            case .fiscalYearStart(let v): doc.header.fiscalYearStart = v
            default: break
            }
        case .objective:
            let oi = doc.objectives.count - 1
            switch value {
            case .owner(let v): doc.objectives[oi].owner = v
            case .aligns(let v): doc.objectives[oi].aligns = v
            case .type(let v): doc.objectives[oi].type = v
            case .due(let v): doc.objectives[oi].due = v
            case .score(let v): doc.objectives[oi].score = v
            default: break
            }
        case .keyResult:
            let oi = doc.objectives.count - 1
            let ki = doc.objectives[oi].keyResults.count - 1
            switch value {
            case .metric(let v): doc.objectives[oi].keyResults[ki].metric = v
            case .current(let v): doc.objectives[oi].keyResults[ki].current = v
            case .confidence(let v): doc.objectives[oi].keyResults[ki].confidence = v
            case .owner(let v): doc.objectives[oi].keyResults[ki].owner = v
            case .due(let v): doc.objectives[oi].keyResults[ki].due = v
            case .weight(let v): doc.objectives[oi].keyResults[ki].weight = v
            case .score(let v): doc.objectives[oi].keyResults[ki].score = v
            case .carriedFrom(let v): doc.objectives[oi].keyResults[ki].carriedFrom = v
            default: break
            }
        case .section, .stray:
            break
        }
    }

    private mutating func extend(to end: Int) {
        switch block {
        case .objective:
            let oi = doc.objectives.count - 1
            doc.objectives[oi].range.end = max(doc.objectives[oi].range.end, end)
        case .keyResult:
            let oi = doc.objectives.count - 1
            let ki = doc.objectives[oi].keyResults.count - 1
            doc.objectives[oi].keyResults[ki].range.end = max(doc.objectives[oi].keyResults[ki].range.end, end)
            doc.objectives[oi].range.end = max(doc.objectives[oi].range.end, end)
        case .section:
            let si = doc.sections.count - 1
            doc.sections[si].range.end = max(doc.sections[si].range.end, end)
        case .header, .stray:
            break
        }
    }
}
