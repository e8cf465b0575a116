/// `okrlint report --format text`: 80 columns, progress bars, colour only when asked (on a terminal). Every text
/// from a file goes through `SafeText.escape`.
public struct ReportText: Sendable {
    public var color = false
    public var width = 80
    public init(color: Bool = false) { self.color = color }

    func paint(_ s: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }

    func bandColor(_ b: Band?) -> String {
        switch b { case .red: "31"; case .yellow: "33"; case .green: "32"; case nil: "2" }
    }

    /// `████████░░ 62%` in the band's colour (ten cells).
    func bar(_ p: Double?) -> String {
        guard let p else { return paint("░░░░░░░░░░", "2") + "    –" }
        let filled = Int((min(1, max(0, p)) * 10).rounded())
        let pct = ReportModel.percent(p)
        return paint(String(repeating: "█", count: filled), bandColor(Band(p))) + paint(String(repeating: "░", count: 10 - filled), "2")
            + String(repeating: " ", count: 5 - pct.count) + pct
    }

    /// `s` escaped and cut to `n` characters (Unicode scalars), padded to `n` when `pad`.
    static func fit(_ s: String, _ n: Int, pad: Bool = true) -> String {
        let safe = SafeText.escape(s)
        let scalars = Array(safe.unicodeScalars)
        var out = String.UnicodeScalarView()
        if scalars.count > n {
            out.append(contentsOf: scalars.prefix(max(0, n - 1)))
            out.append("…")
        } else {
            out.append(contentsOf: scalars)
        }
        let text = String(out)
        return pad ? text + String(repeating: " ", count: max(0, n - out.count)) : text
    }

    static func trend(_ values: [Double]) -> String {
        guard values.count >= 2, let a = values.dropLast().last, let b = values.last else { return "" }
        return b > a + 1e-9 ? " ↗" : (b < a - 1e-9 ? " ↘" : " →")
    }

    public func render(_ m: ReportModel) -> String {
        var out = ""
        let c = m.bandCounts
        out += paint("OKR report", "1") + " · \(m.today) · \(m.teams.count) files, \(m.objectiveCount) objectives, \(m.keyResultCount) key results\n"
        out += "Progress \(ReportModel.percent(m.overallProgress)) overall · key results \(paint("\(c.red) red", "31")), "
            + "\(paint("\(c.yellow) yellow", "33")), \(paint("\(c.green) green", "32")), \(c.none) unmeasured\n"
        out += "Findings: \(m.count(.error)) errors, \(m.count(.warning)) warnings, \(m.count(.info)) notes\n"

        out += "\n" + paint("Needs attention first", "1") + "\n"
        if m.attention.isEmpty { out += "  nothing: no key result is behind, stale or doubted, and every objective is aligned\n" }
        for a in m.attention.prefix(20) {
            let at = a.line > 0 ? "\(Path.clean(a.path)):\(a.line)" : Path.clean(a.path)
            out += "  " + Self.fit(a.kind.label, 16) + " " + Self.fit(at, 22) + " " + Self.fit(a.message, width - 43, pad: false) + "\n"
        }
        if m.attention.count > 20 { out += "  … and \(m.attention.count - 20) more\n" }

        out += "\n" + paint("Alignment", "1") + "\n"
        var lines = 0
        func walk(_ n: ReportModel.TreeNode, _ depth: Int) {
            guard lines < 200 else { return }
            lines += 1
            let (_, o) = m.objective(n.document, n.objective)
            let indent = String(repeating: "  ", count: min(depth, 6) + 1)
            let name = Self.fit(m.name(n.document, n.objective), 18)
            let titleWidth = max(8, width - indent.count - 18 - 1 - 16 - 1)
            out += indent + name + " " + Self.fit(n.repeated ? "(also above)" : o.title, titleWidth) + " " + bar(o.progress) + "\n"
            for k in n.children { walk(k, depth + 1) }
        }
        for r in m.tree { walk(r, 0) }
        if lines >= 200 { out += "  … (the first 200 lines; `okrlint graph` draws all)\n" }

        for t in m.teams {
            let numbers = " · progress \(ReportModel.percent(t.progress)), expected \(ReportModel.percent(t.expected))"
            let name = [t.team ?? Path.clean(t.path), t.period].compactMap { $0 }.joined(separator: " · ") + (t.owner.map { " · " + $0 } ?? "")
            out += "\n" + paint(Self.fit(name, width - numbers.unicodeScalars.count, pad: false), "1") + numbers + "\n"
            for o in t.objectives {
                out += "  " + Self.fit(o.id ?? "", 6) + " " + Self.fit(o.title, width - 2 - 6 - 1 - 16 - 1) + " " + bar(o.progress) + "\n"
                for k in o.keyResults {
                    out += "    " + Self.fit(k.id ?? "", 7) + " " + Self.fit(k.title, width - 4 - 7 - 1 - 16 - 1) + " " + bar(k.progress) + "\n"
                    var facts: [String] = []
                    if let cur = k.current { facts.append("now \(SafeText.escape(cur))") }
                    if let conf = k.confidence { facts.append("confidence \(ReportModel.decimal(conf))" + Self.trend(k.confidenceTrend)) }
                    if let owner = k.owner { facts.append(SafeText.escape(owner)) }
                    facts.append(k.daysSinceCheckIn.map { $0 == 0 ? "checked in today" : "checked in \($0) d ago" } ?? "no check-in")
                    if !facts.isEmpty { out += "            " + Self.fit(facts.joined(separator: " · "), width - 12, pad: false) + "\n" }
                }
            }
        }
        return out
    }
}

