/// The requests beyond diagnostics: code actions, formatting, symbols, folding, definition, references, hover and
/// completion. Each reads the open buffer's syntax tree and, for links, the workspace of summaries.
extension LanguageServer {
    public static let fixAllKind = "source.fixAll.okrlint"

    /// The open document named in `params`, with its tree.
    mutating func open(_ params: JSON) throws -> (uri: String, document: Document) {
        let uri = try documentURI(params)
        guard var doc = documents.removeValue(forKey: uri) else { throw RPCError.params("the document is not open") }
        let d = doc.document()
        documents[uri] = doc
        return (uri, d)
    }

    /// The byte offset of `params.position` in the document.
    func offset(_ params: JSON, in source: SourceFile) throws -> Int {
        guard let p = LSPPosition(params["position"]) else { throw RPCError.params("`position` is missing") }
        return source.offset(of: p, encoding)
    }

    func location(_ source: SourceFile, _ range: SourceRange, uri: String? = nil) -> JSON {
        ["uri": .string(uri ?? FileURI.uri(source.path)), "range": source.lspRange(range, encoding)]
    }

    func textEdits(_ source: SourceFile, _ edits: [TextEdit]) -> JSON {
        .array(edits.map { ["range": source.lspRange($0.range, encoding), "newText": .string($0.content)] })
    }

    /// One edit that turns `old` into `new`: the bytes between their common prefix and suffix, cut at character
    /// boundaries.
    static func minimalEdit(_ old: [UInt8], _ new: [UInt8]) -> TextEdit? {
        guard old != new else { return nil }
        var p = 0
        let limit = min(old.count, new.count)
        while p < limit && old[p] == new[p] { p += 1 }
        while p > 0 && p < old.count && old[p] & 0xC0 == 0x80 { p -= 1 }
        if p > 0 && p < old.count && old[p] == 0x0A && old[p - 1] == 0x0D { p -= 1 }
        var s = 0
        while s < limit - p && old[old.count - 1 - s] == new[new.count - 1 - s] { s += 1 }
        while s > 0 && old.count - s < old.count && old[old.count - s] & 0xC0 == 0x80 { s -= 1 }
        // A CRLF split by the edit would move a line end into the middle of one.
        if s > 0 && old[old.count - s] == 0x0A && old.count - s > 0 && old[old.count - s - 1] == 0x0D { s -= 1 }
        return TextEdit(range: SourceRange(start: p, end: old.count - s), content: String(decoding: new[p..<(new.count - s)], as: UTF8.self))
    }

    func workspaceEdit(_ uri: String, _ source: SourceFile, _ edits: [TextEdit]) -> JSON {
        ["changes": .object([(uri, textEdits(source, edits))])]
    }

    // MARK: code actions and formatting

