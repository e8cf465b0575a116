/// A JSON-RPC error, answered to a request.
public struct RPCError: Error, Sendable, Equatable {
    public var code: Int
    public var message: String
    public init(_ code: Int, _ message: String) {
        self.code = code
        self.message = message
    }

    public static let parseError = -32700
    public static let invalidRequest = -32600
    public static let methodNotFound = -32601
    public static let invalidParams = -32602
    public static let internalError = -32603
    public static let serverNotInitialized = -32002
    public static let requestFailed = -32803

    static func params(_ what: String) -> RPCError { RPCError(invalidParams, what) }
}

/// The okrlint language server: the protocol's state machine over value types. The stdio loop (`LSPStdio`) hands it
/// each message body and writes what it returns; `idle()` is called when no input is waiting, and publishes the
/// diagnostics of documents changed since (so a burst of changes is linted once). Single-threaded: messages are
/// handled in the order they came.
public struct LanguageServer: Sendable {
    public enum Phase: Sendable, Equatable { case waiting, running, shutDown }

    public private(set) var phase = Phase.waiting
    /// Set by `exit`: 0 after `shutdown`, else 1.
    public private(set) var exitCode: Int32? = nil
    public private(set) var encoding = PositionEncoding.utf16
    /// Where log lines go (standard error in the binary).
    let log: @Sendable (String) -> Void
    /// The date for time-based rules; nil: the config's `today`, else the real date.
    let today: CalendarDate?

    var client = ClientCapabilities()
    var documents: [String: OpenDocument] = [:]
    /// Documents whose diagnostics must be published at the next `idle()`.
    var pending: Set<String> = []
    var files = WorkspaceFiles()
    var nextRequestID = 1
    /// A watched file or the configuration changed since the last `idle()`.
    var externalChange = false

    public init(today: CalendarDate? = nil, log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.today = today
        self.log = log
    }

    struct ClientCapabilities: Sendable {
        var pullDiagnostics = false
        var diagnosticRefresh = false
        var relatedInformation = true
        var watchedFilesRegistration = false
        var hierarchicalSymbols = true
        var markdownHover = true
        var snippetSupport = false
    }

    // MARK: messages

    /// Handles one message body; returns the messages to send, in order.
    public mutating func handle(_ body: [UInt8]) -> [JSON] {
        let message: JSON
        do {
            message = try JSON.parse(body)
        } catch {
            log("parse error at byte \(error.offset): \(error.message)")
            return [LanguageServer.errorResponse(.null, RPCError(RPCError.parseError, "parse error at byte \(error.offset): \(error.message)"))]
        }
        guard message.isObject else {
            return [LanguageServer.errorResponse(.null, RPCError(RPCError.invalidRequest, "a message must be a JSON object (batches are not used by LSP)"))]
        }
        let id = message["id"]
        if let id, !LanguageServer.isValidID(id) {
            return [LanguageServer.errorResponse(.null, RPCError(RPCError.invalidRequest, "`id` must be a number or a string"))]
        }
        guard message["jsonrpc"]?.string == "2.0" else {
            return id.map { [LanguageServer.errorResponse($0, RPCError(RPCError.invalidRequest, "`jsonrpc` must be \"2.0\""))] } ?? []
        }
        guard let methodValue = message["method"] else {
            // A response to one of our requests (registration, refresh): nothing to do with it.
            if id != nil && (message["result"] != nil || message["error"] != nil) { return [] }
            return [LanguageServer.errorResponse(id ?? .null, RPCError(RPCError.invalidRequest, "a request needs a `method`"))]
        }
        guard let method = methodValue.string else {
            return [LanguageServer.errorResponse(id ?? .null, RPCError(RPCError.invalidRequest, "`method` must be a string"))]
        }
        let params = message["params"] ?? .null
        // `params: null` is read as no params (clients send it for `shutdown` and `exit`).
        if let p = message["params"], !p.isObject, p.array == nil, !p.isNull {
            if let id { return [LanguageServer.errorResponse(id, RPCError(RPCError.invalidRequest, "`params` must be an object or an array"))] }
            return []
        }
        guard let id else {
            return notification(method, params)
        }
        var out: [JSON] = []
        switch request(method, params, &out) {
        case .success(let result): out.insert(["jsonrpc": "2.0", "id": id, "result": result], at: 0)
        case .failure(let e): out.insert(LanguageServer.errorResponse(id, e), at: 0)
        }
        return out
    }

