import Foundation
import Testing
@testable import OKRKit

/// Parsing (and linting) is linear: quadrupling an adversarial input must not multiply the work by much more than
/// four. Work is measured as this thread's CPU time (not wall-clock), best of three, with a generous bound: linear
/// code gives about 4x, quadratic code 16x; the test fails above 9x.
@Suite(.serialized) struct LinearityTests {
    static let cases: [(String, @Sendable (Int) -> String)] = [
        ("one long line", { n in "# " + String(repeating: "word ", count: n) }),
        ("many headings", { n in String(repeating: "## O1: A\n### KR1.1: b\n", count: n / 4) }),
        ("many links on one line", { n in "## O1: A\n- aligns: " + (0..<(n / 8)).map { "t\($0)/O1" }.joined(separator: ", ") + "\n" }),
        ("comment openers never closed", { n in "# T " + String(repeating: "<!-- ", count: n / 2) + "\n" + String(repeating: "<!--\n", count: n / 4) }),
        ("task tokens", { n in "## O1: A\n### KR1.1: b\n- [ ] " + String(repeating: "@x due:2026-01-01 kr:K ", count: n / 8) + "\n" }),
        ("runs of #", { n in String(repeating: String(repeating: "#", count: 200) + "\n", count: n / 50) }),
        ("in-file alignment chain", { n in (1...(n / 20)).map { "## O\($0): A\n- aligns: O\($0 + 1)\n" }.joined() }),
        ("check-ins", { n in "## O1: A\n### K: b\n- metric: 0 -> 9 x\n## Check-ins\n" + String(repeating: "- 2026-11-02 K: 3 x, confidence 0.5 -- n -- m\n", count: n / 12) }),
    ]

    static func cpuSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    static func work(_ text: String) -> Double {
        let bytes = Array(text.utf8)
        var best = Double.infinity
        for _ in 0..<3 {
            let t0 = cpuSeconds()
            let doc = Parser.parse(path: "x.okr", bytes: bytes)
            _ = Linter(today: CalendarDate("2026-11-25")!).lint(doc)
            best = min(best, cpuSeconds() - t0)
        }
        return best
    }

    @Test(arguments: 0..<cases.count)
    func quadruplingTheInputAboutQuadruplesTheWork(_ i: Int) {
        let (name, make) = Self.cases[i]
        let n = 25_000
        let small = Self.work(make(n))
        let large = Self.work(make(4 * n))
        let ratio = large / max(small, 1e-6)
        #expect(ratio < 9, "\(name): 4x the input took \(String(format: "%.1f", ratio))x the work (\(small)s -> \(large)s)")
    }
}
