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
    struct Token: Sendable {
        var text: String
        var kind: Kind
    }

    private(set) var tokens: [Token] = []

    var count: Int { tokens.count }
    subscript(i: Int) -> String { i >= 0 && i < tokens.count ? tokens[i].text : "" }
    func kind(_ i: Int) -> Kind? { i >= 0 && i < tokens.count ? tokens[i].kind : nil }
    func isWord(_ i: Int) -> Bool { kind(i) == .word }
    func isNumber(_ i: Int) -> Bool { kind(i) == .number }

    init(_ text: String, limit: Int = 48) {
        var text = text
        tokens = text.withUTF8 { Self.tokenize($0, limit: limit) }
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    private static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }

    /// One pass over the bytes; a token is a run of bytes, copied (lowercased, ’ as ') only when it ends.
    private static func tokenize(_ all: UnsafeBufferPointer<UInt8>, limit: Int) -> [Token] {
        var t = Tokenizer(all: all, n: min(all.count, 1024), limit: limit)
        t.run()
        return t.out
    }

    /// The tokenizer's state, a value with mutating methods (no closures capturing it).
    private struct Tokenizer {
        let all: UnsafeBufferPointer<UInt8>
        // Long titles are cut at a byte limit too (a title of one huge "word" must not be copied whole).
        let n: Int
        let limit: Int
        var out: [Token] = []
        var start = -1
        var kind = Kind.word
        var i = 0

        init(all: UnsafeBufferPointer<UInt8>, n: Int, limit: Int) {
            self.all = all
            self.n = n
            self.limit = limit
            out.reserveCapacity(12)
        }

        mutating func flush(_ end: Int) {
            defer { start = -1 }
            guard start >= 0, out.count < limit else { return }
            var e = end
            // A word never ends in a hyphen or apostrophe (`teams'` -> `teams`).
            while kind == .word && e > start {
                if all[e - 1] == 0x2D || all[e - 1] == 0x27 { e -= 1 }
                else if e - start >= 3 && all[e - 3] == 0xE2 && all[e - 2] == 0x80 && all[e - 1] == 0x99 { e -= 3 }
                else { break }
            }
            guard e > start else { return }
            let s = start, all = all
            let text = String(unsafeUninitializedCapacity: e - s) { buf in
                var j = s, k = 0
                while j < e {
                    let b = all[j]
                    if b == 0xE2 && j + 2 < e && all[j + 1] == 0x80 && all[j + 2] == 0x99 {
                        buf[k] = 0x27
                        j += 3
                    } else {
                        buf[k] = (b >= 0x41 && b <= 0x5A) ? b | 0x20 : b
                        j += 1
                    }
                    k += 1
                }
                return k
            }
            out.append(Token(text: text, kind: kind))
        }

        mutating func punct(_ end: Int, _ text: String = ",") {
            flush(end)
            guard out.count < limit, !out.isEmpty || text != "," else { return }
            if let last = out.last, last.kind == .punct {
                if text == "," || last.text != "," { return }
                out.removeLast()
            }
            out.append(Token(text: text, kind: .punct))
        }

        func digitAt(_ j: Int) -> Bool { j < n && isDigit(all[j]) }

        mutating func begin(_ k: Kind) {
            if start < 0 { start = i; kind = k }
        }

        mutating func run() {
            while i < n && out.count < limit {
                let b = all[i]
                if start >= 0 && kind == .number {
                    // Inside a number: digits, separators followed by a digit, letters and % (unit or magnitude suffix).
                    if isDigit(b) || isLetter(b) || b == 0x25 || ((b == 0x2C || b == 0x2E || b == 0x2D) && digitAt(i + 1)) {
                        i += 1
                        continue
                    }
                    flush(i)
                    continue
                }
                if isLetter(b) {
                    begin(.word)
                    i += 1
                } else if isDigit(b) {
                    begin(.number)
                    i += 1
                } else if (b == 0x2D || b == 0x27) && start >= 0 {
                    // Inner hyphen or apostrophe; flush() trims one left at the end.
                    i += 1
                } else if (b == 0x24 || b == 0x2B || b == 0x2D) && start < 0 && digitAt(i + 1) {
                    // `$4M`, `+25%`, `-50%`
                    begin(.number)
                    i += 1
                } else if b == 0xE2 && i + 2 < n && all[i + 1] == 0x80 && all[i + 2] == 0x99 {
                    // ’ (typographic apostrophe): inside a word it reads as ' (see flush); elsewhere it is skipped.
                    i += 3
                } else if b == 0xE2 && i + 2 < n && ((all[i + 1] == 0x80 && (all[i + 2] == 0x93 || all[i + 2] == 0x94)) || all[i + 1] == 0x86) {
                    // – — and arrows
                    punct(i)
                    i += 3
                } else if b == 0xE2 && i + 2 < n && all[i + 1] == 0x89 && (all[i + 2] == 0xA4 || all[i + 2] == 0xA5) {
                    // ≤ ≥
                    punct(i, all[i + 2] == 0xA4 ? "<" : ">")
                    i += 3
                } else if b == 0xE2 && i + 3 < n && all[i + 1] == 0x82 && all[i + 2] == 0xAC && start < 0 && isDigit(all[i + 3]) {
                    // €10
                    begin(.number)
                    i += 3
                } else if b == 0xC2 && i + 2 < n && (all[i + 1] == 0xA3 || all[i + 1] == 0xA5) && start < 0 && isDigit(all[i + 2]) {
                    // £10, ¥10
                    begin(.number)
                    i += 2
                } else if b >= 0x80 {
                    // Other letters (and symbols) of other scripts: part of a word.
                    begin(.word)
                    i += 1
                } else if b == 0x26 {
                    flush(i)
                    if out.count < limit { out.append(Token(text: "and", kind: .word)) }
                    i += 1
                } else if b == 0x25 {
                    // A spaced `%` after a number: `25 %`.
                    flush(i)
                    if let last = out.last, last.kind == .number { out[out.count - 1].text += "%" }
                    i += 1
                } else if (b == 0x3C || b == 0x3E) && !(b == 0x3E && i > 0 && all[i - 1] == 0x2D) {
                    // `<`, `<=`, `>`, `>=` (not the arrow `->`): a punct token that says which way.
                    punct(i, b == 0x3C ? "<" : ">")
                    i += 1
                } else if b == 0x2C || b == 0x3B || b == 0x3A || b == 0x28 || b == 0x29 || b == 0x2F || b == 0x3E
                            || b == 0x3D || b == 0x21 || b == 0x3F {
                    // , ; : ( ) / = ! ? and the `>` of `->`
                    punct(i)
                    i += 1
                } else if b == 0x2E {
                    // A full stop ends a sentence; a dot inside a word (`Node.js`) stays.
                    if start >= 0 && i + 1 < n && isLetter(all[i + 1]) {
                        i += 1
                    } else {
                        punct(i)
                        i += 1
                    }
                } else {
                    flush(i)
                    i += 1
                }
            }
            flush(i)
            if let last = out.last, last.kind == .punct { out.removeLast() }
        }
    }

    /// The first two words of an ASCII title as `WordTable` hashes (0: no such word; a number ends the words), without
    /// making strings: what the rules' fast paths look up. `firstMayBeInflected` is set when the first word ends in
    /// -ed or -ly (six letters or more), which only the full reading can judge. Nil when a byte outside ASCII comes
    /// first.
    static func leadingHashes(_ text: String) -> (first: UInt64, second: UInt64, firstMayBeInflected: Bool)? {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        var first: UInt64 = 0
        var inWord = false, length = 0
        var last: UInt8 = 0, beforeLast: UInt8 = 0
        var inflected = false
        for c in text.utf8 {
            if c >= 0x80 { return nil }
            let digit = c >= 0x30 && c <= 0x39
            if digit && !inWord { break }
            if isLetter(c) || ((digit || c == 0x2D || c == 0x27) && inWord) {
                let b = (c >= 0x41 && c <= 0x5A) ? c | 0x20 : c
                h ^= UInt64(b)
                h &*= 0x0000_0100_0000_01B3
                inWord = true
                length += 1
                beforeLast = last
                last = b
            } else if inWord {
                let done = h == 0 ? 1 : h
                if first != 0 { return (first, done, inflected) }
                first = done
                inflected = (beforeLast == 0x65 && last == 0x64) || (length >= 6 && beforeLast == 0x6C && last == 0x79)
                h = 0xcbf2_9ce4_8422_2325
                inWord = false
                length = 0
            }
        }
        if inWord {
            let done = h == 0 ? 1 : h
            if first != 0 { return (first, done, inflected) }
            inflected = (beforeLast == 0x65 && last == 0x64) || (length >= 6 && beforeLast == 0x6C && last == 0x79)
            return (done, 0, inflected)
        }
        return (first, 0, inflected)
    }

    /// Whether the title has a number token: a digit that does not continue a word (`p95` is a word).
    static func hasNumber(_ text: String) -> Bool {
        var prevLetter = false
        for b in text.utf8 {
            if b >= 0x30 && b <= 0x39 && !prevLetter { return true }
            prevLetter = isLetter(b) || (b >= 0x30 && b <= 0x39) || b >= 0x80
        }
        return false
    }

    /// Whether `word` (lowercase ASCII letters) occurs in the text, in any case, with no letter on either side.
    static func hasWord(_ text: String, _ word: StaticString) -> Bool {
        let w = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        var text = text
        return text.withUTF8 { t in
            var i = 0
            while i + w.count <= t.count {
                if (i == 0 || !isLetter(t[i - 1])) && (i + w.count == t.count || !isLetter(t[i + w.count])) {
                    var k = 0
                    while k < w.count && (t[i + k] | 0x20) == w[k] { k += 1 }
                    if k == w.count { return true }
                }
                i += 1
            }
            return false
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

/// A set of lowercase words with a flag byte each, keyed by a 64-bit FNV-1a hash of their bytes: built straight from
/// a word list's bytes (no `String` per entry, no SipHash), so a lexicon of hundreds of words costs about a hundred
/// instructions a word to build. Two different words share a hash with a probability of about 2^-64 per pair, so a
/// false match is as good as impossible; there is no way to list the words back.
struct WordTable: Sendable {
    private var keys: [UInt64]
    private var marks: [UInt8]
    private var mask: Int
    private(set) var count = 0

    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = [UInt64](repeating: 0, count: size)
        marks = [UInt8](repeating: 0, count: size)
        mask = size - 1
    }

    /// A table of the entries of a comma- and newline-separated list (entries trimmed), each with `flag`.
    init(list text: String, flag: UInt8 = 1) {
        var count = 0
        for b in text.utf8 where b == 0x2C || b == 0x0A { count += 1 }
        self.init(capacity: count + 1)
        Self.forEachEntry(of: text) { insert(hash: Self.hash($0), flag: flag) }
    }

    /// Calls `body` with the bytes of each trimmed entry of a comma- and newline-separated list.
    static func forEachEntry(of text: String, _ body: (UnsafeBufferPointer<UInt8>.SubSequence) -> Void) {
        var text = text
        text.withUTF8 { b in
            var start = -1, end = -1
            for i in b.indices {
                let c = b[i]
                if c == 0x2C || c == 0x0A {
                    if start >= 0 { body(b[start..<end]) }
                    start = -1
                } else if c != 0x20 && c != 0x09 {
                    if start < 0 { start = i }
                    end = i + 1
                }
            }
            if start >= 0 { body(b[start..<end]) }
        }
    }

    /// FNV-1a over the bytes, ASCII letters lowercased; never 0 (0 marks an empty slot).
    static func hash<C: Collection>(_ bytes: C) -> UInt64 where C.Element == UInt8 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes {
            h ^= UInt64((b >= 0x41 && b <= 0x5A) ? b | 0x20 : b)
            h &*= 0x0000_0100_0000_01B3
        }
        return h == 0 ? 1 : h
    }

    /// The key of a pair of words ("cut over"), from their hashes.
    static func pair(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let h = (a &* 0x9E37_79B9_7F4A_7C15) ^ b
        return h == 0 ? 1 : h
    }

    mutating func insert(hash h: UInt64, flag: UInt8) {
        if (count + 1) * 2 > keys.count { grow() }
        var i = Int(truncatingIfNeeded: h) & mask
        while keys[i] != 0 && keys[i] != h { i = (i + 1) & mask }
        if keys[i] == 0 { keys[i] = h; count += 1 }
        marks[i] |= flag
    }

    mutating func insert(_ word: String, flag: UInt8 = 1) { insert(hash: Self.hash(word.utf8), flag: flag) }

    /// The flags of a word (0: not in the table).
    func flags(hash h: UInt64) -> UInt8 {
        var i = Int(truncatingIfNeeded: h) & mask
        while keys[i] != 0 {
            if keys[i] == h { return marks[i] }
            i = (i + 1) & mask
        }
        return 0
    }

    func flags(_ word: String) -> UInt8 { flags(hash: Self.hash(word.utf8)) }
    func contains(_ word: String) -> Bool { flags(word) != 0 }
    func contains(hash h: UInt64) -> Bool { flags(hash: h) != 0 }

    private mutating func grow() {
        var bigger = WordTable(capacity: keys.count)
        for i in keys.indices where keys[i] != 0 { bigger.insert(hash: keys[i], flag: marks[i]) }
        self = bigger
    }
}
