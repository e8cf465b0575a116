/// A number as written plus its unit: `32 min`, `99.9%`, `$1,200`, `$4M ARR`, `+25% sign-ups`, `2x`.
public struct Quantity: Sendable, Hashable {
    /// The value with separators removed and magnitude applied (`$4M` is 4,000,000), in the written unit.
    public var value: Double
    /// The number exactly as written, sign, separators and magnitude included (`4M`, `10,000`, `+25`), or the milestone
    /// word (`done`).
    public var lexeme: String
    /// A currency sign written before the number (`$`, `€`, `£`, `¥`, `₹`).
    public var currency: String?
    /// The unit as written after the number (`min`, `% of users`, `per month`, `x`); `""` when none.
    public var unit: String
    /// The unit's canonical key (`Units.key`), for comparisons: `""` when the quantity has no unit and no currency.
    public var unitKey: String
    public var range: SourceRange

    public init(value: Double, lexeme: String, currency: String? = nil, unit: String, range: SourceRange) {
        self.value = value
        self.lexeme = lexeme
        self.currency = currency
        self.unit = unit
        self.unitKey = Units.key(currency: currency, unit: unit)
        self.range = range
    }

    /// Whether the number was written with a sign (`+25%`, `-5`).
    public var isSigned: Bool { lexeme.hasPrefix("+") || lexeme.hasPrefix("-") }

    /// Neither a unit nor a currency: such a value takes the unit of the metric it is measured against.
    public var hasNoUnit: Bool { unitKey.isEmpty }

