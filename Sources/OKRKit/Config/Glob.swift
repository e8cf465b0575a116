/// Glob patterns for `include` / `exclude`, matched against `/`-separated paths relative to the config's folder.
/// `*` matches within one path segment, `**` any number of segments, `?` one character. A pattern without `/`
/// matches a name at any depth (as in .gitignore). Patterns are matched against each path found while walking, so
/// an excluded folder is not entered; a folder named on the command line is always checked (as in ruff).
public struct Glob: Sendable, Hashable {
    public let pattern: String
    let segments: [[UInt8]]
    let anchored: Bool

    public init(_ pattern: String) {
        self.pattern = pattern
        var p = pattern
        while p.hasPrefix("./") { p.removeFirst(2) }
        var anchored = p.contains("/")
        if p.hasPrefix("/") { p.removeFirst(); anchored = true }
        while p.hasSuffix("/") { p.removeLast() }
        self.anchored = anchored
        self.segments = p.split(separator: "/", omittingEmptySubsequences: true).map { Array($0.utf8) }
    }

    /// Whether the pattern matches `relativePath` (an unanchored pattern may match its trailing segments).
    public func matches(_ relativePath: String) -> Bool {
        let parts = relativePath.split(separator: "/", omittingEmptySubsequences: true).map { Array($0.utf8) }
        if anchored { return Glob.match(segments[...], parts[...]) }
        for s in 0..<parts.count where Glob.match(segments[...], parts[s...]) { return true }
        return false
    }

    static func match(_ pat: ArraySlice<[UInt8]>, _ path: ArraySlice<[UInt8]>) -> Bool {
        guard let first = pat.first else { return path.isEmpty }
        if first == Array("**".utf8) {
            let rest = pat.dropFirst()
            var p = path
            while true {
                if match(rest, p) { return true }
                if p.isEmpty { return false }
                p = p.dropFirst()
            }
        }
        guard let seg = path.first, matchSegment(first[...], seg[...]) else { return false }
        return match(pat.dropFirst(), path.dropFirst())
    }

    static func matchSegment(_ p: ArraySlice<UInt8>, _ s: ArraySlice<UInt8>) -> Bool {
        // Iterative wildcard matching with backtracking on the last `*` (linear in practice).
        var pi = p.startIndex, si = s.startIndex
        var star: (Int, Int)? = nil
        while si < s.endIndex {
            if pi < p.endIndex && (p[pi] == UInt8(ascii: "?") || p[pi] == s[si]) {
                pi += 1; si += 1
            } else if pi < p.endIndex && p[pi] == UInt8(ascii: "*") {
                star = (pi, si)
                pi += 1
            } else if let (sp, ss) = star {
                pi = sp + 1
                si = ss + 1
                star = (sp, ss + 1)
            } else {
                return false
            }
        }
        while pi < p.endIndex && p[pi] == UInt8(ascii: "*") { pi += 1 }
        return pi == p.endIndex
    }
}
