/// Path helpers on `/`-separated strings.
public enum Path {
    public static func join(_ a: String, _ b: String) -> String {
        if a.isEmpty || a == "." { return b }
        return a.hasSuffix("/") ? a + b : a + "/" + b
    }

    public static func parent(_ p: String) -> String {
        let u = p.utf8
        var end = u.endIndex
        while u.distance(from: u.startIndex, to: end) > 1 && u[u.index(before: end)] == 0x2F { end = u.index(before: end) }
        guard let i = u[..<end].lastIndex(of: 0x2F) else { return "." }
        if i == u.startIndex { return "/" }
        return String(p[..<i])
    }

    public static func name(_ p: String) -> String {
        let u = p.utf8
        var end = u.endIndex
        while u.distance(from: u.startIndex, to: end) > 1 && u[u.index(before: end)] == 0x2F { end = u.index(before: end) }
        guard let i = u[..<end].lastIndex(of: 0x2F) else { return String(p[..<end]) }
        return String(p[u.index(after: i)..<end])
    }

    /// Whether a file name is an `.okr` file (`*.okr` or `*.okr.md`).
    public static func isOKRFile(_ name: String) -> Bool {
        name.hasSuffix(".okr") || name.hasSuffix(".okr.md")
    }

    /// Removes `./` prefixes and duplicate slashes for display.
    public static func clean(_ p: String) -> String {
        // Fast path: no `./` prefix and no doubled slash.
        if !p.hasPrefix("./") {
            var prev: UInt8 = 0
            var doubled = false
            for b in p.utf8 {
                if b == 0x2F && prev == 0x2F { doubled = true; break }
                prev = b
            }
            if !doubled { return p }
        }
        var s = p
        while s.hasPrefix("./") && s.count > 2 { s.removeFirst(2) }
        while s.contains("//") { s = s.replacingAll("//", with: "/") }
        return s
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var out = ""
        var rest = Substring(self)
        while let r = rest.range(of: target) {
            out += rest[..<r.lowerBound]
            out += replacement
            rest = rest[r.upperBound...]
        }
        return out + rest
    }
}

extension Substring {
    func range(of target: String) -> Range<Substring.Index>? {
        let t = Array(target.utf8)
        let u = self.utf8
        var i = u.startIndex
        while i != u.endIndex {
            var j = i
            var k = 0
            while k < t.count && j != u.endIndex && u[j] == t[k] { j = u.index(after: j); k += 1 }
            if k == t.count { return i..<j }
            i = u.index(after: i)
        }
        return nil
    }
}

extension Path {
    /// An absolute, lexically normalised path (`.` and `..` resolved without touching the disk).
    public static func absolute(_ p: String) -> String {
        normalize(p.hasPrefix("/") ? p : join(FileSystem.currentDirectory(), p))
    }

    /// An absolute path shown relative to the working directory when it lies below it.
    public static func display(_ p: String) -> String {
        guard p.hasPrefix("/") else { return clean(p) }
        let cwd = FileSystem.currentDirectory()
        let base = cwd.hasSuffix("/") ? cwd : cwd + "/"
        return p.hasPrefix(base) ? String(p.dropFirst(base.count)) : p
    }

    public static func normalize(_ p: String) -> String {
        // Fast path: nothing to resolve.
        let u = p.utf8
        var clean = !u.isEmpty && !p.hasSuffix("/")
        // As if after a slash, so a leading `.` or `..` segment is seen; a leading slash is not a doubled one.
        var prev: UInt8 = 0x2F
        var dots = 0
        var first = true
        for b in u {
            defer { first = false }
            if b == 0x2F {
                if (prev == 0x2F && !first) || (dots > 0 && dots <= 2) { clean = false; break }
                dots = 0
            } else if b == 0x2E && (prev == 0x2F || dots > 0) {
                dots += 1
            } else {
                dots = dots > 0 && prev == 0x2E && dots <= 2 ? 3 : 0
            }
            prev = b
        }
        if clean && !(dots > 0 && dots <= 2) && p.hasPrefix("/") { return p }
        var parts: [Substring] = []
        for seg in p.split(separator: "/", omittingEmptySubsequences: true) {
            if seg == "." { continue }
            if seg == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(seg)
        }
        let body = parts.joined(separator: "/")
        return p.hasPrefix("/") ? "/" + body : (body.isEmpty ? "." : body)
    }
}
