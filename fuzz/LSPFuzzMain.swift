// libFuzzer entry point for the language server (FUZZ_TARGET=lsp fuzz/run), compiled into the same module as OKRKit's
// sources instead of FuzzMain.swift. Each input is used twice:
// 1. as a byte stream, cut into chunks by its own bytes, through `FrameReader` into an initialized server: the reader
//    stays within its bounds and every message is answered or ignored without a crash;
// 2. as the text of an open document (UTF-16 or UTF-8 positions, by the input's first byte): the published findings,
//    then every request at positions taken from the input; every range must lie in the text, and the edits of
//    formatting, applied by an independent converter below, must give what `Formatter` gives.

let fuzzToday = CalendarDate(year: 2026, month: 11, day: 25)!

func fuzzServer(_ encoding: PositionEncoding) -> LanguageServer {
    var s = LanguageServer(today: fuzzToday)
    let offer: JSON = encoding == .utf8 ? ["utf-8"] : ["utf-16"]
    _ = s.handle(fuzzBytes((["jsonrpc": "2.0", "id": 0, "method": "initialize",
                             "params": ["capabilities": ["general": ["positionEncodings": offer]]]] as JSON)))
    return s
}

/// Lines of a text as the protocol counts them (LF, CRLF, CR end a line), each as its units in `encoding`.
func fuzzLines(_ text: String, _ encoding: PositionEncoding) -> [[String.UnicodeScalarView.Element]] {
    var lines: [[Unicode.Scalar]] = [[]]
    var previousCR = false
    for s in text.unicodeScalars {
        if s == "\n" {
            if !previousCR { lines.append([]) }
            previousCR = false
        } else if s == "\r" {
            lines.append([])
            previousCR = true
        } else {
            lines[lines.count - 1].append(s)
            previousCR = false
        }
    }
    return lines
}

/// An independent position -> offset (in UTF-8 bytes of `text`), for checking the server's edits.
func fuzzOffset(_ text: [UInt8], _ lines: [[Unicode.Scalar]], line: Int, character: Int, _ encoding: PositionEncoding) -> Int? {
    guard line >= 0, line < lines.count, character >= 0 else { return nil }
    // Bytes before the line: each earlier line's scalars and its terminator.
    var offset = 0
    var k = 0
    for l in 0..<line {
        for s in lines[l] { offset += String(s).utf8.count }
        _ = l
        // The terminator: CRLF or one byte.
        offset += (offset + 1 < text.count && text[offset] == 0x0D && text[offset + 1] == 0x0A) ? 2 : 1
    }
    var units = 0
    while units < character {
        guard k < lines[line].count else { return nil }
        let s = lines[line][k]
        units += encoding == .utf8 ? String(s).utf8.count : String(s).utf16.count
        offset += String(s).utf8.count
        k += 1
    }
    return units == character ? offset : nil
}

func fuzzBytes(_ j: JSON) -> [UInt8] { j.bytes }

