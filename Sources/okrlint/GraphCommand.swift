import OKRKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `okrlint graph`: the workspace's alignment as Mermaid or DOT (`AlignmentGraph`), on standard output or `-o FILE`.
/// The files are linted as `okrlint` would (same configs and date) so the graph marks what the run reports.
enum GraphCommand {
    static func run(_ options: Options) -> Never {
        let (paths, _, resolver, discovery) = Check.setUp(options)
        var runOptions = Check.makeRunOptions(options, paths: paths, stdin: nil, resolver: resolver, discovery: discovery)
        runOptions.reportAll = true
        let outcome = Check.lint(runOptions)
        Check.afterRun(outcome, options, paths: paths)
        var findings: [String: [Diagnostic]] = [:]
        for f in outcome.result.files { findings[f.path] = f.diagnostics }
        let graph = AlignmentGraph(workspace: outcome.workspace, findings: findings, keyResults: options.keyResults)
        let text = graph.render(AlignmentGraph.Format(rawValue: options.format) ?? .mermaid)
        Check.writeOut(text, options, inputs: outcome.fileIDs)
        for e in outcome.errors { Check.printError(e) }
        exit(outcome.errors.isEmpty ? 0 : 2)
    }
}
