import Testing
@testable import OKRKit

/// Issue 20, hostile input to the language server: a rejected header must not take the messages after it with it.
/// After a bad header the reader resynchronises — the body is skipped when its length is known, else the bytes are
/// dropped up to the next `Content-Length:` — reports the header once, and reads every later frame.
@Suite struct LSPFrameResyncTests {
    static func frame(_ body: String) -> [UInt8] { Array("Content-Length: \(body.utf8.count)\r\n\r\n\(body)".utf8) }
    static let one = #"{"jsonrpc":"2.0","id":1,"method":"a"}"#, two = #"{"jsonrpc":"2.0","id":2,"method":"b"}"#

    /// The events for `input` read in one piece, and read one byte at a time (both must agree).
    static func events(_ input: [UInt8], maxHeaderBytes: Int = FrameReader.defaultMaxHeaderBytes) -> [FrameReader.Event] {
        var r = FrameReader(maxHeaderBytes: maxHeaderBytes)
        r.append(input)
        var whole: [FrameReader.Event] = []
        while let e = r.next() { whole.append(e) }
        var s = FrameReader(maxHeaderBytes: maxHeaderBytes)
        var split: [FrameReader.Event] = []
        for b in input {
            s.append([b])
            while let e = s.next() { split.append(e) }
        }
        #expect(whole == split, "read whole and byte by byte differ")
        return whole
    }

    /// One error (not too large) whose message contains `error`, then the two good messages, and nothing else.
    static func expectOneErrorThenBoth(_ events: [FrameReader.Event], _ error: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(events.count == 3, "\(events)", sourceLocation: sourceLocation)
        guard events.count == 3 else { return }
        if case .error(let m, let tooLarge) = events[0] {
            #expect(m.contains(error), "\(m)", sourceLocation: sourceLocation)
            #expect(!tooLarge, sourceLocation: sourceLocation)
        } else {
            Issue.record("first event is not an error: \(events[0])", sourceLocation: sourceLocation)
        }
        #expect(Array(events.dropFirst()) == [.message(Array(one.utf8)), .message(Array(two.utf8))], sourceLocation: sourceLocation)
    }

    static let bad = #"{"jsonrpc":"2.0","id":9,"method":"bad"}"#

    @Test func aRepeatedContentLengthLosesOnlyItsOwnMessage() {
        // Two different lengths: the body's length is unknown, the reader finds the next header.
        let different = Array("Content-Length: \(Self.bad.utf8.count)\r\nContent-Length: 3\r\n\r\n\(Self.bad)".utf8)
        Self.expectOneErrorThenBoth(Self.events(different + Self.frame(Self.one) + Self.frame(Self.two)), "given twice")
        // The same length twice: the body is skipped by its length, even when it reads like a frame.
        let inner = "Content-Length: 2\r\n\r\n{}"
        let same = Array("Content-Length: \(inner.utf8.count)\r\nContent-Length: \(inner.utf8.count)\r\n\r\n\(inner)".utf8)
        Self.expectOneErrorThenBoth(Self.events(same + Self.frame(Self.one) + Self.frame(Self.two)), "given twice")
    }

    @Test func aHeaderLineWithoutColonLosesOnlyItsOwnMessage() {
        // With a Content-Length on another line: its body is skipped by length.
        let withLength = Array("Content-Length: \(Self.bad.utf8.count)\r\nnot a field\r\n\r\n\(Self.bad)".utf8)
        Self.expectOneErrorThenBoth(Self.events(withLength + Self.frame(Self.one) + Self.frame(Self.two)), "without `:`")
        // Without one (`Content-Length 40`): the next header is found.
        let without = Array("Content-Length \(Self.bad.utf8.count)\r\n\r\n\(Self.bad)".utf8)
        Self.expectOneErrorThenBoth(Self.events(without + Self.frame(Self.one) + Self.frame(Self.two)), "without `:`")
    }

    @Test func aHeaderOverTheLimitLosesOnlyItsOwnMessage() {
        let junk = "X-Junk: " + String(repeating: "j", count: 300) + "\r\n"
        // The length in the part that was read: the body is skipped by its length.
        let early = Array("Content-Length: \(Self.bad.utf8.count)\r\n\(junk)\r\n\(Self.bad)".utf8)
        Self.expectOneErrorThenBoth(Self.events(early + Self.frame(Self.one) + Self.frame(Self.two), maxHeaderBytes: 64), "longer than 64")
        // No length in what was read: the next header is found after the dropped header.
        let late = Array("\(junk)Content-Type: x\r\n\r\n\(Self.bad)".utf8)
        Self.expectOneErrorThenBoth(Self.events(late + Self.frame(Self.one) + Self.frame(Self.two), maxHeaderBytes: 64), "longer than 64")
    }

    @Test func aHeaderWithoutLengthOrWithABadNumberLosesOnlyItsOwnMessage() {
        let missing = Array("Content-Type: x\r\n\r\n\(Self.bad)".utf8)
        Self.expectOneErrorThenBoth(Self.events(missing + Self.frame(Self.one) + Self.frame(Self.two)), "without `Content-Length`")
        let notANumber = Array("Content-Length: 4O\r\n\r\n\(Self.bad)".utf8)
        Self.expectOneErrorThenBoth(Self.events(notANumber + Self.frame(Self.one) + Self.frame(Self.two)), "not a whole number")
    }

    /// Garbage after a bad header is dropped as it streams: the buffer stays small, and nothing more is reported.
    @Test func resynchronisingKeepsTheBufferSmallAndReportsOnce() {
        var r = FrameReader()
        r.append(Array("Content-Type: x\r\n\r\n".utf8))
        var errors = 0
        for _ in 0..<200 {
            r.append(Array(String(repeating: #"{"content-length":1,"x":"Content-Length"} "#, count: 100).utf8))
            while let e = r.next() {
                if case .error = e { errors += 1 } else { Issue.record("a message out of garbage: \(e)") }
            }
            #expect(r.buffered < 5000)
        }
        #expect(errors == 1)
        r.append(Self.frame(Self.one))
        #expect(r.next() == .message(Array(Self.one.utf8)))
    }
}
