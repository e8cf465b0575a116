#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The committed versions the history rules read, kept between runs in the repository's git folder
/// (`.git/okrlint/history-2`), keyed by blob id: a second run over the same history fetches only what is new.
///
/// The cache is not trusted. A CI cache restored from another branch, or a file anyone could write, can hold
/// anything under any id, so each entry holds a version's whole contents and is used only when its git blob id
/// (`BlobID`, SHA-1 of `blob <size>\0` and the bytes) is the id it is filed under; an entry that is not is dropped
/// (and the version fetched from git). It is read without following a link, only from a `.git` folder of the
/// repository itself, and a file that does not parse as a cache is ignored whole.
struct HistoryCache: Sendable {
    /// The cache file, or nil when there is no git folder to keep it in.
    let file: String?
    private let data: [UInt8]
    private let index: [String: Range<Int>]

    /// The format: contents do not depend on the okrlint that wrote them.
    static let header = Array("okrlint history cache 2\n".utf8)
    /// Larger caches are neither read nor written (they would be slower than fetching).
    static let limit = 64 << 20

    static let empty = HistoryCache(file: nil, data: [], index: [:])
    /// `<git folder>/okrlint/history-2`.
    static let folderName = "okrlint", fileName = "history-2"

    private init(file: String?, data: [UInt8], index: [String: Range<Int>]) {
        self.file = file
        self.data = data
        self.index = index
    }

    /// The cache kept in `gitDir` (a repository's own `.git` folder).
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

    /// The contents kept for blob `id`, if they are that blob's (checked: their blob id is `id`).
    func contents(_ id: String) -> [UInt8]? {
        guard let range = index[id] else { return nil }
        let bytes = Array(data[range])
        return BlobID.of(bytes) == id ? bytes : nil
    }

    var count: Int { index.count }

    /// Writes the cache again with the `new` versions added. The entries kept are the old ones too, unless the
    /// file would pass the limit; then only this run's (`used` and `new`). Written to a new file with a random name
    /// beside it and renamed over it; a failure leaves the old cache (or none) and is not an error of the run.
    func save(adding new: [(id: String, bytes: [UInt8])], used: Set<String>) {
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
}