    static func isValidID(_ id: JSON) -> Bool {
        switch id {
        case .int, .string: return true
        default: return false
        }
    }

    public static func errorResponse(_ id: JSON, _ e: RPCError) -> JSON {
        ["jsonrpc": "2.0", "id": id, "error": ["code": .int(e.code), "message": .string(e.message)]]
    }

    /// An answer to a frame that could not be read at all (its id is unknown).
    public static func frameError(_ message: String) -> JSON {
        errorResponse(.null, RPCError(RPCError.invalidRequest, message))
    }

    static func notify(_ method: String, _ params: JSON) -> JSON {
        ["jsonrpc": "2.0", "method": .string(method), "params": params]
    }

    mutating func serverRequest(_ method: String, _ params: JSON) -> JSON {
        defer { nextRequestID += 1 }
        return ["jsonrpc": "2.0", "id": .string("okrlint-\(nextRequestID)"), "method": .string(method), "params": params]
    }

    mutating func request(_ method: String, _ params: JSON, _ out: inout [JSON]) -> Result<JSON, RPCError> {
        switch phase {
        case .waiting:
            guard method == "initialize" else {
                return .failure(RPCError(RPCError.serverNotInitialized, "the server is not initialized: send `initialize` first"))
            }
            return .success(initialize(params))
        case .shutDown:
            return .failure(RPCError(RPCError.invalidRequest, "the server is shut down: only `exit` is accepted"))
        case .running:
            break
        }
        do {
            switch method {
            case "initialize": throw RPCError(RPCError.invalidRequest, "`initialize` was sent already")
            case "shutdown":
                phase = .shutDown
                return .success(.null)
            case "textDocument/diagnostic": return .success(try pullDiagnostics(params))
            case "textDocument/codeAction": return .success(try codeActions(params))
            case "textDocument/formatting": return .success(try formatting(params))
            case "textDocument/documentSymbol": return .success(try documentSymbols(params))
            case "textDocument/foldingRange": return .success(try foldingRanges(params))
            case "textDocument/definition": return .success(try definition(params))
            case "textDocument/references": return .success(try references(params))
            case "textDocument/hover": return .success(try hover(params))
            case "textDocument/completion": return .success(try completion(params))
            case "workspace/symbol": return .success(try workspaceSymbols(params))
            default:
                return .failure(RPCError(RPCError.methodNotFound, "unknown method `\(SafeText.escape(String(method.prefix(200))))`"))
            }
        } catch let e as RPCError {
            return .failure(e)
        } catch {
            return .failure(RPCError(RPCError.internalError, "\(error)"))
        }
    }

    mutating func notification(_ method: String, _ params: JSON) -> [JSON] {
        if method == "exit" {
            exitCode = phase == .shutDown ? 0 : 1
            return []
        }
        // Before `initialize` notifications are dropped; after `shutdown` too.
        guard phase == .running else { return [] }
        switch method {
        case "initialized":
            guard client.watchedFilesRegistration else { return [] }
            let watchers: [JSON] = ["**/*.okr", "**/*.okr.md", "**/\(ResolvedConfig.fileName)"].map { ["globPattern": .string($0)] }
            return [serverRequest("client/registerCapability", ["registrations": [[
                "id": "okrlint-watched-files", "method": "workspace/didChangeWatchedFiles",
                "registerOptions": ["watchers": .array(watchers)],
            ]]])]
        case "textDocument/didOpen": didOpen(params)
        case "textDocument/didChange": didChange(params)
        case "textDocument/didSave":
            if let uri = params["textDocument"]?["uri"]?.string, documents[uri] != nil { pending.insert(uri) }
        case "textDocument/didClose": return didClose(params)
        case "workspace/didChangeWatchedFiles": didChangeWatchedFiles(params)
        case "workspace/didChangeConfiguration":
            files.forgetConfigs()
            externalChange = true
            markAllPending()
        default:
            break  // `$/cancelRequest`, `$/setTrace` and unknown notifications: nothing to do
        }
        return []
    }

