/// The `objectives` array the JSON report adds per file: resolved parents and progress.
///
/// ```
/// "objectives": [ { "id": "O1", "title": "...", "progress": 0.62, "band": "yellow", "rolledUp": 0.6,
///                   "parents": ["company/O2"],
///                   "keyResults": [ { "id": "KR1.1", "progress": 0.7 } ] } ]
/// ```
/// `progress` is null when it cannot be computed; `parents` lists links that resolved, as `team/ID`.
public enum WorkspaceJSON {
    public static func write(_ path: String, _ ws: Workspace, _ w: inout JSONWriter) {
        guard let di = ws.index(ofPath: path) else { return }
        let doc = ws.documents[di]
        w.beginArray("objectives")
        for (oi, o) in doc.objectives.enumerated() {
            let r = ObjectiveRef(document: di, objective: oi)
            w.beginObject()
            w.optionalString("id", o.id?.value)
            w.string("title", o.title)
            if let p = o.progress { w.number("progress", rounded(p)); w.string("band", Band(p).rawValue) } else { w.null("progress"); w.null("band") }
            if let up = ws.rolledUp(r) { w.number("rolledUp", rounded(up)) } else { w.null("rolledUp") }
            w.beginArray("parents")
            for parent in ws.parents[r] ?? [] { w.string(nil, ws.name(parent)) }
            w.endArray()
            w.beginArray("keyResults")
            for kr in o.keyResults {
                w.beginObject()
                w.optionalString("id", kr.id)
                if let p = kr.progress { w.number("progress", rounded(p)) } else { w.null("progress") }
                w.endObject()
            }
            w.endArray()
            w.endObject()
        }
        w.endArray()
    }

    static func rounded(_ v: Double) -> Double { (v * 10000).rounded() / 10000 }
}
