import Foundation
import Testing
@testable import OKRKit

/// A team file aligned to `aligns`, with two measured key results and fresh check-ins.
func teamFile(_ team: String, period: String = "2026-Q4", objectives: [(String, String?)]) -> String {
    var text = "# \(team)\n\n- okr: 1\n- team: \(team)\n- period: \(period)\n- owner: @a\n\n"
    var checkins = ""
    for (i, (id, aligns)) in objectives.enumerated() {
        text += "## \(id): Objective \(i + 1)\n- owner: @a\n" + (aligns.map { "- aligns: \($0)\n" } ?? "") + "\n"
        for k in 1...2 {
            text += "### \(id).\(k): Grow thing \(k)\n- metric: 0 -> 10 x\n- current: 6 x\n- owner: @a\n\n"
            checkins += "- 2026-11-20 \(id).\(k): 6 x\n"
        }
    }
    return text + "## Check-ins\n" + checkins
}

@Suite(.serialized) struct WorkspaceTests {
    let company = teamFile("company", objectives: [("O1", nil), ("O2", nil)])
    let config = #"{"today": "2026-11-25"}"#

    func ruleIDs(_ r: CLI.Output) -> [String] {
        r.stdout.split(separator: "\n").compactMap { line in
            guard let open = line.firstIndex(of: "["), let close = line.firstIndex(of: "]"), line.hasPrefix("error") || line.hasPrefix("warning") || line.hasPrefix("info") else { return nil }
            return String(line[line.index(after: open)..<close])
        }
    }

    @Test func cleanWorkspace() throws {
        let dir = try CLI.tempDir([".okrlint.json": config, "company.okr": company,
                                   "teams/a.okr": teamFile("a", objectives: [("A1", "company/O1")]),
                                   "teams/b.okr": teamFile("b", objectives: [("B1", "company/O2, company/O1")])])
        let r = try CLI.run(["."], in: dir)
        #expect(r.code == 0, "\(r.stdout)")
        #expect(r.stdout == "All checks passed (3 files checked).\n")
    }

    @Test func brokenLinkSuggestsTheClosestName() throws {
        let dir = try CLI.tempDir([".okrlint.json": config, "company.okr": company,
                                   "teams/a.okr": teamFile("a", objectives: [("A1", "compan/O1"), ("A2", "company/O3")])])
        let r = try CLI.run(["teams/a.okr"], in: dir)
        #expect(r.code == 1)
        #expect(r.stdout.contains("error[broken-alignment]: no team `compan` in the workspace"))
        #expect(r.stdout.contains("help: did you mean `company/O1`?"))
        #expect(r.stdout.contains("error[broken-alignment]: team `company` has no objective O3"))
        #expect(r.stdout.contains("help: did you mean `company/O1`?") || r.stdout.contains("help: did you mean `company/O2`?"))
    }

    @Test func singleFileCheckLoadsTheWorkspaceButReportsOnlyThatFile() throws {
        let dir = try CLI.tempDir([".okrlint.json": config, "company.okr": company,
                                   "teams/a.okr": teamFile("a", objectives: [("A1", "company/O1")]),
                                   "teams/b.okr": teamFile("b", objectives: [("B1", "nope/O1")])])
        let one = try CLI.run(["teams/a.okr"], in: dir)
        #expect(one.code == 0, "links resolve against company.okr: \(one.stdout)")
        #expect(one.stdout.contains("(1 file checked)"))
        let all = try CLI.run(["teams/a.okr", "--report-all"], in: dir)
        #expect(ruleIDs(all).sorted() == ["broken-alignment", "unsupported-objective"], "\(all.stdout)")
    }

    @Test func unsupportedParentAfterItsTeamFileIsDeleted() throws {
        let dir = try CLI.tempDir([".okrlint.json": config, "company.okr": company,
                                   "teams/a.okr": teamFile("a", objectives: [("A1", "company/O1")]),
                                   "teams/b.okr": teamFile("b", objectives: [("B1", "company/O2")])])
        #expect(try CLI.run(["."], in: dir).code == 0)
        try FileManager.default.removeItem(at: dir.appendingPathComponent("teams/b.okr"))
        let r = try CLI.run(["."], in: dir)
        #expect(ruleIDs(r) == ["unsupported-objective"])
        #expect(r.stdout.contains("no team objective aligns to company/O2"))
        #expect(r.stdout.contains("--> company.okr:"))
    }

