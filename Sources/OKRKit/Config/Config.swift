/// A config problem, with the file, line and column of the offending key or value. The run exits 2.
public struct ConfigError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var column: Int
    public var message: String

    public var description: String { "\(Path.display(path)):\(line):\(column): \(message)" }
}

/// The settings that apply to the files under one config.
public struct ResolvedConfig: Sendable {
    /// The config file, nil for the built-in defaults.
    public var path: String?
    /// Folder the config's globs are relative to.
    public var folder: String
    public var settings: [String: RuleSetting] = [:]
    public var include: [Glob] = []
    public var exclude: [Glob] = []
    public var today: CalendarDate?
    /// `fiscal-year-start` and `fiscal-year-named-by`: how `FY2021-Q2` periods are read.
    public var calendar = FiscalCalendar.calendarYear
    public var root = false

    public init(path: String?, folder: String) {
        self.path = path
        self.folder = folder
    }

    public static let fileName = ".okrlint.json"
    public static let keys = ["$schema", "extends", "rules", "include", "exclude", "today", "fiscal-year-start", "fiscal-year-named-by", "root"]

    /// The path of `absolute` relative to this config's folder, or nil if outside it.
    public func relative(_ absolute: String) -> String? {
        let base = folder.hasSuffix("/") ? folder : folder + "/"
        if absolute == folder { return "" }
        return absolute.hasPrefix(base) ? String(absolute.dropFirst(base.count)) : nil
    }

    public func isExcluded(_ absolute: String) -> Bool {
        guard let rel = relative(absolute) else { return false }
        return exclude.contains { $0.matches(rel) }
    }

    /// A file found while walking is checked when no `include` is set, or when one matches.
    public func isIncluded(_ absolute: String) -> Bool {
        guard !include.isEmpty, let rel = relative(absolute) else { return true }
        return include.contains { $0.matches(rel) }
    }
}

/// Reads and validates `.okrlint.json` files.
public struct ConfigLoader: Sendable {
    public var rules: [AnyRule]
    /// Folders named on the command line, for the workspace root of a config outside a repository.
    public var anchors: [String] = []

    public init(rules: [AnyRule] = Registry.all) { self.rules = rules }

    /// How deep `extends` may nest: far more than anyone writes, far less than overflows the stack.
    public static let maxExtendsDepth = 32

    /// Loads the config at `path` (absolute or relative to the working directory), following `extends`. The file
    /// itself may be anywhere (the caller chose it); what it extends must lie inside its workspace root.
    public func load(_ path: String) throws(ConfigError) -> ResolvedConfig {
        var state = LoadState()
        return try load(absolute(path), &state)
    }

    func absolute(_ path: String) -> String { Path.absolute(path) }

    /// The files being loaded (for cycles and depth) and those loaded already: a diamond of `extends` reads each
    /// file once, not 2^n times.
    struct LoadState {
        var chain: [String] = []
        var loaded: [String: ResolvedConfig] = [:]
    }

