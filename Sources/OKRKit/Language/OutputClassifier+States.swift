/// Titles that report work as done or as a thing that will exist: delivered states.
extension OutputClassifier {
    /// A title that reports work as done, for a milestone or a key result without a metric: "Billing migration
    /// completed", "Gateway usage policy is published", "VP Talent hired and started in Q1", "V2 updates are
    /// rolling out". The participle must be the predicate: after a form of "be" or "have", or ending the title
    /// (before "and" another one, or a date such as "in Q1" up to the end or a comma). A share ("75% of teammates are onboarded ...") or a
    /// limit ("within 5 days", "<1 week") makes the title a measure, not a delivery.
    static func deliveredState(_ w: TitleWords, limit: Bool, _ lex: Lexicon) -> Finding? {
        if limit { return nil }
        for k in 0..<w.count {
            let t = w[k]
            if t == "within" || t == "percent" || (w.isNumber(k) && t.hasSuffix("%") && w[k + 1] == "of") { return nil }
            // A duration ("is 45 days", "below 24h") makes it a measure.
            if w.isNumber(k) && (TaskLexicon.timeUnits.contains(TitleWords.suffix(of: t)) || TaskLexicon.timeUnits.contains(w[k + 1])) {
                return nil
            }
        }
        var k = 1
        while k < w.count {
            defer { k += 1 }
            // Only participles, -ing forms and done states go on.
            guard w.isWord(k) else { continue }
            let t = w[k]
            let done = TaskLexicon.doneStates.contains(t)
            let past = !done && lex.activityBase(t, .participle) != nil
            let ing = !done && !past && TaskLexicon.endsInIng(t) && lex.activityBase(t, .gerund) != nil
            guard done || past || ing else { continue }
            var prev = k - 1
            if prev > 0 && isAdverb(w[prev], lex) { prev -= 1 }
            let afterBe = TaskLexicon.beForms.contains(w[prev]) || TaskLexicon.perfect.contains(w[prev])
            // "Plans are in place", "the new flow is live", "New website plan complete".
            // "Beta ready for launch in Q3": a done state may be followed by what it is ready for.
            let trailing = k >= 1 && ["for", "with", "on", "by", "across", "at"].contains(w[k + 1]) && w[k] != "in"
            if done && (afterBe || trailing || k + 1 == w.count || w.kind(k + 1) == .punct)
                && (w[k] != "in" || w[k + 1] == "place") {
                return .delivered(w[k] == "in" ? "in place" : w[k])
            }
            let form: Form
            if past { form = .participle }
            else if ing && afterBe && w[prev] != "have" && w[prev] != "has" && w[prev] != "had" { form = .gerund }
            else { continue }
            guard let (words, end) = matchVerb(w, at: k, lex, form) else { continue }
            if afterBe || endsClause(w, at: end, lex) { return .delivered(words) }
        }
        return nil
    }

    /// The title ends at `p`, or goes on only with another participle ("hired and onboarded"), a list of them
    /// ("provisioned, monitored and documented") or a date ("in Q1", "by end of June").
    static func endsClause(_ w: TitleWords, at p: Int, _ lex: Lexicon) -> Bool {
        if p >= w.count { return true }
        if w.kind(p) == .punct || w[p] == "and" {
            var q = p + 1
            if w[q] == "and" { q += 1 }
            // "hired and onboarded", "launched and available".
            return q < w.count && (lex.activityBase(w[q], .participle) != nil || TaskLexicon.doneStates.contains(w[q]))
        }
        // "Migration completed with a rollback plan", "1.0 released as open source software".
        if ["with", "as", "across", "into", "via", "under"].contains(w[p]) { return true }
        if TaskLexicon.datePrepositions.contains(w[p]) {
            var q = p + 1
            while q < w.count && w.kind(q) != .punct { q += 1 }
            return q - p <= 4
        }
        return false
    }
}
