/// Hover: an objective's or key result's title, owner and progress; a rule's description in a suppression comment.
/// The hover is Markdown, and everything in it a file controls — titles, owners, IDs, link text, paths, the words
/// of a suppression comment — is escaped (`MarkdownText`) so that it renders as text: a title cannot make the editor
/// load an image from a remote host, show a link or raw HTML.
extension LanguageServer {
    /// Text from a file for the hover: escaped for a Markdown hover, its unsafe characters made visible for plain
    /// text (which is not rendered).
    func hoverText(_ s: String) -> String {
        client.markdownHover ? MarkdownText.escapeForEditor(s) : SafeText.escape(s)
    }

    func hoverCode(_ s: String) -> String {
        client.markdownHover ? MarkdownText.codeSpanForEditor(s) : "`\(SafeText.escape(s))`"
    }

    /// `ID: title`, each part escaped.
    func hoverName(_ id: TextSpan?, _ title: TextSpan, in document: Document) -> String {
        let t = title.isEmpty ? "(untitled)" : hoverText(document.text(title))
        return id.map { "\(hoverText(document.text($0))): \(t)" } ?? t
    }

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
                let display = hoverText(link.display)
                var lines = ["**\(display)** — \(hoverName(o.id, o.title, in: target))"]
                if let kri, kri < o.keyResults.count {
                    let kr = o.keyResults[kri]
                    lines = ["**\(display)** — \(hoverName(kr.id, kr.title, in: target))",
                             "of \(hoverName(o.id, o.title, in: target))"]
                    if let owner = target.text(kr.owner) ?? target.text(o.owner) { lines.append("owner: \(hoverText(owner))") }
                    lines.append(progressLine(Progress.keyResult(kr, latest: target.latestCheckIn(of: kr))))
                } else {
                    if let owner = target.text(o.owner) { lines.append("owner: \(hoverText(owner))") }
                    lines.append(progressLine(ws.rolledUp(parent)))
                }
                lines.append("in \(hoverCode(Path.display(target.path)))")
                text = lines.joined(separator: "\n\n")
            } else {
                text = "**\(hoverText(link.display))**: not found in the workspace"
            }
        case .keyResult(let id)?:
            if let (oi, ki) = LanguageServer.keyResult(id, in: document) {
                let kr = document.objectives[oi].keyResults[ki]
                var lines = ["**\(hoverName(kr.id, kr.title, in: document))**"]
                if let owner = document.text(kr.owner) { lines.append("owner: \(hoverText(owner))") }
                lines.append(progressLine(Progress.keyResult(kr, latest: document.latestCheckIn(of: kr))))
                text = lines.joined(separator: "\n\n")
            }
        case .objective(let oi)?:
            let o = document.objectives[oi]
            range = o.id?.range
            var lines = ["**\(hoverName(o.id, o.title, in: document))**"]
            if let owner = document.text(o.owner) { lines.append("owner: \(hoverText(owner))") }
            let ws = workspace(for: uri)
            let p = ws.flatMap { w in w.index(ofPath: document.path).flatMap { w.rolledUp(ObjectiveRef(document: $0, objective: oi)) } }
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
                        text = "\(hoverCode(id.value)) is not an okrlint rule (`okrlint rules` lists them)"
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
