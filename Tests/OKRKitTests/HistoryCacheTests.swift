import Foundation
import Testing
@testable import OKRKit

/// Issue 15: the history cache. A version's skeleton must read, for the history rules, exactly as the version; the
/// cache file is kept in the git folder, reused, and never trusted beyond its shape.
@Suite(.serialized) struct HistoryCacheTests {
    /// Over every input the other property tests use (Grammar examples, samples, corpus, fuzz regressions, the local
    /// fuzz corpus and generated files): the skeleton's view is the version's.
    @Test(arguments: LineLayerTests.inputs)
    func aSkeletonReadsAsItsVersion(_ input: LineLayerTests.Input) {
        let doc = Parser.parse(path: "x.okr", bytes: input.bytes)
        let skeleton = HistoryCache.skeleton(of: doc)
        #expect(skeleton.count <= input.bytes.count)
        let again = Parser.parse(path: "x.okr", bytes: skeleton)
        #expect(HistoryCache.view(of: again) == HistoryCache.view(of: doc))
        #expect(again.period(.calendarYear) == doc.period(.calendarYear))
        #expect(again.period(FiscalCalendar(startMonth: 2)) == doc.period(FiscalCalendar(startMonth: 2)))
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

    func cacheFile(_ repo: TestRepo) -> URL { repo.dir.appendingPathComponent(".git/okrlint/history-1") }

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
        #expect(cached.starts(with: HistoryCache.header) && !String(decoding: cached, as: UTF8.self).contains("An initiative"))
        let second = try CLI.run(["--format", "gcc", "."], in: repo.dir)
        #expect(goalposts(first).count == 2 && first.stdout == none.stdout && second.stdout == first.stdout, "\(first.stdout)")
        // The cache is what the second run read: a cache whose skeleton says another target changes the answer
        // (so a cache a stranger could write would matter; the git folder is out of a pull request's reach).
        let text = String(decoding: cached, as: UTF8.self)
        try Data(text.replacingOccurrences(of: "3 -> 1 s", with: "3 -> 4 s").utf8).write(to: cacheFile(repo))
        #expect(goalposts(try CLI.run(["--format", "gcc", "."], in: repo.dir)).count == 1)
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
