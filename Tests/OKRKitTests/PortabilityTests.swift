import Foundation
import Testing

/// okrlint builds on Linux and on macOS 13 or later (issue 22). No machine here runs macOS, so what can be checked
/// on Linux is checked on the sources: every import of the C library has its Darwin twin, and nothing newer than the
/// oldest platform `Package.swift` declares is used (the compiler checks Apple availability only when it targets an
/// Apple platform).
@Suite struct PortabilityTests {
    /// The sources without their comment lines, by file name.
    func sources() throws -> [(name: String, code: String)] {
        let folder = CLI.root.appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(atPath: folder.path)!.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
        return try files.map { f in
            let text = try String(contentsOf: folder.appendingPathComponent(f), encoding: .utf8)
            return (f, text.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }.joined(separator: "\n"))
        }
    }

    @Test func sourcesImportTheCLibraryPortably() throws {
        for (f, text) in try sources() {
            #expect(!text.contains("Glibc."), "\(f) calls a Glibc-qualified name")
            if text.contains("import Glibc") {
                #expect(text.contains("#if canImport(Glibc)\nimport Glibc\n#elseif canImport(Darwin)\nimport Darwin\n#endif"), "\(f) imports Glibc without Darwin")
            }
        }
    }

    /// The standard library's additions of macOS 14, 15 and 26 that a linter could reach for (each marked so in the
    /// Swift 6 module interface), and a noncopyable generic argument (its metadata needs the Swift 6 runtime).
    @Test func sourcesNeedNothingNewerThanMacOS13() throws {
        let manifest = try String(contentsOf: CLI.root.appendingPathComponent("Package.swift"), encoding: .utf8)
        #expect(manifest.contains("platforms: [.macOS(.v13)]"), "Package.swift must declare macOS 13")
        let newer = ["import Synchronization", "Mutex<", "Mutex(", "Atomic<", "validating:", "UInt128", "Int128", "RangeSet",
                     "DiscontiguousSlice", "InlineArray", "UTF8Span", "RawSpan", "MutableSpan", "indices(where:",
                     "indices(of:", "removeSubranges", "withDiscardingTaskGroup", "Task.immediate", ": ~Copyable>"]
        let files = try sources()
        #expect(files.count > 50)
        for (f, code) in files {
            for name in newer { #expect(!code.contains(name), "\(f) uses \(name), which needs macOS 14 or later") }
        }
    }

    /// The glibc-only calls have their Darwin branch: the spawn structures are pointers there, sockets have no
    /// `SOCK_CLOEXEC` and `send` no `MSG_NOSIGNAL`.
    @Test func linuxOnlyCallsHaveADarwinBranch() throws {
        let byName = Dictionary(try sources().map { ($0.name, $0.code) }, uniquingKeysWith: { a, _ in a })
        let git = try #require(byName["OKRKit/History/Git.swift"])
        #expect(git.contains("POSIX_SPAWN_CLOEXEC_DEFAULT") && git.contains("var actions: posix_spawn_file_actions_t? = nil"))
        #expect(git.contains("SO_NOSIGPIPE"))
        for (f, code) in byName {
            for linuxOnly in ["SOCK_CLOEXEC", "MSG_NOSIGNAL", "pipe2(", "O_PATH", "O_TMPFILE", "/proc/self/fd/"] where code.contains(linuxOnly) {
                let guarded = code.contains("#if canImport(Glibc)") || code.contains("#if os(Linux)") || linuxOnly == "/proc/self/fd/"
                #expect(guarded, "\(f) uses \(linuxOnly) outside a Linux branch")
            }
        }
    }
}
