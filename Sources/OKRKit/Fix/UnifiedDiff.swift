/// A unified diff (`diff -u`, three lines of context) of two versions of a file, for `okrlint --diff` and `okrlint fmt
/// --diff`. Lines are compared by their bytes and their line break (none, LF, CRLF or CR); they are printed with what
/// must not reach a terminal made visible (`SafeText`; tabs are kept) and a CR of their line break as `\r`, so the
/// diff is for reading, and exact (a patch) for ordinary text with LF line breaks.
///
/// The common first and last lines are set aside; lines that occur once in each version anchor the rest (patience
/// diff: the longest run of them in the same order), and the pieces between anchors are diffed with Myers'
/// O((N+M)·D) algorithm. The work of all Myers runs together is capped (`workBudget` steps, and D at most
/// `maxDistance`): a piece past the cap is shown as one block replaced, so the time stays linear whatever the file
/// holds, and scattered fixes in a large file cost little.
public enum UnifiedDiff {
    public static let context = 3
    public static let maxDistance = 1_000
    public static let workBudget = 20_000_000

    struct Lines {
        let bytes: [UInt8]
        /// Content ranges, without line breaks.
        var ranges: [Range<Int>] = []
        /// Each line's line break: 0 none, 1 LF, 2 CRLF, 3 CR.
        var endings: [UInt8] = []
        var hashes: [UInt64] = []

        init(_ bytes: [UInt8]) {
            self.bytes = bytes
            var start = 0
            var i = 0
            let n = bytes.count
            while i < n {
                let b = bytes[i]
                if b == 0x0A || b == 0x0D {
                    ranges.append(start..<i)
                    if b == 0x0D && i + 1 < n && bytes[i + 1] == 0x0A {
                        endings.append(2)
                        i += 1
                    } else {
                        endings.append(b == 0x0A ? 1 : 3)
                    }
                    start = i + 1
                }
                i += 1
            }
            if start < n {
                ranges.append(start..<n)
                endings.append(0)
            }
            hashes = zip(ranges, endings).map { r, e in
                var h: UInt64 = 0xcbf29ce484222325 &+ UInt64(e) &* 0x9E3779B97F4A7C15
                for k in r { h = (h ^ UInt64(bytes[k])) &* 0x100000001b3 }
                return h
            }
        }

        var count: Int { ranges.count }
    }

    static func same(_ a: Lines, _ i: Int, _ b: Lines, _ j: Int) -> Bool {
        a.hashes[i] == b.hashes[j] && a.endings[i] == b.endings[j] && a.bytes[a.ranges[i]] == b.bytes[b.ranges[j]]
    }

    enum Op: Equatable { case keep, delete, insert }

    /// The diff of `old` and `new` under the name `path`; empty when they are the same.
    public static func diff(path: String, old: [UInt8], new: [UInt8]) -> String {
        guard old != new else { return "" }
        let a = Lines(old), b = Lines(new)
        let ops = script(a, b)
        let name = SafeText.escape(path)
        var out = "--- \(name)\n+++ \(name)\n"
        // Hunks: runs of changes with `context` lines around them; changes closer than twice that share a hunk.
        var k = 0
        var ai = 0, bi = 0
        // Positions before each op.
        var starts: [(Int, Int)] = []
        starts.reserveCapacity(ops.count + 1)
        for op in ops {
            starts.append((ai, bi))
            if op != .insert { ai += 1 }
            if op != .delete { bi += 1 }
        }
        starts.append((ai, bi))
        while k < ops.count {
            guard ops[k] != .keep else { k += 1; continue }
            let first = max(0, k - context)
            var last = k
            var scan = k
            while scan < ops.count {
                if ops[scan] != .keep { last = scan; scan += 1; continue }
                // A run of kept lines: long enough to end the hunk?
                var run = scan
                while run < ops.count && ops[run] == .keep { run += 1 }
                if run == ops.count || run - scan > 2 * context { break }
                scan = run
            }
            let end = min(ops.count, last + 1 + context)
            let (a0, b0) = starts[first]
            let (a1, b1) = starts[end]
            out += "@@ -\(range(a0, a1 - a0)) +\(range(b0, b1 - b0)) @@\n"
            for x in first..<end {
                let (i, j) = starts[x]
                switch ops[x] {
                case .keep: out += " " + show(a, i)
                case .delete: out += "-" + show(a, i)
                case .insert: out += "+" + show(b, j)
                }
            }
            k = end
        }
        return out
    }

