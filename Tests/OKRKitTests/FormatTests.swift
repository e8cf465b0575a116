import Foundation
import Testing
@testable import OKRKit

/// Runs a Python snippet (a test-only consumer such as jsonschema or xml.etree) on `input`.
func python(_ script: String, input: String) throws -> (code: Int32, output: String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["python3", "-c", script]
    let inPipe = Pipe(), outPipe = Pipe()
    p.standardInput = inPipe
    p.standardOutput = outPipe
    p.standardError = outPipe
    try p.run()
    inPipe.fileHandleForWriting.write(Data(input.utf8))
    try inPipe.fileHandleForWriting.close()
    let data = outPipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: data, as: UTF8.self))
}

func pythonHas(_ module: String) -> Bool {
    (try? python("import \(module)", input: ""))?.code == 0
}

let isCI = ProcessInfo.processInfo.environment["CI"] == "true"

@Suite(.serialized) struct FormatTests {
    static let formats = ["gcc", "github", "sarif", "junit", "checkstyle", "gitlab"]

    @Test(arguments: formats)
    func goldenOutputOnThePitfalls(_ format: String) throws {
        let r = try CLI.run(["samples/pitfalls", "--format", format])
        #expect(r.code == 1)
        try CLI.expectGolden(r.stdout, "pitfalls.\(format)")
    }

    @Test func consumersAreInstalledInCI() {
        // .ci/run installs them; locally a missing one only skips its test.
        if isCI {
            #expect(pythonHas("jsonschema"), "CI must install jsonschema (pip install jsonschema)")
            #expect(pythonHas("xml.etree.ElementTree"))
        }
    }

    @Test(.enabled(if: pythonHas("jsonschema"))) func sarifValidatesAgainstTheOfficialSchema() throws {
        let r = try CLI.run(["samples/pitfalls", "--format", "sarif"])
        let schema = CLI.root.appendingPathComponent("Tests/OKRKitTests/Fixtures/sarif-schema-2.1.0.json").path
        let check = try python("""
            import json, sys, jsonschema
            schema = json.load(open(\(String(reflecting: schema))))
            doc = json.load(sys.stdin)
            jsonschema.validators.validator_for(schema)(schema).validate(doc)
            run = doc["runs"][0]
            ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
            for res in run["results"]:
                assert res["ruleId"] == ids[res["ruleIndex"]], res["ruleId"]
                region = res["locations"][0]["physicalLocation"]["region"]
                assert region["startLine"] >= 1 and region["endColumn"] > 0
                assert res["partialFingerprints"]["okrlintFingerprint/v1"]
            print(len(run["results"]))
            """, input: r.stdout)
        #expect(check.code == 0, "\(check.output)")
        #expect(check.output.trimmingCharacters(in: .whitespacesAndNewlines) == "29")
    }

    @Test(arguments: ["junit", "checkstyle"])
    func xmlIsWellFormedWithOneEntryPerFile(_ format: String) throws {
        let dir = try CLI.tempDir(["a&b<c>.okr": "# T \"quoted\" & <b>\n\n* bad 'item' \u{1}\n", "clean.okr": cleanTeamFile()])
        let r = try CLI.run([".", "--format", format, "--today", "2026-11-25"], in: dir)
        let element = format == "junit" ? "testcase" : "file"
        let check = try python("""
            import sys, xml.etree.ElementTree as ET
            root = ET.fromstring(sys.stdin.buffer.read())
            items = list(root.iter("\(element)"))
            names = sorted(i.get("name") for i in items)
            print(len(items), names[0])
            """, input: r.stdout)
        #expect(check.code == 0, "\(check.output)")
        #expect(check.output.hasPrefix("2 a&b<c>.okr"), "\(check.output)")
    }

    @Test func githubEscapesLikeTheToolkit() {
        #expect(GitHubReporter.escapeData("100% done\r\nnext") == "100%25 done%0D%0Anext")
        #expect(GitHubReporter.escapeProperty("a:b,c%d\n") == "a%3Ab%2Cc%25d%0A")
        let doc = Parser.parse(path: "dir,with:odd%name.okr", text: "# T\n\n* x\n")
        var d = doc.syntaxDiagnostics[0]
        d.message = "50% of a: b, c\nsecond line"
        let out = GitHubReporter().render(LintResult(files: [FileResult(source: doc.source, diagnostics: [d])]))
        #expect(out.hasPrefix("::error file=dir%2Cwith%3Aodd%25name.okr,line=3,endLine=3,col=1,endColumn=4,title=okrlint syntax-error::50%25 of a: b, c\\nsecond line%0Ahelp: "), "a line break in the data is shown, not sent")
        #expect(out.filter { $0 == "\n" }.count == 1, "one line per annotation")
    }

    @Test func fingerprintsSurviveUnrelatedLinesMoving() throws {
        let base = "# T\n\n- okr: 1\n- team: t\n- period: 2026-Q4\n\n## O1: A\n### KR1.1: Improve things\n"
        let moved = "# T\n\n- okr: 1\n- team: t\n- period: 2026-Q4\n\nA new description line.\nAnd another.\n\n## O1: A\n### KR1.1: Improve things\n"
        func prints(_ text: String) -> [String] {
            let doc = Parser.parse(path: "t.okr", text: text)
            let diags = Linter(rules: [.document(UnmeasurableKeyResultRule())]).lint(doc)
            return FileResult(source: doc.source, diagnostics: diags).fingerprints()
        }
        #expect(prints(base).count == 1)
        #expect(prints(base) == prints(moved))
        #expect(prints(base) != prints(base.replacingOccurrences(of: "Improve things", with: "Improve stuff")))
    }

    @Test func gitlabReportIsAJSONArrayWithFingerprints() throws {
        let r = try CLI.run(["samples/pitfalls", "--format", "gitlab"])
        let issues = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        #expect(issues.count == 29)
        let prints = Set(issues.compactMap { $0["fingerprint"] as? String })
        #expect(prints.count == 29, "fingerprints are unique")
        #expect(Set(issues.compactMap { $0["severity"] as? String }).isSubset(of: ["major", "minor", "info"]))
    }
}
