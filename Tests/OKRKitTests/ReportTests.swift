import Foundation
import Testing
@testable import OKRKit

@Suite(.serialized) struct ReportTests {
    static let hostile = "<script>alert(1)</script> \"q\" & 'a' | [x](http://e.x) @octocat ![i](http://e.x/i.png) \u{1B}[2J\u{202E}"

    /// A workspace whose titles, owners and team names hold what no format may let through raw.
    static func hostileWorkspace() throws -> URL {
        var company = teamFile("company", objectives: [("O1", nil), ("O2", nil)])
        company = company.replacingOccurrences(of: "## O1: Objective 1", with: "## O1: \(hostile)")
        company = company.replacingOccurrences(of: "# company\n", with: "# \(hostile)\n")
        company = company.replacingOccurrences(of: "- owner: @a\n\n## O1", with: "- owner: @a<b>&\"c\n\n## O1")
        return try CLI.tempDir([".okrlint.json": #"{"today": "2026-11-25"}"#, "company.okr": company,
                                "a.okr": teamFile("a", objectives: [("A1", "company/O1")]),
                                // A team name the format refuses (a syntax error) is still shown, escaped.
                                "evil.okr": teamFile("<i>&\"x'", objectives: [("E1", "company/O2")])])
    }

    static func json(_ args: [String], in dir: URL = CLI.root) throws -> [String: Any] {
        let r = try CLI.run(["report", "--format", "json"] + args, in: dir)
        #expect(r.code == 0, "\(r.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    }

    /// The numbers, computed by hand from samples/teams/platform.okr on 2026-11-25 (README, "Reports").
    @Test func scoresMatchHandComputedValues() throws {
        let doc = try Self.json(["samples/", "--today", "2026-11-25"])
        let teams = try #require(doc["teams"] as? [[String: Any]])
        let platform = try #require(teams.first { $0["team"] as? String == "platform" })
        // 2026-Q4 is 92 days; 2026-11-25 is day 56 of them.
        #expect(abs((platform["expected"] as! Double) - 56.0 / 92.0) < 1e-4)
        let objectives = platform["objectives"] as! [[String: Any]]
        let o1 = objectives[0]["keyResults"] as! [[String: Any]], o2 = objectives[1]["keyResults"] as! [[String: Any]]
        let kr11 = (45.0 - 24) / (45 - 15), kr12 = (22.0 - 12) / (30 - 12), kr21 = (99.92 - 99.5) / (99.95 - 99.5), kr22 = 1.0
        for (row, value) in [(o1[0], kr11), (o1[1], kr12), (o2[0], kr21), (o2[1], kr22)] {
            #expect(abs((row["progress"] as! Double) - value) < 1e-4, "\(row["id"]!): \(row["progress"]!) vs \(value)")
        }
        #expect(abs((objectives[0]["progress"] as! Double) - (kr11 + kr12) / 2) < 1e-4)
        #expect(abs((objectives[1]["progress"] as! Double) - (kr21 + kr22) / 2) < 1e-4)
        #expect(objectives[0]["band"] as? String == "yellow" && objectives[1]["band"] as? String == "green")
        // KR1.1's check-ins: 2026-11-02 (0.5), 2026-11-16 (0.6).
        #expect(o1[0]["confidenceTrend"] as? [Double] == [0.5, 0.6])
        #expect(o1[0]["lastCheckIn"] as? String == "2026-11-16" && o1[0]["daysSinceCheckIn"] as? Int == 9)
        #expect(o1[0]["owner"] as? String == "@raj" && o1[0]["current"] as? String == "24 min")
        // company/O2 rolls up: its own key results' mean, averaged with the mean of the platform objectives under it.
        let company = try #require(teams.first { $0["team"] as? String == "company" })
        let co2 = (company["objectives"] as! [[String: Any]])[1]
        let own = ((99.9 - 99.5) / (99.95 - 99.5) + (3200.0 - 1900) / (3200 - 1200)) / 2
        #expect(abs((co2["progress"] as! Double) - (own + ((kr11 + kr12) / 2 + (kr21 + kr22) / 2) / 2) / 2) < 1e-4)
        #expect(co2["supporters"] as? [String] == ["platform/O1", "platform/O2"])
    }

    @Test(.enabled(if: pythonHas("jsonschema"))) func jsonValidatesAgainstItsSchema() throws {
        for args in [["samples/", "samples/pitfalls", "--today", "2026-11-25"], ["samples/real-world", "--today", "2026-11-25"]] {
            let r = try CLI.run(["report", "--format", "json"] + args)
            let schema = CLI.root.appendingPathComponent("docs/report.schema.json").path
            let check = try python("""
                import json, sys, jsonschema
                schema = json.load(open(\(String(reflecting: schema))))
                jsonschema.validators.validator_for(schema)(schema).validate(json.load(sys.stdin))
                """, input: r.stdout)
            #expect(check.code == 0, "\(args): \(check.output)")
        }
    }

    @Test func attentionComesFromTheFindingsInOrder() throws {
        let doc = try Self.json(["samples/pitfalls", "samples/", "--today", "2026-11-25"])
        let kinds = (doc["attention"] as! [[String: Any]]).map { $0["kind"] as! String }
        #expect(kinds.contains("stale"))
        let order = ReportModel.AttentionKind.allCases.map(\.rawValue)
        #expect(kinds.map { order.firstIndex(of: $0)! } == kinds.map { order.firstIndex(of: $0)! }.sorted())
        let findings = doc["findings"] as! [[String: Any]]
        let gcc = try CLI.run(["samples/pitfalls", "samples/", "--report-all", "--format", "gcc", "--today", "2026-11-25"])
        #expect(findings.count == gcc.stdout.split(separator: "\n").count, "every open finding is in the report")
    }

    @Test func htmlEscapesEveryTextAndHasNoScript() throws {
        let dir = try Self.hostileWorkspace()
        let r = try CLI.run(["report", "--format", "html"], in: dir)
        #expect(r.code == 0)
        let html = r.stdout
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("Content-Security-Policy"))
        #expect(!html.lowercased().contains("<script"), "no script element, and the title's is text")
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &quot;q&quot; &amp; &apos;a&apos;"))
        #expect(html.contains("@a&lt;b&gt;&amp;&quot;c"))
        #expect(html.contains("&lt;i&gt;&amp;&quot;x&apos;") && !html.contains("<i>"))
        #expect(!html.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E })
        // Nothing is loaded from anywhere.
        #expect(!html.contains("href=") && !html.contains("src=") && !html.contains("url(") && !html.contains("@import"))
    }