    static func range(_ start: Int, _ count: Int) -> String {
        // GNU diff: a hunk of no lines names the line before it; one line has no count.
        if count == 0 { return "\(start),0" }
        return count == 1 ? "\(start + 1)" : "\(start + 1),\(count)"
    }

    /// A line as printed, with its line break, and the marker of a last line without one.
    static func show(_ l: Lines, _ i: Int) -> String {
        var s = ""
        var p = l.ranges[i].lowerBound
        let end = l.ranges[i].upperBound
        while p < end {
            let (scalar, length) = UTF8Decoding.decode(l.bytes[p..<end])
            if let scalar {
                if scalar == "\t" || !SafeText.isUnsafe(scalar.value) { s.unicodeScalars.append(scalar) } else { s += SafeText.escaped(scalar.value) }
            } else {
                let hex = String(l.bytes[p], radix: 16, uppercase: true)
                s += "\\x" + (hex.count == 1 ? "0" : "") + hex
            }
            p += length
        }
        switch l.endings[i] {
        case 0: return s + "\n\\ No newline at end of file\n"
        case 1: return s + "\n"
        default: return s + "\\r\n"
        }
    }

    /// The edit script: common first and last lines kept, anchors of unique lines, Myers between them.
    static func script(_ a: Lines, _ b: Lines) -> [Op] {
        var ops: [Op] = []
        ops.reserveCapacity(max(a.count, b.count) + 16)
        var budget = workBudget
        piece(a, 0..<a.count, b, 0..<b.count, anchored: true, &budget, &ops)
        return ops
    }

    /// Appends the script of `a[ra]` to `b[rb]`.
    static func piece(_ a: Lines, _ ra: Range<Int>, _ b: Lines, _ rb: Range<Int>, anchored: Bool, _ budget: inout Int, _ ops: inout [Op]) {
        var lo = 0
        while lo < ra.count && lo < rb.count && same(a, ra.lowerBound + lo, b, rb.lowerBound + lo) { lo += 1 }
        var hi = 0
        while hi < ra.count - lo && hi < rb.count - lo && same(a, ra.upperBound - 1 - hi, b, rb.upperBound - 1 - hi) { hi += 1 }
        ops.append(contentsOf: repeatElement(.keep, count: lo))
        let ma = (ra.lowerBound + lo)..<(ra.upperBound - hi), mb = (rb.lowerBound + lo)..<(rb.upperBound - hi)
        if anchored, !ma.isEmpty, !mb.isEmpty {
            let anchors = uniqueAnchors(a, ma, b, mb)
            if !anchors.isEmpty {
                var ia = ma.lowerBound, jb = mb.lowerBound
                for (i, j) in anchors {
                    piece(a, ia..<i, b, jb..<j, anchored: false, &budget, &ops)
                    ops.append(.keep)
                    ia = i + 1
                    jb = j + 1
                }
                piece(a, ia..<ma.upperBound, b, jb..<mb.upperBound, anchored: false, &budget, &ops)
                ops.append(contentsOf: repeatElement(.keep, count: hi))
                return
            }
        }
        if let middle = myers(a, ma, b, mb, &budget) {
            ops.append(contentsOf: middle)
        } else {
            ops.append(contentsOf: repeatElement(.delete, count: ma.count))
            ops.append(contentsOf: repeatElement(.insert, count: mb.count))
        }
        ops.append(contentsOf: repeatElement(.keep, count: hi))
    }

