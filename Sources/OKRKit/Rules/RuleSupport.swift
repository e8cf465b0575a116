/// "Did you mean" suggestions by edit distance.
public enum Suggest {
    /// Levenshtein distance over Unicode scalars, case-insensitive.
    public static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a.lowercased().unicodeScalars)
        let y = Array(b.lowercased().unicodeScalars)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var prev = Array(0...y.count)
        var cur = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            cur[0] = i
            for j in 1...y.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            swap(&prev, &cur)
        }
        return prev[y.count]
    }

    /// The closest candidate within `maxDistance` (default: a third of the word, at least 1, at most 3).
    public static func closest(to word: String, in candidates: some Sequence<String>, maxDistance: Int? = nil) -> String? {
        let limit = maxDistance ?? min(3, max(1, word.count / 3))
        // A prefix of a candidate (`warn` for `warning`) is the likeliest intent.
        if word.count >= 3, let p = candidates.first(where: { $0 != word && $0.lowercased().hasPrefix(word.lowercased()) }) { return p }
        var best: (String, Int)? = nil
        for c in candidates where c != word {
            let d = distance(word, c)
            if d <= limit && (best == nil || d < best!.1) { best = (c, d) }
        }
        return best?.0
    }

    /// ` Did you mean `X`?` or an empty string.
    public static func phrase(_ word: String, in candidates: some Sequence<String>) -> String {
        closest(to: word, in: candidates).map { "did you mean `\($0)`?" } ?? ""
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
    var keyResultIDs: [String] { objectives.flatMap { $0.keyResults.compactMap { $0.id?.value } } }

    /// The latest check-in of each key result (by date; on the same date, the later line wins).
    static func computeLatestCheckIns(_ checkIns: [CheckIn]) -> [String: CheckIn] {
        var latest: [String: CheckIn] = [:]
        latest.reserveCapacity(checkIns.count)
        for c in checkIns {
            guard let d = c.date?.value else { continue }
            if let prev = latest[c.keyResultID.value], let pd = prev.date?.value, pd > d { continue }
            latest[c.keyResultID.value] = c
        }
        return latest
    }
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

extension RuleContext {
    /// This document's index in the workspace.
    var documentIndex: Int? { workspace.index(ofPath: path) }

    /// Whether a document is the top level of the alignment tree: its team is named in the option `top-level-teams`,
    /// or other files align to it while it aligns to no other team.
    func isTopLevel(_ di: Int) -> Bool {
        if workspace.topLevelDocuments.contains(di) { return true }
        guard let team = workspace.documents[di].team else { return false }
        return strings("top-level-teams").contains(team)
    }
}
