/// Diagnostics: the findings of an open buffer, computed once per workspace generation and kept without copies
/// (`Findings`), and sent — pushed at `idle()` or pulled — written straight into the message's bytes, one finding
/// at a time, rather than built as a tree of `JSON` values first (a buffer with a finding on every line made a tree
/// several times the size of the message).
extension LanguageServer {
    /// Publishes the diagnostics of documents changed since the last call (push mode), or asks the client to pull
    /// again (pull mode, when it can be asked).
    public mutating func idle() -> [JSON] {
        guard phase == .running, !pending.isEmpty else { return [] }
        let uris = pending.sorted()
        pending.removeAll()
        if client.pullDiagnostics {
            // The client pulls the document it edits by itself; it is asked to pull again only when the change may
            // touch other documents (several are open) or came from outside (files on disk, configs).
            let refresh = client.diagnosticRefresh && (documents.count > 1 || externalChange)
            externalChange = false
            return refresh ? [serverRequest("workspace/diagnostic/refresh", .null)] : []
        }
        var out: [JSON] = []
        for uri in uris where documents[uri] != nil {
            // The notification as `notify` would write it, with the diagnostics written in place.
            var message = Array(#"{"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":"#.utf8)
            JSON.appendQuoted(uri, to: &message)
            if let v = documents[uri]?.version { message += #","version":"#.utf8; message += String(v).utf8 }
            message += #","diagnostics":"#.utf8
            writeLSPDiagnostics(uri, to: &message)
            message += "}}".utf8
            out.append(.raw(message))
        }
        return out
    }

    /// Whether `idle()` has anything to do.
    public var hasPendingWork: Bool { phase == .running && !pending.isEmpty }

    mutating func pullDiagnostics(_ params: JSON) throws -> JSON {
        let uri = try documentURI(params)
        pending.remove(uri)
        // The result names the workspace generation and the document's version it was computed for: the same id
        // again means nothing changed, and the client keeps what it has.
        let resultID = "\(files.generation)-\(documents[uri]?.version ?? 0)"
        if params["previousResultId"]?.string == resultID { return ["kind": "unchanged", "resultId": .string(resultID)] }
        var items: [UInt8] = []
        writeLSPDiagnostics(uri, to: &items)
        return ["kind": "full", "resultId": .string(resultID), "items": .raw(items)]
    }

    /// The findings of an open document, as the CLI would report them over its workspace with the buffers open.
    mutating func diagnostics(_ uri: String) -> Findings {
        // Not a copy of the buffer held over the re-parse below (its arrays would be copied rather than changed).
        if let cached = documents[uri]?.findings, cached.generation == files.generation { return cached.findings }
        let ws = workspace(for: uri)
        guard var doc = documents.removeValue(forKey: uri) else { return Findings(sorted: []) }
        let document = doc.document()
        let (linter, configError) = files.linter(for: doc.path, today: today)
        let rules: [Diagnostic]
        if let f = doc.ruleFindings, f.linterGeneration == files.configGeneration {
            rules = f.diagnostics
        } else {
            rules = linter.lintDocumentRules(document).sorted(by: Diagnostic.ordered)
            doc.ruleFindings = (files.configGeneration, rules)
        }
        let across = ws.map { linter.lintWorkspace(path: document.path, in: $0).sorted(by: Diagnostic.ordered) } ?? []
        let head = configError.map {
            [Diagnostic(ruleID: LanguageServer.configErrorCode, severity: .error, message: "config: \($0.description)",
                        path: document.path, range: SourceRange(start: 0, end: 0))]
        } ?? []
        let findings: Findings
        if Linter.hasSuppressions(document) {
            // Suppressions remove findings and add their own: the finished list is the one kept.
            findings = Findings(head: head, sorted: [linter.finish(document.syntaxDiagnostics + rules + across, document: document)])
        } else {
            // The syntax errors are the tree's own array (sorted as the parser found them, else a sorted copy).
            let syntax = Findings.isSorted(document.syntaxDiagnostics) ? document.syntaxDiagnostics : document.syntaxDiagnostics.sorted(by: Diagnostic.ordered)
            findings = Findings(head: head, sorted: [syntax, rules, across])
        }
        doc.findings = (files.generation, findings)
        documents[uri] = doc
        return findings
    }

    static let configErrorCode = "config-error"

    static let severities: [Severity: Int] = [.error: 1, .warning: 2, .info: 3]

    static func docsURL(_ ruleID: String) -> String { "\(okrlintInformationURI)/blob/main/docs/rules.md#\(ruleID)" }

    /// The findings of `uri` as the protocol's array of diagnostics, written to `out`.
    mutating func writeLSPDiagnostics(_ uri: String, to out: inout [UInt8]) {
        let found = diagnostics(uri)
        out.append(UInt8(ascii: "["))
        if let source = documents[uri]?.source {
            var otherSources: [String: SourceFile?] = [:]
            found.forEach { i, d in
                if i > 0 { out.append(UInt8(ascii: ",")) }
                lspDiagnostic(d, in: source, &otherSources).write(to: &out)
            }
        }
        out.append(UInt8(ascii: "]"))
    }

    /// The protocol's form of one finding of the buffer whose text is `source`; `otherSources` keeps the files its
    /// related locations are in.
    func lspDiagnostic(_ d: Diagnostic, in source: SourceFile, _ otherSources: inout [String: SourceFile?]) -> JSON {
        var fields: [(String, JSON)] = [
            ("range", source.lspRange(d.range, encoding)),
            ("severity", .int(LanguageServer.severities[d.severity] ?? 2)),
            ("code", .string(d.ruleID)),
        ]
        if d.ruleID != LanguageServer.configErrorCode {
            fields.append(("codeDescription", ["href": .string(LanguageServer.docsURL(d.ruleID))]))
        }
        fields.append(("source", "okrlint"))
        fields.append(("message", .string(d.help.map { "\(d.message)\nhelp: \($0)" } ?? d.message)))
        if d.ruleID == UnusedSuppressionRule.id { fields.append(("tags", [1])) }
        if !d.related.isEmpty {
            var related: [JSON] = []
            for r in d.related.prefix(20) {
                let abs = Path.absolute(r.path)
                if otherSources[abs] == nil { otherSources[abs] = .some(self.source(ofPath: abs)) }
                let range: JSON
                if let s = otherSources[abs] ?? nil {
                    let p = s.position(line: r.line, column: r.column, encoding)
                    let end = s.position(of: s.offset(of: p, encoding) + max(0, r.range.end - r.range.start), encoding)
                    range = ["start": p.json, "end": end.line == p.line ? end.json : p.json]
                } else {
                    let p = LSPPosition(line: max(0, r.line - 1), character: max(0, r.column - 1))
                    range = ["start": p.json, "end": p.json]
                }
                related.append(["location": ["uri": .string(FileURI.uri(abs)), "range": range], "message": .string(r.message)])
            }
            fields.append(("relatedInformation", .array(related)))
        }
        if let fix = d.fix { fields.append(("data", ["fix": .string(fix.message)])) }
        return .object(fields)
    }

    /// The text of a file of the workspace: its open buffer, else the file on disk when it lies inside a workspace
    /// folder (never through a link out of it).
    func source(ofPath path: String) -> SourceFile? {
        if let doc = documents.values.first(where: { $0.path == path }) { return doc.source }
        return files.read(path).map { SourceFile(path: path, bytes: $0) }
    }
}