    /// Headless Chromium reads the page: the hostile title is text in the DOM, not an element, and nothing ran.
    @Test func chromiumReadsThePage() throws {
        let dir = try Self.hostileWorkspace()
        let out = dir.appendingPathComponent("report.html")
        #expect(try CLI.run(["report", "--format", "html", "-o", out.path, "-q"], in: dir).code == 0)
        guard let dom = try runTool("chromium", ["--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", out.absoluteString], input: "") else {
            #expect(!isCI, "CI must install Chromium (apt-get install chromium)")
            return
        }
        #expect(dom.code == 0, "\(dom.stderr.suffix(500))")
        #expect(dom.stdout.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!dom.stdout.contains("<script"))
        #expect(dom.stdout.contains("<svg class=\"graph\""), "the alignment graph is in the page")
        #expect(dom.stdout.components(separatedBy: "<h2").count - 1 == 6, "attention, alignment, three teams, findings: \(dom.stdout.components(separatedBy: "<h2").count - 1)")
    }

    @Test func markdownCannotFormLinksTablesOrMentions() throws {
        let r = try CLI.run(["report", "--format", "markdown"], in: try Self.hostileWorkspace())
        #expect(r.code == 0)
        let md = r.stdout
        #expect(!md.contains("](http") && !md.contains(" @octocat"))
        // Every `<` and `[` outside a code span is escaped (shown as text, never a tag or a link).
        let scalars = Array(md.unicodeScalars)
        var inCode = false
        for (i, u) in scalars.enumerated() {
            if u == "`" && (i == 0 || scalars[i - 1] != "\\") { inCode.toggle() }
            if !inCode && (u == "<" || u == "[") { #expect(i > 0 && scalars[i - 1] == "\\", "unescaped \(u) at \(i)") }
        }
        #expect(md.contains("`@a<b>&\"c`"), "the owner is a code span")
        #expect(md.contains("@\u{200C}octocat"))
        // Every table row has as many cells as its header.
        var columns = 0
        var previous = ""
        for line in md.split(separator: "\n", omittingEmptySubsequences: false) {
            defer { previous = String(line) }
            guard line.hasPrefix("|") else { continue }
            var cells = 0, escaped = false, inCode = false
            for c in line {
                if escaped { escaped = false; continue }
                if c == "\\" { escaped = true } else if c == "`" { inCode.toggle() } else if c == "|" && !inCode { cells += 1 }
            }
            if !previous.hasPrefix("|") { columns = cells }  // a table's header row
            #expect(cells == columns, "\(line)")
        }
        #expect(!md.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E })
    }

    @Test func textFitsEightyColumnsWithoutColourWhenNotATerminal() throws {
        let r = try CLI.run(["report", "samples/", "samples/pitfalls", "samples/real-world", "--today", "2026-11-25"])
        #expect(r.code == 0)
        for line in r.stdout.split(separator: "\n") {
            #expect(line.unicodeScalars.count <= 80, "\(line.unicodeScalars.count): \(line)")
        }
        #expect(!r.stdout.contains("\u{1B}["))
        let colored = try CLI.run(["report", "samples/", "--color", "always", "--today", "2026-11-25"])
        #expect(colored.stdout.contains("\u{1B}[32m"))
        let hostile = try CLI.run(["report"], in: try Self.hostileWorkspace())
        #expect(!hostile.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E })
    }

    @Test func reportTakesOnlyItsFormats() throws {
        let r = try CLI.run(["report", "samples/", "--format", "sarif"])
        #expect(r.code == 2 && r.stderr.contains("`okrlint report` writes `--format text` (default), `markdown`, `html` or `json`"))
    }
}