    mutating func codeActions(_ params: JSON) throws -> JSON {
        let (uri, document) = try open(params)
        let source = document.source
        guard let range = source.byteRange(params["range"], encoding) else { throw RPCError.params("`range` is missing") }
        let only = params["context"]?["only"]?.array?.compactMap(\.string)
        func wants(_ kind: String) -> Bool { only.map { $0.contains { kind == $0 || kind.hasPrefix($0 + ".") } } ?? true }
        let found = diagnostics(uri)
        let shown = lspDiagnostics(uri)
        var actions: [JSON] = []
        if wants("quickfix") {
            var disabled = Set<String>()
            // Findings on the lines asked about (a cursor at the start of a line gets that line's fixes).
            let firstLine = source.lineIndex(of: range.start), lastLine = source.lineIndex(of: range.end)
            for (i, d) in found.enumerated() where source.lineIndex(of: d.range.start) <= lastLine
                && firstLine <= source.lineIndex(of: max(d.range.start, d.range.end - 1)) {
                let lspDiagnostic = i < shown.count ? shown[i] : .null
                if let fix = d.fix, fix.isValid(byteCount: source.bytes.count) {
                    actions.append([
                        "title": .string(fix.applicability == .safe ? fix.message : "\(fix.message) (unsafe)"),
                        "kind": "quickfix", "diagnostics": [lspDiagnostic],
                        "isPreferred": .bool(fix.applicability == .safe),
                        "edit": workspaceEdit(uri, source, fix.edits),
                    ])
                }
                guard d.ruleID != syntaxErrorID, d.ruleID != LanguageServer.configErrorCode else { continue }
                let line = source.lineIndex(of: d.range.start)
                guard disabled.insert("\(line) \(d.ruleID)").inserted else { continue }
                let lineRange = source.lspLineRange(line)
                var indent = lineRange.lowerBound
                while indent < lineRange.upperBound && (source.bytes[indent] == 0x20 || source.bytes[indent] == 0x09) { indent += 1 }
                let newline = lineRange.upperBound + 1 < source.bytes.count && source.bytes[lineRange.upperBound] == 0x0D
                    && source.bytes[lineRange.upperBound + 1] == 0x0A ? "\r\n" : "\n"
                let text = String(decoding: source.bytes[lineRange.lowerBound..<indent], as: UTF8.self)
                    + "<!-- okrlint-disable-next-line \(d.ruleID) -->" + newline
                actions.append([
                    "title": .string("Disable \(d.ruleID) for this line"), "kind": "quickfix", "diagnostics": [lspDiagnostic],
                    "edit": workspaceEdit(uri, source, [.insert(text, at: lineRange.lowerBound)]),
                ])
            }
        }
        if wants(LanguageServer.fixAllKind) {
            let linter = files.linter(for: documents[uri]?.path, today: today).0
            let fixable = found.filter { $0.ruleID != LanguageServer.configErrorCode }
            if Fixer.hasFix(fixable, unsafe: false) {
                let result = Fixer.fix(source, diagnostics: fixable, linter: linter, unsafe: false)
                if let edit = LanguageServer.minimalEdit(source.bytes, result.fixed) {
                    actions.append([
                        "title": .string("Fix all okrlint problems (\(result.applied.count) safe fix\(result.applied.count == 1 ? "" : "es"))"),
                        "kind": .string(LanguageServer.fixAllKind),
                        "edit": workspaceEdit(uri, source, [edit]),
                    ])
                }
            }
        }
        return .array(actions)
    }

    mutating func formatting(_ params: JSON) throws -> JSON {
        let (_, document) = try open(params)
        let source = document.source
        let result = Formatter.format(document)
        guard result.changed else { return [] }
        // As `okrlint fmt`: a result with more syntax errors than the text is not offered.
        let after = Parser.parse(path: source.path, bytes: result.bytes)
        guard after.syntaxDiagnostics.count <= document.syntaxDiagnostics.count else {
            throw RPCError(RPCError.requestFailed, "formatting would add syntax errors; the document was left as it is")
        }
        return textEdits(source, LanguageServer.minimalEdit(source.bytes, result.bytes).map { [$0] } ?? [])
    }

    // MARK: symbols and folding

    static func symbolName(_ id: TextSpan?, _ title: TextSpan, in document: Document) -> String {
        let t = title.isEmpty ? "(untitled)" : document.text(title)
        return id.map { "\(document.text($0)): \(t)" } ?? t
    }

    mutating func documentSymbols(_ params: JSON) throws -> JSON {
        let (uri, document) = try open(params)
        let s = document.source
        var out: [JSON] = []
        for o in document.objectives {
            let oRange = o.range.union(o.headingRange)
            let oName = LanguageServer.symbolName(o.id, o.title, in: document)
            var children: [JSON] = []
            for kr in o.keyResults {
                let krRange = kr.range.union(kr.headingRange)
                let name = LanguageServer.symbolName(kr.id, kr.title, in: document)
                if client.hierarchicalSymbols {
                    var fields: [(String, JSON)] = [("name", .string(name)), ("kind", 7)]
                    if let owner = document.text(kr.owner) { fields.append(("detail", .string(owner))) }
                    fields += [("range", s.lspRange(krRange, encoding)), ("selectionRange", s.lspRange(kr.headingRange, encoding))]
                    children.append(.object(fields))
                } else {
                    children.append(["name": .string(name), "kind": 7, "location": location(s, krRange, uri: uri), "containerName": .string(oName)])
                }
            }
            if client.hierarchicalSymbols {
                var fields: [(String, JSON)] = [("name", .string(oName)), ("kind", 5)]
                if let owner = document.text(o.owner) { fields.append(("detail", .string(owner))) }
                fields += [("range", s.lspRange(oRange, encoding)), ("selectionRange", s.lspRange(o.headingRange, encoding)),
                           ("children", .array(children))]
                out.append(.object(fields))
            } else {
                out.append(["name": .string(oName), "kind": 5, "location": location(s, oRange, uri: uri)])
                out += children
            }
        }
        return .array(out)
    }