    private func load(_ path: String, _ state: inout LoadState) throws(ConfigError) -> ResolvedConfig {
        if let done = state.loaded[path] { return done }
        if state.chain.contains(path) {
            throw ConfigError(path: state.chain.last ?? path, line: 1, column: 1,
                              message: "`extends` forms a cycle: \((state.chain + [path]).map(Path.name).joined(separator: " -> "))")
        }
        state.chain.append(path)
        defer { state.chain.removeLast() }
        let bytes: [UInt8]
        switch FileSystem.readFile(path, limit: FileSystem.maxConfigSize) {
        case .success(let b): bytes = b
        case .failure(let e): throw ConfigError(path: path, line: 1, column: 1, message: "cannot read the config: \(e.message)")
        }
        let source = SourceFile(path: path, bytes: bytes)
        func error(_ offset: Int, _ message: String) -> ConfigError {
            let loc = source.location(of: offset)
            return ConfigError(path: path, line: loc.line, column: loc.column, message: message)
        }
        let root: JSONNode
        do {
            root = try JSONParser.parse(bytes)
        } catch {
            // A file that does not even start like a JSON object is not quoted: it may be anything (a key file
            // named by a hostile `extends`), and one byte of it is already too much.
            guard Self.startsLikeJSONObject(bytes) else {
                throw ConfigError(path: path, line: 1, column: 1, message: "not a JSON config: a config file is a JSON object `{ ... }`")
            }
            throw ConfigError(path: path, line: source.location(of: error.offset).line,
                              column: source.location(of: error.offset).column, message: "invalid JSON: \(error.message)")
        }
        guard case .object(let members) = root.value else {
            throw error(root.range.start, "the config must be a JSON object `{ ... }`, not \(root.typeName)")
        }
        var config = ResolvedConfig(path: path, folder: Path.parent(path))
        var seen = Set<String>()
        // `extends` first, so this file's own keys override what it extends.
        if let ext = members.first(where: { $0.key == "extends" }) {
            let names: [JSONNode]
            switch ext.value.value {
            case .string: names = [ext.value]
            case .array(let items): names = items
            default: throw error(ext.value.range.start, "`extends` takes a preset name or a path, or a list of them")
            }
            for n in names {
                guard case .string(let name) = n.value else { throw error(n.range.start, "`extends` entries are strings") }
                if let preset = Presets.settings(name, rules: rules) {
                    config.settings.merge(preset) { _, new in new }
                } else if name.hasSuffix(".json") || name.contains("/") {
                    guard state.chain.count < Self.maxExtendsDepth else {
                        throw error(n.range.start, "`extends` nests deeper than \(Self.maxExtendsDepth) files; flatten the chain")
                    }
                    let target = try extendsTarget(name, from: config.folder) { error(n.range.start, $0) }
                    let base = try load(target, &state)
                    config.settings.merge(base.settings) { _, new in new }
                    config.today = base.today
                    config.calendar = base.calendar
                    if config.include.isEmpty { config.include = base.include }
                    config.exclude += base.exclude
                } else {
                    let hint = Suggest.closest(to: name, in: Presets.names).map { "; did you mean `\($0)`?" } ?? ""
                    throw error(n.range.start, "unknown preset `\(name)`\(hint) (presets: \(Presets.names.joined(separator: ", ")); a path must end in .json)")
                }
            }
        }
        for m in members {
            guard seen.insert(m.key).inserted else { throw error(m.keyRange.start, "key `\(m.key)` appears twice") }
            switch m.key {
            case "extends", "$schema":
                continue
            case "root":
                guard case .bool(let b) = m.value.value else { throw error(m.value.range.start, "`root` is true or false, not \(m.value.typeName)") }
                config.root = b
            case "today":
                guard case .string(let s) = m.value.value, let d = CalendarDate(s) else {
                    throw error(m.value.range.start, "`today` is a date string \"YYYY-MM-DD\"")
                }
                config.today = d
            case "fiscal-year-start":
                switch m.value.value {
                case .number(let v, true) where v >= 1 && v <= 12: config.calendar.startMonth = Int(v)
                case .string(let s) where FiscalCalendar.month(s) != nil: config.calendar.startMonth = FiscalCalendar.month(s)
                default: throw error(m.value.range.start, "`fiscal-year-start` is a month: a number 1-12 or a name such as \"February\"")
                }
            case "fiscal-year-named-by":
                guard case .string(let s) = m.value.value, s == "end" || s == "start" else {
                    throw error(m.value.range.start, "`fiscal-year-named-by` is \"end\" (FY2021 ends in 2021, the default) or \"start\" (FY2021 starts in 2021)")
                }
                config.calendar.namedByStartYear = s == "start"
            case "include", "exclude":
                guard case .array(let items) = m.value.value else { throw error(m.value.range.start, "`\(m.key)` is a list of glob strings") }
                var globs: [Glob] = []
                for item in items {
                    guard case .string(let s) = item.value, !s.isEmpty else { throw error(item.range.start, "`\(m.key)` entries are non-empty glob strings") }
                    globs.append(Glob(s))
                }
                if m.key == "include" { config.include = globs } else { config.exclude += globs }
            case "rules":
                guard case .object(let ruleMembers) = m.value.value else { throw error(m.value.range.start, "`rules` is an object: { \"rule-id\": \"warning\" }") }
                var seenRules = Set<String>()
                for rm in ruleMembers {
                    guard seenRules.insert(rm.key).inserted else { throw error(rm.keyRange.start, "rule `\(rm.key)` appears twice") }
                    guard let rule = rules.first(where: { $0.description.id == rm.key }) else {
                        let hint = Suggest.closest(to: rm.key, in: rules.map { $0.description.id }, maxDistance: 4).map { "; did you mean `\($0)`?" } ?? ""
                        throw error(rm.keyRange.start, "unknown rule `\(rm.key)`\(hint) (`okrlint rules` lists them)")
                    }
                    config.settings[rm.key] = try ruleSetting(rule, rm.value, base: config.settings[rm.key], error)
                }
            default:
                let hint = Suggest.closest(to: m.key, in: ResolvedConfig.keys).map { "; did you mean `\($0)`?" } ?? ""
                throw error(m.keyRange.start, "unknown key `\(m.key)`\(hint) (keys: \(ResolvedConfig.keys.dropFirst().joined(separator: ", ")))")
            }
        }
        state.loaded[path] = config
        return config
    }

