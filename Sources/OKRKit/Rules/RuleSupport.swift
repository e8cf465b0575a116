/// "Did you mean" suggestions by edit distance. The work is bounded whatever a file holds: words longer than
/// `maxWordLength` get no suggestion, at most `maxCandidates` names are considered, names whose length differs by
/// more than the limit are skipped, and each distance is computed in a band around the diagonal that stops as
/// soon as the limit is exceeded.
public enum Suggest {
    public static let maxWordLength = 64
    public static let maxCandidates = 1_000

    /// Levenshtein distance over Unicode scalars, case-insensitive.
    public static func distance(_ a: String, _ b: String) -> Int {
        let x = a.lowercased().unicodeScalars.map(\.value)
        let y = b.lowercased().unicodeScalars.map(\.value)
        return bounded(x, y, limit: max(x.count, y.count)) ?? max(x.count, y.count)
    }

    /// The distance when it is at most `limit`, else nil: only cells within `limit` of the diagonal are computed
    /// (the others exceed it anyway), and a row whose every cell exceeds it ends the work.
    static func bounded(_ x: [UInt32], _ y: [UInt32], limit: Int) -> Int? {
        if abs(x.count - y.count) > limit { return nil }
        if x.isEmpty || y.isEmpty { return max(x.count, y.count) }
        let big = limit + 1
        var prev = (0...y.count).map { min($0, big) }
        var cur = [Int](repeating: big, count: y.count + 1)
        for i in 1...x.count {
            let lo = max(1, i - limit), hi = min(y.count, i + limit)
            cur[lo - 1] = lo == 1 ? min(i, big) : big
            var rowMin = lo == 1 ? cur[0] : big
            for j in lo...hi {
                let v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
                cur[j] = min(v, big)
                rowMin = min(rowMin, cur[j])
            }
            if hi < y.count { cur[hi + 1] = big }
            if rowMin > limit { return nil }
            swap(&prev, &cur)
        }
        return prev[y.count] <= limit ? prev[y.count] : nil
    }

    /// Lowercased scalars of `s`, or nil when it has more than `maxLength` of them.
    static func folded(_ s: String, maxLength: Int) -> [UInt32]? {
        let u = s.utf8
        if u.count <= maxLength && u.allSatisfy({ $0 < 0x80 }) {
            return u.map { UInt32($0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0) }
        }
        var n = 0
        for _ in s.unicodeScalars {
            n += 1
            if n > maxLength { return nil }
        }
        return s.lowercased().unicodeScalars.map(\.value)
    }

    /// The closest candidate within `maxDistance` (default: a third of the word, at least 1, at most 3).
    public static func closest(to word: String, in candidates: some Sequence<String>, maxDistance: Int? = nil) -> String? {
        var budget = maxCandidates
        return closest(to: word, in: candidates, maxDistance: maxDistance, budget: &budget)
    }

    /// Candidates a rule may examine in one file, over all its suggestions: a file with thousands of unknown
    /// references among thousands of IDs gets suggestions for the first ones, not hours of work.
    public static let fileBudget = 20_000

    /// `closest`, taking each candidate examined from `budget`; nothing is examined once it is spent.
    public static func closest(to word: String, in candidates: some Sequence<String>, maxDistance: Int? = nil,
                               budget: inout Int) -> String? {
        guard budget > 0, let w = folded(word, maxLength: maxWordLength) else { return nil }
        let limit = maxDistance ?? min(3, max(1, w.count / 3))
        // A prefix of a candidate (`warn` for `warning`) is the likeliest intent; then the smallest distance.
        var prefixed: String? = nil
        var best: (String, Int)? = nil
        var examined = 0
        for c in candidates {
            examined += 1
            budget -= 1
            if examined > maxCandidates || budget < 0 { break }
            guard c != word, let f = folded(c, maxLength: maxWordLength) else { continue }
            if w.count >= 3 && f.count >= w.count && f.starts(with: w) { prefixed = c; break }
            if let d = bounded(w, f, limit: min(limit, best.map { $0.1 - 1 } ?? limit)), best == nil || d < best!.1 {
                best = (c, d)
            }
        }
        return prefixed ?? best?.0
    }

