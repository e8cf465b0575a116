/// Parses `.okr` bytes into a `Document`. Never throws and never stops early: every line it cannot
/// read becomes a `syntax-error` diagnostic and the next line is parsed as usual. One pass, linear time.
///
/// Two phases per line: the `LineScanner` reads the line's bytes in the state the earlier lines left (`ScanState`)
/// into a `LineResult`, and the `TreeBuilder` folds results into the tree and records every line's `Line`.
/// `ParseSession` keeps the results to re-parse an edited document from the edited line on.
public enum Parser {
    public static func parse(path: String, bytes: [UInt8]) -> Document {
        parse(SourceFile(path: path, bytes: bytes))
    }

    public static func parse(path: String, text: String) -> Document {
        parse(SourceFile(path: path, bytes: Array(text.utf8)))
    }

    public static func parse(_ source: SourceFile) -> Document {
        // The scanner feeds the tree builder directly: no line's result is held.
        var scanner = LineScanner(bytes: source.bytes, path: source.path, sink: TreeBuilder(source: source))
        for li in 0..<source.lineCount {
            let r = source.contentRange(ofLine: li)
            scanner.scan(r.lowerBound, r.upperBound)
        }
        scanner.sink.finish()
        return scanner.sink.doc
    }

    /// Keys each block understands. Others are kept and left to the `unknown-key` rule.
    public static let headerKeys = ["okr", "team", "period", "owner", "fiscal-year-start"]
    public static let objectiveKeys = ["owner", "aligns", "type", "due", "score"]
    public static let keyResultKeys = ["metric", "current", "confidence", "owner", "due", "weight", "score", "carried-from"]
    /// Format versions this parser reads.
    public static let supportedVersions = ["1"]
}
