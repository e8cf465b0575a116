import Foundation
import Testing

/// The real-world corpus (`samples/real-world`): published OKR sets, each with the findings an OKR coach (and the
/// source itself) would give. Every set is checked as a user would, with the built binary in the set's folder
/// (`okrlint --format json --report-all .`, so the set's `.okrlint.json` applies). A finding matches an expectation
/// on (file, line, rule).
///
/// - recall: at least 90% of the expected findings, over the corpus;
/// - no false alarm: every error or warning is expected or acceptable (infos are ignored unless listed);
/// - no syntax error: every number, period and link the sets use can be written in the format.
@Suite struct RealWorldCorpusTests {
    struct Entry: Hashable {
        var file: String
        var line: Int
        var rule: String
    }

    struct SetResult {
        var name: String
        var expected: Set<Entry>
        var acceptable: Set<Entry>
        var findings: [(entry: Entry, severity: String, message: String)]
    }

    static let corpus = CLI.root.appendingPathComponent("samples/real-world")

    static func sets() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: corpus, includingPropertiesForKeys: nil)
            .filter { (try? $0.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true }
            .sorted { $0.path < $1.path }
    }

    static func entries(_ list: Any?) -> Set<Entry> {
        Set((list as? [[String: Any]] ?? []).compactMap { e in
            guard let f = e["file"] as? String, let l = e["line"] as? Int, let r = e["rule"] as? String else { return nil }
            return Entry(file: f, line: l, rule: r)
        })
    }

    static func run(_ dir: URL) throws -> SetResult {
        let spec = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("expected.json"))) as? [String: Any] ?? [:]
        let r = try CLI.run(["--format", "json", "--report-all", "."], in: dir)
        #expect(r.code == 0 || r.code == 1, "\(dir.lastPathComponent): exit \(r.code): \(r.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any] ?? [:]
        var findings: [(Entry, String, String)] = []
        for file in report["files"] as? [[String: Any]] ?? [] {
            let path = (file["path"] as? String ?? "").replacingOccurrences(of: "./", with: "")
            for d in file["diagnostics"] as? [[String: Any]] ?? [] {
                let start = ((d["range"] as? [String: Any])?["start"] as? [String: Any])?["line"] as? Int ?? 0
                findings.append((Entry(file: path, line: start, rule: d["rule"] as? String ?? ""),
                                 d["severity"] as? String ?? "", d["message"] as? String ?? ""))
            }
        }
        return SetResult(name: dir.lastPathComponent, expected: entries(spec["expected"]),
                         acceptable: entries(spec["acceptable"]), findings: findings)
    }

    @Test func theCorpusHasAtLeastTwelvePublishedSets() throws {
        let sets = try Self.sets()
        #expect(sets.count >= 12)
        for s in sets {
            for name in ["README.md", "expected.json", ".okrlint.json"] {
                #expect(FileManager.default.fileExists(atPath: s.appendingPathComponent(name).path), "\(s.lastPathComponent) has no \(name)")
            }
        }
    }

    @Test func coachFindingsAppearAndNothingElseIsRaised() throws {
        var expectedTotal = 0, found = 0
        var missed: [String] = []
        var falseAlarms: [String] = []
        var syntaxErrors: [String] = []
        for dir in try Self.sets() {
            let s = try Self.run(dir)
            let got = Set(s.findings.map(\.entry))
            expectedTotal += s.expected.count
            for e in s.expected.sorted(by: { ($0.file, $0.line) < ($1.file, $1.line) }) {
                if got.contains(e) { found += 1 } else { missed.append("\(s.name)/\(e.file):\(e.line) \(e.rule)") }
            }
            for f in s.findings {
                let where_ = "\(s.name)/\(f.entry.file):\(f.entry.line) \(f.entry.rule): \(f.message)"
                if f.entry.rule == "syntax-error" { syntaxErrors.append(where_); continue }
                guard f.severity == "error" || f.severity == "warning" else { continue }
                if !s.expected.contains(f.entry) && !s.acceptable.contains(f.entry) { falseAlarms.append(where_) }
            }
        }
        let recall = Double(found) / Double(max(1, expectedTotal))
        print("real-world corpus: recall \(found)/\(expectedTotal) (\(Int((recall * 100).rounded()))%), false alarms \(falseAlarms.count), syntax errors \(syntaxErrors.count)")
        #expect(expectedTotal >= 50, "the corpus expects too few findings to measure recall")
        #expect(recall >= 0.9, "recall \(found)/\(expectedTotal); missed:\n\(missed.joined(separator: "\n"))")
        #expect(falseAlarms.isEmpty, "false alarms:\n\(falseAlarms.joined(separator: "\n"))")
        #expect(syntaxErrors.isEmpty, "syntax errors:\n\(syntaxErrors.joined(separator: "\n"))")
    }
}