    /// ` Did you mean `X`?` or an empty string.
    public static func phrase(_ word: String, in candidates: some Sequence<String>) -> String {
        closest(to: word, in: candidates).map { "did you mean `\($0)`?" } ?? ""
    }

    /// `phrase`, within a budget (see `closest(to:in:maxDistance:budget:)`).
    public static func phrase(_ word: String, in candidates: some Sequence<String>, budget: inout Int) -> String {
        closest(to: word, in: candidates, budget: &budget).map { "did you mean `\($0)`?" } ?? ""
    }
}

extension String {
    /// The first of `lowercasedWords`, without tokenising the rest.
    var firstLowercasedWord: String? {
        var word: [UInt8] = []
        for b in utf8 {
            if b >= 0x80 { return lowercasedWords.first }
            let lower = (b >= 0x41 && b <= 0x5A) ? b + 32 : b
            if (lower >= 0x61 && lower <= 0x7A) || (lower >= 0x30 && lower <= 0x39) || lower == 0x27 {
                word.append(lower)
            } else if !word.isEmpty {
                break
            }
        }
        return word.isEmpty ? nil : String(decoding: word, as: UTF8.self)
    }

    /// Lowercased words of letters and digits.
    var lowercasedWords: [String] {
        // ASCII fast path: no Unicode property lookups.
        if utf8.allSatisfy({ $0 < 0x80 }) {
            var out: [String] = []
            var cur: [UInt8] = []
            for b in utf8 {
                let lower = (b >= 0x41 && b <= 0x5A) ? b + 32 : b
                if (lower >= 0x61 && lower <= 0x7A) || (lower >= 0x30 && lower <= 0x39) || lower == 0x27 {
                    cur.append(lower)
                } else if !cur.isEmpty {
                    out.append(String(decoding: cur, as: UTF8.self))
                    cur.removeAll(keepingCapacity: true)
                }
            }
            if !cur.isEmpty { out.append(String(decoding: cur, as: UTF8.self)) }
            return out
        }
        var out: [String] = []
        var cur = ""
        for ch in self.lowercased().unicodeScalars {
            if ch.properties.isAlphabetic || ("0"..."9").contains(ch) || ch == "'" {
                cur.unicodeScalars.append(ch)
            } else if !cur.isEmpty {
                out.append(cur)
                cur = ""
            }
        }
        if !cur.isEmpty { out.append(cur) }
        return out
    }

    var containsDigit: Bool { utf8.contains { $0 >= 0x30 && $0 <= 0x39 } }
}

extension Document {
    /// All key result IDs in the file.
    var keyResultIDs: [String] { objectives.flatMap { $0.keyResults.compactMap { text($0.id) } } }
}

/// Header used by rule examples so they read like real files.
let exampleHeader = """
# Platform team OKRs

- okr: 1
- team: platform
- period: 2026-Q4
- owner: @dana


"""

/// A company file for cross-file rule examples (`otherFiles`).
let exampleCompany = """
# Company OKRs

- okr: 1
- team: company
- period: 2026-Q4
- owner: @ceo

## O1: Win mid-market teams
## O2: Be dependable

"""

/// Options of the rules that need the top level of the alignment tree: the teams named in `top-level-teams`.
public protocol TopLevelTeamsOption: RuleOptions {
    var topLevelTeams: [String] { get }
}

extension WorkspaceContext where Options: TopLevelTeamsOption {
    /// Whether a document is the top level of the alignment tree: its team is named in the option `top-level-teams`,
    /// or other files align to it while it aligns to no other team.
    func isTopLevel(_ di: Int) -> Bool {
        if workspace.topLevelDocuments.contains(di) { return true }
        guard let team = workspace.documents[di].team else { return false }
        return options.topLevelTeams.contains(team)
    }
}
