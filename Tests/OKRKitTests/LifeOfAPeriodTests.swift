import Foundation
import Testing
@testable import OKRKit

/// The end of a period (issue 21): `okrlint init --from`, the next period's name, the rules that speak once a period
/// is over or about to be, and "today" in the local time zone.
@Suite(.serialized) struct LifeOfAPeriodTests {
    static let q4 = """
        # Web team OKRs 2026-Q4

        - okr: 1
        - team: web
        - period: 2026-Q4
        - owner: @dana

        ## O1: Make checkout effortless
        - owner: @dana
        - aligns: company/O1

        ### KR1.1: Raise checkout conversion
        - metric: 2% -> 4%
        - owner: @raj
        - [x] Remove the second address form @raj
        - [ ] One-click wallets @mei

        ### KR1.2: Keep checkout errors rare
        - metric: <= 0.5%
        - owner: @raj

        ### KR1.3: New checkout live for every market
        - metric: milestone
        - owner: @lee

        ## O2: Make the site fast
        - owner: @mei

        ### KR2.1: Cut p95 page load
        - metric: 4 -> 2 s
        - current: 1.8 s
        - owner: @mei

        ### KR2.2: Lighthouse score
        - metric: 60 -> 90
        - owner: @mei
        - score: 1.0

        ## Check-ins
        - 2026-12-10 KR1.1: 3.1%
        - 2026-12-10 KR1.2: 0.7%
        - 2026-12-10 KR1.3: done

        """

    static let company = """
        # Company OKRs 2027

        - okr: 1
        - team: company
        - period: 2027
        - owner: @ceo

        ## O1: Win the mid-market
        - owner: @ceo

        ### KR1.1: Mid-market revenue
        - metric: $1M -> $2M
        - owner: @ceo

        ### KR1.2: Net revenue retention
        - metric: 98% -> 110%
        - owner: @ceo

        """

    @Test func initFromCarriesUnfinishedKeyResultsFromTheirLastValue() throws {
        let dir = try CLI.tempDir([".okrlint.json": #"{"today": "2026-12-20"}"#, "web-2026-q4.okr": Self.q4, "company.okr": Self.company])
        let r = try CLI.run(["init", "--from", "web-2026-q4.okr"], in: dir)
        #expect(r.code == 0, "\(r.stderr)")
        #expect(r.stderr.contains("wrote web-2027-q1.okr (2027-Q1, from web-2026-q4.okr: 2 key results carried, 3 finished dropped)"), "\(r.stderr)")
        let text = try String(contentsOf: dir.appendingPathComponent("web-2027-q1.okr"), encoding: .utf8)
        // The last check-in is the new baseline; the level is kept as written; both are marked.
        #expect(text.contains("- period: 2027-Q1\n"))
        #expect(text.contains("### KR1.1: Raise checkout conversion\n- metric: 3.1% -> 4%\n- owner: @raj\n- carried-from: 2026-Q4/KR1.1\n- [ ] One-click wallets @mei\n"), "\(text)")
        #expect(text.contains("### KR1.2: Keep checkout errors rare\n- metric: <= 0.5%\n- owner: @raj\n- carried-from: 2026-Q4/KR1.2\n"), "\(text)")
        // Done milestone, a met target, a score of 1.0: dropped; an objective with nothing left goes too.
        #expect(!text.contains("KR1.3") && !text.contains("KR2.1") && !text.contains("KR2.2") && !text.contains("## O2"), "\(text)")
        #expect(!text.contains("Remove the second address form"), "done initiatives stay behind")
        #expect(text.contains("- aligns: company/O1\n"))
        // The new file is clean, and the carried key results are not "carried over by habit".
        let check = try CLI.run(["--format", "json", "--report-all", "--today", "2027-01-20", "."], in: dir)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any])
        let next = (report["files"] as? [[String: Any]] ?? []).first { ($0["path"] as? String ?? "").hasSuffix("web-2027-q1.okr") }
        let found = (next?["diagnostics"] as? [[String: Any]] ?? []).map { "\($0["severity"] ?? "") \($0["rule"] ?? "")" }
        #expect(next != nil && !found.contains { $0.hasPrefix("error") }, "\(found)")
        #expect(!found.contains { $0.contains("carried-over-from-previous-file") }, "\(found)")
        // Never overwrites.
        let again = try CLI.run(["init", "--from", "web-2026-q4.okr"], in: dir)
        #expect(again.code == 2 && again.stderr.contains("exists already"), "\(again.stderr)")
    }

