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

    /// Today in the user's time zone (`TZ`, else `/etc/localtime`: `TimeZoneRule.local`).
    public static func today() -> CalendarDate {
        let utc = Int(time(nil))
        let seconds = utc + TimeZoneRule.local.offset(at: utc)
        return CalendarDate(dayNumber: seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
    }
}

/// How fiscal years lie over the calendar. `startMonth` is the month a fiscal year starts in (nil: not declared, so
/// a fiscal year is read as the calendar year). A fiscal year is named by the calendar year in which it ends (GitLab,
/// Microsoft, the US government: with a February start, FY2021 runs from 2020-02-01 to 2021-01-31), unless
/// `namedByStartYear` (Japan, India: FY2020 starts in 2020).
public struct FiscalCalendar: Sendable, Hashable {
    public var startMonth: Int?
    public var namedByStartYear: Bool
    public init(startMonth: Int? = nil, namedByStartYear: Bool = false) {
        self.startMonth = startMonth
        self.namedByStartYear = namedByStartYear
    }
    public static let calendarYear = FiscalCalendar()

    /// A month written as `2`, `02`, `Feb` or `February` (any case).
    public static func month(_ text: String) -> Int? {
        let t = text.lowercased()
        if let n = Int(t), (1...12).contains(n) { return n }
        for (i, name) in CalendarDate.monthNames.enumerated() where t.count >= 3 && name.hasPrefix(t) {
            return i + 1
        }
        return nil
    }
}

extension CalendarDate {
    static let monthNames = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                             "october", "november", "december"]

    /// The last day of a month.
    static func endOfMonth(year: Int, month: Int) -> CalendarDate? {
        CalendarDate(year: year, month: month, day: daysIn(month: month, year: year))
    }

    /// A date `YYYY-MM-DD`, or a month `YYYY-MM` read as its last day (`due: 2026-03` is due by the end of March).
    public static func dueDate(_ text: some StringProtocol) -> CalendarDate? {
        if let d = CalendarDate(text) { return d }
        let u = Array(text.utf8)
        guard u.count == 7, u[4] == UInt8(ascii: "-"), let y = Int(String(decoding: u[0..<4], as: UTF8.self)),
              let m = Int(String(decoding: u[5..<7], as: UTF8.self)), u[0..<4].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              u[5..<7].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        guard (1...12).contains(m) else { return nil }
        return endOfMonth(year: y, month: m)
    }
}

/// An OKR period: a quarter (`2026-Q1`, also `Q1 2026`), a half (`2026-H2`), a year (`2026`), a month (`2026-03`,
/// `March 2026`), a fiscal year, half or quarter (`FY2021`, `FY2021-H1`, `FY21-Q2`, read with a `FiscalCalendar`), or
/// an explicit range of dates or months (`2026-05-01..2026-07-31`, `2026-05..2026-07`) for seasons and sprints.
/// Why a period cannot be read.
public struct PeriodProblem: Error, Sendable, Hashable {
    public var message: String
    init(_ message: String) { self.message = message }
}

public struct Period: Hashable, Sendable, CustomStringConvertible {
    public var start: CalendarDate
    /// Last day, inclusive.
    public var end: CalendarDate
    public var text: String
    /// Written as a fiscal period (`FY...`).
    public var isFiscal: Bool

    public init?(_ raw: some StringProtocol, calendar: FiscalCalendar = .calendarYear) {
        guard case .success(let p) = Period.read(String(raw), calendar: calendar) else { return nil }
        self = p
    }

    init(start: CalendarDate, end: CalendarDate, text: String, isFiscal: Bool = false) {
        self.start = start
        self.end = end
        self.text = text
        self.isFiscal = isFiscal
    }

    public static let forms = "a quarter `2026-Q1`, a half `2026-H1`, a year `2026`, a month `2026-03`, a fiscal period `FY2026-Q1` or a range `2026-05-01..2026-07-31`"

