import Foundation
import Testing
@testable import OKRKit

/// One example of Grammar.md: its number, input bytes (glyphs substituted) and expected dump.
struct GrammarExample: CustomTestStringConvertible, Sendable {
    let number: Int
    let input: [UInt8]
    let expected: String
    var testDescription: String { "Grammar.md example \(number)" }

    static let fence = String(repeating: "`", count: 32)

    /// Extracts examples with a three-state machine, as CommonMark's spec_tests.py does.
    static func load() throws -> [GrammarExample] {
        let url = CLI.root.appendingPathComponent("Grammar.md")
        let text = try String(contentsOf: url, encoding: .utf8)
        enum State { case prose, input, output }
        var state = State.prose
        var examples: [GrammarExample] = []
        var inputLines: [String] = []
        var outputLines: [String] = []
        var lastNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            switch state {
            case .prose:
                if line.hasPrefix("Example "), let n = Int(line.dropFirst(8)) { lastNumber = n }
                if line == fence + " example" {
                    state = .input
                    inputLines = []
                    outputLines = []
                }
            case .input:
                if line == "." { state = .output } else { inputLines.append(line) }
            case .output:
                if line == fence {
                    examples.append(GrammarExample(number: lastNumber, input: substitute(inputLines), expected: outputLines.joined(separator: "\n")))
                    state = .prose
                } else {
                    outputLines.append(line)
                }
            }
        }
        return examples
    }

    /// `→` tab, `␣` space, `←` CR, `⇔` BOM, `∎` at the end: no final newline, `\xHH` a raw byte.
    static func substitute(_ lines: [String]) -> [UInt8] {
        var text = lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
        if text.hasSuffix("∎\n") { text.removeLast(2) }
        var out: [UInt8] = []
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            if c == "\\", i + 3 < scalars.count, scalars[i + 1] == "x",
               let byte = UInt8(String(String.UnicodeScalarView(scalars[(i + 2)...(i + 3)])), radix: 16) {
                out.append(byte)
                i += 4
                continue
            }
            switch c {
            case "→": out.append(0x09)
            case "␣": out.append(0x20)
            case "←": out.append(0x0D)
            case "⇔": out += [0xEF, 0xBB, 0xBF]
            default: out += Array(String(c).utf8)
            }
            i += 1
        }
        return out
    }

    static let all: [GrammarExample] = (try? load()) ?? []
}

@Suite struct GrammarExamplesTests {
    @Test func thereAreEnoughNumberedExamples() throws {
        let examples = try GrammarExample.load()
        #expect(examples.count >= 60)
        #expect(examples.map(\.number) == Array(1...examples.count), "examples must be numbered 1...N in order")
    }

    @Test(arguments: GrammarExample.all)
    func example(_ e: GrammarExample) {
        let actual = ASTDump.dump(Parser.parse(path: "example.okr", bytes: e.input))
        #expect(actual == e.expected, """
            Grammar.md example \(e.number) differs.
            --- expected
            \(e.expected)
            --- actual
            \(actual)
            """)
    }

    @Test func glyphsBecomeBytes() {
        #expect(GrammarExample.substitute(["a→b␣←", "⇔\\xFF∎"]) == [0x61, 0x09, 0x62, 0x20, 0x0D, 0x0A, 0xEF, 0xBB, 0xBF, 0xFF])
        #expect(GrammarExample.substitute([]) == [])
    }
}
