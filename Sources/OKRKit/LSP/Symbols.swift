/// Document and workspace symbols, and folding ranges.
extension LanguageServer {
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
}
