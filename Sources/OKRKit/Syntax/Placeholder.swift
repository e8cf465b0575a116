/// Placeholders where a metric's number belongs (Grammar.md, key results): `0 -> X users`, `>= X%`, `$X`, `TBD`.
extension ValueReader {
    /// The words a number not written yet is written as (`X`, `XX`, `N`, `TBD`, `??`), in a metric's baseline, target
    /// or level, after an optional sign and currency sign, before an optional `%` or unit.
    static let placeholders: Set<String> = ["x", "xx", "xxx", "n", "nn", "tbd", "tbc", "tba", "?", "??", "???"]

    /// Whether `b[a..<e]` starts with a placeholder instead of a number (`X`, `$X`, `X%`, `TBD`, `?? users`).
    static func startsWithPlaceholder(_ b: [UInt8], _ a0: Int, _ e0: Int) -> Bool {
        var (i, e) = trimmed(b, a0, e0)
        if i < e && (b[i] == 0x2B || b[i] == 0x2D) { i += 1 }
        for (sign, _) in currencies where hasPrefix(b, sign, at: i, end: e) { i += sign.count; break }
        let start = i
        while i < e, b[i] != 0x20 && b[i] != 0x25 && b[i] != 0x09 { i += 1 }
        guard i > start, i - start <= 3 else { return false }
        return placeholders.contains(String(decoding: b[start..<i], as: UTF8.self).lowercased())
    }

    /// A metric with a placeholder where a number belongs: `0 -> X internships`, `>= X%`, `$X`, `TBD`.
    static func placeholderMetric(_ b: [UInt8], _ a: Int, _ e: Int) -> Metric? {
        let r = SourceRange(start: a, end: e)
        var k = a
        while k < e {
            let len = hasPrefix(b, arrow, at: k, end: e) ? 2 : (hasPrefix(b, unicodeArrow, at: k, end: e) ? 3 : 0)
            if len > 0 {
                guard startsWithPlaceholder(b, a, k) || startsWithPlaceholder(b, k + len, e) else { return nil }
                let base = try? quantity(b, a, k).get()
                return Metric(kind: .placeholder, baseline: base, target: nil, unit: base?.unit ?? "", unitKey: base?.unitKey ?? "", range: r)
            }
            k += 1
        }
        for (p, _, _) in thresholds where hasPrefixFolded(b, p, at: a, end: e) {
            return startsWithPlaceholder(b, a + p.count, e) ? Metric(kind: .placeholder, baseline: nil, target: nil, unit: "", unitKey: "", range: r) : nil
        }
        return startsWithPlaceholder(b, a, e) ? Metric(kind: .placeholder, baseline: nil, target: nil, unit: "", unitKey: "", range: r) : nil
    }
}
