extension Document {
    /// What is wrong with the line layer under the tree, if anything (empty when it holds): every byte belongs to
    /// exactly one part of one line, the parts are what they say (indentation and trailing white space are spaces
    /// and tabs, endings are LF, CRLF, CR or nothing), every node of the tree starts on a line of its kind, and every
    /// syntax error starts on a line marked as having one. Tests and the fuzz target check it on every input.
    public func lineLayerProblems() -> [String] {
        var problems: [String] = []
        let bytes = source.bytes
        guard lines.count == source.lineCount else {
            return ["\(lines.count) line records for \(source.lineCount) lines"]
        }
        if Line.print(lines, of: bytes) != bytes { problems.append("the lines do not print the file back") }
        var expectedStart = 0
        for (i, l) in lines.enumerated() {
            if l.start != expectedStart { problems.append("line \(i + 1) starts at \(l.start), not \(expectedStart)") }
            expectedStart = l.next
            guard l.start <= l.contentStart, l.contentStart <= l.contentEnd, l.contentEnd <= l.end, l.end <= l.next,
                  l.next <= bytes.count else {
                problems.append("line \(i + 1) has parts out of order")
                continue
            }
            let bom = i == 0 && source.hasBOM ? 3 : 0
            if bytes[(l.start + bom)..<l.contentStart].contains(where: { $0 != 0x20 && $0 != 0x09 }) {
                problems.append("line \(i + 1): indentation holds more than spaces and tabs")
            }
            if bytes[l.trailing].contains(where: { $0 != 0x20 && $0 != 0x09 }) {
                problems.append("line \(i + 1): trailing white space holds more than spaces and tabs")
            }
            let ending = Array(bytes[l.ending])
            if !(ending.isEmpty || ending == [0x0A] || ending == [0x0D, 0x0A] || ending == [0x0D]) {
                problems.append("line \(i + 1): the ending is not LF, CRLF or CR")
            }
            if ending.isEmpty && i != lines.count - 1 { problems.append("line \(i + 1): no ending before the last line") }
            if l.kind == .blank && !l.content.isEmpty { problems.append("line \(i + 1) is blank but has content") }
            if l.content.isEmpty && l.kind != .blank && l.kind != .comment { problems.append("line \(i + 1) has no content but is \(l.kind)") }
        }
        if expectedStart != bytes.count { problems.append("the lines end at \(expectedStart), not \(bytes.count)") }

        func expect(_ offset: Int, _ kinds: Set<LineKind>, _ what: String) {
            let li = source.lineIndex(of: offset)
            guard li < lines.count else { return }
            if !kinds.contains(lines[li].kind) { problems.append("\(what) on line \(li + 1), which is \(lines[li].kind)") }
        }
        if let t = header.title { expect(t.range.start, [.title], "the title") }
        func facts(_ ps: [Property]) { for p in ps { expect(p.range.start, [.fact], "fact `\(p.key.value)`") } }
        func checkInitiatives(_ list: [Initiative]) {
            for i in list {
                expect(i.range.start, [.task], "an initiative")
                for s in i.subItems { expect(s.range.start, [.subItem], "a sub-item") }
            }
        }
        facts(header.properties)
        for d in header.description { expect(d.range.start, [.text], "a description line") }
        for o in objectives {
            expect(o.headingRange.start, [.objective], "objective \(o.id.map { text($0) } ?? "?")")
            facts(o.properties)
            for d in o.description { expect(d.range.start, [.text], "a description line") }
            checkInitiatives(o.initiatives)
            for k in o.keyResults {
                expect(k.headingRange.start, [.keyResult], "key result \(k.id.map { text($0) } ?? "?")")
                facts(k.properties)
                for d in k.description { expect(d.range.start, [.text], "a description line") }
                checkInitiatives(k.initiatives)
            }
        }
        checkInitiatives(initiatives)
        for s in sections {
            expect(s.headingRange.start, [.section], "section \(s.kind.rawValue)")
            for l in s.lines { expect(l.range.start, [.text], "a line of a section") }
        }
        for c in checkIns { expect(c.range.start, [.checkIn], "a check-in") }
        for c in comments where c.ownLine { expect(c.range.start, [.comment], "a comment") }
        for d in syntaxDiagnostics {
            let li = source.lineIndex(of: d.range.start)
            if li < lines.count && !lines[li].hasError { problems.append("line \(li + 1) has a syntax error but is not marked") }
        }
        return problems
    }
}
