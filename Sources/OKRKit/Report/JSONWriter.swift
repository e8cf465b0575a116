/// A small JSON writer with keys in the order they are written, for stable, diff-friendly output.
public struct JSONWriter: Sendable {
    public private(set) var output = ""
    private var needsComma: [Bool] = [false]
    private let pretty: Bool
    private var depth: Int { needsComma.count - 1 }

    public init(pretty: Bool = true) { self.pretty = pretty }

    public static func quote(_ s: String) -> String {
        var r = "\""
        r.reserveCapacity(s.utf8.count + 2)
        for ch in s.unicodeScalars {
            switch ch {
            case "\"": r += "\\\""
            case "\\": r += "\\\\"
            case "\n": r += "\\n"
            case "\r": r += "\\r"
            case "\t": r += "\\t"
            default:
                if ch.value < 0x20 || ch.value == 0x7F || ch.value == 0x2028 || ch.value == 0x2029 {
                    let hex = String(ch.value, radix: 16)
                    r += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    r.unicodeScalars.append(ch)
                }
            }
        }
        return r + "\""
    }

    private mutating func separate() {
        if needsComma[depth] { output += "," }
        needsComma[depth] = true
        if pretty && depth > 0 { output += "\n" + String(repeating: "  ", count: depth) }
    }

    private mutating func key(_ k: String?) {
        separate()
        if let k { output += JSONWriter.quote(k) + (pretty ? ": " : ":") }
    }

    public mutating func beginObject(_ k: String? = nil) { key(k); output += "{"; needsComma.append(false) }
    public mutating func beginArray(_ k: String? = nil) { key(k); output += "["; needsComma.append(false) }

    public mutating func endObject() { close("}") }
    public mutating func endArray() { close("]") }

    private mutating func close(_ c: String) {
        let hadItems = needsComma.removeLast()
        if pretty && hadItems { output += "\n" + String(repeating: "  ", count: depth) }
        output += c
    }

    public mutating func string(_ k: String?, _ v: String) { key(k); output += JSONWriter.quote(v) }
    public mutating func int(_ k: String?, _ v: Int) { key(k); output += String(v) }
    public mutating func number(_ k: String?, _ v: Double) {
        key(k)
        output += v.isFinite ? formatNumber(v) : "null"
    }
    public mutating func bool(_ k: String?, _ v: Bool) { key(k); output += v ? "true" : "false" }
    public mutating func null(_ k: String?) { key(k); output += "null" }
    public mutating func optionalString(_ k: String?, _ v: String?) {
        if let v { string(k, v) } else { null(k) }
    }
}
