/// SARIF 2.1.0 for GitHub code scanning: `tool.driver` with rules, results with physical locations (start and end
/// line and column, columns in Unicode code points) and `partialFingerprints` stable when unrelated lines move.
public struct SarifReporter: Reporter {
    public static let id = "sarif"
    public init() {}

    static func level(_ s: Severity) -> String {
        switch s {
        case .error: "error"
        case .warning: "warning"
        case .info: "note"
        }
    }

    /// Each rule's position in `tool.driver.rules`.
    static let ruleIndex = Dictionary(uniqueKeysWithValues: RuleInfo.all.enumerated().map { ($1.id, $0) })

    public func frame(_ result: LintResult) -> ReportFrame {
        let rules = RuleInfo.all
        var w = JSONWriter()
        w.beginObject()
        w.string("$schema", "https://json.schemastore.org/sarif-2.1.0.json")
        w.string("version", "2.1.0")
        w.beginArray("runs")
        w.beginObject()
        w.beginObject("tool")
        w.beginObject("driver")
        w.string("name", "okrlint")
        w.string("version", okrlintVersion)
        w.string("semanticVersion", okrlintVersion)
        w.string("informationUri", okrlintInformationURI)
        w.beginArray("rules")
        for r in rules {
            w.beginObject()
            w.string("id", r.id)
            w.string("name", r.id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined())
            w.beginObject("shortDescription"); w.string("text", r.summary); w.endObject()
            w.beginObject("fullDescription"); w.string("text", r.rationale); w.endObject()
            w.beginObject("help")
            w.string("text", "\(r.summary)\n\n\(r.rationale)\n\nRun `okrlint rule \(r.id)` for examples and options.")
            w.endObject()
            w.string("helpUri", "\(okrlintInformationURI)/blob/main/docs/rules.md#\(r.id)")
            w.beginObject("defaultConfiguration"); w.string("level", Self.level(r.defaultSeverity)); w.endObject()
            w.endObject()
        }
        w.endArray()
        w.endObject()
        w.endObject()
        w.string("columnKind", "unicodeCodePoints")
        w.beginObject("originalUriBaseIds")
        w.beginObject("%SRCROOT%"); w.string("uri", "./"); w.endObject()
        w.endObject()
        w.beginArray("results")
        return .json(w) { w in
            w.endArray()
            w.endObject()
            w.endArray()
            w.endObject()
            w.raw("\n")
        }
    }

    public func renderFile(_ file: FileResult) -> String { joinedChunks { renderFile(file, to: $0) } }

    public func renderFile(_ file: FileResult, to emit: (String) -> Void) {
        var locator = SourceLocator(file.source)
        var w = JSONWriter(itemsAt: 4)
        let prints = file.fingerprints()
        for (i, d) in file.diagnostics.enumerated() {
            let a = locator.location(of: d.range.start)
            var b = locator.location(of: d.range.end)
            if b == a { b.column += 1 }
            w.beginObject()
            w.string("ruleId", d.ruleID)
            if let ix = Self.ruleIndex[d.ruleID] { w.int("ruleIndex", ix) }
            w.string("level", Self.level(d.severity))
            w.beginObject("message")
            w.string("text", d.help.map { "\(d.message)\nhelp: \($0)" } ?? d.message)
            w.endObject()
            w.beginArray("locations")
            w.beginObject()
            w.beginObject("physicalLocation")
            w.beginObject("artifactLocation")
            w.string("uri", Self.uri(file.path))
            w.string("uriBaseId", "%SRCROOT%")
            w.endObject()
            w.beginObject("region")
            w.int("startLine", a.line)
            w.int("startColumn", a.column)
            w.int("endLine", b.line)
            w.int("endColumn", b.column)
            w.endObject()
            w.endObject()
            w.endObject()
            w.endArray()
            if !d.related.isEmpty {
                w.beginArray("relatedLocations")
                for (k, r) in d.related.enumerated() {
                    w.beginObject()
                    w.int("id", k + 1)
                    w.beginObject("physicalLocation")
                    w.beginObject("artifactLocation")
                    w.string("uri", Self.uri(r.path))
                    w.string("uriBaseId", "%SRCROOT%")
                    w.endObject()
                    w.beginObject("region")
                    w.int("startLine", r.line)
                    w.int("startColumn", r.column)
                    w.endObject()
                    w.endObject()
                    w.beginObject("message"); w.string("text", r.message); w.endObject()
                    w.endObject()
                }
                w.endArray()
            }
            if let fix = d.fix {
                // SARIF has no applicability: an unsafe fix says so in its description.
                w.beginArray("fixes")
                w.beginObject()
                w.beginObject("description")
                w.string("text", fix.applicability == .safe ? fix.message : "\(fix.message) (unsafe: may change what the file says)")
                w.endObject()
                w.beginArray("artifactChanges")
                w.beginObject()
                w.beginObject("artifactLocation")
                w.string("uri", Self.uri(file.path))
                w.string("uriBaseId", "%SRCROOT%")
                w.endObject()
                w.beginArray("replacements")
                for e in fix.edits {
                    // An empty region (start = end) is an insertion point.
                    let s = locator.location(of: e.range.start), t = locator.location(of: e.range.end)
                    w.beginObject()
                    w.beginObject("deletedRegion")
                    w.int("startLine", s.line)
                    w.int("startColumn", s.column)
                    w.int("endLine", t.line)
                    w.int("endColumn", t.column)
                    w.endObject()
                    if !e.content.isEmpty {
                        w.beginObject("insertedContent"); w.string("text", e.content); w.endObject()
                    }
                    w.endObject()
                }
                w.endArray()
                w.endObject()
                w.endArray()
                w.endObject()
                w.endArray()
            }
            w.beginObject("partialFingerprints")
            w.string("okrlintFingerprint/v1", prints[i])
            w.endObject()
            w.endObject()
            if w.output.utf8.count >= partChunkSize { emit(w.take()) }
        }
        emit(w.take())
    }

    /// A relative URI reference: path segments percent-encoded where URIs need it.
    static func uri(_ path: String) -> String {
        var out = ""
        for b in path.utf8 {
            let c = Character(UnicodeScalar(b))
            if (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || "-._~/".contains(c) {
                out.append(c)
            } else {
                let hex = String(b, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }
}