    @Test func alignmentCycleAcrossFiles() throws {
        let dir = try CLI.tempDir([".okrlint.json": config, "company.okr": company,
                                   "teams/a.okr": teamFile("a", objectives: [("A1", "b/B1")]),
                                   "teams/b.okr": teamFile("b", objectives: [("B1", "a/A1")])])
        let r = try CLI.run(["teams"], in: dir)
        #expect(ruleIDs(r).filter { $0 == "alignment-cycle" }.count == 2)
        #expect(r.stdout.contains("alignment loop: a/A1 -> b/B1 -> a/A1") || r.stdout.contains("alignment loop: b/B1 -> a/A1 -> b/B1"))
    }

    @Test func twoPeriodsResolveToTheMatchingOne() throws {
        let companyQ3 = teamFile("company", period: "2026-Q3", objectives: [("O1", nil), ("O2", nil)])
        let dir = try CLI.tempDir([".okrlint.json": config, "company-q4.okr": company, "company-q3.okr": companyQ3,
                                   "teams/a.okr": teamFile("a", objectives: [("A1", "company/O1"), ("A2", "company/O2")])])
        let r = try CLI.run(["teams/a.okr", "--format", "json"], in: dir)
        #expect(r.code == 0, "\(r.stdout)")
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let objectives = ((json?["files"] as? [[String: Any]])?.first?["objectives"] as? [[String: Any]]) ?? []
        #expect(objectives.map { $0["parents"] as? [String] ?? [] } == [["company/O1"], ["company/O2"]])
        #expect(objectives.first?["progress"] as? Double == 0.6)
        #expect(objectives.first?["band"] as? String == "yellow")
        // Linking from a Q1 file to the Q4-only objectives is a period mismatch.
        let dir2 = try CLI.tempDir([".okrlint.json": config, "company.okr": company,
                                    "teams/a.okr": teamFile("a", period: "2027-Q1", objectives: [("A1", "company/O1")])])
        let r2 = try CLI.run(["teams/a.okr"], in: dir2)
        #expect(ruleIDs(r2).filter { !$0.hasPrefix("date-") && $0 != "stale-check-in" } == ["period-mismatch"], "\(r2.stdout)")
    }

    @Test func duplicateObjectiveIDsOfOneTeamAcrossFiles() throws {
        let dir = try CLI.tempDir([".okrlint.json": config, "company.okr": company,
                                   "teams/a-1.okr": teamFile("a", objectives: [("A1", "company/O1")]),
                                   "teams/a-2.okr": teamFile("a", objectives: [("A1", "company/O2")])])
        let r = try CLI.run(["."], in: dir)
        #expect(ruleIDs(r) == ["duplicate-team-id", "duplicate-team-id"], "each file is told")
        #expect(r.stdout.contains("a/A1 is also defined in teams/a-1.okr"))
        #expect(r.stdout.contains("a/A1 is also defined in teams/a-2.okr"))
    }

    @Test func unalignedTeamObjective() throws {
        let dir = try CLI.tempDir([".okrlint.json": config, "company.okr": company,
                                   "teams/a.okr": teamFile("a", objectives: [("A1", "company/O1"), ("A2", nil)]),
                                   "teams/b.okr": teamFile("b", objectives: [("B1", "company/O2")])])
        let r = try CLI.run(["."], in: dir)
        #expect(ruleIDs(r) == ["unaligned-objective"])
        let topOff = try CLI.tempDir([".okrlint.json": #"{"today": "2026-11-25", "rules": {"unaligned-objective": {"top-level-teams": ["company", "a"]}}}"#,
                                      "company.okr": company, "teams/a.okr": teamFile("a", objectives: [("A1", "company/O1"), ("A2", nil)]),
                                      "teams/b.okr": teamFile("b", objectives: [("B1", "company/O2")])])
        #expect(try CLI.run(["."], in: topOff).code == 0)
    }

