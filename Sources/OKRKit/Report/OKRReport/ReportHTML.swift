/// `okrlint report --format html`: one self-contained page (inline CSS and SVG, no script, no network) a manager can
/// read and print: a summary header, what needs attention first, the alignment graph, a section per team with
/// progress bars (the mark on each bar is the progress expected by today), confidence sparklines from check-ins,
/// and the open findings. Every text from a file goes through `XML.text` (escaped, control characters made visible).
public struct ReportHTML: Sendable {
    public init() {}

    static func h(_ s: String) -> String { XML.text(s) }

    static let colors: [Band: String] = [.red: "#d32f2f", .yellow: "#f9a825", .green: "#388e3c"]
    static let fills: [Band: String] = [.red: "#ffcdd2", .yellow: "#fff3c4", .green: "#c8e6c9"]

    static let css = """
    :root { --ink: #1f2328; --muted: #656d76; --line: #d0d7de; --red: #d32f2f; --yellow: #f9a825; --green: #388e3c; }
    * { box-sizing: border-box; }
    body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: var(--ink);
           margin: 0 auto; max-width: 1100px; padding: 24px; }
    h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
    .muted { color: var(--muted); }
    .cards { display: flex; gap: 12px; flex-wrap: wrap; margin: 16px 0; }
    .card { border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; min-width: 150px; }
    .card b { display: block; font-size: 22px; }
    table { border-collapse: collapse; width: 100%; }
    th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: middle; }
    th { font-size: 12px; color: var(--muted); font-weight: 600; }
    tr.objective td { background: #f6f8fa; font-weight: 600; }
    td.kr { padding-left: 28px; }
    .bar { position: relative; width: 140px; height: 10px; background: #eaeef2; border-radius: 5px; display: inline-block; vertical-align: middle; }
    .bar > span { position: absolute; left: 0; top: 0; bottom: 0; border-radius: 5px; }
    .bar > i { position: absolute; top: -3px; bottom: -3px; width: 2px; background: var(--ink); }
    .pct { display: inline-block; width: 44px; text-align: right; font-variant-numeric: tabular-nums; }
    .band { display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin-right: 6px; }
    .tag { font-size: 12px; border-radius: 10px; padding: 1px 8px; background: #eaeef2; white-space: nowrap; }
    .tag.behind-schedule, .tag.unsupported { background: #ffcdd2; } .tag.stale, .tag.low-confidence { background: #fff3c4; }
    .tag.unaligned { background: #e1e4e8; }
    svg.graph { width: 100%; height: auto; border: 1px solid var(--line); border-radius: 8px; }
    code { font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; }
    .sev-error { color: var(--red); font-weight: 600; } .sev-warning { color: #9a6700; font-weight: 600; }
    @media print { body { padding: 0; max-width: none; } h2 { break-after: avoid; } tr { break-inside: avoid; } }
    """

    public func render(_ m: ReportModel) -> String {
        var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        // No script may run and nothing may load: the page holds every byte it shows.
        out += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n"
        out += "<title>OKR report \(m.today)</title>\n<style>\n\(Self.css)\n</style>\n</head>\n<body>\n"
        out += summary(m)
        out += attention(m)
        out += "<h2>Alignment</h2>\n" + graph(m)
        for t in m.teams { out += team(t, m) }
        out += findings(m)
        out += "<p class=\"muted\">Made by okrlint \(okrlintVersion). Progress: key results from baseline, target and current value "
            + "(Google's 0.0–1.0 grading), objectives as their key results' weighted mean with the objectives aligned to them; "
            + "bands: below 40% red, below 70% yellow. The mark on a bar is the share of the period gone.</p>\n"
        return out + "</body>\n</html>\n"
    }

    func bar(_ p: Double?, expected: Double? = nil) -> String {
        var s = "<span class=\"bar\">"
        if let p {
            let b = Band(p)
            s += "<span style=\"width:\(Int((min(1, max(0, p)) * 100).rounded()))%;background:\(Self.colors[b]!)\"></span>"
        }
        if let e = expected { s += "<i style=\"left:\(Int((min(1, max(0, e)) * 100).rounded()))%\" title=\"expected by today\"></i>" }
        return s + "</span> <span class=\"pct\">\(ReportModel.percent(p))</span>"
    }

    func dot(_ b: Band?) -> String {
        "<span class=\"band\" style=\"background:\(b.flatMap { Self.colors[$0] } ?? "#bbb")\" title=\"\(b?.rawValue ?? "no progress")\"></span>"
    }

    /// A sparkline of confidence values (0-1) as inline SVG.
    func sparkline(_ values: [Double]) -> String {
        guard values.count >= 2 else { return "" }
        let w = 60.0, hgt = 16.0
        let step = w / Double(values.count - 1)
        let points = values.enumerated().map { i, v in
            "\(Self.num(Double(i) * step)),\(Self.num(hgt - 1 - min(1, max(0, v)) * (hgt - 2)))"
        }.joined(separator: " ")
        return "<svg width=\"60\" height=\"16\" viewBox=\"0 0 60 16\" role=\"img\" aria-label=\"confidence trend\">"
            + "<polyline fill=\"none\" stroke=\"#57606a\" stroke-width=\"1.5\" points=\"\(points)\"/></svg>"
    }

