/// A stable, line-per-node text form of a document, used by Grammar.md examples and `okrlint dump`.
/// Positions are `@line:col-line:col` (1-based, columns in Unicode scalars, end exclusive).
public enum ASTDump {
    public static func dump(_ doc: Document) -> String {
        var out: [String] = []
        let src = doc.source
        func pos(_ r: SourceRange) -> String {
            let a = src.location(of: r.start)
            let b = src.location(of: r.end)
            return "@\(a.line):\(a.column)-\(b.line):\(b.column)"
        }
        func q(_ s: String) -> String {
            var r = "\""
            for ch in s.unicodeScalars {
                switch ch {
                case "\"": r += "\\\""
                case "\\": r += "\\\\"
                case "\t": r += "\\t"
                default:
                    // Controls, C1 and bidi overrides are written as escapes, never raw to the terminal.
                    if SafeText.isUnsafe(ch.value) { r += "\\u{\(String(ch.value, radix: 16, uppercase: true))}" } else { r.unicodeScalars.append(ch) }
                }
            }
            return r + "\""
        }
        func props(_ list: [Property], known: [String], indent: String) {
            for p in list where !known.contains(p.key.value) {
                out.append("\(indent)property \(p.key.value) \(q(doc.text(p.value))) \(pos(p.range))\(p.isDuplicate ? " duplicate" : "")")
            }
        }
        /// As written, plus the value read when the digits alone do not show it (`$4M (=4000000)`).
        func quantity(_ x: Quantity) -> String {
            let plain = x.lexeme.hasPrefix("+") ? String(x.lexeme.dropFirst()) : x.lexeme
            if x.unitKey.isEmpty && x.lexeme.first.map({ !$0.isNumber && $0 != "-" && $0 != "+" }) == true { return x.display }
            return formatNumber(x.value) == plain ? x.display : "\(x.display) (=\(formatNumber(x.value)))"
        }
        func metric(_ m: Metric) -> String {
            var line = "metric \(m.kind.rawValue)"
            if m.kind == .placeholder { return line + (m.baseline.map { " \(quantity($0)) -> ?" } ?? "") }
            if let b = m.baseline, !m.relative { line += " \(quantity(b)) ->" }
            if let t = m.target { line += " \(m.strict ? (m.kind == .stayAbove ? "> " : "< ") : "")\(quantity(t))" }
            if m.relative { line += " (relative)" }
            return line
        }
        func initiative(_ i: Initiative, indent: String) {
            var line = "\(indent)initiative [\(i.done ? "x" : " ")] \(q(doc.text(i.title)))"
            if let o = i.owner { line += " owner=\(doc.text(o))" }
            if let d = i.due { line += " due=\(d.value)" }
            if let k = i.keyResultRef { line += " kr=\(doc.text(k))" }
            out.append(line + " " + pos(i.range))
            for sub in i.subItems {
                let box = sub.done.map { $0 ? "[x] " : "[ ] " } ?? ""
                out.append("\(indent)\(String(repeating: "  ", count: sub.depth))- \(box)\(q(doc.text(sub.text))) \(pos(sub.range))")
            }
        }
        func description(_ lines: [TextSpan], indent: String) {
            for l in lines { out.append("\(indent)text \(q(doc.text(l)))") }
        }

        let h = doc.header
        if let t = h.title { out.append("title \(q(doc.text(t))) \(pos(t.range))") }
        var fields: [String] = []
        if let v = h.formatVersion { fields.append("okr=\(doc.text(v))") }
        if let v = h.team { fields.append("team=\(doc.text(v))") }
        if let v = h.period {
            // Periods written other than `2026`, `2026-Q1`, `2026-H1`, `2026-03` show the dates they were read as.
            let u = Array(doc.source.bytes(v))
            let canonical = u.count == 4 || (u.count == 7 && u[4] == UInt8(ascii: "-") && u[0] != UInt8(ascii: "F"))
            if !canonical, let p = doc.period() {
                fields.append("period=\(doc.text(v)) (\(p.start)..\(p.end))")
            } else {
                fields.append("period=\(doc.text(v))")
            }
        }
        if let v = h.owner { fields.append("owner=\(doc.text(v))") }
        if let v = h.fiscalYearStart { fields.append("fiscal-year-start=\(v.value)") }
        if !fields.isEmpty { out.append("header " + fields.joined(separator: " ")) }
        props(h.properties, known: Parser.headerKeys, indent: "")
        description(h.description, indent: "")
        let sectionRanges = doc.sections.map(\.range)
        for i in doc.initiatives where !sectionRanges.contains(where: { $0.start <= i.range.start && i.range.end <= $0.end }) {
            initiative(i, indent: "")
        }
        for o in doc.objectives {
            out.append("objective \(doc.text(o.id) ?? "?") \(q(doc.text(o.title))) \(pos(o.range))")
            if let v = o.owner { out.append("  owner \(doc.text(v))") }
            if let t = o.type { out.append("  type \(t.value.rawValue)") }
            if let d = o.due { out.append("  due \(d.value)") }
            if let v = o.score { out.append("  score \(formatNumber(v.value))") }
            for l in o.aligns { out.append("  aligns \(l.display) \(pos(l.range))") }
            props(o.properties, known: Parser.objectiveKeys, indent: "  ")
            description(o.description, indent: "  ")
            for i in o.initiatives { initiative(i, indent: "  ") }
            for k in o.keyResults {
                out.append("  kr \(doc.text(k.id) ?? "?") \(q(doc.text(k.title))) \(pos(k.range))")
                if let m = k.metric { out.append("    " + metric(m)) }
                if let c = k.current { out.append("    current \(quantity(c))") }
                if let c = k.confidence { out.append("    confidence \(formatNumber(c.value))") }
                if let v = k.owner { out.append("    owner \(doc.text(v))") }
                if let d = k.due { out.append("    due \(d.value)") }
                if let w = k.weight { out.append("    weight \(formatNumber(w.value))") }
                if let v = k.score { out.append("    score \(formatNumber(v.value))") }
                if let v = k.carriedFrom { out.append("    carried-from \(doc.text(v))") }
                props(k.properties, known: Parser.keyResultKeys, indent: "    ")
                description(k.description, indent: "    ")
                for i in k.initiatives { initiative(i, indent: "    ") }
            }
        }
        for s in doc.sections {
            out.append("section \(s.kind.rawValue) \(pos(s.range))")
            if s.kind == .initiatives {
                for i in doc.initiatives where s.range.start <= i.range.start && i.range.end <= s.range.end {
                    initiative(i, indent: "  ")
                }
            }
            if s.kind == .checkIns {
                for c in doc.checkIns where s.range.start <= c.range.start && c.range.end <= s.range.end {
                    var line = "  checkin \(doc.text(c.dateText)) \(doc.text(c.keyResultID))"
                    if let v = c.value { line += " \(quantity(v))" }
                    if let v = c.confidence { line += " confidence=\(formatNumber(v.value))" }
                    if let n = c.note { line += " note=\(q(doc.text(n)))" }
                    out.append(line + " " + pos(c.range))
                }
            }
            description(s.lines, indent: "  ")
        }
        for c in doc.comments { out.append("comment \(q(c.text)) \(pos(c.range))") }
        for d in doc.syntaxDiagnostics {
            out.append("error \(pos(d.range)) \(d.message)")
        }
        return out.joined(separator: "\n")
    }
}
