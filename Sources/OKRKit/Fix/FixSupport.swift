extension SourceFile {
    /// The bytes of `range` as a string when they are valid UTF-8 (a fix that copies them keeps them exactly), else nil.
    public func utf8Text(_ range: SourceRange) -> String? {
        let lo = min(max(0, range.start), bytes.count)
        let hi = min(max(lo, range.end), bytes.count)
        // Decoding repairs invalid UTF-8 with U+FFFD, so the bytes come back unchanged exactly when they were valid
        // (`String(validating:as:)` says the same, but only from macOS 15).
        let slice = bytes[lo..<hi]
        let text = String(decoding: slice, as: UTF8.self)
        return text.utf8.elementsEqual(slice) ? text : nil
    }

    /// The line ending of line `index` (0-based), or of the first line that has one, or LF: what a fix that adds a
    /// line ends it with.
    func lineEnding(near index: Int) -> String {
        func ending(_ li: Int) -> String? {
            let end = contentRange(ofLine: li).upperBound
            let next = li + 1 < lineStarts.count ? lineStarts[li + 1] : bytes.count
            guard next > end else { return nil }
            return next - end == 2 ? "\r\n" : (bytes[end] == 0x0D ? "\r" : "\n")
        }
        if index >= 0 && index < lineCount, let e = ending(index) { return e }
        return lineCount > 1 ? (ending(0) ?? "\n") : "\n"
    }
}
