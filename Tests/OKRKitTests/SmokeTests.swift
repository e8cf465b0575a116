import Testing
@testable import OKRKit

@Suite struct SourceFileTests {
    @Test func lineTableHandlesLFCRLFAndLoneCR() {
        let src = SourceFile(path: "x.okr", text: "a\nb\r\nc\rd")
        #expect(src.lineCount == 4)
        #expect(src.lineText(1) == "b")
        #expect(src.lineText(2) == "c")
        #expect(src.lineText(3) == "d")
    }

    @Test func columnsCountScalarsAndSkipBOM() {
        let src = SourceFile(path: "x.okr", bytes: [0xEF, 0xBB, 0xBF] + Array("é👨x".utf8))
        // `x` is after é (2 bytes) and 👨 (4 bytes), following a 3-byte BOM.
        let loc = src.location(of: 3 + 2 + 4)
        #expect(loc.line == 1)
        #expect(loc.column == 3)
        #expect(loc.utf16Column == 3)
    }

    @Test func calendarDateRoundTripsDayNumbers() {
        let d = CalendarDate("2024-02-29")!
        #expect(CalendarDate(dayNumber: d.dayNumber) == d)
        #expect(CalendarDate("2023-02-29") == nil)
        #expect(CalendarDate("1970-01-01")!.dayNumber == 0)
        #expect(Period("2026-Q1")!.end == CalendarDate("2026-03-31")!)
        #expect(Period("2026-Q5") == nil)
    }
}
