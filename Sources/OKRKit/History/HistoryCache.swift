#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the history rules read from committed versions, kept between runs in the repository's git folder
/// (`.git/okrlint/history-1`), keyed by blob id. A blob never changes, so an entry never goes stale; a second run
/// over the same history fetches and parses only what is new. The git folder is not part of any commit, so a pull
/// request cannot plant or change the cache; it is read without following a link, and a file that does not parse
/// as a cache is ignored whole.
///
/// An entry is a version's *skeleton*: its headings, header, `metric` and `current` facts and check-ins cut after
/// their key result's ID, without blank lines, descriptions, notes, initiatives and other facts. Parsed, it gives
/// the same period, team, objectives, key results (IDs, titles, metric and current) and check-ins (which key
/// result each names) as the whole version, which is all the history rules read (`view` says exactly what; `HistoryCacheTests` and the fuzz
/// target check it), at a fraction of the bytes.
struct HistoryCache: Sendable {
    /// The cache file, or nil when there is no git folder to keep it in.
    let file: String?
    private let data: [UInt8]
    private let index: [String: Range<Int>]

    /// The format and the okrlint that wrote it: a skeleton is what this okrlint's parser needs, so a cache from
    /// another version is not read (and is written anew).
    static let header = Array("okrlint history cache 1 \(okrlintVersion)\n".utf8)
    /// Larger caches are neither read nor written (they would be slower than fetching).
    static let limit = 64 << 20

    static let empty = HistoryCache(file: nil, data: [], index: [:])
    /// `<git folder>/okrlint/history-1`.
    static let folderName = "okrlint", fileName = "history-1"

    private init(file: String?, data: [UInt8], index: [String: Range<Int>]) {
        self.file = file
        self.data = data
        self.index = index
    }

    /// The cache of the repository whose git folder (`git rev-parse --git-common-dir`, absolute) is `gitDir`.
    static func open(gitDir: String) -> HistoryCache {
        let file = Path.join(Path.join(gitDir, folderName), fileName)
        guard case .success(let data) = FileSystem.readFile(bytes: Array(file.utf8), display: file, limit: limit, followLink: false),
              let index = parse(data) else { return HistoryCache(file: file, data: [], index: [:]) }
        return HistoryCache(file: file, data: data, index: index)
    }

    /// Records `<id> <length>\n<bytes>\n` after the header; nil if anything is out of shape.
    static func parse(_ data: [UInt8]) -> [String: Range<Int>]? {
        guard data.starts(with: header) else { return nil }
        var index: [String: Range<Int>] = [:]
        var i = header.count
        while i < data.count {
            guard let space = data[i...].prefix(80).firstIndex(of: 0x20) else { return nil }
            let id = data[i..<space]
            guard (40...64).contains(id.count), id.allSatisfy(Self.isHex) else { return nil }
            guard let nl = data[(space + 1)...].prefix(12).firstIndex(of: 0x0A) else { return nil }
            let digits = data[(space + 1)..<nl]
            guard !digits.isEmpty, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let length = Int(String(decoding: digits, as: UTF8.self)),
                  length <= data.count - nl - 2, data[nl + 1 + length] == 0x0A else { return nil }
            index[String(decoding: id, as: UTF8.self)] = (nl + 1)..<(nl + 1 + length)
            i = nl + 2 + length
        }
        return index
    }

    static func isHex(_ c: UInt8) -> Bool { (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) }

    /// The skeleton kept for blob `id`.
    func skeleton(_ id: String) -> [UInt8]? {
        index[id].map { Array(data[$0]) }
    }

    var count: Int { index.count }

