/// Completion: keys, IDs, `aligns` targets and suppression comments.
extension LanguageServer {
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