    /// The file an `extends` path names, relative to the extending config's folder (or absolute), with every
    /// symbolic link resolved. It must lie inside the workspace root of that folder and outside `.git`; a path
    /// that leaves the root is refused by its text, before it is looked at, so the error cannot tell whether
    /// something exists out there.
    func extendsTarget(_ name: String, from folder: String, _ fail: (String) -> ConfigError) throws(ConfigError) -> String {
        let lexical = Path.normalize(name.hasPrefix("/") ? name : Path.join(folder, name))
        let root = WorkspaceRoot.of(folder: folder, anchors: anchors)
        let outside = "`extends`: `\(name)` is outside the workspace root \(Path.display(root)); configs are read only inside it (name one elsewhere with --config)"
        guard WorkspaceRoot.isInside(lexical, root) else { throw fail(outside) }
        // Below the root, no component may be `.git` (any case: macOS folders ignore it), before or after links.
        func inGit(_ path: String, _ base: String) -> Bool {
            Confined.below(path, base).split(separator: "/").contains { $0.lowercased() == ".git" }
        }
        let inGitMessage = "`extends`: `\(name)` is inside `.git`, which holds no config"
        if inGit(lexical, root) { throw fail(inGitMessage) }
        switch Confined.resolve(lexical, within: root) {
        case .outside:
            throw fail("`extends`: `\(name)` leads out of the workspace root \(Path.display(root)) through a symbolic link; configs are read only inside it")
        case .missing:
            throw fail("`extends`: no config file at `\(name)`")
        case .inside(let real):
            if inGit(real, Confined.realPath(root) ?? root) { throw fail(inGitMessage) }
            guard FileSystem.info(real).kind == .file else { throw fail("`extends`: `\(name)` is not a regular file") }
            return real
        }
    }

    /// Whether the first byte after a byte order mark and white space is `{`.
    static func startsLikeJSONObject(_ bytes: [UInt8]) -> Bool {
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while i < bytes.count && (bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D) { i += 1 }
        return i < bytes.count && bytes[i] == UInt8(ascii: "{")
    }

    static let severityWords = ["off", "info", "warning", "error"]

    private func severity(_ node: JSONNode, _ error: (Int, String) -> ConfigError) throws(ConfigError) -> Severity? {
        guard case .string(let s) = node.value else { throw error(node.range.start, "a severity is one of \"off\", \"info\", \"warning\", \"error\"") }
        if s == "off" { return nil }
        if let sev = Severity(rawValue: s) { return sev }
        let hint = Suggest.closest(to: s, in: Self.severityWords).map { "; did you mean \"\($0)\"?" } ?? ""
        throw error(node.range.start, "unknown severity \"\(s)\"\(hint) (off, info, warning, error)")
    }

