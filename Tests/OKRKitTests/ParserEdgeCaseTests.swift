import Testing
@testable import OKRKit

@Suite struct ParserEdgeCaseTests {
    func parse(_ bytes: [UInt8]) -> Document { Parser.parse(path: "x.okr", bytes: bytes) }
    func parse(_ text: String) -> Document { Parser.parse(path: "x.okr", text: text) }
    func messages(_ d: Document) -> [String] { d.syntaxDiagnostics.map(\.message) }

    @Test func emptyFileAndOnlyBOM() {
        #expect(parse([]).syntaxDiagnostics.isEmpty)
        #expect(parse([]).objectives.isEmpty)
        let bom = parse([0xEF, 0xBB, 0xBF])
        #expect(bom.syntaxDiagnostics.isEmpty)
        #expect(bom.header.title == nil)
    }

    @Test func bomIsNotPartOfTheTitleOrColumns() {
        let d = parse([0xEF, 0xBB, 0xBF] + Array("# Title\n* x\n".utf8))
        #expect(d.text(d.header.title) == "Title")
        #expect(d.source.location(of: d.header.title!.range.start).column == 3)
    }

    @Test func crlfAndLoneCRLineEnds() {
        for sep in ["\r\n", "\r"] {
            let text = ["# T", "", "- team: platform", "## O1: A", "### KR1.1: b", "- metric: 1 -> 2 x"].joined(separator: sep) + sep
            let d = parse(text)
            #expect(d.syntaxDiagnostics.isEmpty, "\(messages(d))")
            #expect(d.text(d.header.team) == "platform")
            #expect(d.objectives.first?.keyResults.first?.metric?.target?.unit == "x")
            #expect(d.source.location(of: d.objectives[0].headingRange.start).line == 4)
        }
    }

    @Test func utf16BOMIsReported() {
        let d = parse([0xFF, 0xFE, 0x23, 0x00, 0x20, 0x00])
        #expect(messages(d).contains { $0.contains("UTF-16") })
    }

    @Test(arguments: [0, 1, 2])
    func invalidUTF8IsReportedWhereItIs(_ where_: Int) {
        var lines = ["# Title", "## O1: Make deploys boring", "### KR1.1: cut time"]
        lines[where_] += "\u{FFFD}"
        var bytes = Array(lines.joined(separator: "\n").utf8)
        // Replace the U+FFFD (3 bytes) by one invalid byte.
        let fffd: [UInt8] = [0xEF, 0xBF, 0xBD]
        let at = (0...(bytes.count - 3)).first { Array(bytes[$0..<($0 + 3)]) == fffd }!
        bytes.replaceSubrange(at..<(at + 3), with: [0xFF])
        let d = parse(bytes)
        let diag = d.syntaxDiagnostics.first { $0.message.contains("invalid UTF-8") }
        #expect(diag != nil)
        #expect(diag?.range.start == at)
        #expect(d.source.location(of: at).line == where_ + 1)
        #expect(d.objectives.count == (where_ == 0 ? 1 : 1))
    }

    @Test func nulBytesAreReportedAndParsingGoesOn() {
        let d = parse(Array("# T\u{0}\n## O1: A\n### KR1.1: b\n- metric: 1 -> 2 x\n".utf8))
        #expect(messages(d).contains("NUL byte in text"))
        #expect(d.objectives.first?.keyResults.count == 1)
    }

    @Test func tabsAndIndentation() {
        let d = parse("# T\n\n\t- team: x\n    - owner: y\n   - period: 2026-Q1\n## O1:\tTabbed title\n")
        #expect(messages(d).filter { $0.hasPrefix("indented line") }.count == 2)
        #expect(d.text(d.header.period) == "2026-Q1", "up to three spaces are allowed")
        #expect(d.objectives.first.map { d.text($0.title) } == "Tabbed title")
    }

    @Test func deepIndentationAndNesting() {
        let deep = (0..<5000).map { String(repeating: " ", count: $0 % 200) + "- [ ] item \($0)" }.joined(separator: "\n")
        let d = parse("# T\n## O1: A\n### KR1.1: b\n" + deep + "\n")
        // Indented two or more columns under an initiative, an item is nested in it (Markdown's nested list).
        let initiatives = d.objectives[0].keyResults[0].initiatives
        #expect(initiatives.count == 5000 / 200 * 2)
        #expect(initiatives.reduce(0) { $0 + $1.subItems.count } == 5000 - 5000 / 200 * 2)
        // Indented 0 and 1 the items are initiatives; 2, 3, 4 ... columns nest one level deeper each.
        #expect(initiatives[0].subItems.isEmpty && initiatives[1].subItems.map(\.depth).prefix(3) == [1, 2, 3])
        #expect(d.syntaxDiagnostics.isEmpty)
    }

    @Test func veryLongLine() {
        let long = String(repeating: "word ", count: 200_000) // 1 MB
        let d = parse("# T\n## O1: " + long + "\n")
        #expect(d.objectives.first?.title.count == long.utf8.count - 1)
        #expect(d.syntaxDiagnostics.isEmpty)
    }

