/// A baseline for adopting okrlint on an OKR repository that already has findings (SwiftLint's and ESLint's model):
/// `--write-baseline FILE` records today's findings, `--baseline FILE` reports only the ones not in it.
///
/// A finding is matched by its file (relative to the baseline's folder), its rule and the text of the line it starts
/// on (trimmed), not by its line number, so lines moving around keep it matched. Each entry has a count: a third
/// copy of a problem recorded twice is new. Entries of checked files that match nothing any more are reported (the
/// problem was fixed) so the baseline can shrink with `--prune-baseline`. The file is JSON, sorted, the same bytes
/// for the same findings.
public struct Baseline: Sendable, Equatable {
    public struct Key: Hashable, Sendable, Comparable {
        public var path: String
        public var rule: String
        public var line: String
        public static func < (a: Key, b: Key) -> Bool { (a.path, a.rule, a.line) < (b.path, b.rule, b.line) }
    }

    public static let version = 1
    /// Absolute folder the entries' paths are relative to: the baseline file's.
    public let folder: String
    public let counts: [Key: Int]
    /// The entries of each file, indexed once: applying the baseline to a checked file reads only that file's
    /// (filtering the whole baseline per file was quadratic in a run over many files).
    private let byPath: [String: [Key: Int]]

    public init(folder: String, counts: [Key: Int] = [:]) {
        self.folder = folder
        self.counts = counts.filter { $0.value > 0 }
        var byPath: [String: [Key: Int]] = [:]
        for (k, n) in self.counts { byPath[k.path, default: [:]][k] = n }
        self.byPath = byPath
    }

    /// The path of a checked file as the baseline writes it: relative to the baseline's folder when below it.
    public func relative(_ path: String) -> String {
        let abs = Path.absolute(path)
        let base = folder.hasSuffix("/") ? folder : folder + "/"
        return abs.hasPrefix(base) ? String(abs.dropFirst(base.count)) : abs
    }

    /// The key of a finding in `source` (the text of the line the finding starts on, trimmed).
    public func key(_ d: Diagnostic, in source: SourceFile) -> Key {
        let line = source.lineCount > 0 ? source.lineIndex(of: min(max(0, d.range.start), source.bytes.count)) : 0
        var text = ""
        if line < source.lineCount {
            let r = source.contentRange(ofLine: line)
            text = String(decoding: source.bytes[r], as: UTF8.self).trimmingSpaces
        }
        return Key(path: relative(source.path), rule: d.ruleID, line: text)
    }

    /// A baseline of every finding of `result` (each file's source must be there).
    public static func recording(_ result: LintResult, folder: String) -> Baseline {
        let b = Baseline(folder: folder)
        var counts: [Key: Int] = [:]
        for f in result.files {
            for d in f.diagnostics { counts[b.key(d, in: f.source), default: 0] += 1 }
        }
        return Baseline(folder: folder, counts: counts)
    }

    /// What of one checked file the baseline does not cover (in order), and its entries left unmatched.
    public func apply(_ file: FileResult) -> (kept: [Diagnostic], unmatched: [Key: Int]) {
        let path = relative(file.path)
        var left = byPath[path] ?? [:]
        var kept: [Diagnostic] = []
        for d in file.diagnostics {
            let k = key(d, in: file.source)
            if let n = left[k], n > 0 { left[k] = n - 1 } else { kept.append(d) }
        }
        return (kept, left.filter { $0.value > 0 })
    }

    /// The baseline without `unmatched` (counts lowered), and without the entries of files that no longer exist.
    public func pruned(_ unmatched: [Key: Int], exists: (String) -> Bool) -> Baseline {
        var c = counts
        for (k, n) in unmatched { c[k] = (c[k] ?? 0) - n }
        var seen: [String: Bool] = [:]
        c = c.filter { k, n in
            guard n > 0 else { return false }
            if let e = seen[k.path] { return e }
            let e = exists(k.path.hasPrefix("/") ? k.path : Path.join(folder, k.path))
            seen[k.path] = e
            return e
        }
        return Baseline(folder: folder, counts: c)
    }

    public var entryCount: Int { counts.values.reduce(0, +) }

    /// The file's text: entries sorted by path, rule and line text.
    public func json() -> String {
        var w = JSONWriter()
        w.beginObject()
        w.int("version", Self.version)
        w.string("tool", "okrlint")
        w.beginArray("findings")
        for k in counts.keys.sorted() {
            w.beginObject()
            w.string("path", k.path)
            w.string("rule", k.rule)
            w.string("line", k.line)
            w.int("count", counts[k]!)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return w.take() + "\n"
    }

    /// Reads a baseline file. Errors name the file, line and column, and never quote its content.
    public static func load(_ path: String) -> Result<Baseline, RunError> {
        let folder = Path.parent(Path.absolute(path))
        func failure(_ at: Int?, _ bytes: [UInt8], _ message: String) -> Result<Baseline, RunError> {
            var where_ = ""
            if let at {
                let loc = SourceFile(path: path, bytes: bytes).location(of: min(max(0, at), bytes.count))
                where_ = ":\(loc.line):\(loc.column)"
            }
            return .failure(RunError(path: path + where_, message: "not an okrlint baseline: \(message) (write one with --write-baseline)"))
        }
        let bytes: [UInt8]
        switch FileSystem.readFile(path, limit: 64 << 20) {
        case .success(let b): bytes = b
        case .failure(let e): return .failure(e)
        }
        let root: JSONNode
        do { root = try JSONParser.parse(bytes) } catch { return failure(error.offset, bytes, "invalid JSON (\(error.message))") }
        guard case .object(let members) = root.value else { return failure(root.range.start, bytes, "the file is not a JSON object") }
        var version: Int? = nil
        var entries: [JSONNode]? = nil
        for m in members {
            switch m.key {
            case "version":
                if case .number(let v, true) = m.value.value { version = Int(exactly: v) }
            case "findings":
                if case .array(let a) = m.value.value { entries = a }
            default: break
            }
        }
        guard version == Self.version else { return failure(root.range.start, bytes, "`version` must be \(Self.version)") }
        guard let entries else { return failure(root.range.start, bytes, "`findings` must be an array") }
        var counts: [Key: Int] = [:]
        for e in entries {
            guard case .object(let fields) = e.value else { return failure(e.range.start, bytes, "each finding is an object") }
            var path: String?, rule: String?, line: String?, count: Int?
            for f in fields {
                switch (f.key, f.value.value) {
                case ("path", .string(let s)): path = s
                case ("rule", .string(let s)): rule = s
                case ("line", .string(let s)): line = s
                case ("count", .number(let v, true)): count = Int(exactly: v)
                default: break
                }
            }
            guard let path, let rule, let line, let count, count > 0, count < 1_000_000_000 else {
                return failure(e.range.start, bytes, "each finding needs `path`, `rule`, `line` (strings) and `count` (a whole number above 0)")
            }
            counts[Key(path: path, rule: rule, line: line), default: 0] += count
        }
        return .success(Baseline(folder: folder, counts: counts))
    }
}
