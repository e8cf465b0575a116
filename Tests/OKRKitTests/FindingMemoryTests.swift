import Foundation
import Testing

/// Issue 20: memory follows the findings, and a finding costs a small constant plus its message — no copy of its line
/// or of the file, and no report held whole. Measured on the built binary: its peak resident set size.
@Suite(.serialized) struct FindingMemoryTests {
    /// A file of about `bytes` bytes whose every line after a valid header is a finding (a `*` list item is a syntax
    /// error): the shape that cost 40-85 times the input.
    static func findingsOnEveryLine(_ bytes: Int) -> String {
        var out = "# T\n\n- okr: 1\n- team: t\n- period: 2026-Q4\n- owner: @a\n\n## O1: A\n- owner: @a\n"
        out.reserveCapacity(bytes + 64)
        var i = 0
        while out.utf8.count < bytes {
            out += "* a list item that is not okr \(String(i).leftPadded(9))\n"
            i += 1
        }
        return out
    }

    /// Runs the binary with standard output to /dev/null; its wait status and peak resident set size in bytes: the
    /// largest `VmHWM` (the high-water mark of its own address space, new at `exec`) read from `/proc/<pid>/status`
    /// every millisecond until it exits. Not `rusage`: a child spawned from this process (`vfork`) starts its
    /// `ru_maxrss` at this process's peak, which other tests make large.
    static func peakMemory(_ args: [String]) throws -> (status: Int32, bytes: Int) {
        let argv = [CLI.binary.path] + args
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var pid: pid_t = 0
        let cargs = argv.map { strdup($0) } + [nil]
        defer { for p in cargs { free(p) } }
        let spawned = posix_spawn(&pid, CLI.binary.path, &actions, nil, cargs, environ)
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EINVAL) }
        var peak = 0
        var status: Int32 = 0
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let fd = open("/proc/\(pid)/status", O_RDONLY)
            if fd >= 0 {
                let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                close(fd)
                if n > 0, let line = String(decoding: buffer[..<n], as: UTF8.self).split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
                   let kib = Int(line.dropFirst(6).filter(\.isNumber)) {
                    peak = max(peak, kib * 1024)
                }
            }
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid || (r < 0 && errno != EINTR) { break }
            usleep(1000)
        }
        return (status, peak)
    }

    /// Peak memory at n and 10n bytes of findings-heavy input, for `--format json` and the human format: within 12x
    /// of each other (memory is linear in the findings), and above a run of one clean file at most 10 bytes per byte
    /// of input (the findings and what is kept of the report; the report itself is not held whole).
    @Test(arguments: ["json", "human"])
    func peakMemoryFollowsTheFindings(_ format: String) throws {
        let n = 400_000
        let dir = try CLI.tempDir(["small.okr": Self.findingsOnEveryLine(n), "large.okr": Self.findingsOnEveryLine(10 * n),
                                   "clean.okr": cleanTeamFile()])
        defer { try? FileManager.default.removeItem(at: dir) }
        let flags = ["--format", format, "--today", "2026-11-25", "--no-config"]
        func path(_ name: String) -> String { dir.appendingPathComponent(name).path }
        let clean = try Self.peakMemory([path("clean.okr")] + flags)
        let small = try Self.peakMemory([path("small.okr")] + flags)
        let large = try Self.peakMemory([path("large.okr")] + flags)
        #expect(clean.status == 0 && small.status == 1 << 8 && large.status == 1 << 8, "wait statuses \(clean.status), \(small.status), \(large.status)")
        let mb = { (b: Int) in String(format: "%.1f MB", Double(b) / 1e6) }
        #expect(Double(large.bytes) / Double(small.bytes) < 12, "\(format): peak \(mb(small.bytes)) at \(mb(n)), \(mb(large.bytes)) at \(mb(10 * n))")
        let perByte = Double(large.bytes - clean.bytes) / Double(10 * n)
        #expect(perByte <= 10, "\(format): \(String(format: "%.1f", perByte)) bytes of memory per byte of input (peak \(mb(large.bytes)), a clean file \(mb(clean.bytes)))")
        guard format == "json" else { return }
        // The report, far larger than the memory it took, comes out whole and in order (its parts went through the
        // run's spill file): a syntax error on each list item, the last on the last line (the header is 9 lines).
        let items = Self.findingsOnEveryLine(10 * n).split(separator: "\n").filter { $0.hasPrefix("* ") }.count
        let r = try CLI.run([path("large.okr")] + flags)
        let report = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let found = (((report?["files"] as? [[String: Any]])?.first?["diagnostics"] as? [[String: Any]]) ?? []).filter { $0["rule"] as? String == "syntax-error" }
        #expect(found.count == items)
        let last = ((found.last?["range"] as? [String: Any])?["start"] as? [String: Any])?["line"] as? Int
        #expect(last == 9 + items)
    }
}