    @Test func fiscalYearFromTheConfig() throws {
        let team = teamFile("a", period: "FY2027-Q1", objectives: [("A1", nil)]).replacingOccurrences(of: "2026-11-20", with: "2026-02-20")
        let withStart = try CLI.tempDir([".okrlint.json": #"{"today": "2026-02-25", "fiscal-year-start": "February"}"#, "a.okr": team])
        let r = try CLI.run(["."], in: withStart)
        #expect(r.code == 0 && r.stdout.hasPrefix("All checks passed"), "\(r.stdout)")
        // Without it, FY2027-Q1 is read as January-March 2027: the check-ins of February 2026 are outside it.
        let without = try CLI.tempDir([".okrlint.json": #"{"today": "2026-02-25"}"#, "a.okr": team])
        let ids = ruleIDs(try CLI.run(["."], in: without))
        #expect(ids.contains("invalid-period") && ids.contains("date-outside-period"), "\(ids)")
        let bad = try CLI.tempDir([".okrlint.json": #"{"fiscal-year-start": 13}"#, "a.okr": team])
        let e = try CLI.run(["."], in: bad)
        #expect(e.code == 2 && e.stderr.contains(".okrlint.json:1:23: `fiscal-year-start` is a month"), "\(e.stderr)")
    }
}

@Suite struct ProgressTests {
    func kr(_ metric: String, current: String? = nil, weight: String? = nil, checkIn: String? = nil) -> (KeyResult, CheckIn?) {
        var text = "## O1: A\n### KR1.1: a\n- metric: \(metric)\n"
        if let c = current { text += "- current: \(c)\n" }
        if let w = weight { text += "- weight: \(w)\n" }
        if let c = checkIn { text += "## Check-ins\n- 2026-11-01 KR1.1: \(c)\n" }
        let doc = Parser.parse(path: "t.okr", text: text)
        #expect(doc.syntaxDiagnostics.isEmpty, "\(doc.syntaxDiagnostics.map(\.message))")
        return (doc.objectives[0].keyResults[0], doc.checkIns.first)
    }

    func progress(_ metric: String, _ current: String) -> Double? {
        let (k, c) = kr(metric, current: current)
        return Progress.keyResult(k, latest: c)
    }

    @Test func increaseAndDecrease() {
        #expect(progress("40 -> 120 accounts", "86 accounts") == 46.0 / 80.0)
        #expect(progress("45 -> 15 min", "32 min") == 13.0 / 30.0)
        #expect(progress("8% -> 14%", "11%") == 0.5)
        #expect(progress("$100 -> $200", "$250") == 1, "clamped above")
        #expect(progress("45 -> 15 min", "50 min") == 0, "clamped below")
        #expect(progress("-5 -> 5 NPS", "0 NPS") == 0.5)
    }

    @Test func thresholdsAndMilestones() {
        #expect(progress(">= 99.9%", "99.95%") == 1)
        #expect(progress(">= 99.9%", "99.5%") == 0)
        #expect(progress("<= 200 ms", "180 ms") == 1)
        #expect(progress("<= 200 ms", "250 ms") == 0)
        #expect(progress("milestone", "done") == 1)
        #expect(progress("milestone", "not done") == 0)
    }

    @Test func noProgressWithoutAnswer() {
        #expect(progress("30 -> 30 x", "30 x") == nil, "flat metric")
        #expect(progress("45 -> 15 min", "2 users") == nil, "a unit that cannot be compared")
        #expect(progress("45 -> 15 min", "0.5 h") == 0.5, "time units convert")
        #expect(progress("45 -> 15 min", "30") == 0.5, "a value without a unit takes the metric's")
        let (k, c) = kr("45 -> 15 min")
        #expect(Progress.keyResult(k, latest: c) == nil)
    }

    @Test func checkInValueWhenNoCurrent() {
        let (k, c) = kr("0 -> 10 x", checkIn: "4 x")
        #expect(Progress.keyResult(k, latest: c) == 0.4)
    }

    @Test func weightedObjectiveMean() {
        let doc = Parser.parse(path: "t.okr", text: "## O1: A\n### KR1.1: a\n- metric: 0 -> 10 x\n- current: 10 x\n- weight: 3\n### KR1.2: b\n- metric: 0 -> 10 x\n- current: 2 x\n### KR1.3: c\n- metric: 0 -> 10 x\n")
        // (1.0 * 3 + 0.2 * 1) / 4; KR1.3 has no current and is left out.
        #expect(abs(Progress.objective(doc.objectives[0], in: doc)! - 0.8) < 1e-12)
    }

    @Test(arguments: [(0.0, Band.red), (0.3, .red), (0.39, .red), (0.4, .yellow), (0.69, .yellow), (0.7, .green), (1.0, .green)])
    func googleBands(_ score: Double, _ band: Band) {
        #expect(Band(score) == band)
    }

    @Test func rollUpThroughAlignment() {
        let company = Parser.parse(path: "c.okr", text: "# C\n- team: company\n- period: 2026-Q4\n## O1: A\n### KR1.1: a\n- metric: 0 -> 10 x\n- current: 2 x\n")
        let a = Parser.parse(path: "a.okr", text: "# A\n- team: a\n- period: 2026-Q4\n## A1: A\n- aligns: company/O1\n### KR1.1: a\n- metric: 0 -> 10 x\n- current: 8 x\n")
        let b = Parser.parse(path: "b.okr", text: "# B\n- team: b\n- period: 2026-Q4\n## B1: B\n- aligns: company/O1\n### KR1.1: a\n- metric: 0 -> 10 x\n- current: 4 x\n")
        let ws = Workspace(documents: [company, a, b])
        // Own 0.2, children mean (0.8 + 0.4) / 2 = 0.6, rolled up (0.2 + 0.6) / 2 = 0.4.
        #expect(abs(Progress.rolledUp(ObjectiveRef(document: 0, objective: 0), in: ws)! - 0.4) < 1e-12)
        #expect(abs(Progress.team("a", in: ws)! - 0.8) < 1e-12)
    }

    @Test func relativeMetricsScoresAndStrictLevels() {
        #expect(abs(progress("+25% sign-ups", "+12%")! - 0.48) < 1e-12)
        #expect(abs(progress("2x revenue", "1.4x")! - 0.4) < 1e-12)
        #expect(progress("-50% churn", "-25%") == 0.5)
        #expect(progress("+5 members", "+2 members") == 0.4)
        #expect(progress("< 48 h", "48 h") == 0, "a strict level is not met at the level")
        #expect(progress("<= 48 h", "48 h") == 1)
        #expect(progress("< 48 h", "1 d") == 1, "one day is 24 hours")
        #expect(progress("$4M -> $5.5M", "4.75M") == 0.5)
        #expect(progress("10,000 -> 15,000 customers", "12 500") == 0.5)
        let doc = Parser.parse(path: "t.okr", text: "## O1: A\n### KR1.1: a\n- metric: 0 -> 10 x\n- current: 2 x\n- score: 0.7\n")
        #expect(Progress.keyResult(doc.objectives[0].keyResults[0], latest: nil) == 0.7, "the final grade is the progress")
    }

    @Test func alignmentToAParentKeyResult() {
        // The company's KR1.2 has no metric of its own: the team objective aligned to it measures it.
        let company = Parser.parse(path: "c.okr", text: "# C\n- team: company\n- period: 2026-Q4\n## O1: A\n### KR1.1: a\n- metric: 0 -> 10 x\n- current: 2 x\n### KR1.2: b\n")
        let a = Parser.parse(path: "a.okr", text: "# A\n- team: a\n- period: 2026-Q4\n## A1: A\n- aligns: company/KR1.2\n### KR1.1: a\n- metric: 0 -> 10 x\n- current: 8 x\n")
        let ws = Workspace(documents: [company, a])
        #expect(ws.links.count == 1 && ws.links[0].parent == ObjectiveRef(document: 0, objective: 0) && ws.links[0].parentKeyResult == 1)
        #expect(ws.children[ObjectiveRef(document: 0, objective: 0)] == [ObjectiveRef(document: 1, objective: 0)])
        // KR1.1 0.2 (own), KR1.2 0.8 (from A1): (0.2 + 0.8) / 2; A1 is not counted a second time at the objective level.
        #expect(abs(Progress.rolledUp(ObjectiveRef(document: 0, objective: 0), in: ws)! - 0.5) < 1e-12)
        // An objective ID wins over a key result ID of the same name.
        let both = Parser.parse(path: "d.okr", text: "# D\n- team: d\n- period: 2026-Q4\n## X1: A\n### X2: b\n## X2: B\n")
        let child = Parser.parse(path: "e.okr", text: "# E\n- team: e\n- period: 2026-Q4\n## E1: A\n- aligns: d/X2\n")
        let ws2 = Workspace(documents: [both, child])
        #expect(ws2.links[0].parent == ObjectiveRef(document: 0, objective: 1) && ws2.links[0].parentKeyResult == nil)
    }

    @Test func fiscalPeriodsAreUsedForTime() throws {
        // GitLab's FY2021-Q1 is February to April 2020: a due date in March 2020 is inside it, one in January 2021 not.
        let text = "# G\n- okr: 1\n- team: g\n- period: FY2021-Q1\n- owner: @a\n## O1: A\n- owner: @a\n### KR1.1: a\n- metric: 0 -> 10 x\n- due: 2020-03\n### KR1.2: b\n- metric: 0 -> 10 x\n- due: 2021-01-15\n"
        let doc = Parser.parse(path: "g.okr", text: text)
        let linter = Linter(today: CalendarDate("2020-02-05")!, calendar: FiscalCalendar(startMonth: 2))
        let found = linter.lint(doc).filter { $0.ruleID == "date-outside-period" || $0.ruleID == "invalid-period" }
        #expect(found.map(\.ruleID) == ["date-outside-period"])
        #expect(found.first?.message.contains("2021-01-15") == true && found.first?.message.contains("2020-02-01 to 2020-04-30") == true)
        // Without the fiscal year start the period is read as a calendar quarter, with a warning.
        let plain = Linter(today: CalendarDate("2020-02-05")!).lint(doc).filter { $0.ruleID == "invalid-period" }
        #expect(plain.count == 1 && plain[0].severity == .warning)
    }
}

/// `Workspace.replacing`, what the language server does at each keystroke instead of building the index again.
@Suite struct WorkspaceReplacingTests {
    static let files: [(String, String)] = [
        ("company.okr", teamFile("company", objectives: [("O1", nil), ("O2", nil)])),
        ("a.okr", teamFile("a", objectives: [("A1", "company/O1"), ("A2", "company/O2, A1"), ("A3", "company/O7")])),
        ("b.okr", teamFile("b", objectives: [("B1", "company/O9"), ("B2", "company/O1.2, nosuch/O1")])),
    ]

    /// Edits of `a.okr` (by text replaced) and whether they leave what the index is built from as it was.
    static let edits: [(String, String, Bool)] = [
        ("Objective 1", "Objective one, reworded", true),
        ("- owner: @a\n- aligns: company/O1", "- owner: @a\n<!-- moved -->\n\n- aligns: company/O1", true),
        ("- current: 6 x", "- current: 9 x", true),
        ("# a\n", "# a, the team\n\nSome words.\n", true),
        ("- aligns: company/O1", "- aligns:  company/O1", true),
        ("- aligns: company/O1", "- aligns: company/O2", false),
        ("- aligns: company/O2, A1", "- aligns: company/O2", false),
        ("## A2:", "## A3:", false),
        ("### A1.1:", "### A1.9:", false),
        ("- team: a", "- team: aa", false),
        ("- period: 2026-Q4", "- period: 2026", false),
        ("## Check-ins", "## A9: New\n\n## Check-ins", false),
    ]

    @Test(arguments: edits.indices)
    func sameAsBuiltFromScratch(_ e: Int) throws {
        let (find, replace, keepsIndex) = Self.edits[e]
        let docs = Self.files.map { Parser.parse(path: $0.0, text: $0.1) }
        let before = Workspace(documents: docs)
        let text = Self.files[1].1
        #expect(text.contains(find), "the edit applies")
        var edited = docs
        edited[1] = Parser.parse(path: "a.okr", text: text.replacingOccurrences(of: find, with: replace))
        let fresh = Workspace(documents: edited)
        let replaced = before.replacing(1, with: DocumentSummary(edited[1]))
        #expect((replaced != nil) == keepsIndex)
        guard let replaced else { return }
        #expect(replaced.links == fresh.links)
        #expect(replaced.linksByDocument == fresh.linksByDocument)
        #expect(replaced.brokenIncoming == fresh.brokenIncoming)
        #expect(replaced.children == fresh.children && replaced.parents == fresh.parents)
        #expect(replaced.keyResultChildren == fresh.keyResultChildren)
        #expect(replaced.documents.map { $0.objectives.map(\.title) } == fresh.documents.map { $0.objectives.map(\.title) })
        let linter = Linter(today: CalendarDate(year: 2026, month: 11, day: 25)!)
        for d in edited {
            #expect(linter.lint(d, in: replaced) == linter.lint(d, in: fresh), "findings of \(d.path)")
        }
        #expect(!fresh.brokenIncoming.isEmpty && fresh.brokenIncoming.values.joined().contains { $0.child.document == 1 }, "a broken link of the edited file is in the index")
    }
}