    mutating func foldingRanges(_ params: JSON) throws -> JSON {
        let (_, document) = try open(params)
        let s = document.source
        var out: [JSON] = []
        func fold(_ r: SourceRange, kind: String? = nil) {
            let first = s.lineIndex(of: r.start)
            var last = s.lineIndex(of: max(r.start, r.end - 1))
            // Blank lines at the end stay visible.
            while last > first && s.lspLineRange(last).isEmpty { last -= 1 }
            guard last > first else { return }
            var fields: [(String, JSON)] = [("startLine", .int(first)), ("endLine", .int(last))]
            if let kind { fields.append(("kind", .string(kind))) }
            out.append(.object(fields))
        }
        for o in document.objectives {
            fold(o.range.union(o.headingRange))
            for kr in o.keyResults { fold(kr.range.union(kr.headingRange)) }
        }
        for section in document.sections { fold(section.range.union(section.headingRange)) }
        for c in document.comments where c.ownLine { fold(c.range, kind: "comment") }
        return .array(out)
    }

    mutating func workspaceSymbols(_ params: JSON) throws -> JSON {
        let query = (params["query"]?.string ?? "").lowercased()
        var summaries: [String: DocumentSummary] = [:]
        var folders = Set<String>()
        for (_, doc) in documents { if let p = doc.path, let f = files.folder(for: p) { folders.insert(f) } }
        if folders.isEmpty, let root = files.clientRoot { folders.insert(files.folder(for: Path.join(root, "_")) ?? root) }
        for f in folders {
            files.loadFolder(f, today: today, log: log)
            for (p, s) in files.folders[f]?.summaries ?? [:] { summaries[p] = s }
        }
        for (uri, var doc) in documents {
            summaries[doc.parsePath] = doc.summary(calendar: files.linter(for: doc.path, today: today).0.calendar)
            documents[uri] = doc
        }
        var out: [JSON] = []
        for path in summaries.keys.sorted() {
            guard let s = summaries[path] else { continue }
            for o in s.objectives {
                guard let id = o.id, let at = o.idLocation else { continue }
                let name = (s.team.map { "\($0)/" } ?? "") + "\(id.value): \(o.title)"
                guard query.isEmpty || name.lowercased().contains(query) else { continue }
                // The ID follows `## `: its column counts the same in every encoding.
                let start = LSPPosition(line: Int(at.line) - 1, character: Int(at.column) - 1)
                let width = encoding == .utf8 ? id.value.utf8.count : id.value.utf16.count
                let end = LSPPosition(line: start.line, character: start.character + width)
                var fields: [(String, JSON)] = [("name", .string(name)), ("kind", 5)]
                if let team = s.team { fields.append(("containerName", .string(team))) }
                fields.append(("location", ["uri": .string(FileURI.uri(path)), "range": ["start": start.json, "end": end.json]]))
                out.append(.object(fields))
                if out.count >= 1000 { return .array(out) }
            }
        }
        return .array(out)
    }

    // MARK: links and references

    enum Reference {
        /// An `aligns` link of objective `objective`.
        case link(AlignmentLink, objective: Int)
        /// A key result ID: a `kr:` token, a check-in's, or a key result heading's.
        case keyResult(String)
        /// An objective heading's ID.
        case objective(Int)
    }

    static func contains(_ r: SourceRange, _ offset: Int) -> Bool { r.start <= offset && offset <= r.end }

