/// `okrlint report --format json`: the scored model for other tools, described by `docs/report.schema.json`
/// (`ReportTests` validates the output against it). Fractions are 0-1; a value that cannot be computed is null.
public struct ReportJSON: Sendable {
    public init() {}

    public static let schemaVersion = 1

    public func render(_ m: ReportModel) -> String {
        var w = JSONWriter()
        w.beginObject()
        w.int("version", Self.schemaVersion)
        w.string("today", m.today.description)
        w.beginObject("summary")
        w.int("files", m.teams.count)
        w.int("objectives", m.objectiveCount)
        w.int("keyResults", m.keyResultCount)
        optional(&w, "progress", m.overallProgress)
        let c = m.bandCounts
        w.beginObject("keyResultsByBand")
        w.int("red", c.red); w.int("yellow", c.yellow); w.int("green", c.green); w.int("none", c.none)
        w.endObject()
        w.beginObject("findings")
        w.int("error", m.count(.error)); w.int("warning", m.count(.warning)); w.int("info", m.count(.info))
        w.endObject()
        w.endObject()
        w.beginArray("attention")
        for a in m.attention {
            w.beginObject()
            w.string("kind", a.kind.rawValue)
            w.string("path", a.path)
            if a.line > 0 { w.int("line", a.line) } else { w.null("line") }
            w.string("message", a.message)
            w.endObject()
        }
        w.endArray()
        w.beginArray("teams")
        for t in m.teams {
            w.beginObject()
            w.string("path", t.path)
            w.optionalString("team", t.team)
            w.optionalString("title", t.title)
            w.optionalString("period", t.period)
            w.optionalString("owner", t.owner)
            optional(&w, "expected", t.expected)
            optional(&w, "progress", t.progress)
            w.beginArray("objectives")
            for o in t.objectives {
                w.beginObject()
                w.optionalString("id", o.id)
                w.string("name", m.name(o.document, o.objective))
                w.string("title", o.title)
                w.optionalString("owner", o.owner)
                w.optionalString("type", o.type)
                optional(&w, "progress", o.progress)
                w.optionalString("band", o.band?.rawValue)
                strings(&w, "aligns", o.aligns)
                strings(&w, "supporters", o.supporters)
                w.beginArray("keyResults")
                for k in o.keyResults {
                    w.beginObject()
                    w.optionalString("id", k.id)
                    w.string("title", k.title)
                    w.optionalString("owner", k.owner)
                    w.optionalString("metric", k.metric)
                    w.optionalString("current", k.current)
                    optional(&w, "progress", k.progress)
                    w.optionalString("band", k.band?.rawValue)
                    optional(&w, "confidence", k.confidence)
                    w.beginArray("confidenceTrend")
                    for v in k.confidenceTrend { w.number(nil, v) }
                    w.endArray()
                    w.optionalString("lastCheckIn", k.lastCheckIn?.description)
                    if let d = k.daysSinceCheckIn { w.int("daysSinceCheckIn", d) } else { w.null("daysSinceCheckIn") }
                    w.endObject()
                }
                w.endArray()
                w.endObject()
            }
            w.endArray()
            w.endObject()
        }
        w.endArray()
        w.beginArray("alignment")
        for n in m.tree { tree(&w, n, m) }
        w.endArray()
        w.beginArray("findings")
        for f in m.findings {
            w.beginObject()
            w.string("path", f.path); w.int("line", f.line); w.int("column", f.column)
            w.string("rule", f.ruleID); w.string("severity", f.severity.rawValue); w.string("message", f.message)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return w.take() + "\n"
    }

    func tree(_ w: inout JSONWriter, _ n: ReportModel.TreeNode, _ m: ReportModel) {
        w.beginObject()
        w.string("objective", m.name(n.document, n.objective))
        w.string("path", m.teams[n.document].path)
        w.bool("repeated", n.repeated)
        w.beginArray("children")
        for k in n.children { tree(&w, k, m) }
        w.endArray()
        w.endObject()
    }

    func optional(_ w: inout JSONWriter, _ key: String, _ v: Double?) {
        if let v { w.number(key, (v * 10_000).rounded() / 10_000) } else { w.null(key) }
    }

    func strings(_ w: inout JSONWriter, _ key: String, _ values: [String]) {
        w.beginArray(key)
        for v in values { w.string(nil, v) }
        w.endArray()
    }
}