    mutating func initialize(_ params: JSON) -> JSON {
        phase = .running
        let caps = params["capabilities"] ?? .null
        encoding = PositionEncoding.negotiate(caps["general"]?["positionEncodings"]?.array?.compactMap(\.string))
        let td = caps["textDocument"] ?? .null
        client.pullDiagnostics = td["diagnostic"]?.isObject ?? false
        if let mode = params["initializationOptions"]?["diagnosticMode"]?.string {
            client.pullDiagnostics = mode == "pull"
        }
        client.diagnosticRefresh = caps["workspace"]?["diagnostics"]?["refreshSupport"]?.bool ?? false
        client.relatedInformation = td["publishDiagnostics"]?["relatedInformation"]?.bool ?? false
        client.watchedFilesRegistration = caps["workspace"]?["didChangeWatchedFiles"]?["dynamicRegistration"]?.bool ?? false
        client.hierarchicalSymbols = td["documentSymbol"]?["hierarchicalDocumentSymbolSupport"]?.bool ?? false
        let formats = td["hover"]?["contentFormat"]?.array?.compactMap(\.string) ?? []
        client.markdownHover = formats.isEmpty || formats.contains("markdown")
        // The workspace the client opened: it bounds what is read when no repository or config does.
        var root: String? = nil
        if let folders = params["workspaceFolders"]?.array, let uri = folders.first?["uri"]?.string { root = FileURI.path(uri) }
        if root == nil, let uri = params["rootUri"]?.string { root = FileURI.path(uri) }
        if root == nil, let p = params["rootPath"]?.string, p.hasPrefix("/") { root = Path.normalize(p) }
        files.clientRoot = root
        log("initialized: position encoding \(encoding.rawValue), diagnostics \(client.pullDiagnostics ? "pulled" : "pushed"), root \(root.map(SafeText.escape) ?? "none")")
        var capabilities: [(String, JSON)] = [
            ("positionEncoding", .string(encoding.rawValue)),
            ("textDocumentSync", ["openClose": true, "change": 2, "save": ["includeText": false]]),
            ("codeActionProvider", ["codeActionKinds": ["quickfix", .string(LanguageServer.fixAllKind)], "resolveProvider": false]),
            ("documentFormattingProvider", true),
            ("documentSymbolProvider", true),
            ("workspaceSymbolProvider", true),
            ("foldingRangeProvider", true),
            ("definitionProvider", true),
            ("referencesProvider", true),
            ("hoverProvider", true),
            ("completionProvider", ["triggerCharacters": [":", "/", " ", "-"], "resolveProvider": false]),
        ]
        if client.pullDiagnostics {
            capabilities.append(("diagnosticProvider", ["identifier": "okrlint", "interFileDependencies": true, "workspaceDiagnostics": false]))
        }
        return ["capabilities": .object(capabilities), "serverInfo": ["name": "okrlint", "version": .string(okrlintVersion)]]
    }

    // MARK: text synchronisation

    mutating func didOpen(_ params: JSON) {
        guard let td = params["textDocument"], let uri = td["uri"]?.string, let text = td["text"]?.string else {
            log("didOpen without textDocument.uri and text: ignored")
            return
        }
        documents[uri] = OpenDocument(uri: uri, version: td["version"]?.int ?? 0, text: Array(text.utf8))
        files.generation += 1
        files.structuralGeneration = files.generation
        markAllPending()
    }