func fuzzRequest(_ s: inout LanguageServer, _ method: String, _ params: JSON) -> JSON? {
    let out = s.handle(fuzzBytes((["jsonrpc": "2.0", "id": 1, "method": .string(method), "params": params] as JSON)))
    precondition(out.first?["id"] == 1, "\(method): no answer")
    return out.first?["result"]
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    // 1. A stream of frames.
    var reader = FrameReader(maxHeaderBytes: 128, maxContentLength: 2048)
    var stream = fuzzServer(.utf16)
    var i = 0
    var k = 0
    while i < size {
        let n = 1 + Int(bytes[k % size]) % 97
        reader.append(Array(bytes[i..<min(size, i + n)]))
        i += n
        k += 1
        while let e = reader.next() {
            if case .message(let body) = e { _ = stream.handle(body) }
        }
        precondition(reader.buffered <= 128 + 2048 + 97 + 4, "frame reader holds \(reader.buffered) bytes")
    }
    _ = stream.idle()
    // 2. The input as an open document.
    let encoding: PositionEncoding = (bytes.first ?? 0) % 2 == 0 ? .utf16 : .utf8
    var s = fuzzServer(encoding)
    let text = String(decoding: bytes, as: UTF8.self)
    let utf8 = Array(text.utf8)
    let lines = fuzzLines(text, encoding)
    let uri: JSON = "untitled:fuzz"
    _ = s.handle(fuzzBytes((["jsonrpc": "2.0", "method": "textDocument/didOpen",
                             "params": ["textDocument": ["uri": uri, "languageId": "okr", "version": 1, "text": .string(text)]]] as JSON)))
    func inText(_ r: JSON?) -> Bool {
        guard let r, let s = LSPPosition(r["start"]), let e = LSPPosition(r["end"]) else { return false }
        return s <= e && e.line < lines.count && fuzzOffset(utf8, lines, line: s.line, character: s.character, encoding) != nil
            && fuzzOffset(utf8, lines, line: e.line, character: e.character, encoding) != nil
    }
    for m in s.idle() {
        for d in m["params"]?["diagnostics"]?.array ?? [] { precondition(inText(d["range"]), "finding range \(d["range"]?.text ?? "")") }
    }
    let doc: JSON = ["uri": uri]
    // Formatting: the edits, applied independently, give the formatter's output.
    if let edits = fuzzRequest(&s, "textDocument/formatting", ["textDocument": doc, "options": ["tabSize": 2, "insertSpaces": true]])?.array {
        var out = utf8
        for e in edits.reversed() {
            precondition(inText(e["range"]), "formatting edit range")
            guard let a = LSPPosition(e["range"]?["start"]), let b = LSPPosition(e["range"]?["end"]),
                  let x = fuzzOffset(utf8, lines, line: a.line, character: a.character, encoding),
                  let y = fuzzOffset(utf8, lines, line: b.line, character: b.character, encoding) else { preconditionFailure("edit") }
            out.replaceSubrange(x..<y, with: Array((e["newText"]?.string ?? "").utf8))
        }
        if !edits.isEmpty { precondition(out == Formatter.format(path: "untitled:fuzz", bytes: utf8).bytes, "formatting edits") }
    }
    for method in ["textDocument/documentSymbol", "textDocument/foldingRange"] { _ = fuzzRequest(&s, method, ["textDocument": doc]) }
    _ = fuzzRequest(&s, "workspace/symbol", ["query": "o"])
    for p in 0..<min(4, size) {
        let line = Int(bytes[p]) % (lines.count + 1)
        let character = Int(bytes[size - 1 - p]) % 48
        let pos: JSON = ["line": .int(line), "character": .int(character)]
        let at: JSON = ["textDocument": doc, "position": pos]
        for method in ["textDocument/hover", "textDocument/definition", "textDocument/completion"] { _ = fuzzRequest(&s, method, at) }
        _ = fuzzRequest(&s, "textDocument/references", ["textDocument": doc, "position": pos, "context": ["includeDeclaration": true]])
        let actions = fuzzRequest(&s, "textDocument/codeAction", ["textDocument": doc, "range": ["start": pos, "end": pos], "context": ["diagnostics": []]])
        for a in actions?.array ?? [] {
            for e in a["edit"]?["changes"]?["untitled:fuzz"]?.array ?? [] { precondition(inText(e["range"]), "code action edit range") }
        }
    }
    // An incremental change at a position from the input, then the tree of the new text.
    if size > 3 {
        let a: JSON = ["line": .int(Int(bytes[1]) % (lines.count + 2)), "character": .int(Int(bytes[2]) % 64)]
        let b: JSON = ["line": .int(Int(bytes[1]) % (lines.count + 2) + Int(bytes[3]) % 3), "character": .int(Int(bytes[3]) % 64)]
        _ = s.handle(fuzzBytes((["jsonrpc": "2.0", "method": "textDocument/didChange",
                                 "params": ["textDocument": ["uri": uri, "version": 2],
                                            "contentChanges": [["range": ["start": a, "end": b], "text": .string(String(text.prefix(7)))]]]] as JSON)))
        if var d = s.documents["untitled:fuzz"] {
            precondition(ASTDump.dump(d.document()) == ASTDump.dump(Parser.parse(path: "untitled:fuzz", bytes: d.source.bytes)), "edited tree")
        }
        _ = s.idle()
    }
    return 0
}