    /// The period written as `text`, or why it cannot be read.
    public static func read(_ text: String, calendar: FiscalCalendar = .calendarYear) -> Result<Period, PeriodProblem> {
        if let p = canonical(text) { return .success(p) }
        let t = text.trimmed()
        // An explicit range of dates or months.
        if let dots = Substring(t).range(of: "..") {
            let a = String(t[..<dots.lowerBound]).trimmed(), b = String(t[dots.upperBound...]).trimmed()
            guard let s = CalendarDate(a) ?? monthStart(a) else { return .failure(PeriodProblem("`\(a)` is not a date `YYYY-MM-DD` or a month `YYYY-MM`")) }
            guard let e = CalendarDate(b) ?? CalendarDate.dueDate(b) else { return .failure(PeriodProblem("`\(b)` is not a date `YYYY-MM-DD` or a month `YYYY-MM`")) }
            guard s <= e else { return .failure(PeriodProblem("the range ends (\(e)) before it starts (\(s))")) }
            return .success(Period(start: s, end: e, text: text))
        }
        // Tokens separated by `-` or spaces: `2026-Q1`, `Q1 2026`, `FY21-Q2`, `Q2 FY2021`, `March 2026`.
        var tokens: [String] = []
        var cur = ""
        for ch in t.unicodeScalars {
            if ch == "-" || ch == " " || ch == "\t" {
                if !cur.isEmpty { tokens.append(cur); cur = "" }
            } else {
                cur.unicodeScalars.append(ch)
            }
        }
        if !cur.isEmpty { tokens.append(cur) }
        var fiscal = false
        var year: Int? = nil
        var part: (kind: Character, n: Int)? = nil   // Q, H or M(onth)
        var expectFiscalYear = false
        func digits(_ s: Substring) -> Int? { s.allSatisfy({ $0.isASCII && $0.isNumber }) ? Int(s) : nil }
        for (i, tok) in tokens.enumerated() {
            var w = Substring(tok)
            let upper = tok.uppercased()
            if upper.hasPrefix("FY") {
                guard !fiscal else { return .failure(PeriodProblem("`\(text)` names the fiscal year twice")) }
                fiscal = true
                w = w.dropFirst(2)
                if w.isEmpty { expectFiscalYear = true; continue }
            }
            if let n = digits(w), year == nil, w.count == 4 || ((fiscal && (expectFiscalYear || w.count < tok.count)) && w.count == 2) {
                year = w.count == 2 ? 2000 + n : n
                expectFiscalYear = false
                continue
            }
            let u = w.uppercased()
            if (u.hasPrefix("Q") || u.hasPrefix("H")) && w.count == 2, let n = digits(w.dropFirst()), part == nil {
                let kind: Character = u.hasPrefix("Q") ? "Q" : "H"
                let what = kind == "Q" ? "quarter (Q1-Q4)" : "half (H1, H2)"
                guard (1...(kind == "Q" ? 4 : 2)).contains(n) else { return .failure(PeriodProblem("`\(tok)` is not a \(what)")) }
                part = (kind, n)
                continue
            }
            if w.count == 2, let n = digits(w), i > 0, year != nil, part == nil, !fiscal {
                guard (1...12).contains(n) else { return .failure(PeriodProblem("`\(tok)` is not a month (01-12)")) }
                part = ("M", n)
                continue
            }
            if let m = FiscalCalendar.month(String(w)), digits(w) == nil, part == nil {
                part = ("M", m)
                continue
            }
            return .failure(PeriodProblem("cannot read `\(tok)` in the period `\(text)`"))
        }
        guard let y = year, (1...9998).contains(y) else { return .failure(PeriodProblem("`\(text)` names no year")) }
        if fiscal, part?.kind == "M" { return .failure(PeriodProblem("a fiscal period is a year, a half or a quarter: `FY\(y)`, `FY\(y)-H1`, `FY\(y)-Q1`")) }
        // The first month of the (fiscal) year.
        var startYear = y, startMonth = 1
        if fiscal, let s = calendar.startMonth, s != 1 {
            startMonth = s
            startYear = calendar.namedByStartYear ? y : y - 1
        }
        var offset = 0, months = 12
        switch part?.kind {
        case "Q": offset = (part!.n - 1) * 3; months = 3
        case "H": offset = (part!.n - 1) * 6; months = 6
        case "M": offset = part!.n - 1; months = 1
        default: break
        }
        func add(_ year: Int, _ month: Int, _ k: Int) -> (Int, Int) {
            let z = (month - 1) + k
            return (year + z / 12, z % 12 + 1)
        }
        let (sy, sm) = add(startYear, startMonth, offset)
        let (ey, em) = add(sy, sm, months - 1)
        guard let s = CalendarDate(year: sy, month: sm, day: 1), let e = CalendarDate.endOfMonth(year: ey, month: em) else {
            return .failure(PeriodProblem("`\(text)` is not a period okrlint can read"))
        }
        return .success(Period(start: s, end: e, text: text, isFiscal: fiscal))
    }

    /// `2026`, `2026-Q1`, `2026-H1`, `2026-03` without tokenising (the common forms; every rule reads the period).
    static func canonical(_ text: String) -> Period? {
        let u = Array(text.utf8)
        guard u.count == 4 || u.count == 7 else { return nil }
        var year = 0
        for i in 0..<4 {
            guard u[i] >= 0x30 && u[i] <= 0x39 else { return nil }
            year = year * 10 + Int(u[i] - 0x30)
        }
        guard year >= 1 else { return nil }
        var startMonth = 1, months = 12
        if u.count == 7 {
            guard u[4] == UInt8(ascii: "-"), u[6] >= 0x30 && u[6] <= 0x39 else { return nil }
            let d = Int(u[6] - 0x30)
            switch u[5] {
            case UInt8(ascii: "Q") where (1...4).contains(d): startMonth = (d - 1) * 3 + 1; months = 3
            case UInt8(ascii: "H") where (1...2).contains(d): startMonth = (d - 1) * 6 + 1; months = 6
            case 0x30...0x31:
                let m = Int(u[5] - 0x30) * 10 + d
                guard (1...12).contains(m) else { return nil }
                startMonth = m; months = 1
            default: return nil
            }
        }
        let endMonth = startMonth + months - 1
        guard let s = CalendarDate(year: year, month: startMonth, day: 1), let e = CalendarDate.endOfMonth(year: year, month: endMonth) else { return nil }
        return Period(start: s, end: e, text: text)
    }

    static func monthStart(_ text: String) -> CalendarDate? {
        guard let end = CalendarDate.dueDate(text), text.utf8.count == 7 else { return nil }
        return CalendarDate(year: end.year, month: end.month, day: 1)
    }

    public func contains(_ date: CalendarDate) -> Bool { date >= start && date <= end }

    /// Whether `other` lies wholly inside this period.
    public func contains(_ other: Period) -> Bool { contains(other.start) && contains(other.end) }

    public var lengthInDays: Int { end.dayNumber - start.dayNumber + 1 }

    /// Share of the period elapsed at the end of `today`, 0...1.
    public func elapsedFraction(at today: CalendarDate) -> Double {
        if today < start { return 0 }
        if today > end { return 1 }
        return Double(today.dayNumber - start.dayNumber + 1) / Double(lengthInDays)
    }

    public var description: String { text }
}
