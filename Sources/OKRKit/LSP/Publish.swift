/// Diagnostics: the findings of an open buffer, computed once per workspace generation and kept without copies
/// (`Findings`), and sent — pushed at `idle()` or pulled — written straight into bytes by a `DiagnosticWriter`,
/// streamed in pieces when there are many, rather than built as a tree of `JSON` values first (a buffer with a
/// finding on every line made a tree several times the size of the message, then copied the message twice).
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
            let diagnostics = diagnosticWriter(uri).json
            var params: [(String, JSON)] = [("uri", .string(uri))]
            if let v = documents[uri]?.version { params.append(("version", .int(v))) }
            params.append(("diagnostics", diagnostics))
            out.append(LanguageServer.notify("textDocument/publishDiagnostics", .object(params)))
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
        return ["kind": "full", "resultId": .string(resultID), "items": diagnosticWriter(uri).json]
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
        // Pass 1's findings seen with the workspace (`Linter.acrossFiles`: no `stale-check-in` on a key result other
        // files are aligned to; a filter keeps their order), then the rules across files.
        let shown = ws.map { StaleCheckInRule.checkedInThroughOthers(rules, path: document.path, in: $0) } ?? rules
        let across = ws.map { linter.lintWorkspace(path: document.path, in: $0).sorted(by: Diagnostic.ordered) } ?? []
        let head = configError.map {
            [Diagnostic(ruleID: LanguageServer.configErrorCode, severity: .error, message: "config: \($0.description)",
                        path: document.path, range: SourceRange(start: 0, end: 0))]
        } ?? []
        let findings: Findings
        if Linter.hasSuppressions(document) {
            // Suppressions remove findings and add their own: the finished list is the one kept.
            findings = Findings(head: head, sorted: [linter.finish(document.syntaxDiagnostics + shown + across, document: document)])
        } else {
            // The syntax errors are the tree's own array (sorted as the parser found them, else a sorted copy).
            let syntax = Findings.isSorted(document.syntaxDiagnostics) ? document.syntaxDiagnostics : document.syntaxDiagnostics.sorted(by: Diagnostic.ordered)
            findings = Findings(head: head, sorted: [syntax, shown, across])
        }
        doc.findings = (files.generation, findings)
        documents[uri] = doc
        return findings
    }

    static let configErrorCode = "config-error"

    static let severities: [Severity: Int] = [.error: 1, .warning: 2, .info: 3]

    static func docsURL(_ ruleID: String) -> String { "\(okrlintInformationURI)/blob/main/docs/rules.md#\(ruleID)" }

    /// The writer of `uri`'s findings in the protocol's form: the findings, the buffer's text and the files their
    /// related locations are in (read now, once).
    mutating func diagnosticWriter(_ uri: String) -> DiagnosticWriter {
        let found = diagnostics(uri)
        var related: [String: SourceFile?] = [:]
        found.forEach { _, d in
            for r in d.related.prefix(DiagnosticWriter.maxRelated) {
                let abs = Path.absolute(r.path)
                if related[abs] == nil { related[abs] = .some(self.source(ofPath: abs)) }
            }
        }
        let source = documents[uri]?.source ?? SourceFile(path: uri, bytes: [])
        return DiagnosticWriter(findings: found, source: source, encoding: encoding, related: related)
    }

    /// The text of a file of the workspace: its open buffer, else the file on disk when it lies inside a workspace
    /// folder (never through a link out of it).
    func source(ofPath path: String) -> SourceFile? {
        if let doc = documents.values.first(where: { $0.path == path }) { return doc.source }
        return files.read(path).map { SourceFile(path: path, bytes: $0) }
    }
}

/// Writes the findings of one buffer as the protocol's diagnostics, straight into bytes (no tree of `JSON` values).
/// A value — the findings, the text, the files of related locations — so the array can be written twice: once to
/// count its bytes for the frame's header, once to send it in pieces (`JSONStream`), never held whole.
struct DiagnosticWriter: Sendable {
    let findings: Findings
    let source: SourceFile
    let encoding: PositionEncoding
    let related: [String: SourceFile?]

    static let maxRelated = 20
    /// Below this many findings the array is written once, whole; above, it is streamed.
    static let streamAbove = 2_000