    private func ruleSetting(_ rule: AnyRule, _ node: JSONNode, base: RuleSetting?, _ error: (Int, String) -> ConfigError) throws(ConfigError) -> RuleSetting {
        let d = rule.description
        var setting = base ?? RuleSetting(severity: d.defaultSeverity)
        switch node.value {
        case .string:
            setting.severity = try severity(node, error)
            return setting
        case .object(let members):
            for m in members {
                if m.key == "severity" {
                    setting.severity = try severity(m.value, error)
                    continue
                }
                guard let opt = rule.options.first(where: { $0.name == m.key }) else {
                    let names = rule.options.map(\.name)
                    let hint = Suggest.closest(to: m.key, in: names + ["severity"]).map { "; did you mean `\($0)`?" } ?? ""
                    let list = names.isEmpty ? "it has no options, only `severity`" : "its options: \(names.joined(separator: ", "))"
                    throw error(m.keyRange.start, "rule `\(d.id)` has no option `\(m.key)`\(hint) (\(list))")
                }
                setting.options[opt.name] = try optionValue(opt, m.value, d.id, error)
            }
            return setting
        default:
            throw error(node.range.start, "rule `\(d.id)` takes a severity string or an object { \"severity\": ..., options }, not \(node.typeName)")
        }
    }

    private func optionValue(_ opt: RuleOption, _ node: JSONNode, _ ruleID: String, _ error: (Int, String) -> ConfigError) throws(ConfigError) -> OptionValue {
        let wrong = error(node.range.start, "option `\(opt.name)` of `\(ruleID)` is \(opt.defaultValue.typeName), not \(node.typeName)")
        switch (opt.defaultValue, node.value) {
        case (.int, .number(let v, let isInteger)):
            guard isInteger, let n = Int(exactly: v) else { throw wrong }
            guard n >= 0 else { throw error(node.range.start, "option `\(opt.name)` of `\(ruleID)` cannot be negative") }
            return .int(n)
        case (.double, .number(let v, _)): return .double(v)
        case (.bool, .bool(let v)): return .bool(v)
        case (.string, .string(let v)): return .string(v)
        case (.strings, .array(let items)):
            var out: [String] = []
            for item in items {
                guard case .string(let s) = item.value else {
                    throw error(item.range.start, "option `\(opt.name)` of `\(ruleID)` is a list of strings; this entry is \(item.typeName)")
                }
                out.append(s)
            }
            return .strings(out)
        default:
            throw wrong
        }
    }
}

/// Finds the config for each file: the nearest `.okrlint.json` walking up from the file's folder (nearest wins),
/// never above the workspace root (`WorkspaceRoot`), unless one was given (`--config`) or configs are off
/// (`--no-config`). A candidate reached through a symbolic link that leads out of the root is not read: under a
/// linked folder it is skipped, and a `.okrlint.json` that is itself such a link is an error.
/// Not thread-safe: used on the main thread.
public final class ConfigResolver {
    public let loader: ConfigLoader
    let fixed: ResolvedConfig?
    private var byFolder: [String: ResolvedConfig] = [:]
    private var rootByFolder: [String: String] = [:]

    /// `explicit`: a config for every file; `disabled`: the built-in defaults for every file. `anchors`: the paths
    /// named on the command line, which bound the search outside a repository and the working directory.
    public init(loader: ConfigLoader = ConfigLoader(), explicit: String? = nil, disabled: Bool = false,
                anchors: [String] = []) throws(ConfigError) {
        var loader = loader
        loader.anchors = anchors.map { p in
            let abs = Path.absolute(p)
            return FileSystem.info(abs).kind == .directory ? abs : Path.parent(abs)
        }
        self.loader = loader
        if let e = explicit {
            fixed = try loader.load(e)
        } else if disabled {
            fixed = ResolvedConfig(path: nil, folder: Path.absolute("."))
        } else {
            fixed = nil
        }
    }

    /// The config for a file or folder at `path`.
    public func config(for path: String) throws(ConfigError) -> ResolvedConfig {
        if let f = fixed { return f }
        let abs = Path.absolute(path)
        let folder = FileSystem.info(abs).kind == .directory ? abs : Path.parent(abs)
        return try config(forFolder: folder)
    }