    mutating func didChange(_ params: JSON) {
        guard let td = params["textDocument"], let uri = td["uri"]?.string, var doc = documents[uri] else {
            log("didChange for a document that is not open: ignored")
            return
        }
        documents[uri] = nil  // edited in place, not copied
        for change in params["contentChanges"]?.array ?? [] {
            guard let text = change["text"]?.string else { continue }
            if let range = change["range"] {
                guard let r = doc.source.byteRange(range, encoding) else {
                    log("didChange with a malformed range: change ignored")
                    continue
                }
                doc.edit(r, Array(text.utf8))
            } else {
                doc.replace(Array(text.utf8))
            }
        }
        if let v = td["version"]?.int { doc.version = v }
        files.generation += 1
        doc.editedGeneration = files.generation
        documents[uri] = doc
        markAllPending()
    }

    mutating func didClose(_ params: JSON) -> [JSON] {
        guard let uri = params["textDocument"]?["uri"]?.string, documents.removeValue(forKey: uri) != nil else { return [] }
        pending.remove(uri)
        files.generation += 1
        files.structuralGeneration = files.generation
        markAllPending()
        // Its findings go with it (the file is still checked as part of the workspace by the other documents).
        return client.pullDiagnostics ? [] : [LanguageServer.notify("textDocument/publishDiagnostics", ["uri": .string(uri), "diagnostics": []])]
    }

    mutating func didChangeWatchedFiles(_ params: JSON) {
        for change in params["changes"]?.array ?? [] {
            guard let uri = change["uri"]?.string, let path = FileURI.path(uri) else { continue }
            if Path.name(path) == ResolvedConfig.fileName {
                files.forgetConfigs()
            } else if Path.isOKRFile(Path.name(path)) {
                files.fileChanged(path, deleted: change["type"]?.int == 3)
            }
        }
        files.generation += 1
        files.structuralGeneration = files.generation
        externalChange = true
        markAllPending()
    }

    mutating func markAllPending() {
        for uri in documents.keys { pending.insert(uri) }
    }

