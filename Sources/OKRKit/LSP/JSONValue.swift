/// A JSON value for the language server's messages: read from `JSONParser`'s nodes, built with literals, written
/// compactly. Objects keep their keys in order (a message reads the same each time it is written).
public enum JSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSON])
    case object([(String, JSON)])
    /// JSON text written already (a large array of diagnostics, written in place rather than built as values). Read
    /// through the accessors below it is parsed, which only tests do.
    case raw([UInt8])
    /// JSON text written when it is sent, in pieces (`JSONStream`): a message too large to hold whole.
    case stream(JSONStream)

    /// The value itself; `.raw` and `.stream` text parsed (`.null` if it does not parse).
    var resolved: JSON {
        switch self {
        case .raw, .stream: return (try? JSON.parse(bytes)) ?? .null
        default: return self
        }
    }

    var isWritten: Bool {
        switch self {
        case .raw, .stream: return true
        default: return false
        }
    }

    public static func == (a: JSON, b: JSON) -> Bool {
        if a.isWritten { return a.resolved == b }
        if b.isWritten { return a == b.resolved }
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.double(let x), .double(let y)): return x == y
        case (.int(let x), .double(let y)), (.double(let y), .int(let x)): return Double(x) == y
        case (.string(let x), .string(let y)): return x == y
        case (.array(let x), .array(let y)): return x == y
        case (.object(let x), .object(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    /// Reads bytes as JSON (RFC 8259, nesting limited by the parser).
    public static func parse(_ bytes: [UInt8]) throws(JSONError) -> JSON {
        JSON(try JSONParser.parse(bytes))
    }

    public init(_ node: JSONNode) {
        switch node.value {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .string(let s): self = .string(s)
        case .number(let d, let isInteger):
            // The parser keeps integers exact up to 2^53, well inside Int.
            self = isInteger && abs(d) <= 9_007_199_254_740_992 ? .int(Int(d)) : .double(d)
        case .array(let items): self = .array(items.map(JSON.init))
        case .object(let members): self = .object(members.map { ($0.key, JSON($0.value)) })
        }
    }

    /// The member `key` of an object (the first, if repeated); nil for anything else.
    public subscript(key: String) -> JSON? {
        guard case .object(let members) = resolved else { return nil }
        return members.first { $0.0 == key }?.1
    }

    public var string: String? { if case .string(let s) = resolved { return s }; return nil }
    public var int: Int? {
        switch resolved {
        case .int(let i): return i
        case .double(let d) where d == d.rounded() && abs(d) < 9e15: return Int(d)
        default: return nil
        }
    }
    public var bool: Bool? { if case .bool(let b) = resolved { return b }; return nil }
    public var array: [JSON]? { if case .array(let a) = resolved { return a }; return nil }
    public var isObject: Bool { if case .object = resolved { return true }; return false }
    public var isNull: Bool { if case .null = resolved { return true }; return false }

    /// Compact JSON text.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Compact JSON as UTF-8 bytes (what goes on the wire: no `String` appends, which dominated the time to publish
    /// a few hundred findings).
    public var bytes: [UInt8] {
        if case .raw(let written) = self { return written }
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(to: &out)
        return out
    }

    public func write(to out: inout [UInt8]) {
        switch self {
        case .null: out += JSON.nullBytes
        case .bool(let b): out += b ? JSON.trueBytes : JSON.falseBytes
        case .int(let i): out += String(i).utf8
        case .double(let d):
            if !d.isFinite { out += JSON.nullBytes } else if d == d.rounded() && abs(d) < 1e15 { out += String(Int(d)).utf8 } else { out += "\(d)".utf8 }
        case .string(let s): JSON.appendQuoted(s, to: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (i, v) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                v.write(to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (i, m) in members.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                JSON.appendQuoted(m.0, to: &out)
                out.append(UInt8(ascii: ":"))
                m.1.write(to: &out)
            }
            out.append(UInt8(ascii: "}"))
        case .raw(let bytes):
            out += bytes
        case .stream(let s):
            _ = s.write { out += $0; $0.removeAll(keepingCapacity: true); return true }
        }
    }

    /// Whether the value holds a `.stream` (its text is best written in pieces, `write(to:flush:)`).
    public var hasStream: Bool {
        switch self {
        case .stream: return true
        case .array(let items): return items.contains { $0.hasStream }
        case .object(let members): return members.contains { $0.1.hasStream }
        default: return false
        }
    }

    /// The length of the compact text, streams counted without being written.
    public var writtenCount: Int {
        switch self {
        case .stream(let s): return s.count
        case .raw(let b): return b.count
        case .array(let items): return 2 + max(0, items.count - 1) + items.reduce(0) { $0 + $1.writtenCount }
        case .object(let members):
            var n = 2 + max(0, members.count - 1) + members.count
            for m in members {
                var key: [UInt8] = []
                JSON.appendQuoted(m.0, to: &key)
                n += key.count + m.1.writtenCount
            }
            return n
        default:
            var out: [UInt8] = []
            write(to: &out)
            return out.count
        }
    }

    /// Writes the compact text into `out`, handing it to `flush` (which empties it) whenever it holds a megabyte or
    /// more, and streams piece by piece; false when `flush` does.
    public func write(to out: inout [UInt8], flush: (inout [UInt8]) -> Bool) -> Bool {
        switch self {
        case .stream(let s):
            guard out.isEmpty || flush(&out) else { return false }
            return s.write(flush)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (i, v) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                guard v.write(to: &out, flush: flush) else { return false }
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (i, m) in members.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                JSON.appendQuoted(m.0, to: &out)
                out.append(UInt8(ascii: ":"))
                guard m.1.write(to: &out, flush: flush) else { return false }
            }
            out.append(UInt8(ascii: "}"))
        default:
            write(to: &out)
        }
        return out.count < JSONStream.chunk || flush(&out)
    }

    static let nullBytes = Array("null".utf8), trueBytes = Array("true".utf8), falseBytes = Array("false".utf8)
    static let hexDigits = Array("0123456789abcdef".utf8)

    /// A JSON string literal, escaped as `JSONWriter` escapes (controls, C1, bidi controls and line separators as
    /// `\uXXXX`); ASCII runs are copied as they are.
    static func appendQuoted(_ s: String, to out: inout [UInt8]) {
        out.append(0x22)
        var s = s
        s.withUTF8 { u in
            // Runs of bytes that need nothing are copied whole. `SafeText.isUnsafe` scalars are below U+0020, U+007F,
            // C1 controls (lead byte C2) and U+2028–U+202E / U+2066–U+2069 (lead byte E2): only those are decoded.
            // The text is a `String`, so its UTF-8 is valid and a lead byte's continuation bytes are there.
            var run = 0
            var i = 0
            let n = u.count
            func escape(_ v: UInt32, _ width: Int) {
                out.append(contentsOf: u[run..<i])
                switch v {
                case 0x22: out.append(0x5C); out.append(0x22)
                case 0x5C: out.append(0x5C); out.append(0x5C)
                case 0x0A: out.append(0x5C); out.append(UInt8(ascii: "n"))
                case 0x0D: out.append(0x5C); out.append(UInt8(ascii: "r"))
                case 0x09: out.append(0x5C); out.append(UInt8(ascii: "t"))
                default:
                    out.append(0x5C); out.append(UInt8(ascii: "u"))
                    out.append(hexDigits[Int(v >> 12 & 15)]); out.append(hexDigits[Int(v >> 8 & 15)])
                    out.append(hexDigits[Int(v >> 4 & 15)]); out.append(hexDigits[Int(v & 15)])
                }
                i += width
                run = i
            }
            while i < n {
                let b = u[i]
                if b < 0x20 || b == 0x22 || b == 0x5C || b == 0x7F {
                    escape(UInt32(b), 1)
                } else if b == 0xC2 && i + 1 < n, case let v = 0x80 | UInt32(u[i + 1] & 0x3F), SafeText.isUnsafe(v) {
                    escape(v, 2)
                } else if b == 0xE2 && i + 2 < n, case let v = (UInt32(b & 0x0F) << 12) | (UInt32(u[i + 1] & 0x3F) << 6) | UInt32(u[i + 2] & 0x3F),
                          SafeText.isUnsafe(v) {
                    escape(v, 3)
                } else {
                    i += 1
                }
            }
            out.append(contentsOf: u[run..<n])
        }
        out.append(0x22)
    }
}

/// JSON text produced when it is written, in pieces of about `chunk` bytes, and its length known beforehand (a frame's
/// header comes first). The producer must write exactly `count` bytes, the same each time it is called.
public struct JSONStream: Sendable {
    public static let chunk = 1 << 20
    public let count: Int
    /// Writes the text, handing each piece to `flush` (which empties it); false when `flush` does.
    let produce: @Sendable ((inout [UInt8]) -> Bool) -> Bool

    init(count: Int, produce: @escaping @Sendable ((inout [UInt8]) -> Bool) -> Bool) {
        self.count = count
        self.produce = produce
    }

    func write(_ flush: (inout [UInt8]) -> Bool) -> Bool { produce(flush) }
}

extension JSON: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
                ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral,
                ExpressibleByFloatLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSON...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSON)...) { self = .object(elements) }
    public init(nilLiteral: ()) { self = .null }
    public init(floatLiteral value: Double) { self = .double(value) }
}
