/// Measures, counts and outcome words in a title: what makes an activity title an outcome after all.
extension OutputClassifier {
    /// The verb is a noun or adjective: "Build time ...", "Deploy frequency up to ...", "Launch readiness score",
    /// "Ship faster", "Release cadence from monthly to weekly".
    /// Also a noun: "Share of voice ..." (a verb is not followed by "of"), "Blog post hits top 5 ..." (a sentence
    /// whose own verb, an outcome verb with -s, comes within three words). "Meet quarterly hiring plans" is an outcome:
    /// what is met is a target.
    static func isNounUse(_ w: TitleWords, verbBase: String, after j: Int, _ lex: Lexicon) -> Bool {
        if measurement(w, at: j, bare: true) { return true }
        if w[j] == "of" { return true }
        for k in j..<min(w.count, j + 3) where w.isWord(k) && TaskLexicon.functionWords.contains(w[k]) == false {
            let t = w[k]
            // The sentence's verb states a measure after it ("hits top 5", "grows 10%"); "performance limits" does not.
            if t.utf8.last == 0x73, let base = TaskLexicon.anyBase(t, { TaskLexicon.outcomeVerbSet.contains($0) }), base != t,
               hasNumber(w, from: k + 1) { return true }
        }
        var k = j
        var group = 0
        while k < w.count, group < 4, w.isWord(k), !TaskLexicon.functionWords.contains(w[k]) {
            if verbBase == "meet" && TaskLexicon.targetNouns.contains(w[k]) { return true }
            k += 1
            group += 1
        }
        guard group > 0 else { return false }
        if TaskLexicon.measureNouns.contains(w[k - 1]) && !TaskLexicon.observingVerbs.contains(verbBase) { return true }
        return measurement(w, at: k, bare: false)
    }

    /// A measurement phrase at `p`: "down", "up to 10", "from 20 to 8", "under 200 ms", "per week", "faster" ...
    /// `bare`: right after the verb, where a destination ("to 3 regions") or a deadline ("within 6 weeks") is not one.
    static func measurement(_ w: TitleWords, at p: Int, bare: Bool) -> Bool {
        guard p < w.count, w.isWord(p) else { return false }
        let t = w[p], next = w[p + 1]
        func numberAt(_ q: Int) -> Bool { w.isNumber(q) }
        func timeNumberAt(_ q: Int) -> Bool {
            guard w.isNumber(q) else { return false }
            let s = TitleWords.suffix(of: w[q])
            if s == "%" || TaskLexicon.timeUnits.contains(s) { return true }
            return TaskLexicon.timeUnits.contains(w[q + 1]) || w[q + 1] == "percent"
        }
        switch t {
        case "down", "up":
            return p + 1 >= w.count || w.kind(p + 1) != .word || ["to", "from", "by", "and", "or", "significantly", "sharply"].contains(next)
        case "from":
            guard numberAt(p + 1) || TaskLexicon.frequencyWords.contains(next) else { return false }
            for q in (p + 2)..<min(w.count, p + 6) where w[q] == "to" { return true }
            return false
        case "under", "below", "beneath", "exceeding":
            return bare ? timeNumberAt(p + 1) : numberAt(p + 1)
        case "above", "over":
            return !bare && numberAt(p + 1)
        case "within":
            return !bare && numberAt(p + 1)
        case "in":
            return (next == "under" || next == "less") && (timeNumberAt(p + 2) || timeNumberAt(p + 3))
        case "less", "fewer", "more":
            // Right after the verb, "more than 6" counts the work ("Publish more than 6 case studies").
            if next == "than" { return !bare && numberAt(p + 2) }
            return bare && TaskLexicon.manner.contains(next)
        case "at":
            if next == "least" || next == "most" { return !bare && numberAt(p + 2) }
            return !bare && numberAt(p + 1)
        case "no", "not":
            return !bare && (next == "more" || next == "less" || next == "fewer") && w[p + 2] == "than" && numberAt(p + 3)
        case "by":
            return !bare && numberAt(p + 1) && (w[p + 1].hasSuffix("%") || w[p + 2] == "percent" || w[p + 1].hasSuffix("x"))
        case "per":
            return !bare
        case "to":
            return !bare && timeNumberAt(p + 1) && !w[p + 1].hasSuffix("%") && w[p + 2] != "percent"
        default:
            if bare && TaskLexicon.comparatives.contains(t) { return true }
            if bare && TaskLexicon.frequencyWords.contains(t) {
                return p + 1 >= w.count || w.kind(p + 1) == .punct || ["instead", "rather", "and", "from", "to", "by"].contains(next)
            }
            return false
        }
    }

    /// "... to improve sign-ups by 25 percent", "..., increasing revenue 20%", "... so that 30% of users ...".
    static func purposeClause(_ w: TitleWords, from start: Int, _ lex: Lexicon) -> Bool {
        var k = start
        while k < w.count {
            if w.isWord(k) {
                let t = w[k]
                if t == "so" && w[k + 1] == "that" && hasNumber(w, from: k + 2) { return true }
                if let base = lex.outcomeBase(t) {
                    let prev = w[k - 1]
                    let linked = w.kind(k - 1) == .punct || TaskLexicon.purposeLinks.contains(prev) || t.hasSuffix("ing")
                    if linked && (TaskLexicon.multiplierVerbs.contains(base) || hasNumber(w, from: k + 1)) { return true }
                }
            }
            k += 1
        }
        return false
    }

