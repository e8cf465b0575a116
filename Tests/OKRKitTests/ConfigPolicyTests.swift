import Foundation
import Testing
@testable import OKRKit

/// Where configs may come from (issue 10, items 3 and 7) and how the config JSON parser treats edge cases.
@Suite(.serialized) struct ConfigPolicyTests {
    /// A repository `repo/` (with `.git`) in a fresh folder that also holds files outside it.
    func layout(_ files: [String: String]) throws -> URL {
        try CLI.tempDir(["repo/.git/HEAD": "ref: refs/heads/main\n"].merging(files) { $1 })
    }

    func path(_ dir: URL, _ rel: String) -> String { dir.appendingPathComponent(rel).path }

    func loadError(_ file: String) -> ConfigError? {
        do {
            _ = try ConfigLoader().load(file)
            return nil
        } catch {
            return error
        }
    }

    @Test func extendsOutsideTheRootIsRefusedBeforeItIsLookedAt() throws {
        let dir = try layout([
            "secret.json": #"{"rules": {}}"#,
            "repo/exists.json": #"{"extends": "../secret.json"}"#,
            "repo/missing.json": #"{"extends": "../no-such.json"}"#,
            "repo/deep/up.json": #"{"extends": "../../secret.json"}"#,
        ])
        let exists = try #require(loadError(path(dir, "repo/exists.json")))
        let missing = try #require(loadError(path(dir, "repo/missing.json")))
        #expect(exists.message.contains("is outside the workspace root"), "\(exists)")
        // The same words whether the file out there exists or not: the error tells nothing about it.
        #expect(exists.message.replacingOccurrences(of: "secret", with: "X") == missing.message.replacingOccurrences(of: "no-such", with: "X"))
        #expect(exists.line == 1 && exists.column == 13, "points at the `extends` entry: \(exists)")
        #expect(loadError(path(dir, "repo/deep/up.json"))?.message.contains("outside the workspace root") == true)
    }

