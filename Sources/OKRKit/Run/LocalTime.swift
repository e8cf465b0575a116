#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The user's time zone, read as the C library would but without it or Foundation: `TZ` (a zone name such as
/// `Europe/Berlin`, read from the zoneinfo folder; a POSIX rule such as `CET-1CEST,M3.5.0,M10.5.0/3`; empty or unset:
/// UTC or `/etc/localtime`), else `/etc/localtime`. A zone file is TZif (RFC 8536): its transitions, then its footer's
/// POSIX rule for times after the last one. "Today" for the time-based rules is the date in this zone, so a user east
/// of UTC does not see yesterday before dawn. Anything that cannot be read is UTC.
public struct TimeZoneRule: Sendable, Equatable {
    /// Offsets from UTC in seconds at and after each transition (UTC seconds), ascending.
    var transitions: [(at: Int, offset: Int)] = []
    /// The offset before the first transition (the zone's first standard time).
    var initial = 0
    /// The POSIX rule for times after the last transition (or for all times when there are none).
    var rule: PosixRule? = nil

    public static let utc = TimeZoneRule(utcOffset: 0)

    init(utcOffset: Int) { initial = utcOffset }

    public static func == (a: TimeZoneRule, b: TimeZoneRule) -> Bool {
        a.initial == b.initial && a.rule == b.rule && a.transitions.map(\.at) == b.transitions.map(\.at)
            && a.transitions.map(\.offset) == b.transitions.map(\.offset)
    }

    /// Seconds to add to UTC seconds `t` for the local time.
    public func offset(at t: Int) -> Int {
        if let last = transitions.last, t >= last.at {
            return rule?.offset(at: t) ?? last.offset
        }
        if transitions.isEmpty { return rule?.offset(at: t) ?? initial }
        guard t >= transitions[0].at else { return initial }
        var lo = 0, hi = transitions.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if transitions[mid].at <= t { lo = mid } else { hi = mid - 1 }
        }
        return transitions[lo].offset
    }

    /// The zone `TZ` names, else `/etc/localtime`'s, else UTC.
    public static func current(tz: String?) -> TimeZoneRule {
        guard let tz else { return file("/etc/localtime") ?? .utc }
        if tz.isEmpty || tz == "UTC" || tz == "UTC0" || tz == "GMT" || tz == "GMT0" || tz == ":UTC" { return .utc }
        let name = tz.hasPrefix(":") ? String(tz.dropFirst()) : tz
        if name.hasPrefix("/") { return file(name) ?? .utc }
        // A zone name: letters, digits, `/`, `_`, `-`, `+`; never `..`.
        if name.utf8.allSatisfy({ ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2F || $0 == 0x5F || $0 == 0x2D || $0 == 0x2B }),
           !name.contains(".."), name.contains("/") || PosixRule(name) == nil {
            for dir in ["/usr/share/zoneinfo/", "/usr/lib/zoneinfo/", "/usr/share/lib/zoneinfo/"] {
                if let z = file(dir + name) { return z }
            }
        }
        return PosixRule(name).map { TimeZoneRule(rule: $0) } ?? .utc
    }

    /// The process's zone, read once.
    public static let local: TimeZoneRule = {
        current(tz: getenv("TZ").map { String(cString: $0) })
    }()

    static func file(_ path: String) -> TimeZoneRule? {
        guard case .success(let bytes) = FileSystem.readFile(path, limit: 1 << 20) else { return nil }
        return TimeZoneRule(tzif: bytes)
    }

    /// A TZif file (versions 1 to 4): the 64-bit data block when there is one, and the footer's rule.
    public init?(tzif b: [UInt8]) {
        func u32(_ i: Int) -> Int? { i + 4 <= b.count ? Int(b[i]) << 24 | Int(b[i + 1]) << 16 | Int(b[i + 2]) << 8 | Int(b[i + 3]) : nil }
        func s32(_ i: Int) -> Int? { u32(i).map { $0 >= 1 << 31 ? $0 - (1 << 32) : $0 } }
        func s64(_ i: Int) -> Int? {
            guard i + 8 <= b.count else { return nil }
            var v: UInt64 = 0
            for k in 0..<8 { v = v << 8 | UInt64(b[i + k]) }
            return Int(truncatingIfNeeded: Int64(bitPattern: v))
        }
        guard b.count >= 44, b[0] == 0x54, b[1] == 0x5A, b[2] == 0x69, b[3] == 0x66 else { return nil }
        func counts(_ h: Int) -> [Int]? {
            let c = (0..<6).compactMap { u32(h + 20 + 4 * $0) }
            return c.count == 6 && c.allSatisfy({ $0 < 1 << 20 }) ? c : nil
        }
        guard let c1 = counts(0) else { return nil }
        let v1Size = c1[3] * 4 + c1[3] + c1[4] * 6 + c1[5] + c1[2] * 8 + c1[1] + c1[0]
        var header = 0, timeSize = 4
        if b[4] >= 0x32 {
            header = 44 + v1Size
            timeSize = 8
        }
        guard let c = counts(header) else { return nil }
        let (isut, isstd, leap, timecnt, typecnt, charcnt) = (c[0], c[1], c[2], c[3], c[4], c[5])
        guard typecnt > 0 else { return nil }
        var p = header + 44
        var times: [Int] = []
        for k in 0..<timecnt {
            guard let t = timeSize == 8 ? s64(p + 8 * k) : s32(p + 4 * k) else { return nil }
            times.append(t)
        }
        p += timecnt * timeSize
        guard p + timecnt <= b.count else { return nil }
        let indices = (0..<timecnt).map { Int(b[p + $0]) }
        p += timecnt
        var types: [(offset: Int, dst: Bool)] = []
        for k in 0..<typecnt {
            guard let off = s32(p + 6 * k), p + 6 * k + 4 < b.count else { return nil }
            types.append((off, b[p + 6 * k + 4] != 0))
        }
        p += typecnt * 6 + charcnt + leap * (timeSize + 4) + isstd + isut
        guard indices.allSatisfy({ $0 < typecnt }) else { return nil }
        transitions = zip(times, indices).map { (at: $0, offset: types[$1].offset) }
        initial = (types.first { !$0.dst } ?? types[0]).offset
        if transitions.isEmpty { initial = types[0].offset }
        // The footer: "\n" POSIX-TZ "\n" (version 2 and later).
        if timeSize == 8, p < b.count, b[p] == 0x0A, let end = b[(p + 1)...].firstIndex(of: 0x0A), end > p + 1 {
            rule = PosixRule(String(decoding: b[(p + 1)..<end], as: UTF8.self))
        }
    }

    init(rule: PosixRule) {
        self.rule = rule
        self.initial = rule.standard
    }
}

