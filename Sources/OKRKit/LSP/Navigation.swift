/// Definition and references: what the cursor is on, and where a link leads in the workspace.
extension LanguageServer {
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
}