    /// Pairs (i, j) of lines that occur exactly once in `a[ra]` and once in `b[rb]` and are the same, the longest
    /// chain of them in the same order in both (patience sorting, O(k log k)).
    static func uniqueAnchors(_ a: Lines, _ ra: Range<Int>, _ b: Lines, _ rb: Range<Int>) -> [(Int, Int)] {
        // hash -> (occurrences in a, position in a, occurrences in b, position in b)
        var seen: [UInt64: (Int, Int, Int, Int)] = [:]
        seen.reserveCapacity(ra.count + rb.count)
        for i in ra { seen[a.hashes[i], default: (0, i, 0, 0)].0 += 1 }
        for j in rb {
            guard var e = seen[b.hashes[j]] else { continue }
            e.2 += 1
            e.3 = j
            seen[b.hashes[j]] = e
        }
        var pairs: [(Int, Int)] = []
        for i in ra {
            guard let e = seen[a.hashes[i]], e.0 == 1, e.2 == 1, same(a, i, b, e.3) else { continue }
            pairs.append((i, e.3))
        }
        guard !pairs.isEmpty else { return [] }
        // Longest increasing subsequence of the positions in b.
        var tails: [Int] = []          // index into pairs of the smallest tail of each length
        var previous = [Int](repeating: -1, count: pairs.count)
        for (k, p) in pairs.enumerated() {
            var lo = 0, hi = tails.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if pairs[tails[mid]].1 < p.1 { lo = mid + 1 } else { hi = mid }
            }
            if lo > 0 { previous[k] = tails[lo - 1] }
            if lo == tails.count { tails.append(k) } else { tails[lo] = k }
        }
        var chain: [(Int, Int)] = []
        var k = tails.last!
        while k >= 0 {
            chain.append(pairs[k])
            k = previous[k]
        }
        return chain.reversed()
    }

    /// Myers' greedy shortest edit script of `a[ra]` to `b[rb]`, or nil when it needs more than `maxDistance` edits
    /// or more steps than are left in `budget` (the steps taken are subtracted either way).
    static func myers(_ a: Lines, _ ra: Range<Int>, _ b: Lines, _ rb: Range<Int>, _ budget: inout Int) -> [Op]? {
        let n = ra.count, m = rb.count
        if n == 0 { return Array(repeating: .insert, count: m) }
        if m == 0 { return Array(repeating: .delete, count: n) }
        let maxD = min(n + m, maxDistance)
        let offset = maxD + 1
        var v = [Int](repeating: 0, count: 2 * maxD + 3)
        // v after each step d, for k in -d...d (stored from index 0).
        var trace: [[Int]] = []
        var found: Int? = nil
        outer: for d in 0...maxD {
            var k = -d
            while k <= d {
                var x: Int
                if k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) {
                    x = v[offset + k + 1]
                } else {
                    x = v[offset + k - 1] + 1
                }
                var y = x - k
                let x0 = x
                while x < n && y < m && same(a, ra.lowerBound + x, b, rb.lowerBound + y) { x += 1; y += 1 }
                budget -= 1 + (x - x0)
                v[offset + k] = x
                if x >= n && y >= m {
                    trace.append(Array(v[(offset - d)...(offset + d)]))
                    found = d
                    break outer
                }
                k += 2
            }
            budget -= 2 * d + 1
            if budget < 0 { return nil }
            trace.append(Array(v[(offset - d)...(offset + d)]))
        }
        guard let dFound = found else { return nil }
        // Back through the trace, from the end.
        var ops: [Op] = []
        ops.reserveCapacity(n + m)
        var x = n, y = m
        var d = dFound
        while d > 0 {
            let prev = trace[d - 1]
            func at(_ k: Int) -> Int { prev[k + d - 1] }
            let k = x - y
            let prevK = (k == -d || (k != d && at(k - 1) < at(k + 1))) ? k + 1 : k - 1
            let prevX = at(prevK)
            let prevY = prevX - prevK
            while x > prevX && y > prevY { ops.append(.keep); x -= 1; y -= 1 }
            ops.append(x == prevX ? .insert : .delete)
            x = prevX
            y = prevY
            d -= 1
        }
        while x > 0 && y > 0 { ops.append(.keep); x -= 1; y -= 1 }
        return ops.reversed()
    }
}
