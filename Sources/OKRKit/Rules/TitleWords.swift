/// The words of a key result's title (or of a metric as written), read from its bytes for the rules that judge
/// wording (`key-result-is-a-task`, `metric-direction`).
///
/// Words are lowercased (ASCII; other letters are kept as they are), with inner hyphens and apostrophes
/// (`sign-ups`, `we've`; a typographic apostrophe reads as `'`). A number token starts with a digit, or with a
/// currency sign or `+`/`-` before a digit, and runs to the next space (`$4M`, `25%`, `10,000`, `2x`, `200ms`).
/// `,` `;` `:` `(` `)` `/`, dashes and arrows become a `.punct` token `,`, so a phrase never runs across them;
/// `<`, `<=`, `≤` become the `.punct` token `<` and `>`, `>=`, `≥` the token `>`; `&` reads as `and`. Other symbols are skipped. At most `limit` tokens are read, so a pathological title costs no more than
/// a short one.
struct TitleWords: Sendable {
    enum Kind: UInt8, Sendable { case word, number, punct }

    private(set) var texts: [String] = []
    private(set) var kinds: [Kind] = []

    var count: Int { texts.count }
    subscript(i: Int) -> String { i < texts.count ? texts[i] : "" }
    func kind(_ i: Int) -> Kind? { i < kinds.count ? kinds[i] : nil }
    func isWord(_ i: Int) -> Bool { kind(i) == .word }
    func isNumber(_ i: Int) -> Bool { kind(i) == .number }