/// A POSIX `TZ` rule: `STD offset [DST [offset] [,start[/time],end[/time]]]`, with `Mm.w.d` dates (the form every
/// zone's footer uses); `Jn` and `n` dates are read as no daylight saving time. Offsets are written west-positive
/// (`EST5`), as POSIX has them, and kept here east-positive, in seconds.
struct PosixRule: Sendable, Equatable {
    var standard: Int
    var daylight: Int? = nil
    /// Month, week (5: last), weekday (0: Sunday), and seconds after local midnight; `start` in standard time,
    /// `end` in daylight time.
    var start: (month: Int, week: Int, day: Int, time: Int)? = nil
    var end: (month: Int, week: Int, day: Int, time: Int)? = nil

    static func == (a: PosixRule, b: PosixRule) -> Bool {
        a.standard == b.standard && a.daylight == b.daylight && a.start.map { [$0.0, $0.1, $0.2, $0.3] } == b.start.map { [$0.0, $0.1, $0.2, $0.3] }
            && a.end.map { [$0.0, $0.1, $0.2, $0.3] } == b.end.map { [$0.0, $0.1, $0.2, $0.3] }
    }

    init?(_ text: String) {
        var s = Substring(text)
        func name() -> Bool {
            if s.first == "<" {
                guard let close = s.firstIndex(of: ">") else { return false }
                s = s[s.index(after: close)...]
                return true
            }
            let n = s.prefix { $0.isLetter }
            guard n.count >= 3 else { return false }
            s = s.dropFirst(n.count)
            return true
        }
        func clock() -> Int? {
            var sign = 1
            if s.first == "+" { s = s.dropFirst() } else if s.first == "-" { sign = -1; s = s.dropFirst() }
            var parts: [Int] = []
            while parts.count < 3 {
                let d = s.prefix { $0.isNumber }
                guard !d.isEmpty, let v = Int(d) else { break }
                parts.append(v)
                s = s.dropFirst(d.count)
                guard s.first == ":" else { break }
                s = s.dropFirst()
            }
            guard let h = parts.first, h <= 167 else { return nil }
            return sign * (h * 3600 + (parts.count > 1 ? parts[1] * 60 : 0) + (parts.count > 2 ? parts[2] : 0))
        }
        guard name(), let std = clock() else { return nil }
        standard = -std
        guard !s.isEmpty else { return }
        guard name() else { return nil }
        daylight = standard + 3600
        if let f = s.first, f != "," { guard let d = clock() else { return nil }; daylight = -d }
        guard s.first == "," else { daylight = nil; return }
        func date() -> (Int, Int, Int, Int)? {
            s = s.dropFirst()
            guard s.first == "M" else { return nil }
            s = s.dropFirst()
            let fields = s.prefix { $0 != "," && $0 != "/" }.split(separator: ".").compactMap { Int($0) }
            s = s.dropFirst(s.prefix { $0 != "," && $0 != "/" }.count)
            guard fields.count == 3, (1...12).contains(fields[0]), (1...5).contains(fields[1]), (0...6).contains(fields[2]) else { return nil }
            var time = 7200
            if s.first == "/" { s = s.dropFirst(); guard let t = clock() else { return nil }; time = t }
            return (fields[0], fields[1], fields[2], time)
        }
        guard let a = date(), let b = date() else { daylight = nil; return }
        start = a
        end = b
    }

    /// The UTC second a rule date falls on in `year`, given the offset in force before it.
    static func instant(_ r: (month: Int, week: Int, day: Int, time: Int), year: Int, offset: Int) -> Int {
        let first = CalendarDate(year: year, month: r.month, day: 1)!.dayNumber
        let weekday = ((first + 4) % 7 + 7) % 7
        var day = first + (r.day - weekday + 7) % 7 + (r.week - 1) * 7
        let length = CalendarDate.daysIn(month: r.month, year: year)
        while day >= first + length { day -= 7 }
        return day * 86_400 + r.time - offset
    }

    func offset(at t: Int) -> Int {
        guard let dst = daylight, let start, let end else { return standard }
        let year = CalendarDate(dayNumber: (t + standard) >= 0 ? (t + standard) / 86_400 : (t + standard - 86_399) / 86_400).year
        let on = Self.instant(start, year: year, offset: standard)
        let off = Self.instant(end, year: year, offset: dst)
        let inDaylight = on < off ? (t >= on && t < off) : (t >= on || t < off)
        return inDaylight ? dst : standard
    }
}