    @Test func absoluteExtendsPathsResolveAsAbsolute() throws {
        let dir = try layout(["repo/base.json": #"{"rules": {"too-many-objectives": {"max": 2}}}"#])
        let base = path(dir, "repo/base.json")
        try Data(#"{"extends": "\#(base)"}"#.utf8).write(to: dir.appendingPathComponent("repo/sub/.okrlint.json").creatingParent())
        let c = try ConfigLoader().load(path(dir, "repo/sub/.okrlint.json"))
        #expect(c.settings["too-many-objectives"]?.options["max"] == .int(2))
        try Data(#"{"extends": "/etc/passwd"}"#.utf8).write(to: dir.appendingPathComponent("repo/abs.json"))
        let e = try #require(loadError(path(dir, "repo/abs.json")))
        #expect(e.message.contains("is outside the workspace root"), "\(e)")
    }

    @Test func symbolicLinksOutOfTheRootAreNotFollowed() throws {
        let dir = try layout([
            "outside/base.json": #"{"rules": {"missing-owner": "off"}}"#,
            "outside/.okrlint.json": #"{"rules": {"missing-owner": "off"}}"#,
            "repo/.okrlint.json": #"{"rules": {"objective-too-long": "off"}}"#,
            "repo/via-file.json": #"{"extends": "./link.json"}"#,
            "repo/via-folder.json": #"{"extends": "./linked/base.json"}"#,
            "repo/inside/real.json": #"{"rules": {"sandbagging": "off"}}"#,
            "repo/via-inner-link.json": #"{"extends": "./inner.json"}"#,
        ])
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: path(dir, "repo/link.json"), withDestinationPath: "../outside/base.json")
        try fm.createSymbolicLink(atPath: path(dir, "repo/linked"), withDestinationPath: path(dir, "outside"))
        try fm.createSymbolicLink(atPath: path(dir, "repo/inner.json"), withDestinationPath: "inside/real.json")
        for name in ["via-file.json", "via-folder.json"] {
            let e = try #require(loadError(path(dir, "repo/\(name)")), "\(name) loaded")
            #expect(e.message.contains("leads out of the workspace root"), "\(name): \(e)")
        }
        // A link that stays inside is followed.
        #expect(try ConfigLoader().load(path(dir, "repo/via-inner-link.json")).settings["sandbagging"]?.severity == nil)
        // The nearest-config search does not load a config under a folder linked out of the root...
        let resolver = try ConfigResolver()
        let c = try resolver.config(forFolder: path(dir, "repo/linked"))
        #expect(c.path == path(dir, "repo/.okrlint.json"), "got \(c.path ?? "defaults")")
        // ...and a `.okrlint.json` that is itself such a link is an error, not a silent load.
        try fm.createDirectory(atPath: path(dir, "repo/team"), withIntermediateDirectories: true)
        try fm.createSymbolicLink(atPath: path(dir, "repo/team/.okrlint.json"), withDestinationPath: "../../outside/.okrlint.json")
        #expect(throws: ConfigError.self) { try ConfigResolver().config(forFolder: path(dir, "repo/team")) }
    }

    @Test func gitFoldersAndFilesThatAreNotJSONAreNeverQuoted() throws {
        let dir = try layout([
            "repo/.git/config": "[core]\n\trepositoryformatversion = 0\n[http]\n\textraheader = AUTHORIZATION: basic c2VjcmV0\n",
            "repo/git.json": #"{"extends": "./.git/config"}"#,
            "repo/keys.json": "root:x:0:0:root:/root:/bin/bash\n",
            "repo/uses-keys.json": #"{"extends": "./keys.json"}"#,
            "repo/bad.json": "{\"rules\": x}",
        ])
        let git = try #require(loadError(path(dir, "repo/git.json")))
        #expect(git.message.contains("inside `.git`"), "\(git)")
        let keys = try #require(loadError(path(dir, "repo/uses-keys.json")))
        #expect(keys.message == "not a JSON config: a config file is a JSON object `{ ... }`")
        #expect(keys.line == 1 && keys.column == 1)
        #expect(!keys.description.contains("root:") && !keys.description.contains("`r`"))
        // A file that starts as JSON keeps its precise message.
        #expect(loadError(path(dir, "repo/bad.json"))?.message.hasPrefix("invalid JSON: expected a value") == true)
    }

    @Test func configsAboveTheRootAreNotLoaded() throws {
        // Without a repository, the working directory bounds the search: the config above it is not read.
        let dir = try CLI.tempDir([
            ".okrlint.json": #"{"rules": {"missing-owner": "off"}}"#,
            "work/a.okr": "# A\n\n- okr: 1\n- team: a\n- period: 2026-Q4\n\n## O1: Ship it\n",
        ])
        let r = try CLI.run(["a.okr", "--today", "2026-11-25"], in: dir.appendingPathComponent("work"))
        #expect(r.stdout.contains("missing-owner"), "the config above the working directory applied: \(r.stdout)")
        #expect(WorkspaceRoot.of(folder: path(dir, "work/sub"), workingDirectory: path(dir, "work")) == path(dir, "work"))
        // Outside the working directory too, a named folder bounds its subfolders' search.
        #expect(WorkspaceRoot.of(folder: path(dir, "work/sub"), anchors: [path(dir, "work")], workingDirectory: "/nowhere") == path(dir, "work"))
        #expect(WorkspaceRoot.of(folder: path(dir, "work/sub"), workingDirectory: "/nowhere") == path(dir, "work/sub"))
    }

    @Test func aGitFolderBehindALinkOutOfTheRepositoryIsNotARoot() throws {
        let dir = try layout([
            "elsewhere/.git/HEAD": "ref: x\n",
            "elsewhere/.okrlint.json": #"{"rules": {"missing-owner": "off"}}"#,
            "repo/.okrlint.json": "{}",
        ])
        try FileManager.default.createSymbolicLink(atPath: path(dir, "repo/evil"), withDestinationPath: path(dir, "elsewhere"))
        #expect(WorkspaceRoot.repositoryRoot(of: path(dir, "repo/evil")) == path(dir, "repo"))
        let c = try ConfigResolver().config(forFolder: path(dir, "repo/evil"))
        #expect(c.path == path(dir, "repo/.okrlint.json"))
    }

    @Test func extendsChainsDeeperThanTheLimitNameTheFile() throws {
        var files: [String: String] = [:]
        for k in 0..<40 { files["repo/c\(k).json"] = #"{"extends": "./c\#(k + 1).json"}"# }
        files["repo/c40.json"] = "{}"
        let dir = try layout(files)
        let e = try #require(loadError(path(dir, "repo/c0.json")))
        #expect(e.message.contains("deeper than \(ConfigLoader.maxExtendsDepth)"), "\(e)")
        #expect(e.path.hasSuffix("c\(ConfigLoader.maxExtendsDepth - 1).json"), "\(e)")
        // A chain within the limit loads.
        #expect(loadError(path(dir, "repo/c20.json")) == nil)
    }

    @Test func aDiamondOfExtendsLoadsEachFileOnce() throws {
        // Level k extends both files of level k + 1: 2^24 loads without memoisation.
        var files: [String: String] = [:]
        for k in 0..<24 {
            for side in ["l", "r"] { files["repo/\(side)\(k).json"] = #"{"extends": ["./l\#(k + 1).json", "./r\#(k + 1).json"]}"# }
        }
        files["repo/l24.json"] = #"{"rules": {"missing-owner": "error"}}"#
        files["repo/r24.json"] = #"{"rules": {"sandbagging": "off"}}"#
        let dir = try layout(files)
        let c = try ConfigLoader().load(path(dir, "repo/l0.json"))
        #expect(c.settings["missing-owner"]?.severity == .error)
        #expect(c.settings["sandbagging"] != nil && c.settings["sandbagging"]?.severity == nil)
    }

    @Test(arguments: ["03", "-03", "[00]", "1e400", "-1e400", "9007199254740993", "[99999999999999999999]", "-9007199254740993"])
    func jsonNumbersThatCannotBeKeptAreRejected(_ text: String) {
        #expect(throws: JSONError.self, "\(text)") { try JSONParser.parse(Array(text.utf8)) }
    }

    @Test(arguments: [("0", 0.0), ("-0", 0.0), ("0.5", 0.5), ("9007199254740992", 9007199254740992.0), ("-9007199254740992", -9007199254740992.0), ("1e-400", 0.0), ("10e2", 1000.0)])
    func jsonNumbersThatAreFine(_ text: String, _ value: Double) throws {
        guard case .number(let v, _) = try JSONParser.parse(Array(text.utf8)).value else { Issue.record("not a number"); return }
        #expect(v == value)
    }

    @Test(arguments: [(#""\ud800x""#, "\u{FFFD}x"), (#""\ud800\u0041""#, "\u{FFFD}A"), (#""\udc00z""#, "\u{FFFD}z"),
                      (#""\ud83d\ude00""#, "😀"), (#""a\ud800""#, "a\u{FFFD}"), (#""\ud800\ud800\udc00""#, "\u{FFFD}𐀀")])
    func loneSurrogatesBecomeReplacementCharactersAndKeepWhatFollows(_ text: String, _ expected: String) throws {
        guard case .string(let s) = try JSONParser.parse(Array(text.utf8)).value else { Issue.record("not a string"); return }
        #expect(s == expected)
    }

    @Test func integerOptionsSayWhatTheyGot() throws {
        let dir = try layout(["repo/big.json": #"{"rules": {"too-many-objectives": {"max": 18446744073709551616}}}"#,
                              "repo/float.json": #"{"rules": {"too-many-objectives": {"max": 1e2}}}"#])
        let big = try #require(loadError(path(dir, "repo/big.json")))
        #expect(big.message.contains("integer too large"), "\(big)")
        let float = try #require(loadError(path(dir, "repo/float.json")))
        #expect(float.message == "option `max` of `too-many-objectives` is integer, not number")
    }
}

extension URL {
    /// This URL, after creating its parent folder.
    func creatingParent() throws -> URL {
        try FileManager.default.createDirectory(at: deletingLastPathComponent(), withIntermediateDirectories: true)
        return self
    }
}