    /// The array as a `JSON` value: written text, or a stream for a long one.
    var json: JSON {
        if findings.count <= DiagnosticWriter.streamAbove {
            var all: [UInt8] = []
            _ = writeArray { all += $0; $0.removeAll(keepingCapacity: true); return true }
            return .raw(all)
        }
        var count = 0
        _ = writeArray { count += $0.count; $0.removeAll(keepingCapacity: true); return true }
        let writer = self
        return .stream(JSONStream(count: count, produce: { writer.writeArray($0) }))
    }

    /// `[…]`, handed to `flush` in pieces of about `JSONStream.chunk` bytes (the last one too).
    func writeArray(_ flush: (inout [UInt8]) -> Bool) -> Bool {
        var out: [UInt8] = []
        out.reserveCapacity(min(JSONStream.chunk, findings.count * 400) + 1024)
        out.append(UInt8(ascii: "["))
        var ok = true
        findings.forEach { i, d in
            guard ok else { return }
            if i > 0 { out.append(UInt8(ascii: ",")) }
            write(d, to: &out)
            if out.count >= JSONStream.chunk { ok = flush(&out) }
        }
        guard ok else { return false }
        out.append(UInt8(ascii: "]"))
        return flush(&out)
    }

    /// One diagnostic, as the protocol has it (keys in this order: range, severity, code, codeDescription, source,
    /// message, tags, relatedInformation, data).
    func write(_ d: Diagnostic, to out: inout [UInt8]) {
        out += #"{"range":"#.utf8
        writeRange(source.position(of: d.range.start, encoding), source.position(of: d.range.end, encoding), to: &out)
        out += #","severity":"#.utf8
        out += String(LanguageServer.severities[d.severity] ?? 2).utf8
        out += #","code":"#.utf8
        JSON.appendQuoted(d.ruleID, to: &out)
        if d.ruleID != LanguageServer.configErrorCode {
            out += #","codeDescription":{"href":"#.utf8
            JSON.appendQuoted(LanguageServer.docsURL(d.ruleID), to: &out)
            out.append(UInt8(ascii: "}"))
        }
        out += #","source":"okrlint","message":"#.utf8
        JSON.appendQuoted(d.help.map { "\(d.message)\nhelp: \($0)" } ?? d.message, to: &out)
        if d.ruleID == UnusedSuppressionRule.id { out += #","tags":[1]"#.utf8 }
        if !d.related.isEmpty {
            out += #","relatedInformation":["#.utf8
            for (k, r) in d.related.prefix(DiagnosticWriter.maxRelated).enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                let abs = Path.absolute(r.path)
                out += #"{"location":{"uri":"#.utf8
                JSON.appendQuoted(FileURI.uri(abs), to: &out)
                out += #","range":"#.utf8
                if let s = related[abs] ?? nil {
                    let p = s.position(line: r.line, column: r.column, encoding)
                    let end = s.position(of: s.offset(of: p, encoding) + max(0, r.range.end - r.range.start), encoding)
                    writeRange(p, end.line == p.line ? end : p, to: &out)
                } else {
                    let p = LSPPosition(line: max(0, r.line - 1), character: max(0, r.column - 1))
                    writeRange(p, p, to: &out)
                }
                out += #"},"message":"#.utf8
                JSON.appendQuoted(r.message, to: &out)
                out.append(UInt8(ascii: "}"))
            }
            out.append(UInt8(ascii: "]"))
        }
        if let fix = d.fix {
            out += #","data":{"fix":"#.utf8
            JSON.appendQuoted(fix.message, to: &out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "}"))
    }

    /// `{"start":{"line":…,"character":…},"end":{…}}`
    func writeRange(_ start: LSPPosition, _ end: LSPPosition, to out: inout [UInt8]) {
        out += #"{"start":{"line":"#.utf8
        out += String(start.line).utf8
        out += #","character":"#.utf8
        out += String(start.character).utf8
        out += #"},"end":{"line":"#.utf8
        out += String(end.line).utf8
        out += #","character":"#.utf8
        out += String(end.character).utf8
        out += "}}".utf8
    }

    /// One diagnostic as a value (a code action names the diagnostics it fixes).
    func json(_ d: Diagnostic) -> JSON {
        var out: [UInt8] = []
        write(d, to: &out)
        return .raw(out)
    }
}
