/// rustc/ruff-style output: header, `-->` location, the source line, carets under the range, `= help:`,
/// then a one-line summary.
public struct HumanReporter: Reporter {
    public static let id = "human"
    public var color: Bool
    /// Leave out the summary line (`--quiet`).
    public var summary: Bool
    /// Files checked, for the summary (may exceed `result.files.count` when only some are reported).
    public var filesChecked: Int?
    /// `--unsafe-fixes`: unsafe fixes count as fixable with `--fix`.
    public var unsafeFixes: Bool

    public init(color: Bool = false, summary: Bool = true, filesChecked: Int? = nil, unsafeFixes: Bool = false) {
        self.color = color
        self.summary = summary
        self.filesChecked = filesChecked
        self.unsafeFixes = unsafeFixes
    }

    static let maxLineWidth = 160

    func paint(_ s: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }

    func severityColor(_ s: Severity) -> String {
        switch s {
        case .error: "1;31"
        case .warning: "1;33"
        case .info: "1;36"
        }
    }

    public func frame(_ result: LintResult) -> ReportFrame {
        ReportFrame(head: "", tail: summary ? summaryLine(result) + "\n" + (fixesLine(result).map { $0 + "\n" } ?? "") : "")
    }

    /// How many findings `--fix` would fix, and how many more `--unsafe-fixes` would; nil when none.
    public func fixesLine(_ result: LintResult) -> String? {
        var safe = 0, unsafe = 0
        for f in result.files {
            for d in f.diagnostics {
                guard let fix = d.fix else { continue }
                if fix.applicability == .safe { safe += 1 } else { unsafe += 1 }
            }
        }
        if unsafeFixes {
            guard safe + unsafe > 0 else { return nil }
            return "\(paint("[*]", "1;32")) \(safe + unsafe) fixable with `okrlint --fix --unsafe-fixes`."
        }
        if safe > 0 {
            return "\(paint("[*]", "1;32")) \(safe) fixable with `okrlint --fix`" + (unsafe > 0 ? " (\(unsafe) more with `--unsafe-fixes`)." : ".")
        }
        return unsafe > 0 ? "\(unsafe) fixable with `okrlint --fix --unsafe-fixes`." : nil
    }

    public func renderFile(_ file: FileResult) -> String { joinedChunks { renderFile(file, to: $0) } }

    public func renderFile(_ file: FileResult, to emit: (String) -> Void) {
        var out = ""
        for d in file.diagnostics {
            out += renderOne(d, file.source)
            out += "\n"
            if out.utf8.count >= partChunkSize { emit(out); out = "" }
        }
        emit(out)
    }

    public func summaryLine(_ result: LintResult) -> String {
        let checked = filesChecked ?? result.files.count
        let filesPhrase = "\(checked) file\(checked == 1 ? "" : "s") checked"
        let e = result.count(.error), w = result.count(.warning), i = result.count(.info)
        if e + w + i == 0 { return paint("All checks passed", "1;32") + " (\(filesPhrase))." }
        var parts: [String] = []
        if e > 0 { parts.append(paint("\(e) error\(e == 1 ? "" : "s")", severityColor(.error))) }
        if w > 0 { parts.append(paint("\(w) warning\(w == 1 ? "" : "s")", severityColor(.warning))) }
        if i > 0 { parts.append(paint("\(i) info\(i == 1 ? "" : "s")", severityColor(.info))) }
        let withFindings = result.files.filter { !$0.diagnostics.isEmpty }.count
        let list = parts.count > 1 ? parts.dropLast().joined(separator: ", ") + " and " + parts.last! : parts[0]
        return "Found \(list) in \(withFindings) file\(withFindings == 1 ? "" : "s") (\(filesPhrase))."
    }