    static func num(_ v: Double) -> String {
        let r = (v * 10).rounded() / 10
        return r == r.rounded() ? String(Int(r)) : String(r)
    }

    func summary(_ m: ReportModel) -> String {
        let c = m.bandCounts
        var s = "<h1>OKR report</h1>\n<p class=\"muted\">\(m.today) · \(m.teams.count) files · \(m.objectiveCount) objectives · \(m.keyResultCount) key results</p>\n"
        s += "<div class=\"cards\">\n"
        s += "<div class=\"card\"><span class=\"muted\">Overall progress</span><b>\(ReportModel.percent(m.overallProgress))</b>\(bar(m.overallProgress))</div>\n"
        s += "<div class=\"card\"><span class=\"muted\">Key results</span><b>\(dot(.green))\(c.green) \(dot(.yellow))\(c.yellow) \(dot(.red))\(c.red)</b>"
            + "<span class=\"muted\">\(c.none) without progress</span></div>\n"
        s += "<div class=\"card\"><span class=\"muted\">Needs attention</span><b>\(m.attention.count)</b></div>\n"
        s += "<div class=\"card\"><span class=\"muted\">Findings</span><b>\(m.count(.error)) <span class=\"sev-error\">errors</span></b>"
            + "<span class=\"muted\">\(m.count(.warning)) warnings, \(m.count(.info)) notes</span></div>\n"
        return s + "</div>\n"
    }

    func attention(_ m: ReportModel) -> String {
        var s = "<h2>Needs attention first</h2>\n"
        guard !m.attention.isEmpty else { return s + "<p>Nothing: no key result is behind, stale or doubted, and every objective is aligned.</p>\n" }
        s += "<table>\n<tr><th></th><th>Where</th><th>What</th></tr>\n"
        for a in m.attention.prefix(100) {
            let at = Path.clean(a.path) + (a.line > 0 ? ":\(a.line)" : "")
            s += "<tr><td><span class=\"tag \(a.kind.rawValue)\">\(a.kind.label)</span></td><td><code>\(Self.h(at))</code></td><td>\(Self.h(a.message))</td></tr>\n"
        }
        if m.attention.count > 100 { s += "<tr><td colspan=\"3\" class=\"muted\">… and \(m.attention.count - 100) more</td></tr>\n" }
        return s + "</table>\n"
    }