    @Test func tenThousandObjectives() {
        var text = "# T\n\n- team: t\n- period: 2026-Q1\n\n"
        for i in 1...10_000 { text += "## O\(i): Objective \(i)\n- owner: @a\n### KR\(i).1: Key result\n- metric: 0 -> \(i) x\n" }
        let d = parse(text)
        #expect(d.objectives.count == 10_000)
        #expect(d.objectives.last?.keyResults.first?.metric?.target?.value == 10_000)
        #expect(d.syntaxDiagnostics.isEmpty)
    }

    @Test func randomBytesNeverCrash() {
        var rng = SplitMix(seed: 7)
        let alphabet: [UInt8] = Array("#-[]x: \n\r\t<!-->0123456789.%$@KRO/".utf8) + [0x00, 0xC3, 0xA9, 0xFF, 0xE2, 0x80]
        for round in 0..<300 {
            let n = Int(rng.next() % 2000)
            let bytes = (0..<n).map { _ in round % 2 == 0 ? UInt8(truncatingIfNeeded: rng.next()) : alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            let d = parse(bytes)
            // Every range lies inside the file.
            for diag in d.syntaxDiagnostics { #expect(diag.range.start >= 0 && diag.range.end <= bytes.count) }
            _ = ASTDump.dump(d)
            _ = Linter(today: CalendarDate("2026-11-25")!).lint(d)
            if bytes.contains(0xFF) { #expect(!d.syntaxDiagnostics.isEmpty, "an 0xFF byte is never valid") }
        }
    }

    @Test(arguments: [
        ("é", 1, 1), // NFC: one scalar
        ("e\u{301}", 2, 2), // NFD: two scalars
        ("👨‍👩‍👧‍👦", 7, 11), // family emoji: 7 scalars, 11 UTF-16 units
        ("日本語", 3, 3),
    ])
    func columnsAfterNonASCII(_ prefix: String, _ scalars: Int, _ utf16: Int) {
        let d = parse("# T\n## O1: \(prefix) 20% more\n")
        let title = d.objectives[0].title
        let numberOffset = title.range.start + prefix.utf8.count + 1
        let loc = d.source.location(of: numberOffset)
        #expect(loc.column == 8 + scalars + 1)
        #expect(loc.utf16Column == 7 + utf16 + 1)
        #expect(d.source.text(SourceRange(start: numberOffset, end: numberOffset + 3)) == "20%")
    }

    @Test func rangesCoverExactlyTheirText() {
        let text = "# Platform\n\n- team: platform\n- period: 2026-Q4\n\n## O1: Make deploys boring\n- owner: @dana\n- aligns: company/O2, O3\n\n### KR1.1: Cut time\n- metric: 45 -> 15 min\n- current: 32 min\n- [x] Cache @raj due:2026-10-31 kr:KR1.1\n\n## Check-ins\n- 2026-11-02 KR1.1: 31 min, confidence 0.5 -- cache on\n"
        let d = parse(text)
        #expect(d.syntaxDiagnostics.isEmpty)
        let s = d.source
        let o = d.objectives[0]
        #expect(s.text(o.id!.range) == "O1")
        #expect(s.text(o.title.range) == "Make deploys boring")
        #expect(o.aligns.map { s.text($0.range) } == ["company/O2", "O3"])
        let kr = o.keyResults[0]
        #expect(s.text(kr.headingRange) == "### KR1.1: Cut time")
        #expect(s.text(kr.metric!.range) == "45 -> 15 min")
        #expect(s.text(kr.metric!.baseline!.range) == "45")
        #expect(s.text(kr.metric!.target!.range) == "15 min")
        #expect(s.text(kr.current!.range) == "32 min")
        let i = kr.initiatives[0]
        #expect(s.text(i.title.range) == "Cache")
        #expect(s.text(i.owner!.range) == "@raj")
        #expect(s.text(i.due!.range) == "due:2026-10-31")
        #expect(s.text(i.keyResultRef!.range) == "KR1.1")
        let c = d.checkIns[0]
        #expect(s.text(c.dateText.range) == "2026-11-02")
        #expect(s.text(c.keyResultID.range) == "KR1.1")
        #expect(s.text(c.value!.range) == "31 min")
        #expect(s.text(c.confidence!.range) == "confidence 0.5")
        #expect(s.text(c.note!.range) == "cache on")
        #expect(s.text(o.range).hasPrefix("## O1") && s.text(o.range).hasSuffix("kr:KR1.1"))
    }
}

@Suite struct QuantityTests {
    func metric(_ text: String) -> Metric? {
        Parser.parse(path: "x.okr", text: "## O1: A\n### KR1.1: b\n- metric: \(text)\n").objectives[0].keyResults[0].metric
    }

    @Test func unicodeArrowAndComparisonSigns() {
        #expect(metric("300 → 500 teams")?.kind == .increase)
        #expect(metric("≥ 99.9%")?.kind == .stayAbove)
        #expect(metric("≤ 200 ms")?.target?.value == 200)
        #expect(metric("€5 -> €9")?.unitKey == "€")
        #expect(metric("£5 -> £2")?.kind == .decrease)
    }

    @Test func thousandsSeparatorsAndDecimalPoints() {
        #expect(metric("1,000 -> 2,000 users")?.target?.value == 2000)
        #expect(metric("1.000 -> 2.000 users")?.target?.value == 2, "a decimal point is a decimal point")
        #expect(metric("15min -> 5min")?.unit == "min")
    }
}