    /// What the cursor is on.
    static func reference(at offset: Int, in document: Document) -> Reference? {
        for (oi, o) in document.objectives.enumerated() {
            for l in o.aligns where contains(l.range, offset) { return .link(l, objective: oi) }
            if let id = o.id, contains(id.range, offset) { return .objective(oi) }
            for kr in o.keyResults {
                if let id = kr.id, contains(id.range, offset) { return .keyResult(document.text(id)) }
                for i in kr.initiatives { if let r = i.keyResultRef, contains(r.range, offset) { return .keyResult(document.text(r)) } }
            }
            for i in o.initiatives { if let r = i.keyResultRef, contains(r.range, offset) { return .keyResult(document.text(r)) } }
        }
        for i in document.initiatives { if let r = i.keyResultRef, contains(r.range, offset) { return .keyResult(document.text(r)) } }
        for c in document.checkIns where contains(c.keyResultID.range, offset) { return .keyResult(document.text(c.keyResultID)) }
        return nil
    }

    /// A `kr:` token's range covers `kr:`; the ID alone is after it.
    static func keyResult(_ id: String, in document: Document) -> (objective: Int, keyResult: Int)? {
        let bare = id.hasPrefix("kr:") ? String(id.dropFirst(3)) : id
        for (oi, o) in document.objectives.enumerated() {
            for (ki, kr) in o.keyResults.enumerated() where kr.id.map({ document.source.equal($0, bare) }) == true { return (oi, ki) }
        }
        return nil
    }

    /// Where a link leads: the document and objective (and key result) it resolves to in the workspace.
    mutating func resolve(_ link: AlignmentLink, from uri: String) -> (ws: Workspace, parent: ObjectiveRef, keyResult: Int?)? {
        guard let ws = workspace(for: uri), let path = documents[uri]?.parsePath, let di = ws.index(ofPath: path) else { return nil }
        for r in ws.linksByDocument[di] ?? [] where r.link.range == link.range {
            guard let parent = r.parent else { return nil }
            return (ws, parent, r.parentKeyResult)
        }
        return nil
    }

    /// The parsed text of a workspace file (its buffer when open).
    mutating func parsed(_ path: String) -> Document? {
        if let (uri, _) = documents.first(where: { $0.value.path == path }), var doc = documents[uri] {
            let d = doc.document()
            documents[uri] = doc
            return d
        }
        return source(ofPath: path).map { Parser.parse(path: path, bytes: $0.bytes) }
    }

    mutating func definition(_ params: JSON) throws -> JSON {
        let (uri, document) = try open(params)
        let offset = try offset(params, in: document.source)
        switch LanguageServer.reference(at: offset, in: document) {
        case .link(let link, _)?:
            guard let (ws, parent, kri) = resolve(link, from: uri) else { return .null }
            let path = ws.documents[parent.document].path
            guard let target = parsed(path), parent.objective < target.objectives.count else { return .null }
            let o = target.objectives[parent.objective]
            if let kri, kri < o.keyResults.count {
                return location(target.source, o.keyResults[kri].headingRange, uri: uriFor(path))
            }
            return location(target.source, o.headingRange, uri: uriFor(path))
        case .keyResult(let id)?:
            guard let (oi, ki) = LanguageServer.keyResult(id, in: document) else { return .null }
            return location(document.source, document.objectives[oi].keyResults[ki].headingRange, uri: uri)
        case .objective(let oi)?:
            return location(document.source, document.objectives[oi].headingRange, uri: uri)
        case nil:
            return .null
        }
    }

    /// The URI of a path: the open document's own URI when it is open.
    func uriFor(_ path: String) -> String {
        documents.first(where: { $0.value.path == path })?.key ?? FileURI.uri(path)
    }

