import OKRKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `okrlint report`: where the OKRs stand (`ReportModel`), as text, Markdown, HTML or JSON, on standard output or
/// `-o FILE`. Every file of the workspace is reported; the exit code is 0 (a report is not a check), 2 on errors.
enum ReportCommand {
    static let formats = ["text", "markdown", "html", "json"]

    static func run(_ options: Options) -> Never {
        let (paths, _, resolver, discovery) = Check.setUp(options)
        var runOptions = Check.makeRunOptions(options, paths: paths, stdin: nil, resolver: resolver, discovery: discovery)
        runOptions.reportAll = true
        let outcome = Check.lint(runOptions)
        Check.afterRun(outcome, options, paths: paths)
        let model = ReportModel(outcome: outcome, linterFor: runOptions.linterFor)
        let text: String
        switch options.format {
        case "markdown": text = ReportMarkdown().render(model)
        case "html": text = ReportHTML().render(model)
        case "json": text = ReportJSON().render(model)
        default:
            let noColor = FileSystem.environment("NO_COLOR").map { !$0.isEmpty } ?? false
            let color = options.color == .always || (options.color == .auto && options.output == nil && FileSystem.isTerminal(1) && !noColor)
            text = ReportText(color: color).render(model)
        }
        Check.writeOut(text, options, inputs: outcome.fileIDs)
        if let out = options.output, !options.quiet { FileSystem.write("okrlint: wrote the report to \(SafeText.escape(out))\n", to: 2) }
        for e in outcome.errors { Check.printError(e) }
        exit(outcome.errors.isEmpty ? 0 : 2)
    }
}
