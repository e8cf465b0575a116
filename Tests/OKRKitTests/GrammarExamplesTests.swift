import Foundation
import Testing
@testable import OKRKit

/// One example of Grammar.md: its number, input bytes (glyphs substituted) and expected dump (an `example` fence) or
/// expected canonical form (a `format` fence, section 15).
struct GrammarExample: CustomTestStringConvertible, Sendable {
    enum Kind: Sendable { case parse, format }
    let number: Int
    let kind: Kind
    let input: [UInt8]
    let expected: String
    /// The expected canonical form's bytes (glyphs substituted), for a `format` example.
    var expectedBytes: [UInt8] { GrammarExample.substitute(expected.isEmpty ? [] : expected.components(separatedBy: "\n")) }
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
        var kind = Kind.parse
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            switch state {
            case .prose:
                if line.hasPrefix("Example "), let n = Int(line.dropFirst(8)) { lastNumber = n }
                if line == fence + " example" || line == fence + " format" {
                    kind = line.hasSuffix(" format") ? .format : .parse
                    state = .input
                    inputLines = []
                    outputLines = []
                }
            case .input:
                if line == "." { state = .output } else { inputLines.append(line) }
            case .output:
                if line == fence {
                    examples.append(GrammarExample(number: lastNumber, kind: kind, input: substitute(inputLines),
                                                   expected: outputLines.joined(separator: "\n")))
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
    static let parsing = all.filter { $0.kind == .parse }
    static let formatting = all.filter { $0.kind == .format }
}

@Suite struct GrammarExamplesTests {
    @Test func thereAreEnoughNumberedExamples() throws {
        let examples = try GrammarExample.load()
        #expect(examples.count >= 60)
        #expect(examples.map(\.number) == Array(1...examples.count), "examples must be numbered 1...N in order")
    }

    @Test(arguments: GrammarExample.parsing)
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

    @Test func thereAreFormatExamples() {
        #expect(GrammarExample.formatting.count >= 8)
    }

    /// Section 15: the input formats to the expected bytes, and the expected bytes are canonical already.
    @Test(arguments: GrammarExample.formatting)
    func formatExample(_ e: GrammarExample) {
        let actual = String(decoding: Formatter.format(path: "example.okr", bytes: e.input).bytes, as: UTF8.self)
        let expected = String(decoding: e.expectedBytes, as: UTF8.self)
        #expect(actual == expected, "Grammar.md example \(e.number) formats differently")
        #expect(!Formatter.format(path: "example.okr", bytes: e.expectedBytes).changed, "Grammar.md example \(e.number): the expected form is not canonical")
    }

    @Test func glyphsBecomeBytes() {
        #expect(GrammarExample.substitute(["a→b␣←", "⇔\\xFF∎"]) == [0x61, 0x09, 0x62, 0x20, 0x0D, 0x0A, 0xEF, 0xBB, 0xBF, 0xFF])
        #expect(GrammarExample.substitute([]) == [])
    }
}