    mutating func references(_ params: JSON) throws -> JSON {
        let (uri, document) = try open(params)
        let offset = try offset(params, in: document.source)
        let includeDeclaration = params["context"]?["includeDeclaration"]?.bool ?? true
        var out: [JSON] = []
        // The objective (and key result) referred to, in the workspace.
        var target: (ws: Workspace, ref: ObjectiveRef, keyResult: Int?)? = nil
        switch LanguageServer.reference(at: offset, in: document) {
        case .link(let link, _)?:
            if let r = resolve(link, from: uri) { target = (r.ws, r.parent, r.keyResult) }
        case .objective(let oi)?:
            if let ws = workspace(for: uri), let di = ws.index(ofPath: document.path) { target = (ws, ObjectiveRef(document: di, objective: oi), nil) }
        case .keyResult(let id)?:
            guard let (oi, ki) = LanguageServer.keyResult(id, in: document) else { return [] }
            let krID = document.text(document.objectives[oi].keyResults[ki].id) ?? id
            if includeDeclaration { out.append(location(document.source, document.objectives[oi].keyResults[ki].headingRange, uri: uri)) }
            var refs: [SourceRange] = []
            let all = document.initiatives + document.objectives.flatMap { $0.initiatives + $0.keyResults.flatMap(\.initiatives) }
            for i in all { if let r = i.keyResultRef, document.source.equal(r, krID) || document.source.equal(r, "kr:" + krID) { refs.append(r.range) } }
            for c in document.checkIns where document.source.equal(c.keyResultID, krID) { refs.append(c.keyResultID.range) }
            for r in refs.sorted() { out.append(location(document.source, r, uri: uri)) }
            if let ws = workspace(for: uri), let di = ws.index(ofPath: document.path) { target = (ws, ObjectiveRef(document: di, objective: oi), ki) }
            guard let (ws, ref, kri) = target else { return .array(out) }
            out += linkLocations(ws, to: ref, keyResult: kri)
            return .array(out)
        case nil:
            return []
        }
        guard let (ws, ref, kri) = target else { return [] }
        if includeDeclaration, let d = parsed(ws.documents[ref.document].path), ref.objective < d.objectives.count {
            let o = d.objectives[ref.objective]
            let range = kri.flatMap { $0 < o.keyResults.count ? o.keyResults[$0].headingRange : nil } ?? o.headingRange
            out.append(location(d.source, range, uri: uriFor(d.path)))
        }
        out += linkLocations(ws, to: ref, keyResult: kri)
        return .array(out)
    }

    /// Every `aligns` link of the workspace that resolves to an objective (or one of its key results).
    mutating func linkLocations(_ ws: Workspace, to ref: ObjectiveRef, keyResult: Int?) -> [JSON] {
        var sources: [Int: SourceFile?] = [:]
        var out: [JSON] = []
        for l in ws.links where l.parent == ref && l.parentKeyResult == keyResult {
            let di = l.child.document
            if sources[di] == nil { sources[di] = .some(source(ofPath: ws.documents[di].path)) }
            guard let s = sources[di] ?? nil else { continue }
            out.append(location(s, l.link.range, uri: uriFor(ws.documents[di].path)))
            if out.count >= 2000 { break }
        }
        return out
    }

    // MARK: hover

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
                    lines.append(progressLine(ws.rolledUp(parent)))
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

    // MARK: completion