    init(_ text: String, limit: Int = 48) {
        var bytes = Array(text.utf8)
        // Long titles are cut at a byte limit too (a title of one huge "word" must not allocate it all).
        if bytes.count > 1024 { bytes.removeSubrange(1024...) }
        var cur: [UInt8] = []
        cur.reserveCapacity(24)
        var curKind = Kind.word
        let n = bytes.count
        var i = 0

        func flush() {
            // A word never ends in a hyphen or apostrophe (`teams'` -> `teams`).
            while curKind == .word, let last = cur.last, last == 0x2D || last == 0x27 { cur.removeLast() }
            if !cur.isEmpty && texts.count < limit {
                texts.append(String(decoding: cur, as: UTF8.self))
                kinds.append(curKind)
            }
            cur.removeAll(keepingCapacity: true)
        }
        func punct(_ text: String = ",") {
            flush()
            if texts.count < limit, !kinds.isEmpty || text != ",", kinds.last != .punct || (text != "," && texts.last == ",") {
                if kinds.last == .punct { texts.removeLast(); kinds.removeLast() }
                texts.append(text)
                kinds.append(.punct)
            }
        }
        func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
        func digitAt(_ j: Int) -> Bool { j < n && isDigit(bytes[j]) }

        while i < n && texts.count < limit {
            let b = bytes[i]
            if !cur.isEmpty && curKind == .number {
                // Inside a number: digits, separators followed by a digit, letters and % (unit or magnitude suffix).
                if isDigit(b) || isLetter(b) || b == 0x25 {
                    cur.append(isLetter(b) ? b | 0x20 : b)
                    i += 1
                    continue
                }
                if (b == 0x2C || b == 0x2E || b == 0x2D) && digitAt(i + 1) {
                    cur.append(b)
                    i += 1
                    continue
                }
                flush()
                continue
            }
            if isLetter(b) {
                if cur.isEmpty { curKind = .word }
                cur.append(b | 0x20)
                i += 1
            } else if isDigit(b) {
                if cur.isEmpty { curKind = .number }
                cur.append(b)
                i += 1
            } else if (b == 0x2D || b == 0x27) && !cur.isEmpty {
                // Inner hyphen or apostrophe; flush() trims one left at the end.
                cur.append(b)
                i += 1
            } else if (b == 0x24 || b == 0x2B || b == 0x2D) && cur.isEmpty && digitAt(i + 1) {
                // `$4M`, `+25%`, `-50%`
                curKind = .number
                cur.append(b)
                i += 1
            } else if b == 0xE2 && i + 2 < n && bytes[i + 1] == 0x80 && bytes[i + 2] == 0x99 {
                // ’ (typographic apostrophe) inside a word
                if !cur.isEmpty { cur.append(0x27) }
                i += 3
            } else if b == 0xE2 && i + 2 < n && ((bytes[i + 1] == 0x80 && (bytes[i + 2] == 0x93 || bytes[i + 2] == 0x94))
                                              || bytes[i + 1] == 0x86) {
                // – — and arrows
                punct()
                i += 3
            } else if b == 0xE2 && i + 2 < n && bytes[i + 1] == 0x89 && (bytes[i + 2] == 0xA4 || bytes[i + 2] == 0xA5) {
                // ≤ ≥
                punct(bytes[i + 2] == 0xA4 ? "<" : ">")
                i += 3
            } else if b == 0xE2 && i + 3 < n && bytes[i + 1] == 0x82 && bytes[i + 2] == 0xAC && cur.isEmpty && isDigit(bytes[i + 3]) {
                // €10
                curKind = .number
                cur.append(contentsOf: [b, bytes[i + 1], bytes[i + 2]])
                i += 3
            } else if b == 0xC2 && i + 2 < n && (bytes[i + 1] == 0xA3 || bytes[i + 1] == 0xA5) && cur.isEmpty && isDigit(bytes[i + 2]) {
                // £10, ¥10
                curKind = .number
                cur.append(contentsOf: [b, bytes[i + 1]])
                i += 2
            } else if b >= 0x80 {
                // Other letters (and symbols) of other scripts: part of a word.
                if cur.isEmpty { curKind = .word }
                cur.append(b)
                i += 1
            } else if b == 0x26 {
                flush()
                texts.append("and")
                kinds.append(.word)
                i += 1
            } else if b == 0x25 {
                // A spaced `%` after a number: `25 %`.
                flush()
                if kinds.last == .number { texts[texts.count - 1] += "%" }
                i += 1
            } else if (b == 0x3C || b == 0x3E) && !(b == 0x3E && i > 0 && bytes[i - 1] == 0x2D) {
                // `<`, `<=`, `>`, `>=` (not the arrow `->`): a punct token that says which way.
                punct(b == 0x3C ? "<" : ">")
                i += 1
            } else if b == 0x2C || b == 0x3B || b == 0x3A || b == 0x28 || b == 0x29 || b == 0x2F || b == 0x3E
                        || b == 0x3D || b == 0x21 || b == 0x3F {
                // , ; : ( ) / = ! ? and the `>` of `->`
                punct()
                i += 1
            } else if b == 0x2E {
                // A full stop ends a sentence; a dot inside a word (`Node.js`) stays.
                if !cur.isEmpty && i + 1 < n && isLetter(bytes[i + 1]) {
                    cur.append(b)
                } else {
                    punct()
                }
                i += 1
            } else {
                flush()
                i += 1
            }
        }
        if texts.count < limit { flush() }
        if kinds.last == .punct {
            texts.removeLast()
            kinds.removeLast()
        }
    }

    /// The value of a number token (`$4M` -> 4,000,000; `25%` -> 25; `10,000` -> 10,000; `2x` -> 2), or nil.
    static func value(of token: String) -> Double? {
        var digits: [UInt8] = []
        var scale = 1.0
        var seenDigit = false
        var negative = false
        scan: for b in token.utf8 {
            if b >= 0x30 && b <= 0x39 { digits.append(b); seenDigit = true }
            else if b == 0x2E && seenDigit { digits.append(b) }
            else if b == 0x2C { continue }
            else if b == 0x2D && !seenDigit { negative = true }
            else if seenDigit {
                switch b {
                case 0x6B: scale = 1e3
                case 0x6D: scale = 1e6
                case 0x62: scale = 1e9
                default: break
                }
                break scan
            }
        }
        guard seenDigit, let v = Double(String(decoding: digits, as: UTF8.self)) else { return nil }
        return (negative ? -v : v) * scale
    }

    /// The unit letters after a number token's digits (`200ms` -> `ms`, `25%` -> `%`, `$4m` -> `m`), lowercased.
    static func suffix(of token: String) -> String {
        var out: [UInt8] = []
        var seenDigit = false
        for b in token.utf8 {
            if b >= 0x30 && b <= 0x39 { seenDigit = true; if !out.isEmpty { out.removeAll() } }
            else if seenDigit && b != 0x2C && b != 0x2E { out.append(b) }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
