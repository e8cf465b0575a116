#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A proleptic Gregorian calendar date with no time zone, as written in `.okr` files (`YYYY-MM-DD`).
public struct CalendarDate: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    /// Returns nil unless the date exists in the calendar.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= CalendarDate.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly `YYYY-MM-DD`.
    public init?(_ text: some StringProtocol) {
        let u = Array(text.utf8)
        guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-") else { return nil }
        func num(_ r: Range<Int>) -> Int? {
            var v = 0
            for i in r {
                let d = Int(u[i]) - 48
                guard d >= 0 && d <= 9 else { return nil }
                v = v * 10 + d
            }
            return v
        }
        guard let y = num(0..<4), let m = num(5..<7), let d = num(8..<10) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 (negative before).
    public var dayNumber: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    public init(dayNumber z0: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    public func adding(days: Int) -> CalendarDate { CalendarDate(dayNumber: dayNumber + days) }

    public func days(since other: CalendarDate) -> Int { dayNumber - other.dayNumber }

    public static func < (a: CalendarDate, b: CalendarDate) -> Bool { a.dayNumber < b.dayNumber }

    public var description: String {
        func pad(_ v: Int, _ w: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, w - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// Today's date in UTC, from the system clock.
    public static func today() -> CalendarDate {
        let seconds = Int(time(nil))
        return CalendarDate(dayNumber: seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
    }
}

/// An OKR period: a quarter (`2026-Q1`), a half (`2026-H2`), a year (`2026`) or a month (`2026-03`).
public struct Period: Hashable, Sendable, CustomStringConvertible {
    public var start: CalendarDate
    /// Last day, inclusive.
    public var end: CalendarDate
    public var text: String

    public init?(_ raw: some StringProtocol) {
        let text = String(raw)
        let u = Array(text.utf8)
        func digits(_ r: Range<Int>) -> Int? {
            guard r.upperBound <= u.count else { return nil }
            var v = 0
            for i in r {
                let d = Int(u[i]) - 48
                guard d >= 0 && d <= 9 else { return nil }
                v = v * 10 + d
            }
            return v
        }
        guard u.count >= 4, let year = digits(0..<4), year >= 1 else { return nil }
        var startMonth = 1
        var months = 12
        if u.count == 4 {
            // whole year
        } else if u.count == 7 && u[4] == UInt8(ascii: "-") {
            if u[5] == UInt8(ascii: "Q"), let q = digits(6..<7), (1...4).contains(q) {
                startMonth = (q - 1) * 3 + 1; months = 3
            } else if u[5] == UInt8(ascii: "H"), let h = digits(6..<7), (1...2).contains(h) {
                startMonth = (h - 1) * 6 + 1; months = 6
            } else if let m = digits(5..<7), (1...12).contains(m) {
                startMonth = m; months = 1
            } else {
                return nil
            }
        } else {
            return nil
        }
        let endMonth = startMonth + months - 1
        guard let s = CalendarDate(year: year, month: startMonth, day: 1),
              let e = CalendarDate(year: year, month: endMonth, day: CalendarDate.daysIn(month: endMonth, year: year))
        else { return nil }
        self.start = s
        self.end = e
        self.text = text
    }

    public func contains(_ date: CalendarDate) -> Bool { date >= start && date <= end }

    public var lengthInDays: Int { end.dayNumber - start.dayNumber + 1 }

    /// Share of the period elapsed at the end of `today`, 0...1.
    public func elapsedFraction(at today: CalendarDate) -> Double {
        if today < start { return 0 }
        if today > end { return 1 }
        return Double(today.dayNumber - start.dayNumber + 1) / Double(lengthInDays)
    }

    public var description: String { text }
}