    /// Writes the cache again with the `new` skeletons added. The entries kept are the old ones too, unless the
    /// file would pass the limit; then only this run's (`used` and `new`). Written to a new file with a random name
    /// beside it and renamed over it; a failure leaves the old cache (or none) and is not an error of the run.
    func save(adding new: [(id: String, skeleton: [UInt8])], used: Set<String>) {
        guard let file, !new.isEmpty else { return }
        var entries: [(String, ArraySlice<UInt8>)] = []
        var size = Self.header.count
        var seen = Set<String>()
        for (id, s) in new where seen.insert(id).inserted {
            entries.append((id, s[...]))
            size += id.utf8.count + s.count + 16
        }
        let keepAll = size + data.count <= Self.limit
        for (id, range) in index where !seen.contains(id) && (keepAll || used.contains(id)) {
            entries.append((id, data[range]))
            size += id.utf8.count + range.count + 16
        }
        guard size <= Self.limit else { return }
        var out = Self.header
        out.reserveCapacity(size)
        for (id, s) in entries {
            out.append(contentsOf: id.utf8)
            out.append(0x20)
            out.append(contentsOf: String(s.count).utf8)
            out.append(0x0A)
            out.append(contentsOf: s)
            out.append(0x0A)
        }
        // The git folder is opened as every writer opens a folder (`WritePath`: never through a symbolic link on
        // the way); `okrlint` in it is made if missing, and an existing one must be a folder, not a link to one.
        guard case .success(let git) = WritePath.openFolder(Array(Path.parent(Path.parent(file)).utf8)) else { return }
        defer { close(git) }
        if mkdirat(git, Self.folderName, 0o755) != 0 && errno != EEXIST { return }
        let dir = openat(git, Self.folderName, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard dir >= 0 else { return }
        defer { close(dir) }
        let name = Array(Self.fileName.utf8)
        guard case .success(let (fd, temp)) = WritePath.createTemporary(in: dir, for: name, mode: 0o644, suffix: OutputFile.randomSuffix) else { return }
        let written = out.withUnsafeBytes { FileSystem.writeAll(fd, $0) }
        close(fd)
        if !written || !WritePath.renameAt(temp, to: name, in: dir) { WritePath.removeAt(temp, in: dir) }
    }

    /// The lines of `document` the history rules read (see the type's comment): headings, comments, lines in
    /// error, the header's facts, the `metric` and `current` facts, and each check-in up to its key result's ID
    /// (`- 2026-10-10 KR1.2:`, which is still a check-in of KR1.2; its value and note are not read).
    static func skeleton(of document: Document) -> [UInt8] {
        let bytes = document.source.bytes
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count / 3)
        var inHeader = true
        var nextCheckIn = 0
        let checkIns = document.checkIns
        // Below the header, the facts kept are the `metric` and `current` the tree gave a key result: a fact line
        // the tree attached elsewhere or nowhere (after an initiative, under a stray heading) is left out, so it
        // cannot attach to a key result once the lines around it are gone.
        var kept: [Int] = []
        for o in document.objectives {
            for k in o.keyResults {
                for p in k.properties where p.key.value == "metric" || p.key.value == "current" { kept.append(p.range.start) }
            }
        }
        kept.sort()
        var nextKept = 0
        // A comment line is kept when the line before it (blank lines aside) was: a comment opened on a kept line
        // stays whole, and one opened on a dropped line goes with it (its inner lines would otherwise read as
        // facts). Lines in error go: what they are depends on lines that may be gone.
        var previousKept = true
        for line in document.lines {
            var keep = true
            var cut: Int? = nil
            switch line.kind {
            case .blank: continue
            case .text, .task, .subItem, .invalid: keep = false
            case .comment: keep = previousKept
            case .objective, .keyResult, .section:
                inHeader = false
            case .fact where !inHeader:
                while nextKept < kept.count, kept[nextKept] < line.start { nextKept += 1 }
                keep = nextKept < kept.count && kept[nextKept] < line.next
            case .checkIn:
                while nextCheckIn < checkIns.count, checkIns[nextCheckIn].range.start < line.start { nextCheckIn += 1 }
                if nextCheckIn < checkIns.count, checkIns[nextCheckIn].range.start < line.next {
                    let id = checkIns[nextCheckIn].keyResultID.range
                    if id.end < line.end, bytes[id.end] == UInt8(ascii: ":"), id.start >= line.start, !line.hasComment(bytes) { cut = id.end }
                }
            default: break
            }
            // An indented line is read against the one before it (an item nested under another): if that one is
            // gone, the skeleton could read otherwise, so the version is kept whole.
            if keep && line.contentStart > line.start && !previousKept { return bytes }
            previousKept = keep
            guard keep else { continue }
            if let cut {
                out.append(contentsOf: bytes[line.start...cut])
                out.append(0x0A)
            } else {
                out.append(contentsOf: bytes[line.start..<line.next])
            }
        }
        return out
    }

    /// Everything the history rules read from a committed version, as one text: the header's period, team and
    /// fiscal year start; each objective's ID with its key results' IDs, titles, repeated-ID marks and `metric` and
    /// `current` values; the check-ins' key result IDs. A skeleton must give the same view as its version.
    static func view(of d: Document) -> String {
        var out = "period \(d.text(d.header.period) ?? "-")\nteam \(d.text(d.header.team) ?? "-")\n"
        out += "fiscal \(d.header.fiscalYearStart.map { String($0.value) } ?? "-")\n"
        for o in d.objectives {
            out += "O \(d.text(o.id) ?? "-")\n"
            for k in o.keyResults {
                out += "K \(d.text(k.id) ?? "-") | \(d.text(k.title)) | \(k.repeatsIDOf == nil ? "" : "repeat")"
                out += " | \(k.property("metric").map { d.text($0.value) } ?? "-") | \(k.property("current").map { d.text($0.value) } ?? "-")\n"
            }
        }
        for c in d.checkIns { out += "C \(d.text(c.keyResultID))\n" }
        return out
    }
}

extension Line {
    /// The line holds the start or the end of a comment: cutting it short could open or leave one open.
    func hasComment(_ bytes: [UInt8]) -> Bool {
        var i = start
        while i + 2 < next {
            if (bytes[i] == 0x3C && bytes[i + 1] == 0x21 && bytes[i + 2] == 0x2D) || (bytes[i] == 0x2D && bytes[i + 1] == 0x2D && bytes[i + 2] == 0x3E) { return true }
            i += 1
        }
        return false
    }
}
