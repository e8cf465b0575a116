/// A JSON value that remembers where it was written, so config errors can point at line and column.
public struct JSONNode: Sendable {
    public indirect enum Value: Sendable {
        case object([Member])
        case array([JSONNode])
        case string(String)
        case number(Double, isInteger: Bool)
        case bool(Bool)
        case null
    }

    public struct Member: Sendable {
        public var key: String
        public var keyRange: SourceRange
        public var value: JSONNode
    }

    public var value: Value
    public var range: SourceRange

    public var typeName: String {
        switch value {
        case .object: "object"
        case .array: "array"
        case .string: "string"
        case .number(_, let isInteger): isInteger ? "integer" : "number"
        case .bool: "boolean"
        case .null: "null"
        }
    }
}

public struct JSONError: Error, Sendable {
    public var message: String
    public var offset: Int
}

/// Strict JSON (RFC 8259): no comments, no trailing commas; nesting limited to 256 levels.
public struct JSONParser {
    let b: [UInt8]
    var i = 0
    var depth = 0

    public static func parse(_ bytes: [UInt8]) throws(JSONError) -> JSONNode {
        var p = JSONParser(b: bytes)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { p.i = 3 }
        p.skipSpace()
        let v = try p.value()
        p.skipSpace()
        if p.i < bytes.count { throw JSONError(message: "unexpected text after the JSON value", offset: p.i) }
        return v
    }

    mutating func skipSpace() {
        while i < b.count && (b[i] == 0x20 || b[i] == 0x09 || b[i] == 0x0A || b[i] == 0x0D) { i += 1 }
        if i + 1 < b.count && b[i] == UInt8(ascii: "/") && (b[i + 1] == UInt8(ascii: "/") || b[i + 1] == UInt8(ascii: "*")) {
            // Reported here rather than as a confusing "unexpected character".
            return
        }
    }

    func describe(_ at: Int) -> String {
        guard at < b.count else { return "end of file" }
        let c = b[at]
        if c == UInt8(ascii: "/") { return "a comment (JSON has no comments)" }
        if c >= 0x21 && c < 0x7F { return "`\(Character(UnicodeScalar(c)))`" }
        return "byte 0x\(String(c, radix: 16))"
    }

    mutating func value() throws(JSONError) -> JSONNode {
        guard i < b.count else { throw JSONError(message: "expected a value, found end of file", offset: i) }
        let start = i
        switch b[i] {
        case UInt8(ascii: "{"):
            depth += 1
            if depth > 256 { throw JSONError(message: "nested too deeply", offset: i) }
            defer { depth -= 1 }
            i += 1
            var members: [JSONNode.Member] = []
            skipSpace()
            if i < b.count && b[i] == UInt8(ascii: "}") {
                i += 1
                return JSONNode(value: .object(members), range: SourceRange(start: start, end: i))
            }
            while true {
                skipSpace()
                guard i < b.count, b[i] == UInt8(ascii: "\"") else {
                    throw JSONError(message: "expected a key in double quotes, found \(describe(i))", offset: i)
                }
                let keyStart = i
                let key = try string()
                let keyRange = SourceRange(start: keyStart, end: i)
                skipSpace()
                guard i < b.count, b[i] == UInt8(ascii: ":") else { throw JSONError(message: "expected `:` after the key, found \(describe(i))", offset: i) }
                i += 1
                skipSpace()
                let v = try value()
                members.append(JSONNode.Member(key: key, keyRange: keyRange, value: v))
                skipSpace()
                guard i < b.count else { throw JSONError(message: "expected `,` or `}`, found end of file", offset: i) }
                if b[i] == UInt8(ascii: ",") {
                    let comma = i
                    i += 1
                    skipSpace()
                    if i < b.count && b[i] == UInt8(ascii: "}") { throw JSONError(message: "trailing comma before `}` (not allowed in JSON)", offset: comma) }
                    continue
                }
                if b[i] == UInt8(ascii: "}") { i += 1; break }
                throw JSONError(message: "expected `,` or `}`, found \(describe(i))", offset: i)
            }
            return JSONNode(value: .object(members), range: SourceRange(start: start, end: i))
        case UInt8(ascii: "["):
            depth += 1
            if depth > 256 { throw JSONError(message: "nested too deeply", offset: i) }
            defer { depth -= 1 }
            i += 1
            var items: [JSONNode] = []
            skipSpace()
            if i < b.count && b[i] == UInt8(ascii: "]") {
                i += 1
                return JSONNode(value: .array(items), range: SourceRange(start: start, end: i))
            }
            while true {
                skipSpace()
                items.append(try value())
                skipSpace()
                guard i < b.count else { throw JSONError(message: "expected `,` or `]`, found end of file", offset: i) }
                if b[i] == UInt8(ascii: ",") {
                    let comma = i
                    i += 1
                    skipSpace()
                    if i < b.count && b[i] == UInt8(ascii: "]") { throw JSONError(message: "trailing comma before `]` (not allowed in JSON)", offset: comma) }
                    continue
                }
                if b[i] == UInt8(ascii: "]") { i += 1; break }
                throw JSONError(message: "expected `,` or `]`, found \(describe(i))", offset: i)
            }
            return JSONNode(value: .array(items), range: SourceRange(start: start, end: i))
        case UInt8(ascii: "\""):
            let s = try string()
            return JSONNode(value: .string(s), range: SourceRange(start: start, end: i))
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
            for (word, v) in [("true", JSONNode.Value.bool(true)), ("false", .bool(false)), ("null", .null)] {
                let w = Array(word.utf8)
                if i + w.count <= b.count && Array(b[i..<(i + w.count)]) == w {
                    i += w.count
                    return JSONNode(value: v, range: SourceRange(start: start, end: i))
                }
            }
            throw JSONError(message: "expected a value, found \(describe(i))", offset: i)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try number()
        default:
            throw JSONError(message: "expected a value, found \(describe(i))", offset: i)
        }
    }