    @Test func withoutTheMarkACopiedKeyResultIsStillCarriedOverByHabit() throws {
        // The same key result copied by hand, with no `carried-from`: the rule still reports it.
        let copied = Self.q4.replacingOccurrences(of: "2026-Q4", with: "2027-Q1")
        let dir = try CLI.tempDir([".okrlint.json": #"{"today": "2027-01-20"}"#, "web-2026-q4.okr": Self.q4, "web-2027-q1.okr": copied])
        let check = try CLI.run(["--format", "json", "--report-all", "."], in: dir)
        #expect(check.stdout.contains("carried-over-from-previous-file"), "\(check.stdout)")
    }

    @Test func initFromNamesAndChecks() throws {
        let dir = try CLI.tempDir(["web.okr": Self.q4])
        // No period in the name: TEAM-PERIOD.okr beside the source; an explicit period and name win.
        let r = try CLI.run(["init", "--from", "web.okr", "--today", "2026-12-20"], in: dir)
        #expect(r.code == 0 && FileManager.default.fileExists(atPath: dir.appendingPathComponent("web-2027-q1.okr").path), "\(r.stderr)")
        let h = try CLI.run(["init", "--from", "web.okr", "--period", "2027-H1", "plan.okr", "--today", "2026-12-20"], in: dir)
        #expect(h.code == 0, "\(h.stderr)")
        #expect(try String(contentsOf: dir.appendingPathComponent("plan.okr"), encoding: .utf8).contains("- period: 2027-H1\n"))
        #expect(try CLI.run(["init", "--from", "web.okr", "--parent", "company"], in: dir).code == 2)
        #expect(try CLI.run(["init", "--from", "missing.okr"], in: dir).code == 2)
        let broken = try CLI.tempDir(["b.okr": "# B\n\n- okr: 1\n- team: b\n- period: 2026-Q4\n\n## O1: A\n### KR1.1: a\n- metric: twelve -> 3\n"])
        let bad = try CLI.run(["init", "--from", "b.okr"], in: broken)
        #expect(bad.code == 2 && bad.stderr.contains("syntax errors"), "\(bad.stderr)")
    }

    @Test(arguments: [
        ("2026-Q4", nil, "2027-Q1"), ("2026-Q1", nil, "2026-Q2"), ("2026-H2", nil, "2027-H1"), ("2026", nil, "2027"),
        ("2026-12", nil, "2027-01"), ("Q3 2026", nil, "2026-Q4"), ("FY2027-Q4", 2, "FY2028-Q1"), ("FY2027", 2, "FY2028"),
        ("2026-05..2026-07", nil, "2026-08..2026-10"), ("2026-04-09..2026-07-02", nil, "2026-07-03..2026-09-25"),
    ] as [(String, Int?, String)])
    func nextPeriod(_ c: (String, Int?, String)) throws {
        let cal = FiscalCalendar(startMonth: c.1)
        let p = try #require(Period(c.0, calendar: cal))
        #expect(CarryForward.nextPeriod(p, calendar: cal) == c.2)
    }

    // MARK: today in the local time zone

    /// UTC seconds of a date and time.
    static func utc(_ date: String, _ hour: Int, _ minute: Int = 0) -> Int { CalendarDate(date)!.dayNumber * 86_400 + hour * 3600 + minute * 60 }

    @Test func posixRulesGiveTheOffsetOfTheDay() throws {
        let berlin = try #require(PosixRule("CET-1CEST,M3.5.0,M10.5.0/3"))
        #expect(berlin.offset(at: Self.utc("2026-01-15", 12)) == 3600)
        #expect(berlin.offset(at: Self.utc("2026-07-15", 12)) == 7200)
        // 2026-03-29 is the last Sunday of March: 01:00 UTC is 02:00 CET, when summer time starts.
        #expect(berlin.offset(at: Self.utc("2026-03-29", 0, 59)) == 3600)
        #expect(berlin.offset(at: Self.utc("2026-03-29", 1, 0)) == 7200)
        let newYork = try #require(PosixRule("EST5EDT,M3.2.0,M11.1.0"))
        #expect(newYork.offset(at: Self.utc("2026-12-01", 12)) == -18_000)
        #expect(newYork.offset(at: Self.utc("2026-06-01", 12)) == -14_400)
        // Southern hemisphere: daylight time spans the new year.
        let sydney = try #require(PosixRule("AEST-10AEDT,M10.1.0,M4.1.0/3"))
        #expect(sydney.offset(at: Self.utc("2026-01-10", 12)) == 39_600)
        #expect(sydney.offset(at: Self.utc("2026-07-10", 12)) == 36_000)
        #expect(PosixRule("<+14>-14")?.offset(at: 0) == 50_400)
        #expect(PosixRule("nonsense") == nil)
    }

    @Test func tzNamesAndFilesAreRead() throws {
        // A user in Kiritimati (UTC+14) at 23:00 UTC on 2026-12-31 is already in 2027.
        let kiritimati = TimeZoneRule.current(tz: "<+14>-14")
        let t = Self.utc("2026-12-31", 23)
        #expect(CalendarDate(dayNumber: (t + kiritimati.offset(at: t)) / 86_400).description == "2027-01-01")
        #expect(TimeZoneRule.current(tz: "UTC") == .utc && TimeZoneRule.current(tz: "") == .utc)
        #expect(TimeZoneRule.current(tz: "../../etc/passwd") == .utc, "a name with .. is never a path")
        #expect(TimeZoneRule(tzif: Array("not a zone file".utf8)) == nil)
        // The system's zone files, where they are installed: transitions and the footer's rule agree.
        guard FileManager.default.fileExists(atPath: "/usr/share/zoneinfo/Europe/Berlin") else { return }
        let berlin = TimeZoneRule.current(tz: "Europe/Berlin")
        #expect(berlin.offset(at: Self.utc("2026-01-15", 12)) == 3600)
        #expect(berlin.offset(at: Self.utc("2026-07-15", 12)) == 7200)
        #expect(berlin.offset(at: Self.utc("1990-07-15", 12)) == 7200)
        #expect(berlin.offset(at: Self.utc("2090-07-15", 12)) == 7200, "after the last transition, the footer's rule")
        #expect(TimeZoneRule.current(tz: ":Asia/Tokyo").offset(at: Self.utc("2026-06-01", 0)) == 32_400)
    }

    @Test func theBinaryReadsTodayInTheLocalZone() throws {
        // A period around the real today, and a check-in 100 days ago: the stale-check-in message counts days from
        // today, and `TZ` 26 hours apart (UTC+14, UTC-12) moves today by one day (two for 2 hours a day).
        let now = CalendarDate(dayNumber: Int(Date().timeIntervalSince1970) / 86_400)
        let header = "# T\n\n- okr: 1\n- team: t\n- period: \(now.adding(days: -200))..\(now.adding(days: 200))\n- owner: @dana\n\n"
        let file = header + "## O1: A\n- owner: @dana\n### KR1.1: a\n- metric: 0 -> 10 x\n- owner: @dana\n\n## Check-ins\n- \(now.adding(days: -100)) KR1.1: 1 x\n"
        let dir = try CLI.tempDir(["t.okr": file])
        func age(_ tz: String) throws -> Int? {
            let out = try CLI.run(["--format", "json", "t.okr"], in: dir, env: ["TZ": tz]).stdout
            guard let r = out.range(of: "has had no check-in for ") else { return nil }
            return Int(out[r.upperBound...].prefix { $0.isNumber })
        }
        let east = try #require(try age("<+14>-14")), west = try #require(try age("<-12>12")), utc = try #require(try age("UTC"))
        #expect((1...2).contains(east - west), "\(east) vs \(west)")
        #expect(east >= utc && utc >= west)
    }
}