    func team(_ t: ReportModel.TeamSection, _ m: ReportModel) -> String {
        let name = [t.team ?? Path.clean(t.path), t.period].compactMap { $0 }.joined(separator: " · ")
        var s = "<h2 id=\"\(Self.h(t.team ?? t.path))\">\(Self.h(name))</h2>\n"
        s += "<p class=\"muted\">\(t.title.map { Self.h($0) + " · " } ?? "")\(t.owner.map { "owner " + Self.h($0) + " · " } ?? "")"
            + "<code>\(Self.h(Path.clean(t.path)))</code> · progress \(ReportModel.percent(t.progress)), expected by today \(ReportModel.percent(t.expected))</p>\n"
        s += "<table>\n<tr><th>Objective / key result</th><th>Progress</th><th>Confidence</th><th>Owner</th><th>Last check-in</th></tr>\n"
        for o in t.objectives {
            var title = "\(dot(o.band))\(Self.h(o.id ?? "")) \(Self.h(o.title))"
            if !o.aligns.isEmpty { title += " <span class=\"muted\">→ \(Self.h(o.aligns.joined(separator: ", ")))</span>" }
            s += "<tr class=\"objective\"><td>\(title)</td><td>\(bar(o.progress, expected: t.expected))</td><td></td><td>\(Self.h(o.owner ?? ""))</td><td></td></tr>\n"
            for k in o.keyResults {
                let metric = [k.current, k.metric.map { "of " + $0 }].compactMap { $0 }.joined(separator: " ")
                s += "<tr><td class=\"kr\">\(dot(k.band))\(Self.h(k.id ?? "")) \(Self.h(k.title))"
                    + (metric.isEmpty ? "" : "<br><span class=\"muted\">\(Self.h(metric))</span>") + "</td>"
                s += "<td>\(bar(k.progress, expected: t.expected))</td>"
                s += "<td>\(k.confidence.map(ReportModel.decimal) ?? "") \(sparkline(k.confidenceTrend))</td>"
                s += "<td>\(Self.h(k.owner ?? ""))</td><td>\(k.daysSinceCheckIn.map { "\($0) d ago" } ?? "<span class=\"muted\">none</span>")</td></tr>\n"
            }
        }
        return s + "</table>\n"
    }

    func findings(_ m: ReportModel) -> String {
        var s = "<h2>Open findings</h2>\n"
        guard !m.findings.isEmpty else { return s + "<p>None: <code>okrlint</code> passes.</p>\n" }
        s += "<table>\n<tr><th>Where</th><th>Rule</th><th>Message</th></tr>\n"
        for f in m.findings.prefix(500) {
            s += "<tr><td><code>\(Self.h(Path.clean(f.path))):\(f.line):\(f.column)</code></td>"
                + "<td class=\"sev-\(f.severity.rawValue)\">\(Self.h(f.ruleID))</td><td>\(Self.h(f.message))</td></tr>\n"
        }
        if m.findings.count > 500 { s += "<tr><td colspan=\"3\" class=\"muted\">… and \(m.findings.count - 500) more</td></tr>\n" }
        return s + "</table>\n"
    }

    // MARK: - The alignment graph

    /// Objectives in layers by their depth in the alignment tree (top level first), each box filled with its band's
    /// colour, a line from each objective up to every objective it aligns to. Beyond 300 objectives the graph is
    /// left out (`okrlint graph` draws any size).
    func graph(_ m: ReportModel) -> String {
        var layers: [[(Int, Int)]] = []
        var place: [Int: (layer: Int, index: Int)] = [:]
        var edges: [((Int, Int), (Int, Int))] = []
        func key(_ d: Int, _ o: Int) -> Int { d &* 1_000_003 &+ o }
        func visit(_ n: ReportModel.TreeNode, _ depth: Int, parent: (Int, Int)?) {
            if let p = parent { edges.append((p, (n.document, n.objective))) }
            guard !n.repeated, place[key(n.document, n.objective)] == nil else { return }
            while layers.count <= depth { layers.append([]) }
            place[key(n.document, n.objective)] = (depth, layers[depth].count)
            layers[depth].append((n.document, n.objective))
            for c in n.children { visit(c, depth + 1, parent: (n.document, n.objective)) }
        }
        for r in m.tree { visit(r, 0, parent: nil) }
        let count = place.count
        guard count > 0 else { return "<p class=\"muted\">No objectives.</p>\n" }
        guard count <= 300 else { return "<p class=\"muted\">\(count) objectives: too many to draw here; <code>okrlint graph --format dot</code> draws them all.</p>\n" }
        let boxW = 200.0, boxH = 48.0, gapX = 14.0, gapY = 44.0, pad = 12.0
        let widest = layers.map(\.count).max() ?? 1
        let width = pad * 2 + Double(widest) * boxW + Double(widest - 1) * gapX
        let height = pad * 2 + Double(layers.count) * boxH + Double(layers.count - 1) * gapY
        func origin(_ d: Int, _ o: Int) -> (x: Double, y: Double) {
            let p = place[key(d, o)]!
            let n = Double(layers[p.layer].count)
            let rowWidth = n * boxW + (n - 1) * gapX
            return (x: (width - rowWidth) / 2 + Double(p.index) * (boxW + gapX), y: pad + Double(p.layer) * (boxH + gapY))
        }
        var s = "<svg class=\"graph\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Self.num(width)) \(Self.num(height))\" "
            + "width=\"\(Self.num(width))\" role=\"img\" aria-label=\"alignment graph\" font-family=\"system-ui, Helvetica, Arial, sans-serif\">\n"
        for (p, c) in edges {
            guard place[key(p.0, p.1)] != nil, place[key(c.0, c.1)] != nil else { continue }
            let a = origin(p.0, p.1), b = origin(c.0, c.1)
            s += "<line x1=\"\(Self.num(a.x + boxW / 2))\" y1=\"\(Self.num(a.y + boxH))\" x2=\"\(Self.num(b.x + boxW / 2))\" y2=\"\(Self.num(b.y))\" stroke=\"#8c959f\" stroke-width=\"1.2\"/>\n"
        }
        for layer in layers {
            for (d, o) in layer {
                let (_, row) = m.objective(d, o)
                let at = origin(d, o)
                let name = m.name(d, o)
                let warn = row.attention.contains(.unaligned) || row.attention.contains(.unsupported)
                let stroke = warn ? "#d32f2f\" stroke-dasharray=\"5 3" : "#57606a"
                s += "<g><title>\(Self.h(name + ": " + row.title))</title>"
                s += "<rect x=\"\(Self.num(at.x))\" y=\"\(Self.num(at.y))\" width=\"\(Self.num(boxW))\" height=\"\(Self.num(boxH))\" rx=\"6\" "
                    + "fill=\"\(row.band.flatMap { Self.fills[$0] } ?? "#eeeeee")\" stroke=\"\(stroke)\"/>"
                s += "<text x=\"\(Self.num(at.x + 8))\" y=\"\(Self.num(at.y + 19))\" font-size=\"12\" font-weight=\"600\">\(Self.h(ReportText.fit(name, 22, pad: false))) · \(ReportModel.percent(row.progress))</text>"
                s += "<text x=\"\(Self.num(at.x + 8))\" y=\"\(Self.num(at.y + 37))\" font-size=\"11\" fill=\"#424a53\">\(Self.h(ReportText.fit(row.title, 30, pad: false)))</text></g>\n"
            }
        }
        return s + "</svg>\n"
    }
}
