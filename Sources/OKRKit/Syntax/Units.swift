/// Units as people write them, reduced to one canonical key so that `min`, `mins` and `minutes`, `%` and `percent`,
/// `hires` and `hire`, `deploys/wk` and `deploys per week` compare equal. Time units also convert into each other
/// (`45 s -> 15 min`). The key is for comparison only; reports show the unit as written.
public enum Units {
    /// Canonical key of a unit written after a number, with an optional currency sign before the number.
    /// `""` when there is neither. A unit starting with `%` is a percentage whatever follows (`% of users`), and one
    /// that is `x` or starts with `x ` a multiple (`2x revenue`): the words after them are labels.
    public static func key(currency: String?, unit: String) -> String {
        let money = currency
        if unit.isEmpty { return money ?? "" }
        // Fast path: one ASCII word (`min`, `users`, `sign-ups`).
        if unit.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x41 && $0 <= 0x5A) || $0 == 0x2D }) {
            let w = asciiLowercased(unit)
            if w != "per" && w != "x" {
                let c = canonicalWord(w)
                guard let money, c != money else { return c }
                return money + " " + c
            }
        }
        let lower = asciiLowercased(unit)
        if lower.isEmpty { return money ?? "" }
        if lower.hasPrefix("%") { return "%" }
        if lower == "x" || lower == "×" || lower.hasPrefix("x ") || lower.hasPrefix("× ") { return "x" }
        // `per` reads as a slash: `deploys per week` is `deploys/week`, `per month` after `$180` is `$/month`.
        var pieces: [[String]] = [[]]
        var word: [UInt8] = []
        func endWord() {
            guard !word.isEmpty else { return }
            let w = String(decoding: word, as: UTF8.self)
            word.removeAll(keepingCapacity: true)
            if w == "per" { pieces.append([]); return }
            pieces[pieces.count - 1].append(w)
        }
        for b in lower.utf8 {
            if b == 0x20 || b == 0x09 {
                endWord()
            } else if b == UInt8(ascii: "/") {
                endWord()
                pieces.append([])
            } else {
                word.append(b)
            }
        }
        endWord()
        var parts = pieces.map { $0.map(canonicalWord).joined(separator: " ") }
        if let money {
            // `$180 per month` and `180 USD/month` are both `$/mo`; `$4M ARR` is `$ arr`.
            let first = parts[0]
            if first.isEmpty { parts[0] = money } else if first != money && !first.hasPrefix(money + " ") { parts[0] = money + " " + first }
        }
        return parts.joined(separator: "/")
    }

    /// Seconds in one of the unit, for time units that convert (`ms` to `wk`); nil for others.
    public static func seconds(_ key: String) -> Double? {
        switch key {
        case "ms": 0.001
        case "s": 1
        case "min": 60
        case "h": 3600
        case "d": 86_400
        case "wk": 604_800
        default: nil
        }
    }

    /// Whether values in the two units can be compared: the same key, both time units, or one without a unit
    /// (a value written without its unit takes the metric's).
    public static func compatible(_ a: String, _ b: String) -> Bool {
        a == b || a.isEmpty || b.isEmpty || (seconds(a) != nil && seconds(b) != nil) || takesCurrencyUnit(a, b) || takesCurrencyUnit(b, a)
    }

    /// A bare amount of money (`$210`) read in a money unit with the same currency (`$ per month`, `$4M ARR`).
    static func takesCurrencyUnit(_ bare: String, _ unit: String) -> Bool {
        currencies.contains(bare) && (unit.hasPrefix(bare + "/") || unit.hasPrefix(bare + " "))
    }

    static let currencies: Set<String> = ["$", "€", "£", "¥", "₹"]

    /// `value` (in unit `from`) expressed in unit `to`; nil when they cannot be compared.
    public static func convert(_ value: Double, from: String, to: String) -> Double? {
        if from == to || from.isEmpty || to.isEmpty || takesCurrencyUnit(from, to) || takesCurrencyUnit(to, from) { return value }
        guard let a = seconds(from), let b = seconds(to) else { return nil }
        return value * a / b
    }

    /// One word of a unit in canonical form: synonyms of time, percent and currency, then singular.
    static func canonicalWord(_ w: String) -> String {
        if let s = synonyms[w] { return s }
        return singular(w)
    }

    static let synonyms: [String: String] = {
        var m: [String: String] = [:]
        func add(_ key: String, _ words: [String]) { for w in words { m[w] = key } }
        add("ms", ["ms", "msec", "msecs", "millisecond", "milliseconds"])
        add("s", ["s", "sec", "secs", "second", "seconds"])
        add("min", ["min", "mins", "minute", "minutes"])
        add("h", ["h", "hr", "hrs", "hour", "hours"])
        add("d", ["d", "day", "days"])
        add("wk", ["wk", "wks", "week", "weeks"])
        add("mo", ["mo", "mos", "mth", "mths", "month", "months"])
        add("yr", ["yr", "yrs", "year", "years"])
        add("q", ["qtr", "qtrs", "quarter", "quarters"])
        add("%", ["%", "percent", "pct", "percentage"])
        add("pp", ["pp", "ppt", "ppts"])
        add("$", ["$", "usd", "dollar", "dollars"])
        add("€", ["€", "eur", "euro", "euros"])
        add("£", ["£", "gbp"])
        add("¥", ["¥", "jpy", "yen"])
        add("₹", ["₹", "inr", "rupee", "rupees"])
        return m
    }()

    /// English plural to singular, for units (`hires` -> `hire`, `stories` -> `story`); words that only look plural
    /// (`status`, `analysis`) stay as they are.
    static func singular(_ w: String) -> String {
        guard w.utf8.count > 3, w.utf8.last == UInt8(ascii: "s") else { return w }
        let u = Array(w.utf8)
        let n = u.count
        func ends(_ s: String) -> Bool { w.hasSuffix(s) }
        if ends("ss") || ends("us") || ends("is") { return w }
        if n > 4 && ends("ies") { return String(decoding: u[..<(n - 3)], as: UTF8.self) + "y" }
        if ends("sses") || ends("xes") || ends("ches") || ends("shes") || ends("zes") { return String(decoding: u[..<(n - 2)], as: UTF8.self) }
        return String(decoding: u[..<(n - 1)], as: UTF8.self)
    }

    static func asciiLowercased(_ s: String) -> String {
        // Most units are already lower case and trimmed: no copy then.
        let v = s.utf8
        if let f = v.first, let l = v.last, f != 0x20, f != 0x09, l != 0x20, l != 0x09, !v.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) {
            return s
        }
        var u = Array(v)
        var changed = false
        for i in u.indices where u[i] >= 0x41 && u[i] <= 0x5A { u[i] += 32; changed = true }
        // Trim spaces and tabs.
        var a = 0, b = u.count
        while a < b && (u[a] == 0x20 || u[a] == 0x09) { a += 1 }
        while b > a && (u[b - 1] == 0x20 || u[b - 1] == 0x09) { b -= 1 }
        if !changed && a == 0 && b == u.count { return s }
        return String(decoding: u[a..<b], as: UTF8.self)
    }
}
