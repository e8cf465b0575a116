/// The requests beyond diagnostics, one file each: code actions and formatting (here, with the helpers the others
/// share), symbols and folding (`Symbols`), definition and references (`Navigation`), hover (`Hover`) and completion
/// (`Completion`). Each reads the open buffer's syntax tree and, for links, the workspace of summaries.
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
        let writer = diagnosticWriter(uri)
        let found = writer.findings
        var actions: [JSON] = []
        if wants("quickfix") {
            var disabled = Set<String>()
            // Findings on the lines asked about (a cursor at the start of a line gets that line's fixes), each in
            // the protocol's form (only these: not the whole list).
            let firstLine = source.lineIndex(of: range.start), lastLine = source.lineIndex(of: range.end)
            found.forEach { _, d in
                guard source.lineIndex(of: d.range.start) <= lastLine && firstLine <= source.lineIndex(of: max(d.range.start, d.range.end - 1)) else { return }
                let lspDiagnostic = writer.json(d)
                if let fix = d.fix, fix.isValid(byteCount: source.bytes.count) {
                    actions.append([
                        "title": .string(fix.applicability == .safe ? fix.message : "\(fix.message) (unsafe)"),
                        "kind": "quickfix", "diagnostics": [lspDiagnostic],
                        "isPreferred": .bool(fix.applicability == .safe),
                        "edit": workspaceEdit(uri, source, fix.edits),
                    ])
                }
                guard d.ruleID != syntaxErrorID, d.ruleID != LanguageServer.configErrorCode else { return }
                let line = source.lineIndex(of: d.range.start)
                guard disabled.insert("\(line) \(d.ruleID)").inserted else { return }
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
            // The list is copied for the fixer only when something in it has a safe fix.
            var anyFix = false
            found.forEach { _, d in
                if !anyFix, d.ruleID != LanguageServer.configErrorCode, let fix = d.fix, Fixer.applies(fix, unsafe: false) { anyFix = true }
            }
            if anyFix {
                let fixable = found.array.filter { $0.ruleID != LanguageServer.configErrorCode }
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
}
