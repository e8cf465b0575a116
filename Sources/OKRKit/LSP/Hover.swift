/// Hover: an objective's or key result's title, owner and progress; a rule's description in a suppression comment.
extension LanguageServer {
    mutating func hover(_ params: JSON) throws -> JSON {
        let (uri, document) = try open(params)
        let s = document.source
        let offset = try offset(params, in: s)
        var text: String? = nil
        var range: SourceRange? = nil
        switch LanguageServer.reference(at: offset, in: document) {
        case .link(let link, _)?:
            range = link.range
            if let (ws, parent, kri) = resolve(link, from: uri), let target = parsed(ws.documents[parent.document].path),
               parent.objective < target.objectives.count {
                let o = target.objectives[parent.objective]
                var lines = ["**\(link.display)** — \(LanguageServer.symbolName(o.id, o.title, in: target))"]
                if let kri, kri < o.keyResults.count {
                    let kr = o.keyResults[kri]
                    lines = ["**\(link.display)** — \(LanguageServer.symbolName(kr.id, kr.title, in: target))",
                             "of \(LanguageServer.symbolName(o.id, o.title, in: target))"]
                    if let owner = target.text(kr.owner) ?? target.text(o.owner) { lines.append("owner: \(owner)") }
                    lines.append(progressLine(Progress.keyResult(kr, latest: target.latestCheckIn(of: kr))))
                } else {
                    if let owner = target.text(o.owner) { lines.append("owner: \(owner)") }
                    lines.append(progressLine(Progress.rolledUp(parent, in: ws)))
                }
                lines.append("in `\(Path.display(target.path))`")
                text = lines.joined(separator: "\n\n")
            } else {
                text = "**\(link.display)**: not found in the workspace"
            }
        case .keyResult(let id)?:
            if let (oi, ki) = LanguageServer.keyResult(id, in: document) {
                let kr = document.objectives[oi].keyResults[ki]
                var lines = ["**\(LanguageServer.symbolName(kr.id, kr.title, in: document))**"]
                if let owner = document.text(kr.owner) { lines.append("owner: \(owner)") }
                lines.append(progressLine(Progress.keyResult(kr, latest: document.latestCheckIn(of: kr))))
                text = lines.joined(separator: "\n\n")
            }
        case .objective(let oi)?:
            let o = document.objectives[oi]
            range = o.id?.range
            var lines = ["**\(LanguageServer.symbolName(o.id, o.title, in: document))**"]
            if let owner = document.text(o.owner) { lines.append("owner: \(owner)") }
            let ws = workspace(for: uri)
            let p = ws.flatMap { w in w.index(ofPath: document.path).flatMap { Progress.rolledUp(ObjectiveRef(document: $0, objective: oi), in: w) } }
            lines.append(progressLine(p ?? Progress.objective(o, in: document)))
            text = lines.joined(separator: "\n\n")
        case nil:
            // A rule id in a suppression comment.
            for sup in Suppression.parse(document) {
                for id in sup.ids where LanguageServer.contains(id.range, offset) {
                    range = id.range
                    if let info = RuleInfo.all.first(where: { $0.id == id.value }) {
                        text = "**\(info.id)** (default: \(info.defaultSeverity.rawValue))\n\n\(info.summary)\n\n\(info.rationale)\n\n[Documentation](\(LanguageServer.docsURL(info.id)))"
                    } else {
                        text = "`\(id.value)` is not an okrlint rule (`okrlint rules` lists them)"
                    }
                }
            }
        }
        guard let text else { return .null }
        var result: [(String, JSON)] = [("contents", ["kind": .string(client.markdownHover ? "markdown" : "plaintext"), "value": .string(text)])]
        if let range { result.append(("range", s.lspRange(range, encoding))) }
        return .object(result)
    }

    func progressLine(_ p: Double?) -> String {
        guard let p else { return "progress: not measured" }
        let rounded = (p * 100).rounded() / 100
        return "progress: \(rounded) (\(Band(p).rawValue))"
    }
}
