/// `okrlint --statistics` (ruff's): findings counted per rule instead of listed, most frequent first, with how many
/// of them `--fix` can fix. Text for the terminal, or JSON with `--format json`.
public struct Statistics: Sendable {
    public struct Row: Sendable, Equatable {
        public var ruleID: String
        public var severity: Severity
        public var count: Int
        /// Findings with a safe fix (with `unsafeFixes`, any fix).
        public var fixable: Int
    }

    public let rows: [Row]

    public init(_ result: LintResult, unsafeFixes: Bool = false) {
        var byRule: [String: Row] = [:]
        for f in result.files {
            for d in f.diagnostics {
                var row = byRule[d.ruleID] ?? Row(ruleID: d.ruleID, severity: d.severity, count: 0, fixable: 0)
                row.count += 1
                if let fix = d.fix, unsafeFixes || fix.applicability == .safe { row.fixable += 1 }
                // A rule set to several severities in different folders shows its highest.
                if d.severity.rank > row.severity.rank { row.severity = d.severity }
                byRule[d.ruleID] = row
            }
        }
        rows = byRule.values.sorted { $0.count != $1.count ? $0.count > $1.count : $0.ruleID < $1.ruleID }
    }

    /// One line per rule: count, rule, severity, `[*] N fixable`, the rule's summary.
    public func text() -> String {
        let width = rows.map(\.ruleID.count).max() ?? 0
        let countWidth = String(rows.first?.count ?? 0).count
        var out = ""
        for r in rows {
            let count = String(r.count)
            let fix = r.fixable > 0 ? "[*] \(r.fixable) fixable" : ""
            out += String(repeating: " ", count: countWidth - count.count) + count + "  "
            out += r.ruleID + String(repeating: " ", count: width - r.ruleID.count) + "  "
            out += r.severity.rawValue + String(repeating: " ", count: 7 - r.severity.rawValue.count) + "  "
            out += fix + String(repeating: " ", count: max(0, 16 - fix.count)) + summary(r.ruleID) + "\n"
        }
        return out
    }

    public func json() -> String {
        var w = JSONWriter()
        w.beginArray()
        for r in rows {
            w.beginObject()
            w.string("code", r.ruleID)
            w.string("severity", r.severity.rawValue)
            w.int("count", r.count)
            w.int("fixable", r.fixable)
            w.string("summary", summary(r.ruleID))
            w.endObject()
        }
        w.endArray()
        return w.take() + "\n"
    }

    func summary(_ id: String) -> String {
        RuleInfo.all.first { $0.id == id }?.summary ?? ""
    }
}
