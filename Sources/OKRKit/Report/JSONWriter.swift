/// A small JSON writer with keys in the order they are written, for stable, diff-friendly output.
public struct JSONWriter: Sendable {
    public private(set) var output = ""
    private var needsComma: [Bool] = [false]
    private let pretty: Bool
    /// How many arrays and objects are open.
    public var depth: Int { needsComma.count - 1 }

    public init(pretty: Bool = true) { self.pretty = pretty }

    /// A writer for items of an array open at `depth` in another writer, to be added there with `items(_:)`.
    public init(pretty: Bool = true, itemsAt depth: Int) {
        self.pretty = pretty
        needsComma = Array(repeating: false, count: depth + 1)
    }

    /// Hands over what was written so far and starts an empty buffer; the nesting goes on (for writing a large
    /// document in chunks).
    public mutating func take() -> String {
        defer { output = "" }
        return output
    }

    /// Reserves room for `n` more bytes of output.
    public mutating func reserve(_ n: Int) { output.reserveCapacity(output.utf8.count + n) }

    /// Adds the items written by a writer made with `init(itemsAt: depth)` at the same depth.
    public mutating func items(_ fragment: String) {
        guard !fragment.isEmpty else { return }
        if needsComma[depth] { output += "," }
        needsComma[depth] = true
        output += fragment
    }

    /// Records that the innermost open array or object has items (written elsewhere and joined in later), so it
    /// closes on a line of its own.
    public mutating func markItems() { needsComma[depth] = true }

    public static func quote(_ s: String) -> String {
        var r = ""
        appendQuoted(s, to: &r)
        return r
    }

    /// Appends `s` as a JSON string literal; text that needs no escaping is copied whole.
    static func appendQuoted(_ s: String, to r: inout String) {
        r += "\""
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 >= 0x7F }) {
            r += s
            r += "\""
            return
        }
        for ch in s.unicodeScalars {
            switch ch {
            case "\"": r += "\\\""
            case "\\": r += "\\\\"
            case "\n": r += "\\n"
            case "\r": r += "\\r"
            case "\t": r += "\\t"
            default:
                // Controls, C1, bidi overrides and line separators as `\uXXXX`: the same data, safe to `cat`.
                if SafeText.isUnsafe(ch.value) {
                    let hex = String(ch.value, radix: 16)
                    r += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    r.unicodeScalars.append(ch)
                }
            }
        }
        r += "\""
    }

    /// A newline and the indentation of each depth.
    static let indents: [String] = (0..<24).map { "\n" + String(repeating: "  ", count: $0) }

    private mutating func newline() {
        if depth < JSONWriter.indents.count {
            output += JSONWriter.indents[depth]
        } else {
            output += "\n"
            for _ in 0..<depth { output += "  " }
        }
    }

    private mutating func separate() {
        if needsComma[depth] { output += "," }
        needsComma[depth] = true
        if pretty && depth > 0 { newline() }
    }

    private mutating func key(_ k: String?) {
        separate()
        if let k {
            JSONWriter.appendQuoted(k, to: &output)
            output += pretty ? ": " : ":"
        }
    }

    public mutating func beginObject(_ k: String? = nil) { key(k); output += "{"; needsComma.append(false) }
    public mutating func beginArray(_ k: String? = nil) { key(k); output += "["; needsComma.append(false) }

    public mutating func endObject() { close("}") }
    public mutating func endArray() { close("]") }

    private mutating func close(_ c: String) {
        let hadItems = needsComma.removeLast()
        if pretty && hadItems { newline() }
        output += c
    }

    public mutating func string(_ k: String?, _ v: String) { key(k); JSONWriter.appendQuoted(v, to: &output) }
    /// Appends raw text after the document (a final newline).
    public mutating func raw(_ text: String) { output += text }
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