    // MARK: diagnostics

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
            let diagnostics = lspDiagnostics(uri)
            var params: [(String, JSON)] = [("uri", .string(uri))]
            if let v = documents[uri]?.version { params.append(("version", .int(v))) }
            params.append(("diagnostics", .array(diagnostics)))
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
        return ["kind": "full", "resultId": .string(resultID), "items": .array(lspDiagnostics(uri))]
    }

    func documentURI(_ params: JSON) throws -> String {
        guard let uri = params["textDocument"]?["uri"]?.string else { throw RPCError.params("`textDocument.uri` is missing") }
        guard documents[uri] != nil else { throw RPCError(RPCError.invalidParams, "the document is not open: \(SafeText.escape(String(uri.prefix(300))))") }
        return uri
    }

    /// The findings of an open document, as the CLI would report them over its workspace with the buffers open.
    mutating func diagnostics(_ uri: String) -> [Diagnostic] {
        // Not a copy of the buffer held over the re-parse below (its arrays would be copied rather than changed).
        if let cached = documents[uri]?.findings, cached.generation == files.generation { return cached.diagnostics }
        let ws = workspace(for: uri)
        guard var doc = documents.removeValue(forKey: uri) else { return [] }
        let document = doc.document()
        let (linter, configError) = files.linter(for: doc.path, today: today)
        var all: [Diagnostic]
        if let f = doc.documentFindings, f.linterGeneration == files.configGeneration {
            all = f.diagnostics
        } else {
            all = linter.lintDocument(document)
            doc.documentFindings = (files.configGeneration, all)
        }
        if let ws { all = linter.acrossFiles(all, path: document.path, in: ws) }
        all = linter.finish(all, document: document)
        if let configError {
            all.insert(Diagnostic(ruleID: LanguageServer.configErrorCode, severity: .error, message: "config: \(configError.description)",
                                  path: document.path, range: SourceRange(start: 0, end: 0)), at: 0)
        }
        doc.findings = (files.generation, all)
        documents[uri] = doc
        return all
    }

    static let configErrorCode = "config-error"

    /// The workspace of an open document: the files on disk under its workspace folder, with the open buffers in
    /// place of their files; nil for a document outside any folder (it is linted alone).
    mutating func workspace(for uri: String) -> Workspace? {
        guard let entry = documents[uri].map({ $0.path }) else { return nil }
        guard let path = entry, let folder = files.folder(for: path) else {
            guard var doc = documents.removeValue(forKey: uri) else { return nil }
            let calendar = files.linter(for: doc.path, today: today).0.calendar
            let summary = doc.summary(calendar: calendar)
            documents[uri] = doc
            return Workspace(summaries: [summary])
        }
        if let cached = files.workspaces[folder] {
            if cached.generation == files.generation { return cached.workspace }
            if cached.generation >= files.structuralGeneration, let ws = updated(cached.workspace, since: cached.generation, folder: folder) {
                files.workspaces[folder] = (files.generation, ws)
                return ws
            }
        }
        files.loadFolder(folder, today: today, log: log)
        var byPath = files.folders[folder]?.summaries ?? [:]
        for case let (u, p?) in documents.map({ ($0.key, $0.value.path) }) where WorkspaceRoot.isInside(p, folder) {
            byPath[p] = summary(of: u, path: p)
        }
        let ws = Workspace(summaries: byPath.keys.sorted().compactMap { byPath[$0] })
        files.workspaces[folder] = (files.generation, ws)
        return ws
    }

    /// `ws` with the summaries of the buffers in `folder` edited since generation `since`; nil when an edit changed
    /// what the index is built from.
    mutating func updated(_ ws: Workspace, since: Int, folder: String) -> Workspace? {
        var ws = ws
        // URIs first: a loop over `documents` would hold its storage, and every buffer changed in the loop be copied.
        let edited = documents.compactMap { $0.value.editedGeneration > since ? ($0.key, $0.value.path) : nil }
        for case let (u, p?) in edited where WorkspaceRoot.isInside(p, folder) {
            guard let di = ws.index(ofPath: p), let s = summary(of: u, path: p), let next = ws.replacing(di, with: s) else { return nil }
            ws = next
        }
        return ws
    }

    /// The summary of an open buffer. The buffer is taken out of `documents` while its tree is brought up to date,
    /// so the incremental re-parse changes its arrays in place rather than copying them.
    mutating func summary(of uri: String, path: String) -> DocumentSummary? {
        guard var d = documents.removeValue(forKey: uri) else { return nil }
        let s = d.summary(calendar: files.linter(for: path, today: today).0.calendar)
        documents[uri] = d
        return s
    }

    static let severities: [Severity: Int] = [.error: 1, .warning: 2, .info: 3]

    static func docsURL(_ ruleID: String) -> String { "\(okrlintInformationURI)/blob/main/docs/rules.md#\(ruleID)" }

    mutating func lspDiagnostics(_ uri: String) -> [JSON] {
        let found = diagnostics(uri)
        guard let doc = documents[uri] else { return [] }
        let source = doc.source
        var otherSources: [String: SourceFile?] = [:]
        return found.map { d in
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
    }

    /// The text of a file of the workspace: its open buffer, else the file on disk when it lies inside a workspace
    /// folder (never through a link out of it).
    func source(ofPath path: String) -> SourceFile? {
        if let doc = documents.values.first(where: { $0.path == path }) { return doc.source }
        return files.read(path).map { SourceFile(path: path, bytes: $0) }
    }
}