    public func renderOne(_ d: Diagnostic, _ source: SourceFile) -> String {
        let start = source.location(of: d.range.start)
        let lineIndex = start.line - 1
        let gutter = String(start.line)
        let pad = String(repeating: " ", count: gutter.count)
        let blue = "1;34"
        var out = paint("\(d.severity.rawValue)[\(SafeText.escape(d.ruleID))]", severityColor(d.severity))
            + paint(": \(SafeText.escape(d.message))", "1") + "\n"
        out += "\(pad)\(paint("-->", blue)) \(SafeText.escape(d.path)):\(start.line):\(start.column)\n"
        if lineIndex < source.lineCount {
            let content = source.contentRange(ofLine: lineIndex)
            let lo = min(max(d.range.start, content.lowerBound), content.upperBound)
            let hi = min(max(d.range.end, lo), content.upperBound)
            let (shown, caretStart, caretWidth) = Self.excerpt(source.bytes, content, lo, hi)
            out += "\(pad) \(paint("|", blue))\n"
            out += "\(paint(gutter, blue)) \(paint("|", blue)) \(shown)\n"
            out += "\(pad) \(paint("|", blue)) \(String(repeating: " ", count: caretStart))\(paint(String(repeating: "^", count: max(1, caretWidth)), severityColor(d.severity)))\n"
        }
        if let help = d.help, !help.isEmpty {
            out += "\(pad) \(paint("=", blue)) \(paint("help", "1")): \(SafeText.escape(help))\n"
        }
        if let fix = d.fix {
            let label = fix.applicability == .safe || unsafeFixes ? "fix" : "fix (unsafe, with --unsafe-fixes)"
            out += "\(pad) \(paint("=", blue)) \(paint(label, "1")): \(SafeText.escape(fix.message))\n"
        }
        return out
    }

    /// The line as shown (tabs expanded, unsafe characters as U+FFFD, long lines cut around the range), and the
    /// display column and width of the carets. Works on a window of the line around the range, never the whole
    /// line: at most 40 characters before the range and `maxLineWidth` columns in all are decoded, so a line of
    /// megabytes costs no more than a short one.
    static func excerpt(_ bytes: [UInt8], _ content: Range<Int>, _ lo: Int, _ hi: Int) -> (String, Int, Int) {
        // Fast path: a line of printable ASCII that fits is shown as it is, one column per byte.
        if content.count <= maxLineWidth && !bytes[content].contains(where: { $0 < 0x20 || $0 >= 0x7F }) {
            return (String(decoding: bytes[content], as: UTF8.self), lo - content.lowerBound, hi - lo)
        }
        // A short line that fits in the width is shown whole; otherwise start up to 40 characters before the range.
        var first = content.lowerBound
        if content.count > 4 * maxLineWidth || width(bytes, content) > maxLineWidth {
            first = lo
            var stepped = 0
            while first > content.lowerBound && stepped < 40 {
                first -= 1
                var back = 0
                while first > content.lowerBound && bytes[first] & 0xC0 == 0x80 && back < 3 { first -= 1; back += 1 }
                stepped += 1
            }
        }
        var shown = first > content.lowerBound ? "…" : ""
        var caretStart = first > content.lowerBound ? 1 : 0
        var caretWidth = 0
        var used = 0
        var scanned = 0
        var p = first
        // The cap on scanned characters bounds a window of zero-width characters too.
        while p < content.upperBound && scanned < 4 * maxLineWidth {
            let (text, w, length) = cell(bytes[p..<content.upperBound])
            if used + w > maxLineWidth { break }
            used += w
            shown += text
            if p < lo { caretStart += w } else if p < hi { caretWidth += w }
            p += length
            scanned += 1
        }
        if p < content.upperBound { shown += "…" }
        return (shown, caretStart, caretWidth)
    }

    /// One shown cell: the text, its display width and the bytes it takes.
    static func cell(_ bytes: ArraySlice<UInt8>) -> (String, Int, Int) {
        let (scalar, length) = UTF8Decoding.decode(bytes)
        guard let s = scalar else { return ("\u{FFFD}", 1, length) }
        if s == "\t" { return ("    ", 4, length) }
        if SafeText.isUnsafe(s.value) { return ("\u{FFFD}", 1, length) }
        var one = ""
        one.unicodeScalars.append(s)
        return (one, displayWidth(s), length)
    }

    /// The display width of a (short) range of bytes.
    static func width(_ bytes: [UInt8], _ range: Range<Int>) -> Int {
        var total = 0
        var p = range.lowerBound
        while p < range.upperBound {
            let (_, w, length) = cell(bytes[p..<range.upperBound])
            total += w
            p += length
        }
        return total
    }

    /// Terminal columns a scalar takes: 0 for combining marks, 2 for East Asian wide and emoji, else 1.
    static func displayWidth(_ s: Unicode.Scalar) -> Int {
        if s.value >= 0x20 && s.value < 0x7F { return 1 }
        switch s.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        let v = s.value
        if (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1F64F).contains(v) || (0x1F900...0x1F9FF).contains(v)
            || (0x20000...0x3FFFD).contains(v) {
            return 2
        }
        return 1
    }
}