    /// The largest integer a Double holds exactly (2^53): larger ones would be rounded without a word.
    static let maxExactInteger: UInt64 = 1 << 53

    mutating func number() throws(JSONError) -> JSONNode {
        let start = i
        if b[i] == UInt8(ascii: "-") { i += 1 }
        func digits(_ p: inout JSONParser) -> Int {
            let s = p.i
            while p.i < p.b.count && p.b[p.i] >= 0x30 && p.b[p.i] <= 0x39 { p.i += 1 }
            return p.i - s
        }
        let intStart = i
        let intDigits = digits(&self)
        guard intDigits > 0 else { throw JSONError(message: "expected digits", offset: i) }
        if intDigits > 1 && b[intStart] == UInt8(ascii: "0") {
            throw JSONError(message: "a number cannot start with 0 followed by digits (JSON has no leading zeros)", offset: intStart)
        }
        var isInteger = true
        if i < b.count && b[i] == UInt8(ascii: ".") {
            i += 1
            isInteger = false
            guard digits(&self) > 0 else { throw JSONError(message: "expected digits after `.`", offset: i) }
        }
        if i < b.count && (b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E")) {
            i += 1
            isInteger = false
            if i < b.count && (b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-")) { i += 1 }
            guard digits(&self) > 0 else { throw JSONError(message: "expected digits in the exponent", offset: i) }
        }
        if isInteger {
            // Exact, digit by digit: a Double would round 9007199254740993 to ...992 silently.
            var n: UInt64 = 0
            for k in intStart..<i {
                n = n * 10 + UInt64(b[k] - 0x30)
                if n > Self.maxExactInteger {
                    throw JSONError(message: "integer too large: above 2^53 (9007199254740992) it cannot be kept exactly", offset: start)
                }
            }
        }
        let text = String(decoding: b[start..<i], as: UTF8.self)
        guard let v = Double(text) else { throw JSONError(message: "bad number", offset: start) }
        guard v.isFinite else { throw JSONError(message: "number out of range (too large for a 64-bit float)", offset: start) }
        return JSONNode(value: .number(v, isInteger: isInteger), range: SourceRange(start: start, end: i))
    }

    mutating func string() throws(JSONError) -> String {
        let start = i
        i += 1
        var out: [UInt8] = []
        while true {
            guard i < b.count else { throw JSONError(message: "string is never closed", offset: start) }
            let c = b[i]
            if c == UInt8(ascii: "\"") { i += 1; break }
            if c < 0x20 { throw JSONError(message: "control character in a string (escape it)", offset: i) }
            if c == UInt8(ascii: "\\") {
                guard i + 1 < b.count else { throw JSONError(message: "string is never closed", offset: start) }
                let e = b[i + 1]
                i += 2
                switch e {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "/"): out.append(0x2F)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var code = try hex4()
                    if (0xD800...0xDBFF).contains(code), i + 1 < b.count, b[i] == UInt8(ascii: "\\"), b[i + 1] == UInt8(ascii: "u") {
                        let next = i
                        i += 2
                        let low = try hex4()
                        if (0xDC00...0xDFFF).contains(low) {
                            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            i = next  // not a low surrogate: it is read again as a character of its own
                        }
                    }
                    // A lone surrogate is not a character: it becomes U+FFFD, and what follows it is kept.
                    let scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
                    out.append(contentsOf: Array(String(Character(scalar)).utf8))
                default:
                    throw JSONError(message: "unknown escape `\\\(Character(UnicodeScalar(e)))`", offset: i - 2)
                }
                continue
            }
            out.append(c)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    mutating func hex4() throws(JSONError) -> UInt32 {
        guard i + 4 <= b.count else { throw JSONError(message: "expected four hex digits", offset: i) }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = b[i]
            let d: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - 48)
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - 87)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - 55)
            default: throw JSONError(message: "expected four hex digits", offset: i)
            }
            v = v * 16 + d
            i += 1
        }
        return v
    }
}
