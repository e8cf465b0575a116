import OKRKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `okrlint init [--team NAME] [--period P] [--parent TEAM] [--template NAME] [FILE]`: writes a new OKR file from
/// a template. Never overwrites (exit 2); with `--parent`, the parent team's objectives are read from the workspace
/// around FILE and the new objectives align to them. What it writes is linted first: a template filled in with
/// values that would not pass (a team name with a space) is refused, so the file always starts clean.
enum InitCommand {
    static func run(_ options: Options) -> Never {
        if case .failure(let e) = FileSystem.workingDirectory { fail(e.message) }
        if let from = options.from { carryForward(from, options) }
        let fileArgument = options.commandArguments.first
        let team = options.team ?? fileArgument.map { Path.name($0) }.map(stem) ?? "my-team"
        guard Templates.isValidTeam(team) else {
            fail("team name `\(team)` may use only letters, digits, `.`, `_` and `-` (other files link to it as `\(team)/O1`); name it with --team")
        }
        let file = fileArgument ?? "\(team).okr"
        guard Path.isOKRFile(Path.name(file)) else { fail("\(file): an OKR file is named *.okr or *.okr.md") }
        let folder = Path.parent(Path.absolute(file))
        guard FileSystem.info(folder).kind == .directory else { fail("\(Path.clean(Path.parent(file))): no such folder; create it first") }
        let resolver: ConfigResolver
        do {
            resolver = try ConfigResolver(explicit: options.configPath, disabled: options.noConfig, anchors: [folder])
        } catch {
            fail(error.description)
        }
        let config: ResolvedConfig
        do { config = try resolver.config(forFolder: folder) } catch { fail(error.description) }
        let today = options.today ?? config.today ?? CalendarDate.today()
        let period = options.period ?? Templates.currentQuarter(today)
        guard Period(period, calendar: config.calendar) != nil, period.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            fail("period `\(period)` is not one okrlint reads (2027-Q1, 2027-H1, 2027, FY2027-Q1, 2027-03 ...; Grammar.md, periods)")
        }
        let template = Templates.named(options.template ?? "team")!
        var parent: (team: String, objectives: [(id: String, title: String)])? = nil
        if let p = options.parent {
            parent = (p, parentObjectives(p, period: period, around: folder, options, resolver: resolver))
        }
        let text = Templates.render(template, team: team, period: period, parent: parent)
        // What is written passes as written: checked with the rules of the config that will apply to it.
        let doc = Parser.parse(path: file, text: text)
        let linter = Linter(settings: config.settings, today: today, calendar: config.calendar)
        let errors = linter.lint(doc, in: Workspace(documents: [doc], calendar: config.calendar)).filter { $0.severity == .error && $0.ruleID != "broken-alignment" }
        if let e = errors.first {
            fail("the \(template.name) template filled in with these values would not pass (\(e.ruleID): \(e.message)); nothing written")
        }
        if case .failure(let e) = OutputFile.createNew(file, Array(text.utf8)) { fail(e.description) }
        if !options.quiet {
            let aligned = parent.map { " aligned to \($0.team)" } ?? ""
            FileSystem.write("okrlint: wrote \(SafeText.escape(Path.clean(file))) (\(template.name) template, team \(team), \(period)\(aligned)); edit it, then run `okrlint`\n", to: 2)
        }
        exit(0)
    }

    static func stem(_ name: String) -> String {
        for ext in [".okr.md", ".okr"] where name.hasSuffix(ext) { return String(name.dropLast(ext.count)) }
        return name
    }

    /// The objectives (ID and title) of team `parent` in the workspace around `folder`: its file for `period`
    /// (or whose period contains it), else its first file. Exit 2, with the teams there are, when there is none.
    static func parentObjectives(_ parent: String, period: String, around folder: String, _ options: Options, resolver: ConfigResolver) -> [(id: String, title: String)] {
        let root = options.noConfig ? folder : (WorkspaceRoot.workspaceFolder(for: folder) ?? folder)
        let discovery = FileDiscovery(isExcluded: { path, isFolder in
            let abs = Path.absolute(path)
            let config = try resolver.config(forFolder: Path.parent(abs))
            return config.isExcluded(abs) || (!isFolder && !config.isIncluded(abs))
        })
        var runOptions = RunOptions(paths: [root], linterFor: { _ in Linter(rules: []) }, discovery: discovery)
        runOptions.reportAll = false
        let ws = Check.lint(runOptions).workspace
        let docs = (ws.teams[parent] ?? []).map { ws.documents[$0] }
        guard !docs.isEmpty else {
            let teams = ws.teamNames
            let hint = Suggest.closest(to: parent, in: teams).map { "; did you mean `\($0)`?" } ?? ""
            fail("no team `\(parent)` in the workspace at \(Path.clean(root))\(hint)" + (teams.isEmpty ? " (it has no OKR files)" : " (teams: \(teams.prefix(20).joined(separator: ", ")))"))
        }
        let mine = Period(period)
        let best = docs.first { $0.periodText == period } ?? docs.first { d in mine.flatMap { m in d.period.map { $0.contains(m) } } ?? false } ?? docs[0]
        return best.objectives.compactMap { o in o.id.map { (id: $0.value, title: o.title) } }
    }

    /// `okrlint init --from FILE [NEW-FILE]`: the next period's file (`CarryForward`), named after FILE with its
    /// period replaced (`web-2026-q3.okr` -> `web-2026-q4.okr`) unless NEW-FILE is given; never overwrites.
    static func carryForward(_ source: String, _ options: Options) -> Never {
        let bytes: [UInt8]
        switch FileSystem.readFile(source) {
        case .success(let b): bytes = b
        case .failure(let e): fail(e.message)
        }
        let folder = Path.parent(Path.absolute(source))
        let resolver: ConfigResolver
        do {
            resolver = try ConfigResolver(explicit: options.configPath, disabled: options.noConfig, anchors: [folder])
        } catch {
            fail(error.description)
        }
        let config: ResolvedConfig
        do { config = try resolver.config(forFolder: folder) } catch { fail(error.description) }
        let doc = Parser.parse(path: source, bytes: bytes)
        if let e = doc.syntaxDiagnostics.first {
            fail("\(SafeText.escape(source)): has syntax errors (\(e.message)); fix them before carrying it forward")
        }
        guard doc.period(config.calendar) != nil else {
            fail("\(SafeText.escape(source)): no period okrlint reads in its header; nothing to carry forward from")
        }
        if let t = options.team, !Templates.isValidTeam(t) {
            fail("team name `\(t)` may use only letters, digits, `.`, `_` and `-`")
        }
        if let p = options.period, Period(p, calendar: config.calendar) == nil {
            fail("period `\(p)` is not one okrlint reads (2027-Q1, 2027-H1, 2027, FY2027-Q1, 2027-03 ...; Grammar.md, periods)")
        }
        guard let result = CarryForward.render(doc, calendar: config.calendar, period: options.period, team: options.team) else {
            fail("\(SafeText.escape(source)): cannot carry it forward")
        }
        let file = options.commandArguments.first ?? nextName(source, old: doc.text(doc.header.period) ?? "", new: result.period,
                                                             team: options.team ?? doc.text(doc.header.team) ?? "my-team")
        guard Path.isOKRFile(Path.name(file)) else { fail("\(file): an OKR file is named *.okr or *.okr.md") }
        // What is written passes as written (links to a parent's objectives of the new period may not exist yet).
        let out = Parser.parse(path: file, text: result.text)
        let today = options.today ?? config.today ?? CalendarDate.today()
        let linter = Linter(settings: config.settings, today: today, calendar: config.calendar)
        let errors = linter.lint(out, in: Workspace(documents: [out], calendar: config.calendar)).filter { $0.severity == .error && $0.ruleID != "broken-alignment" }
        if let e = errors.first {
            fail("the file carried forward would not pass (\(e.ruleID): \(e.message)); nothing written")
        }
        if case .failure(let e) = OutputFile.createNew(file, Array(result.text.utf8)) { fail(e.description) }
        if !options.quiet {
            let dropped = result.dropped == 0 ? "" : ", \(result.dropped) finished dropped"
            FileSystem.write("okrlint: wrote \(SafeText.escape(Path.clean(file))) (\(result.period), from \(SafeText.escape(Path.clean(source))): \(result.carried) key result\(result.carried == 1 ? "" : "s") carried\(dropped)); review the targets, then run `okrlint`\n", to: 2)
        }
        exit(0)
    }

    /// `web-2026-q3.okr` -> `web-2026-q4.okr` (the period in the name, in the case it is written), else
    /// `TEAM-PERIOD.okr` beside the source.
    static func nextName(_ source: String, old: String, new: String, team: String) -> String {
        let name = Path.name(source)
        let dir = Path.parent(source)
        let slug = { (p: String) in String(p.map { $0 == " " || $0 == "." ? "-" : $0 }) }
        for (o, n) in [(old, new), (old.lowercased(), new.lowercased()), (slug(old), slug(new)), (slug(old).lowercased(), slug(new).lowercased())]
        where !o.isEmpty && name.contains(o) {
            let renamed = name.replacing(o, with: n)
            return dir.isEmpty || dir == "." ? renamed : dir + "/" + renamed
        }
        let made = "\(team)-\(slug(new).lowercased()).okr"
        return dir.isEmpty || dir == "." ? made : dir + "/" + made
    }
}