    /// The workspace root of a folder (absolute), cached.
    public func root(forFolder folder: String) -> String {
        if let r = rootByFolder[folder] { return r }
        let r = WorkspaceRoot.of(folder: folder, anchors: loader.anchors, repositoryRoot: repositoryRoot)
        rootByFolder[folder] = r
        return r
    }

    private var resolvedFolders: [String: Confined.Resolution] = [:]

    /// Where a folder inside `root` really is, resolved from its parent's answer (cached), so a walk over a deep
    /// tree resolves one component per folder. Up to the nearest folder known (or the root), then down again: a
    /// loop, not a recursion, since a repository decides how deep its folders go.
    func realFolder(_ folder: String, root: String, realRoot: String?) -> Confined.Resolution {
        var unknown: [String] = []
        var current = folder
        var parentAnswer: Confined.Resolution? = nil
        while true {
            if let r = resolvedFolders[current] { parentAnswer = r; break }
            unknown.append(current)
            if current == root || !WorkspaceRoot.isInside(current, root) { break }
            current = Path.parent(current)
        }
        for f in unknown.reversed() {
            let r: Confined.Resolution
            if f == root || !WorkspaceRoot.isInside(f, root) {
                r = Confined.resolve(f, within: root, realRoot: realRoot)
            } else if case .inside(let parentReal)? = parentAnswer {
                r = Confined.resolve(f, within: root, realRoot: realRoot, known: (Path.parent(f), parentReal))
            } else {
                r = parentAnswer ?? Confined.resolve(f, within: root, realRoot: realRoot)
            }
            resolvedFolders[f] = r
            parentAnswer = r
        }
        return parentAnswer!
    }

    private var repositoryByFolder: [String: String?] = [:]
    private var realRoots: [String: String?] = [:]

    /// `WorkspaceRoot.repositoryRoot`, cached per folder: a folder without `.git` has its parent's, so a walk over
    /// thousands of folders looks at each `.git` candidate once instead of once per folder below it.
    func repositoryRoot(_ folder: String) -> String? {
        // Up to the nearest folder known or holding `.git` (a loop: a repository decides how deep its folders go);
        // every folder on the way has its answer.
        var unknown: [String] = []
        var current = folder
        let r: String?
        while true {
            if let known = repositoryByFolder[current] { r = known; break }
            unknown.append(current)
            if WorkspaceRoot.hasEntry(Path.join(current, ".git")) || current == "/" || current.isEmpty || current == "." {
                r = WorkspaceRoot.repositoryRoot(of: current)
                break
            }
            current = Path.parent(current)
        }
        for f in unknown { repositoryByFolder[f] = r }
        return r
    }

    public func config(forFolder folder: String) throws(ConfigError) -> ResolvedConfig {
        if let f = fixed { return f }
        let folder = Path.absolute(folder)
        if let cached = byFolder[folder] { return cached }
        let root = self.root(forFolder: folder)
        let realRoot = realRoots[root] ?? Confined.realPath(root)
        realRoots[root] = realRoot
        var visited: [String] = []
        var current = folder
        var found: ResolvedConfig? = nil
        while WorkspaceRoot.isInside(current, root) {
            if let cached = byFolder[current] { found = cached; break }
            visited.append(current)
            let place = realFolder(current, root: root, realRoot: realRoot)
            let candidate = Path.join(current, ResolvedConfig.fileName)
            // Under a folder that leads out of the root nothing is read; a config that is itself such a link is an error.
            if case .inside(let realCurrent) = place {
                switch Confined.resolve(candidate, within: root, realRoot: realRoot, known: (current, realCurrent)) {
                case .inside(let real):
                    if FileSystem.info(real).kind == .file { found = try loader.load(real) }
                case .outside:
                    throw ConfigError(path: Path.display(candidate), line: 1, column: 1, message: "a symbolic link out of the workspace root \(Path.display(root)); configs are read only inside it (name it with --config to use it)")
                case .missing:
                    break
                }
            }
            if found != nil || current == root || current == "/" { break }
            current = Path.parent(current)
        }
        let result = found ?? ResolvedConfig(path: nil, folder: folder)
        for v in visited { byFolder[v] = result }
        return result
    }
}
