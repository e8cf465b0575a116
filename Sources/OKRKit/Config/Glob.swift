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
        // A pattern of no segments (`/`, `./`) matches nothing; an unanchored one is anchored after a leading `**`.
        if segments.isEmpty { return false }
        return Glob.match(segments, parts, leadingDoubleStar: !anchored)
    }

    static let doubleStar = Array("**".utf8)

    /// Segment-level wildcard matching, `**` as the star: the greedy algorithm that retries only from the last `**`
    /// seen, so the work is at most (pattern segments x path segments) segment matches, however many `**` there are.
    static func match(_ pat: [[UInt8]], _ path: [[UInt8]], leadingDoubleStar: Bool = false) -> Bool {
        let offset = leadingDoubleStar ? 1 : 0
        let count = pat.count + offset
        func isStar(_ k: Int) -> Bool { k < offset || pat[k - offset] == doubleStar }
        var p = 0, s = 0
        var star = -1, starS = 0
        while s < path.count {
            if p < count && isStar(p) {
                star = p
                starS = s
                p += 1
            } else if p < count && matchSegment(pat[p - offset][...], path[s][...]) {
                p += 1
                s += 1
            } else if star >= 0 {
                // Let the last `**` take one more segment and try the rest again.
                p = star + 1
                starS += 1
                s = starS
            } else {
                return false
            }
        }
        while p < count && isStar(p) { p += 1 }
        return p == count
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