/// `okrlint report --format markdown`: for a pull-request comment or `$GITHUB_STEP_SUMMARY` (GitHub-flavoured
/// tables, no HTML). Text from files goes through `MarkdownText.escapeInline`, so it cannot form links (autolinks
/// included), images, HTML, table cells or mentions; owners and paths are code spans (`MarkdownText.codeSpan`).
public struct ReportMarkdown: Sendable {
    public init() {}

    static func dot(_ b: Band?) -> String {
        switch b { case .red: "🔴"; case .yellow: "🟡"; case .green: "🟢"; case nil: "⚪" }
    }

    static func trend(_ values: [Double]) -> String {
        guard values.count >= 2 else { return "" }
        return ReportText.trend(values) + " (" + values.suffix(6).map(ReportModel.decimal).joined(separator: " → ") + ")"
    }

    public func render(_ m: ReportModel) -> String {
        let c = m.bandCounts
        var out = "## OKR report · \(m.today)\n\n"
        out += "**\(m.teams.count) files · \(m.objectiveCount) objectives · \(m.keyResultCount) key results · \(ReportModel.percent(m.overallProgress)) overall.** "
        out += "Key results: 🔴 \(c.red) · 🟡 \(c.yellow) · 🟢 \(c.green) · ⚪ \(c.none) without progress. "
        out += "Findings: \(m.count(.error)) errors, \(m.count(.warning)) warnings, \(m.count(.info)) notes.\n\n"
        out += "### Needs attention first\n\n"
        if m.attention.isEmpty {
            out += "Nothing: no key result is behind, stale or doubted, and every objective is aligned.\n"
        } else {
            out += "| | Where | What |\n|---|---|---|\n"
            for a in m.attention.prefix(50) {
                out += "| \(a.kind.label) | \(MarkdownText.codeSpan(Path.clean(a.path) + (a.line > 0 ? ":\(a.line)" : ""))) | \(MarkdownText.escapeInline(a.message)) |\n"
            }
            if m.attention.count > 50 { out += "\n… and \(m.attention.count - 50) more.\n" }
        }
        out += "\n### Alignment\n\n"
        var lines = 0
        func walk(_ n: ReportModel.TreeNode, _ depth: Int) {
            guard lines < 200 else { return }
            lines += 1
            let (_, o) = m.objective(n.document, n.objective)
            out += String(repeating: "  ", count: min(depth, 8)) + "- \(Self.dot(o.band)) **\(MarkdownText.escapeInline(m.name(n.document, n.objective)))** "
            out += n.repeated ? "(also above)\n" : "\(MarkdownText.escapeInline(o.title)) · \(ReportModel.percent(o.progress))\n"
            for k in n.children { walk(k, depth + 1) }
        }
        for r in m.tree { walk(r, 0) }
        if lines >= 200 { out += "\n… the first 200; `okrlint graph` draws all.\n" }
        for t in m.teams {
            out += "\n### \(MarkdownText.escapeInline([t.team ?? Path.clean(t.path), t.period].compactMap { $0 }.joined(separator: " · ")))\n\n"
            out += "Progress \(ReportModel.percent(t.progress)), expected by today \(ReportModel.percent(t.expected))"
            out += (t.owner.map { " · owner \(MarkdownText.codeSpan($0))" } ?? "") + " · \(MarkdownText.codeSpan(Path.clean(t.path)))\n\n"
            out += "| | Objective / key result | Progress | Confidence | Owner | Last check-in |\n|---|---|---|---|---|---|\n"
            for o in t.objectives {
                out += "| \(Self.dot(o.band)) | **\(MarkdownText.escapeInline(o.id ?? ""))** \(MarkdownText.escapeInline(o.title)) | **\(ReportModel.percent(o.progress))** | | \(o.owner.map(MarkdownText.codeSpan) ?? "") | |\n"
                for k in o.keyResults {
                    let current = k.current.map { " (\(MarkdownText.escapeInline($0)))" } ?? ""
                    out += "| \(Self.dot(k.band)) | ↳ \(MarkdownText.escapeInline(k.id ?? "")) \(MarkdownText.escapeInline(k.title)) | \(ReportModel.percent(k.progress))\(current) | "
                    out += "\(k.confidence.map(ReportModel.decimal) ?? "")\(Self.trend(k.confidenceTrend)) | \(k.owner.map(MarkdownText.codeSpan) ?? "") | "
                    out += "\(k.daysSinceCheckIn.map { "\($0) d ago" } ?? "none") |\n"
                }
            }
        }
        return out
    }
}