    /// As written, with one space between number and a unit word: `$180 per month`, `99.9%`, `2x`, `15 min`.
    public var display: String {
        var out: [UInt8] = []
        writeDisplay(into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `display`'s bytes, appended to `out` (the formatter writes them straight into its buffer).
    public func writeDisplay(into out: inout [UInt8]) {
        if let c = currency {
            if isSigned {
                out.append(contentsOf: lexeme.utf8.prefix(1))
                out.append(contentsOf: c.utf8)
                out.append(contentsOf: lexeme.utf8.dropFirst())
            } else {
                out.append(contentsOf: c.utf8)
                out.append(contentsOf: lexeme.utf8)
            }
        } else {
            out.append(contentsOf: lexeme.utf8)
        }
        guard let first = unit.utf8.first else { return }
        // `2x` is glued, but not after a letter: `250K x` glued would read as the unit `Kx`.
        let afterDigit = lexeme.utf8.last.map { $0 >= 0x30 && $0 <= 0x39 } ?? false
        let u = unit.utf8
        var second: UInt8? = nil
        if u.count > 1 { second = u[u.index(after: u.startIndex)] }
        let x = first == 0x78 && (u.count == 1 || second == 0x20)
        // `%`, `/`, `×` (C3 97).
        let glued = first == 0x25 || first == 0x2F || (first == 0xC3 && second == 0x97) || (afterDigit && x)
        if !glued { out.append(0x20) }
        out.append(contentsOf: u)
    }

    /// The value in the unit `key` (time units convert), or nil when the units cannot be compared.
    public func value(in key: String) -> Double? { Units.convert(value, from: unitKey, to: key) }

    /// The same quantity with the unit and currency of `other` (a value written without one takes the metric's).
    func taking(unitOf other: Quantity) -> Quantity {
        var q = self
        q.currency = other.currency
        q.unit = other.unit
        q.unitKey = other.unitKey
        return q
    }
}

public enum MetricKind: String, Sendable, Hashable {
    /// `baseline -> target` with target above baseline, or a relative rise (`+25%`, `2x`).
    case increase
    /// `baseline -> target` with target below baseline, or a relative fall (`-50%`).
    case decrease
    /// `baseline -> target` with target equal to baseline (a rule reports it).
    case flat
    /// `>= target` (or `> target`, `at least`, `more than`): keep the value at or above the target.
    case stayAbove = "stay-above"
    /// `<= target` (or `< target`, `at most`, `less than`): keep the value at or below the target.
    case stayBelow = "stay-below"
    /// `milestone`: done or not done.
    case milestone
    /// A number not written yet (`0 -> X users`, `$X`, `TBD`, `??`): an unfinished key result, with no progress;
    /// rule `placeholder-target` reports it.
    case placeholder
}

public struct Metric: Sendable, Hashable {
    public var kind: MetricKind
    /// For a relative metric, the implicit start: `0%` for `+25%`, `1x` for `2x`.
    public var baseline: Quantity?
    public var target: Quantity?
    /// The metric's unit as written: the target's unit, or the baseline's when the target has none.
    public var unit: String
    /// The canonical key of `unit` (with the currency), what values are compared in.
    public var unitKey: String
    /// A strict threshold: `<`, `>`, `less than`, `more than` (the target itself does not meet it).
    public var strict: Bool = false
    /// A change relative to the value at the start of the period, written without a baseline (`+25%`, `-50%`,
    /// `+5 members`, `2x`).
    public var relative: Bool = false
    public var range: SourceRange

    /// Whether `value` (in the metric's unit) meets a threshold metric's target.
    public func holds(_ value: Double) -> Bool? {
        guard let t = target?.value else { return nil }
        switch kind {
        case .stayAbove: return strict ? value > t : value >= t
        case .stayBelow: return strict ? value < t : value <= t
        default: return nil
        }
    }
}

/// What could not be read in a value, and how to write it.
public struct ValueProblem: Error, Sendable, Hashable {
    public var message: String
    public var help: String
    public init(_ message: String, help: String) {
        self.message = message
        self.help = help
    }
}

/// Reads quantities, metrics and confidences from bytes, as people write them: thousands separators (`10,000`,
/// `10 000`), magnitudes (`250K`, `$4M`, `1.2B`, `4 million`), currencies before the number with a unit after it
/// (`$180 per month`), thresholds (`>= 99.9%`, `< 48 h`, `at least 30`, `fewer than 5 bugs`) and relative changes
/// (`+25%`, `-50%`, `2x`). Whatever is ambiguous is a `ValueProblem` that says what was understood, never a
/// silently different number.
public enum ValueReader {
    static let SP: UInt8 = 0x20, TAB: UInt8 = 0x09

    static func text(_ b: [UInt8], _ x: Int, _ y: Int) -> String { String(decoding: b[x..<max(x, y)], as: UTF8.self) }
    static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    static func isLetter(_ c: UInt8) -> Bool { (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) }

    static func trimmed(_ b: [UInt8], _ a0: Int, _ e0: Int) -> (Int, Int) {
        var a = a0, e = e0
        while a < e && (b[a] == SP || b[a] == TAB) { a += 1 }
        while e > a && (b[e - 1] == SP || b[e - 1] == TAB) { e -= 1 }
        return (a, e)
    }

    static func hasPrefix(_ b: [UInt8], _ p: [UInt8], at i: Int, end: Int) -> Bool {
        guard end - i >= p.count else { return false }
        for k in 0..<p.count where b[i + k] != p[k] { return false }
        return true
    }

    /// ASCII-case-insensitive prefix test against a lowercase `p`.
    static func hasPrefixFolded(_ b: [UInt8], _ p: [UInt8], at i: Int, end: Int) -> Bool {
        guard end - i >= p.count else { return false }
        for k in 0..<p.count {
            var c = b[i + k]
            if c >= 0x41 && c <= 0x5A { c += 32 }
            if c != p[k] { return false }
        }
        return true
    }

    static let currencies: [([UInt8], String)] = ["$", "€", "£", "¥", "₹"].map { (Array($0.utf8), $0) }

    /// A white-space byte sequence that may group thousands: space, no-break space, narrow no-break space, thin space.
    static let nbsp: [UInt8] = [0xC2, 0xA0], narrowNBSP: [UInt8] = [0xE2, 0x80, 0xAF], thinSpace: [UInt8] = [0xE2, 0x80, 0x89]

    static func groupSpace(_ b: [UInt8], _ i: Int, _ e: Int) -> Int {
        if i < e && b[i] == SP { return 1 }
        guard i < e, b[i] >= 0x80 else { return 0 }
        if hasPrefix(b, nbsp, at: i, end: e) { return 2 }
        if hasPrefix(b, narrowNBSP, at: i, end: e) || hasPrefix(b, thinSpace, at: i, end: e) { return 3 }
        return 0
    }

    static func digitRun(_ b: [UInt8], _ i: Int, _ e: Int) -> Int {
        var j = i
        while j < e && isDigit(b[j]) { j += 1 }
        return j - i
    }

    /// Magnitude suffixes glued to a number: exponent of ten. `m` means million only after a currency sign (`$5m`);
    /// alone it is a unit (metres, minutes).
    static func magnitude(_ word: String, currency: Bool) -> Int? {
        switch word {
        case "k", "K": 3
        case "M", "MM", "mn", "Mn": 6
        case "m": currency ? 6 : nil
        case "B", "bn", "Bn", "BN": 9
        default: nil
        }
    }

    static let powersOfTen: [Double] = (0...22).map { k in (0..<k).reduce(1.0) { x, _ in x * 10 } }

    static let magnitudeWords: [([UInt8], Int)] = [("thousand", 3), ("million", 6), ("billion", 9), ("trillion", 12)].map { (Array($0.0.utf8), $0.1) }

    /// A quantity filling `b[a..<e]` (surrounding spaces ignored).
    public static func quantity(_ b: [UInt8], _ a0: Int, _ e0: Int) -> Result<Quantity, ValueProblem> {
        let (a, e) = trimmed(b, a0, e0)
        if let q = plainQuantity(b, a, e) { return .success(q) }
        return generalQuantity(b, a, e)
    }

    /// The common form read in place: digits with an optional decimal part, then nothing, `%…`, or spaces and a unit
    /// that starts with an ASCII letter and is no magnitude word (`32 min`, `99.9%`, `12 deploys/week`). Anything
    /// else (signs, currencies, separators, magnitudes, glued letters) is left to `generalQuantity`, which gives the
    /// same result for these forms (a test compares them).
    static func plainQuantity(_ b: [UInt8], _ a: Int, _ e: Int) -> Quantity? {
        var i = a
        var mantissa: UInt64 = 0
        var digits = 0, fraction = 0
        while i < e && isDigit(b[i]) { mantissa = mantissa &* 10 &+ UInt64(b[i] - 0x30); digits += 1; i += 1 }
        guard digits > 0 else { return nil }
        if i < e && b[i] == UInt8(ascii: ".") {
            i += 1
            while i < e && isDigit(b[i]) { mantissa = mantissa &* 10 &+ UInt64(b[i] - 0x30); digits += 1; fraction += 1; i += 1 }
            guard fraction > 0 else { return nil }
        }
        guard digits <= 15 else { return nil }
        let numberEnd = i
        var unitStart = e
        if i < e {
            if b[i] == UInt8(ascii: "%") {
                unitStart = i
            } else if b[i] == SP || b[i] == TAB {
                while i < e && (b[i] == SP || b[i] == TAB) { i += 1 }
                guard i < e, isLetter(b[i]) else { return nil }
                for (word, _) in magnitudeWords where hasPrefixFolded(b, word, at: i, end: e) { return nil }
                unitStart = i
            } else {
                return nil
            }
        }
        let value = fraction > 0 ? Double(mantissa) / powersOfTen[fraction] : Double(mantissa)
        return Quantity(value: value, lexeme: text(b, a, numberEnd), unit: text(b, unitStart, e), range: SourceRange(start: a, end: e))
    }

    /// Every form `quantity` reads, with a `ValueProblem` for what it cannot.
    static func generalQuantity(_ b: [UInt8], _ a: Int, _ e: Int) -> Result<Quantity, ValueProblem> {
        guard a < e else { return .failure(ValueProblem("no value", help: "write a number and a unit, e.g. `32 min`")) }
        var written: String { text(b, a, e) }
        var i = a
        var sign: UInt8? = nil
        if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { sign = b[i]; i += 1 }
        var currency: String? = nil
        for (p, symbol) in currencies where hasPrefix(b, p, at: i, end: e) {
            currency = symbol
            i += p.count
            break
        }
        if sign == nil && i < e && (b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-")) { sign = b[i]; i += 1 }
        // The number: digits, thousands groups, a decimal part.
        guard i < e, isDigit(b[i]) else {
            if i < e && b[i] == UInt8(ascii: ".") && i + 1 < e && isDigit(b[i + 1]) {
                return .failure(ValueProblem("`\(written)`: a number starts with a digit", help: "write `0\(text(b, i, e))`"))
            }
            return .failure(ValueProblem("`\(written)` is not a number", help: "write a number and a unit, e.g. `32 min`, `$4M` or `10,000 users`"))
        }
        // Digits are accumulated as an integer (the common case); numbers too long for it are read from the text.
        let digitsStart = i
        var mantissa: UInt64 = 0
        var digitCount = 0
        func take(_ x: Int, _ y: Int) {
            for k in x..<y {
                if digitCount < 18 { mantissa = mantissa * 10 + UInt64(b[k] - 0x30) }
                digitCount += 1
            }
        }
        let firstRun = digitRun(b, i, e)
        take(i, i + firstRun)
        i += firstRun
        var separator: UInt8? = nil   // `,` or a space, once chosen
        while i < e {
            if b[i] == UInt8(ascii: ",") {
                let k = digitRun(b, i + 1, e)
                if k == 0 { break }
                guard k == 3, separator == nil || separator == UInt8(ascii: ",") else {
                    let num = text(b, a, i + 1 + k)
                    return .failure(ValueProblem("`\(num)`: a comma in a number groups thousands (`1,500`)",
                                                 help: "write decimals with a point (`1.5`) and thousands in groups of three (`1,500`)"))
                }
                guard separator != nil || firstRun <= 3 else {
                    return .failure(ValueProblem("`\(text(b, a, i + 4))`: groups of three digits need at most three before the first comma",
                                                 help: "write `\(text(b, i - firstRun, i)),...` as `1,234,567` or without commas"))
                }
                separator = UInt8(ascii: ",")
                take(i + 1, i + 4)
                i += 4
                continue
            }
            let s = groupSpace(b, i, e)
            if s > 0 && (separator == nil ? firstRun <= 3 : separator == SP) && digitRun(b, i + s, e) == 3 {
                let after = i + s + 3
                let boundary = after == e || b[after] == SP || b[after] == TAB || b[after] == UInt8(ascii: "%")
                    || b[after] == UInt8(ascii: "/") || b[after] == UInt8(ascii: ",") || b[after] == UInt8(ascii: ".")
                    || isLetter(b[after]) || b[after] >= 0x80
                if boundary {
                    separator = SP
                    take(i + s, after)
                    i = after
                    continue
                }
            }
            break
        }
        var fractionDigits = 0
        if i < e && b[i] == UInt8(ascii: ".") {
            let k = digitRun(b, i + 1, e)
            guard k > 0 else {
                return .failure(ValueProblem("`\(written)`: a decimal point needs digits after it", help: "write e.g. `1.5` or `1`"))
            }
            if i + 1 + k < e && b[i + 1 + k] == UInt8(ascii: ".") && digitRun(b, i + 2 + k, e) > 0 {
                return .failure(ValueProblem("`\(written)`: more than one decimal point",
                                             help: "write thousands with commas (`1,000,000`) or none (`1000000`); decimals with one point"))
            }
            take(i + 1, i + 1 + k)
            fractionDigits = k
            i += 1 + k
        }
        // A magnitude: glued (`250K`, `$4M`, `1.2bn`) or a word (`4 million`).
        var exponent = 0
        var j = i
        while j < e && isLetter(b[j]) { j += 1 }
        if j > i, j == e || !(isDigit(b[j]) || b[j] >= 0x80),
           let m = magnitude(text(b, i, j), currency: currency != nil) {
            exponent = m
            i = j
        } else if i < e && (b[i] == SP || b[i] == TAB) {
            var w = i
            while w < e && (b[w] == SP || b[w] == TAB) { w += 1 }
            for (word, m) in magnitudeWords where hasPrefixFolded(b, word, at: w, end: e) {
                let end = w + word.count
                if end == e || !(isLetter(b[end]) || isDigit(b[end])) {
                    exponent = m
                    i = end
                }
                break
            }
        }
        // The number as written, without the currency sign.
        var k = a
        if let s = sign, b[k] == s { k += 1 }
        if let c = currency, hasPrefix(b, Array(c.utf8), at: k, end: e) { k += c.utf8.count }
        if let s = sign, k < e, b[k] == s { k += 1 }
        let lexeme = sign == nil ? text(b, k, i) : (k > a && b[k - 1] == sign! ? text(b, k - 1, i) : String(UnicodeScalar(sign!)) + text(b, k, i))
        let exp10 = exponent - fractionDigits
        var value: Double
        if digitCount <= 15 && exp10 >= -22 && exp10 <= 22 {
            // Exact operands, one correctly rounded operation: the same double as reading the decimal text.
            value = exp10 >= 0 ? Double(mantissa) * powersOfTen[exp10] : Double(mantissa) / powersOfTen[-exp10]
        } else {
            let digits = String(decoding: b[digitsStart..<i].filter(isDigit), as: UTF8.self)
            guard let v = Double("\(digits)e\(exp10)") else {
                return .failure(ValueProblem("`\(written)` is not a number", help: "write a number and a unit, e.g. `32 min`"))
            }
            value = v
        }
        if sign == UInt8(ascii: "-") { value = -value }
        guard value.isFinite else {
            return .failure(ValueProblem("`\(written)` is too large a number", help: "write a smaller number or another unit"))
        }
        // The unit: the rest of the text.
        var unit = ""
        if i < e {
            let c = b[i]
            if c == SP || c == TAB {
                var u = i
                while u < e && (b[u] == SP || b[u] == TAB) { u += 1 }
                if isDigit(b[u]) || ((b[u] == UInt8(ascii: "+") || b[u] == UInt8(ascii: "-")) && u + 1 < e && isDigit(b[u + 1])) {
                    return .failure(ValueProblem("`\(written)` holds two numbers",
                                                 help: "write one value; thousands are grouped in threes (`10 000`), a change is `baseline -> target`"))
                }
                unit = text(b, u, e)
            } else if (c == UInt8(ascii: "e") || c == UInt8(ascii: "E")) && i + 1 < e
                        && (isDigit(b[i + 1]) || (i + 2 < e && (b[i + 1] == UInt8(ascii: "+") || b[i + 1] == UInt8(ascii: "-")) && isDigit(b[i + 2]))) {
                return .failure(ValueProblem("cannot read `\(written)`: scientific notation is not read",
                                             help: "write the number in full, or with a magnitude such as `250K`, `4M` or `1.2B`"))
            } else if c == UInt8(ascii: "%") || isLetter(c) || c >= 0x80 || c == UInt8(ascii: "/") {
                unit = text(b, i, e)
            } else if c == UInt8(ascii: "-") {
                return .failure(ValueProblem("`\(written)` looks like a range of numbers", help: "write one value, or a metric `baseline -> target`"))
            } else {
                return .failure(ValueProblem("cannot read `\(written)`: `\(text(b, a, i))` is the number, then `\(text(b, i, e))`",
                                             help: "put a space between the number and its unit, e.g. `32 min`"))
            }
        }
        return .success(Quantity(value: value, lexeme: lexeme, currency: currency, unit: unit, range: SourceRange(start: a, end: e)))
    }

    /// `done` / `not done` (and `yes`, `no`, `true`, `false`, `todo`) for milestones, else a quantity.
    public static func milestoneOrQuantity(_ b: [UInt8], _ a0: Int, _ e0: Int) -> Result<Quantity, ValueProblem> {
        let (a, e) = trimmed(b, a0, e0)
        if e - a <= 8 && a < e && isLetter(b[a]) {
            let t = text(b, a, e).lowercased()
            let range = SourceRange(start: a, end: e)
            switch t {
            case "done", "yes", "true":
                return .success(Quantity(value: 1, lexeme: t, unit: "", range: range))
            case "not done", "no", "false", "todo":
                return .success(Quantity(value: 0, lexeme: t, unit: "", range: range))
            default: break
            }
        }
        return quantity(b, a, e)
    }

    /// A confidence: `0.6`, `60%` or `6/10` (also `6 / 10`, `6 out of 10`). The value is returned as written
    /// (0.6, 0.6, 0.6); whether it lies in 0...1 is the `metric-inconsistent` rule's to say.
    public static func confidence(_ b: [UInt8], _ a0: Int, _ e0: Int) -> Result<Double, ValueProblem> {
        let (a, e) = trimmed(b, a0, e0)
        // Most confidences are a plain decimal (`0.6`, `1`): read in place, the same double `quantity` gives.
        if let v = plainDecimal(b, a, e) { return .success(v) }
        var written: String { text(b, a, e) }
        let help = "write a probability: `0.7`, `70%` or `7/10`"
        // `N/D` or `N out of D`.
        var slash: (Int, Int)? = nil
        var k = a
        while k < e {
            if b[k] == UInt8(ascii: "/") { slash = (k, k + 1); break }
            if hasPrefixFolded(b, outOf, at: k, end: e) { slash = (k, k + 8); break }
            k += 1
        }
        if let (s, t) = slash {
            guard case .success(let n) = quantity(b, a, s), n.hasNoUnit, case .success(let d) = quantity(b, t, e), d.hasNoUnit,
                  d.value > 0 else {
                return .failure(ValueProblem("cannot read confidence `\(written)`", help: help))
            }
            return .success(n.value / d.value)
        }
        switch quantity(b, a, e) {
        case .success(let q) where q.unitKey == "%": return .success(q.value / 100)
        case .success(let q) where q.hasNoUnit: return .success(q.value)
        default: return .failure(ValueProblem("confidence must be a number from 0 to 1, not `\(written)`", help: help))
        }
    }

    /// `D+` or `D+.D+` with at most 15 digits, as `quantity` reads it (mantissa over a power of ten, one rounding);
    /// nil for anything else.
    static func plainDecimal(_ b: [UInt8], _ a: Int, _ e: Int) -> Double? {
        guard a < e, e - a <= 16 else { return nil }
        var mantissa: UInt64 = 0
        var digits = 0, fraction = -1
        for i in a..<e {
            let c = b[i]
            if c >= 0x30 && c <= 0x39 {
                mantissa = mantissa * 10 + UInt64(c - 0x30)
                digits += 1
                if fraction >= 0 { fraction += 1 }
            } else if c == UInt8(ascii: "."), fraction < 0, digits > 0 {
                fraction = 0
            } else {
                return nil
            }
        }
        guard digits <= 15, fraction != 0 else { return nil }
        return fraction > 0 ? Double(mantissa) / powersOfTen[fraction] : Double(mantissa)
    }

    static let milestoneWord = Array("milestone".utf8)
    static let outOf = Array(" out of ".utf8)
    static let arrow = Array("->".utf8)
    static let unicodeArrow = Array("→".utf8)

    /// Thresholds: written form (lowercase), kind, strict. Longest forms first where one is a prefix of another.
    static let thresholds: [([UInt8], MetricKind, Bool)] = ([
        (">=", .stayAbove, false), ("≥", .stayAbove, false), ("=>", .stayAbove, false),
        ("<=", .stayBelow, false), ("≤", .stayBelow, false), ("=<", .stayBelow, false),
        (">", .stayAbove, true), ("<", .stayBelow, true),
        ("at least ", .stayAbove, false), ("no less than ", .stayAbove, false), ("not less than ", .stayAbove, false),
        ("more than ", .stayAbove, true), ("greater than ", .stayAbove, true), ("over ", .stayAbove, true),
        ("above ", .stayAbove, true),
        ("at most ", .stayBelow, false), ("no more than ", .stayBelow, false), ("not more than ", .stayBelow, false),
        ("less than ", .stayBelow, true), ("fewer than ", .stayBelow, true), ("under ", .stayBelow, true),
        ("below ", .stayBelow, true),
    ] as [(String, MetricKind, Bool)]).map { (Array($0.0.utf8), $0.1, $0.2) }

    static let metricHelp = "write `baseline -> target unit` (`45 -> 15 min`, `$4M -> $5.5M`), a level `>= 99.9%` or `< 48 h`, a change `+25%` or `2x`, or `milestone`"

    /// A metric filling `b[a..<e]`.
    public static func metric(_ b: [UInt8], _ a0: Int, _ e0: Int) -> Result<Metric, ValueProblem> {
        let (a, e) = trimmed(b, a0, e0)
        let r = SourceRange(start: a, end: e)
        var written: String { text(b, a, e) }
        if e - a == 9 && hasPrefixFolded(b, milestoneWord, at: a, end: e) {
            return .success(Metric(kind: .milestone, baseline: nil, target: nil, unit: "", unitKey: "", range: r))
        }
        if let m = placeholderMetric(b, a, e) { return .success(m) }
        var arrowAt: (Int, Int)? = nil
        var k = a
        while k < e {
            if hasPrefix(b, arrow, at: k, end: e) { arrowAt = (k, 2); break }
            if hasPrefix(b, unicodeArrow, at: k, end: e) { arrowAt = (k, 3); break }
            k += 1
        }
        if let (at, len) = arrowAt {
            let base: Quantity, target: Quantity
            switch quantity(b, a, at) {
            case .success(let q): base = q
            case .failure(let p): return .failure(ValueProblem("cannot read the baseline of metric `\(written)`: \(p.message)", help: metricHelp))
            }
            switch quantity(b, at + len, e) {
            case .success(let q): target = q
            case .failure(let p): return .failure(ValueProblem("cannot read the target of metric `\(written)`: \(p.message)", help: metricHelp))
            }
            return .success(fromBaseline(base, target, range: r))
        }
        for (p, kind, strict) in thresholds where hasPrefixFolded(b, p, at: a, end: e) {
            switch quantity(b, a + p.count, e) {
            case .success(let t):
                return .success(Metric(kind: kind, baseline: nil, target: t, unit: t.unit, unitKey: t.unitKey,
                                       strict: strict, range: r))
            case .failure(let problem):
                return .failure(ValueProblem("cannot read the level of metric `\(written)`: \(problem.message)", help: metricHelp))
            }
        }
        switch quantity(b, a, e) {
        case .success(let q):
            if q.isSigned && q.value != 0 && q.unitKey != "x" {
                // `+25%`, `-50% churn`, `+5 members`: a change from the value at the start of the period.
                let zero = Quantity(value: 0, lexeme: "0", currency: q.currency, unit: q.unit, range: SourceRange(start: a, end: a))
                return .success(Metric(kind: q.value > 0 ? .increase : .decrease, baseline: zero, target: q, unit: q.unit,
                                       unitKey: q.unitKey, relative: true, range: r))
            }
            if q.unitKey == "x" && !q.isSigned && q.value > 0 && q.value != 1 {
                let one = Quantity(value: 1, lexeme: "1", unit: q.unit, range: SourceRange(start: a, end: a))
                return .success(Metric(kind: q.value > 1 ? .increase : .decrease, baseline: one, target: q, unit: q.unit,
                                       unitKey: "x", relative: true, range: r))
            }
            let d = q.display
            let unsigned = q.isSigned ? String(d.dropFirst()) : d
            return .failure(ValueProblem("`\(written)` alone is not a metric: is \(d) a target from a baseline, a level to hold, or a change?",
                                         help: "write `baseline -> \(unsigned)`, `>= \(unsigned)` / `<= \(unsigned)`, or a change such as `+25%` or `2x`"))
        case .failure(let p):
            return .failure(ValueProblem("cannot read metric `\(written)`: \(p.message)", help: metricHelp))
        }
    }

    /// `baseline -> target`: a unit written on one side applies to both; the direction compares the values in one
    /// unit (`45 s -> 15 min` goes up).
    static func fromBaseline(_ b0: Quantity, _ t0: Quantity, range: SourceRange) -> Metric {
        var base = b0, target = t0
        // `45 -> 15 min`, `$4M -> 5.5M`, `$180 -> $295 per month`: the side without a unit takes the other's.
        if base.unit.isEmpty && (base.currency == nil || base.currency == target.currency) && !target.hasNoUnit {
            base = base.taking(unitOf: target)
        }
        if target.unit.isEmpty && (target.currency == nil || target.currency == base.currency) && !base.hasNoUnit {
            target = target.taking(unitOf: base)
        }
        let kind: MetricKind
        if let bv = base.value(in: target.unitKey) {
            kind = target.value > bv ? .increase : (target.value < bv ? .decrease : .flat)
        } else {
            kind = target.value > base.value ? .increase : (target.value < base.value ? .decrease : .flat)
        }
        return Metric(kind: kind, baseline: base, target: target, unit: target.unit.isEmpty ? base.unit : target.unit,
                      unitKey: target.unitKey, range: range)
    }
}
