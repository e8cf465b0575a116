import Foundation
import Testing
@testable import OKRKit

/// Issues 15 and 20: the history cache. The cache file is kept in the git folder, reused, never trusted beyond its
/// shape, and an entry is used only when its contents are the blob its id names.
@Suite(.serialized) struct HistoryCacheTests {
    /// An entry whose contents are not the blob its id names is not used (a cache restored from another branch, or
    /// written by anyone, cannot say what a commit held); one whose contents are is.
    @Test func anEntryIsUsedOnlyWhenItsContentsAreItsBlob() throws {
        let real = Array("# T\n- team: t\n".utf8)
        let id = BlobID.of(real)
        let forged = Array("# T\n- team: other\n".utf8)
        let dir = try CLI.tempDir([:])
        let file = dir.appendingPathComponent("okrlint/history-2")
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        func write(_ bytes: [UInt8]) throws {
            try Data(HistoryCache.header + Array("\(id) \(bytes.count)\n".utf8) + bytes + [0x0A]).write(to: file)
        }
        try write(forged)
        #expect(HistoryCache.open(gitDir: dir.path).contents(id) == nil)
        try write(real)
        #expect(HistoryCache.open(gitDir: dir.path).contents(id) == real)
    }

    @Test func theCacheFileIsReadOnlyWhenWhole() {
        let id = String(repeating: "a", count: 40)
        let good = HistoryCache.header + Array("\(id) 3\nabc\n".utf8)
        #expect(HistoryCache.parse(good)?[id] == (HistoryCache.header.count + 43)..<(HistoryCache.header.count + 46))
        for bad in [Array("nonsense".utf8), good.dropLast(1) + [0x41], HistoryCache.header + Array("\(id) 9\nabc\n".utf8),
                    HistoryCache.header + Array("XYZ 3\nabc\n".utf8), HistoryCache.header + Array("\(id) -3\nabc\n".utf8),
                    HistoryCache.header + Array("\(id) 99999999999999999999\nabc\n".utf8)] {
            #expect(HistoryCache.parse(Array(bad)) == nil)
        }
    }

    func goalposts(_ r: CLI.Output) -> [String] { HistoryTests().goalposts(r) }

    func cacheFile(_ repo: TestRepo) -> URL { repo.dir.appendingPathComponent(".git/okrlint/history-2") }

    /// A second run reads from the cache and says the same; `--no-cache` neither reads nor writes it; a damaged cache
    /// is ignored and written again; a link planted where the cache folder goes is not written through.
    @Test func aSecondRunReadsTheCacheAndSaysTheSame() throws {
        try #require(gitInstalled)
        let repo = try TestRepo()
        try repo.commit(["web.okr": goalFile("3 -> 1 s", "100 -> 200 users") + "\nSome description.\n\n- [ ] An initiative\n"], on: "2026-09-28")
        try repo.commit(["web.okr": goalFile("3 -> 2 s", "100 -> 200 users") + "\nSome description.\n\n- [ ] An initiative\n"], on: "2026-10-20")
        try repo.write("web.okr", goalFile("3 -> 2.5 s", "100 -> 200 users"))
        let none = try CLI.run(["--format", "gcc", "--no-cache", "."], in: repo.dir)
        #expect(!FileManager.default.fileExists(atPath: cacheFile(repo).path))
        let first = try CLI.run(["--format", "gcc", "."], in: repo.dir)
        let cached = try Data(contentsOf: cacheFile(repo))
        #expect(cached.starts(with: HistoryCache.header) && String(decoding: cached, as: UTF8.self).contains("3 -> 1 s"))
        let second = try CLI.run(["--format", "gcc", "."], in: repo.dir)
        #expect(goalposts(first).count == 2 && first.stdout == none.stdout && second.stdout == first.stdout, "\(first.stdout)")
        // A cache that says another target under the same blob id (as one restored from another branch could) is
        // not believed: the answer stays the one git gives.
        let text = String(decoding: cached, as: UTF8.self)
        try Data(text.replacingOccurrences(of: "3 -> 1 s", with: "3 -> 4 s").utf8).write(to: cacheFile(repo))
        #expect(goalposts(try CLI.run(["--format", "gcc", "."], in: repo.dir)).count == 2)
        // Damaged: ignored, then written whole again.
        try Data(HistoryCache.header + Array("broken".utf8)).write(to: cacheFile(repo))
        let damaged = try CLI.run(["--format", "gcc", "."], in: repo.dir)
        #expect(damaged.stdout == first.stdout)
        #expect(HistoryCache.parse(Array(try Data(contentsOf: cacheFile(repo)))) != nil)
        // A link where the cache folder goes: nothing is written through it.
        try FileManager.default.removeItem(at: cacheFile(repo).deletingLastPathComponent())
        let elsewhere = try CLI.tempDir([:])
        try FileManager.default.createSymbolicLink(at: cacheFile(repo).deletingLastPathComponent(), withDestinationURL: elsewhere)
        let linked = try CLI.run(["--format", "gcc", "."], in: repo.dir)
        #expect(linked.stdout == first.stdout)
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path).isEmpty)
    }
}
