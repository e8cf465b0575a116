import Dispatch
import Foundation
import Testing
@testable import OKRKit

/// `git cat-file --batch` through `BlobReader` with the request socket as small as the system allows. On macOS a
/// local socket holds 8 KiB, on Linux about 200 KiB: a batch of 256 requests (10 KiB) fits one and not the other.
/// When a request does not fit, git must still be able to write its answers (more than a pipe holds), or both sides
/// wait on each other for ever.
@Suite struct BlobReaderTests {
    /// `count` distinct blobs of about `size` bytes written into `repo`'s object store: their ids and contents.
    func blobs(in repo: TestRepo, count: Int, size: Int) throws -> [(id: String, bytes: [UInt8])] {
        let folder = repo.dir.appendingPathComponent("blobs")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var paths: [String] = []
        var contents: [[UInt8]] = []
        for i in 0..<count {
            let line = "blob \(i) of \(count)\n"
            let bytes = Array(String(repeating: line, count: max(1, size / line.utf8.count)).utf8)
            let url = folder.appendingPathComponent("b\(i)")
            try Data(bytes).write(to: url)
            paths.append(url.path)
            contents.append(bytes)
        }
        let ids = try repo.git(["hash-object", "-w", "--no-filters"] + paths).split(separator: "\n").map(String.init)
        #expect(ids.count == count)
        return Array(zip(ids, contents)).map { (id: $0.0, bytes: $0.1) }
    }

    /// Runs `body` on another thread; false when it has not finished in `seconds` (a deadlock).
    func finishes(within seconds: Int, _ body: @escaping @Sendable () -> Void) -> Bool {
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async { body(); done.signal() }
        return done.wait(timeout: .now() + .seconds(seconds)) == .success
    }

    @Test(.enabled(if: gitInstalled), arguments: [Int32(1024), nil])
    func aBatchLargerThanTheSocketDoesNotDeadlock(sendBuffer: Int32?) throws {
        let repo = try TestRepo()
        // 600 blobs of 2 KiB: three batches of requests, each answered with far more than a pipe holds (64 KiB).
        let expected = try blobs(in: repo, count: 600, size: 2048)
        guard case .found(let git) = Git.repository(containing: repo.dir.path) else {
            Issue.record("no repository at \(repo.dir.path)"); return
        }
        let reader = BlobReader(git: git, sendBuffer: sendBuffer)
        let sizer = BlobReader(git: git, sizesOnly: true, sendBuffer: sendBuffer)
        let ids = expected.map(\.id)
        let got = Locked<([[UInt8]]?, [Int]?)>((nil, nil))
        let finished = finishes(within: 60) {
            let contents = reader.contents(ids)
            let sizes = sizer.sizes(ids)
            got.withLock { $0 = (contents, sizes) }
        }
        #expect(finished, "cat-file and okrlint waited on each other (send buffer \(sendBuffer.map(String.init) ?? "default"))")
        guard finished else { return }
        let (contents, sizes) = got.withLock { $0 }
        #expect(contents?.count == expected.count)
        #expect(contents == expected.map(\.bytes), "the contents came back changed or out of order")
        #expect(sizes == expected.map(\.bytes.count))
        reader.close()
        sizer.close()
        // A closed reader answers nothing (and does not start git again).
        #expect(reader.contents([ids[0]]) == nil)
    }
}