    /// "... with 80%+ user satisfaction", "... at a 4.5 rating": the work is held to a level of an outcome measure (a
    /// measure noun after the number; "with 5 customers" is the work's scope, not a level).
    static func qualifiedByOutcome(_ w: TitleWords, from start: Int, _ lex: Lexicon) -> Bool {
        var k = start
        while k + 1 < w.count {
            if (w[k] == "with" || w[k] == "at") && w.isNumber(k + 1) {
                for q in (k + 2)..<min(w.count, k + 5) where TaskLexicon.measureNouns.contains(w[q]) || (w[k + 1].hasSuffix("%") && isOutcomeWord(w[q], lex)) { return true }
            }
            k += 1
        }
        return false
    }

    static func hasNumber(_ w: TitleWords, from start: Int) -> Bool {
        var k = start
        while k < w.count {
            if w.isNumber(k) || TaskLexicon.numberWords.contains(w[k]) { return true }
            k += 1
        }
        return false
    }

    /// The number that counts what the verb acts on: "Ship 3 experiments", "Hire at least 5", "Migrate 80% of ...".
    static func countAfter(_ w: TitleWords, _ j: Int) -> Int? {
        if w.isNumber(j) { return j }
        if (w[j] == "at" && w[j + 1] == "least") || (w[j] == "more" && w[j + 1] == "than") || (w[j] == "up" && w[j + 1] == "to") {
            return w.isNumber(j + 2) ? j + 2 : nil
        }
        if ["over", "another", "the"].contains(w[j]) && w.isNumber(j + 1) { return j + 1 }
        if w[j] == "the" && w[j + 1] == "first" && w.isNumber(j + 2) { return j + 2 }
        return nil
    }

    /// Up to `max` words after a count, through "of" and "new" ("80% of services" -> of, services).
    static func countedWords(_ w: TitleWords, after p: Int, max: Int) -> [String] {
        var out: [String] = []
        var k = p + 1
        while k < w.count, out.count < max, w.isWord(k) {
            let t = w[k]
            if TaskLexicon.functionWords.contains(t) && t != "of" && t != "new" { break }
            out.append(t)
            k += 1
        }
        return out
    }

    static func isOutcomeWord(_ word: String, _ lex: Lexicon) -> Bool {
        lex.outcomeUnits.contains(word) || lex.outcomeUnits.contains(TaskLexicon.singular(word))
    }

    /// A quantity of an outcome from `start` on: "... used by 500 customers", "... worth $1M". Not the scope of the
    /// work ("Pilot the flow with 5 customers").
    static func namesOutcome(_ w: TitleWords, from start: Int, _ lex: Lexicon) -> Bool {
        var k = start
        while k < w.count {
            if w.isNumber(k) {
                // "an average score of 4+", "retention to 40%": the measure comes first.
                if TaskLexicon.measureLinks.contains(w[k - 1]) && k >= 2
                    && (isOutcomeWord(w[k - 2], lex) || TaskLexicon.measureNouns.contains(w[k - 2])) { return true }
                if !TaskLexicon.scopeWords.contains(w[k - 1]) {
                    if let f = w[k].utf8.first, f == 0x24 || f == 0xE2 || f == 0xC2 { return true }
                    if countedWords(w, after: k, max: 5).contains(where: { isOutcomeWord($0, lex) }) { return true }
                }
            }
            k += 1
        }
        return false
    }

    /// A service level: a share done within a time ("Resolve 90% of tickets within 24 hours").
    static func serviceLevel(_ w: TitleWords, from start: Int) -> Bool {
        var share = false
        var k = start
        while k < w.count {
            if w.isNumber(k) && (w[k].hasSuffix("%") || w[k + 1] == "percent") { share = true }
            if share && ["within", "under", "in"].contains(w[k]) {
                var q = k + 1
                if w[q] == "under" || w[q] == "less" { q += 1 }
                if w[q] == "than" { q += 1 }
                if w.isNumber(q) && (TaskLexicon.timeUnits.contains(TitleWords.suffix(of: w[q])) || TaskLexicon.timeUnits.contains(w[q + 1])) {
                    return true
                }
            }
            k += 1
        }
        return false
    }

    /// The metric is measured in an outcome unit: %, money, time, a rate, or a word of `outcome-units`.
    static func metricIsOutcome(_ text: String, _ lex: Lexicon) -> Bool {
        if text.utf8.contains(0x2F) { return true }  // a rate: deploys/wk
        let w = TitleWords(text, limit: 16)
        for k in 0..<w.count {
            let t = w[k]
            if w.isNumber(k) {
                if let f = t.utf8.first, f == 0x24 || f == 0xE2 || f == 0xC2 { return true }
                let s = TitleWords.suffix(of: t)
                if s == "%" || TaskLexicon.timeUnits.contains(s) { return true }
            } else if w.isWord(k) {
                if t == "per" || t == "percent" || TaskLexicon.timeUnits.contains(t) || isOutcomeWord(t, lex) { return true }
            }
        }
        return false
    }
}