    mutating func completion(_ params: JSON) throws -> JSON {
        let (uri, document) = try open(params)
        let s = document.source
        let offset = try offset(params, in: s)
        let lineRange = s.lspLineRange(s.lineIndex(of: offset))
        let before = String(decoding: s.bytes[lineRange.lowerBound..<max(lineRange.lowerBound, min(offset, lineRange.upperBound))], as: UTF8.self)
        // The word being typed: back to a space, comma or colon.
        var tokenStart = offset
        while tokenStart > lineRange.lowerBound {
            let b = s.bytes[tokenStart - 1]
            if b == 0x20 || b == 0x09 || b == 0x2C || b == 0x3A { break }
            tokenStart -= 1
        }
        let replace = s.lspRange(SourceRange(start: tokenStart, end: offset), encoding)
        func item(_ label: String, kind: Int, detail: String? = nil, insert: String? = nil) -> JSON {
            var fields: [(String, JSON)] = [("label", .string(label)), ("kind", .int(kind))]
            if let detail { fields.append(("detail", .string(detail))) }
            fields.append(("textEdit", ["range": replace, "newText": .string(insert ?? label)]))
            return .object(fields)
        }
        let trimmed = before.drop { $0 == " " || $0 == "\t" }
        var items: [JSON] = []
        let beforeBytes = Array(before.utf8)
        if let open = LanguageServer.lastIndex(of: Array("<!--".utf8), in: beforeBytes),
           LanguageServer.lastIndex(of: Array("-->".utf8), in: Array(beforeBytes[open...])) == nil {
            let inside = String(decoding: beforeBytes[(open + 4)...], as: UTF8.self).drop { $0 == " " }
            if !inside.contains(" ") {
                for k in ["okrlint-disable-next-line", "okrlint-disable-line", "okrlint-disable", "okrlint-enable", "okrlint-disable-file"] {
                    items.append(item(k, kind: 14))
                }
            } else if inside.hasPrefix("okrlint-") {
                for info in RuleInfo.all where info.id != syntaxErrorID { items.append(item(info.id, kind: 12, detail: info.summary)) }
            }
        } else if trimmed.hasPrefix("- aligns:") {
            let ws = workspace(for: uri)
            for d in ws?.documents ?? [] where d.path != document.path {
                guard let team = d.team else { continue }
                for o in d.objectives {
                    guard let id = o.id?.value else { continue }
                    items.append(item("\(team)/\(id)", kind: 18, detail: o.title))
                }
            }
            for o in document.objectives { if let id = document.text(o.id) { items.append(item(id, kind: 18, detail: document.text(o.title))) } }
        } else if (tokenStart >= lineRange.lowerBound + 3 && Array(s.bytes[(tokenStart - 3)..<tokenStart]) == Array("kr:".utf8))
                    || LanguageServer.isCheckInPrefix(trimmed) {
            for (o, kr) in document.allKeyResults {
                guard let id = document.text(kr.id) else { continue }
                items.append(item(id, kind: 18, detail: "\(document.text(kr.title)) (\(document.text(o.id) ?? "objective"))"))
            }
        } else if trimmed.hasPrefix("-"), !trimmed.contains(":"), !trimmed.hasPrefix("- ["), trimmed.dropFirst().allSatisfy({ $0 == " " || $0 == "-" || ($0 >= "a" && $0 <= "z") }) {
            let keys: [String]
            if let o = document.objectives.first(where: { $0.range.union($0.headingRange).start <= offset && offset <= $0.range.end }) {
                keys = o.keyResults.contains(where: { $0.range.union($0.headingRange).start <= offset && offset <= $0.range.end })
                    ? Parser.keyResultKeys : Parser.objectiveKeys
            } else if document.objectives.first.map({ offset < $0.headingRange.start }) ?? true {
                keys = Parser.headerKeys
            } else {
                keys = []
            }
            // The item replaces the whole fact so far (`- ow` -> `- owner: `).
            let start = lineRange.lowerBound + (before.utf8.count - trimmed.utf8.count)
            let full = s.lspRange(SourceRange(start: start, end: offset), encoding)
            for k in keys {
                items.append(["label": .string(k), "kind": 10, "filterText": .string("- \(k)"),
                              "textEdit": ["range": full, "newText": .string("- \(k): ")]])
            }
        }
        return ["isIncomplete": false, "items": .array(items)]
    }

    static func lastIndex(of needle: [UInt8], in hay: [UInt8]) -> Int? {
        guard hay.count >= needle.count else { return nil }
        var i = hay.count - needle.count
        while i >= 0 {
            if Array(hay[i..<(i + needle.count)]) == needle { return i }
            i -= 1
        }
        return nil
    }

    /// `- 2026-11-20 KR` in a check-in list: a date, then the key result ID being typed.
    static func isCheckInPrefix(_ line: Substring) -> Bool {
        let u = Array(line.utf8)
        guard u.count >= 13, u[0] == 0x2D, u[1] == 0x20 else { return false }
        let date = u[2..<12]
        let shape = date.enumerated().allSatisfy { i, b in (i == 4 || i == 7) ? b == 0x2D : (b >= 0x30 && b <= 0x39) }
        return shape && u[12] == 0x20 && !u[13...].contains(0x20) && !u[13...].contains(0x3A)
    }
}
