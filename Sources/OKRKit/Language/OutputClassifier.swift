/// The English reading of `key-result-is-a-task` (issue 21 moved it here from the rule): whether a key result's
/// title describes work (an activity, a deliverable, a delivered state, counted output) rather than an outcome.
/// A language component, not a rule: rules call `OutputClassifier.classify` with a `Lexicon` built once per linter.
/// Bytes and hashes on the fast path (`TitleWords`, `WordTable`); strings only for the words a decision reads.
enum OutputClassifier {
    /// The lexicons, built once per linter from the built-in lists and the options. Inflected forms are not listed:
    /// a word is read back to its base form when needed (`TaskLexicon.pastBase`, `ingBase`, `anyBase`), and one
    /// table holds every word a title may start with, so preparing costs one insertion per verb.
    struct Lexicon: Sendable {
        /// Flags of the words that may start an activity title: `verb` (a single-word activity verb), `phrasal`
        /// (the first word of a phrasal one), `start` (a subject or adverb: read on), `past` (an irregular past).
        var words = WordTable(capacity: 700)
        static let verb: UInt8 = 1, phrasalStart: UInt8 = 2, start: UInt8 = 4, past: UInt8 = 8
        /// The first two words of every phrasal verb, as `WordTable.pair` keys.
        var phrasalPairs = WordTable(capacity: 100)
        /// Phrasal activity verbs by their first word, longest first.
        var phrasal: [String: [[String]]] = [:]
        var outcomeUnits = TaskLexicon.outcomeNouns
        var allowOutcomeMetric = true

        func isVerb(_ w: String) -> Bool { words.flags(w) & Self.verb != 0 }
        func isKnown(_ w: String) -> Bool { words.flags(w) & (Self.verb | Self.phrasalStart) != 0 }

        /// `word` as an activity verb in `form`: its base form (single word or first word of a phrasal verb).
        func activityBase(_ word: String, _ form: Form) -> String? {
            // "re-organising", "re-run": the verb after the prefix.
            if word.hasPrefix("re-") && word.utf8.count > 5, let b = activityBase(String(word.dropFirst(3)), form) { return "re-" + b }
            switch form {
            case .base: return isKnown(word) ? word : nil
            case .participle: return TaskLexicon.pastBase(word) { isKnown($0) && !TaskLexicon.notStates.contains($0) }
            case .gerund: return TaskLexicon.ingBase(word) { isKnown($0) && !TaskLexicon.notStates.contains($0) }
            }
        }

        init() {}

        /// The lexicons for the rule's options, once per linter. Inflected forms are
        /// not listed, and one table holds every word a title may start with, so this costs one insertion per verb.
        init(verbs: [String], allowedVerbs: [String], outcomeUnits: [String], allowOutcomeMetric: Bool) {
            var lex = Lexicon()
            var allowed = Set<String>()
            if !allowedVerbs.isEmpty { allowed = Set(allowedVerbs.map { $0.lowercasedWords.joined(separator: " ") }) }
            func add(_ words: [String]) {
                guard let first = words.first, allowed.isEmpty || !allowed.contains(words.joined(separator: " ")) else { return }
                if words.count == 1 {
                    lex.words.insert(first, flag: Lexicon.verb)
                } else {
                    lex.words.insert(first, flag: Lexicon.phrasalStart)
                    lex.phrasal[first, default: []].append(words)
                    lex.phrasalPairs.insert(hash: WordTable.pair(WordTable.hash(first.utf8), WordTable.hash(words[1].utf8)), flag: 1)
                }
            }
            // Built-in single verbs go in by the hash of their bytes; only phrasal ones become strings.
            WordTable.forEachEntry(of: TaskLexicon.activityText) { entry in
                if allowed.isEmpty { lex.words.insert(hash: WordTable.hash(entry), flag: Lexicon.verb) }
                else { add([String(decoding: entry, as: UTF8.self)]) }
            }
            WordTable.forEachEntry(of: TaskLexicon.phrasalText) { entry in
                var words: [String] = []
                var start = entry.startIndex, i = entry.startIndex
                while i < entry.endIndex {
                    if entry[i] == 0x20 {
                        words.append(String(decoding: entry[start..<i], as: UTF8.self))
                        start = i + 1
                    }
                    i += 1
                }
                words.append(String(decoding: entry[start..<entry.endIndex], as: UTF8.self))
                add(words)
            }
            for entry in verbs { add(entry.lowercasedWords) }
            for k in lex.phrasal.keys { lex.phrasal[k]!.sort { $0.count > $1.count } }
            for w in TaskLexicon.startWords { lex.words.insert(w, flag: Lexicon.start) }
            // Irregular pasts ("Built the ..."); regular ones are recognised by their -ed.
            for (form, base) in TaskLexicon.irregularPairs where lex.isKnown(base) { lex.words.insert(form, flag: Lexicon.past) }
            for u in outcomeUnits {
                for w in u.lowercasedWords { lex.outcomeUnits.insert(w); lex.outcomeUnits.insert(TaskLexicon.singular(w)) }
            }
            lex.allowOutcomeMetric = allowOutcomeMetric
            self = lex
        }

        /// `word` is an outcome verb in any form ("improve", "increasing", "cuts", "doubled").
        func outcomeBase(_ word: String) -> String? {
            TaskLexicon.anyBase(word) { TaskLexicon.outcomeVerbSet.contains($0) }
        }
    }

    /// What the classifier found.
    enum Finding: Equatable {
        /// The title starts with an activity verb (the verb or verb pair as written, lowercased).
        case task(String)
        /// The title counts the work itself: the verb and what it counts ("hire 5 engineers").
        case output(verb: String, phrase: String)
        /// The title reports a delivered state ("launched").
        case delivered(String)
        /// The title names a deliverable, a noun phrase with no verb ("Offline sync beta").
        case deliverable(String)
        /// The title describes what the product does or has ("Users can export reports").
        case capability(String)
    }

    // MARK: - The classifier

    /// The form a verb is read in: "launch", "launched" / "we've launched", "we are launching".
    enum Form { case base, participle, gerund }

    /// `metricText` is read only when the title starts with an activity verb.
    static func classify(_ rawTitle: String, kind: MetricKind?, metricText: () -> String?, _ lex: Lexicon) -> Finding? {
        let title = withoutMarkers(rawTitle)
        let deliverableOnly = kind == nil || kind == .milestone
        // Most titles start with an outcome verb or a noun: one or two words decide. A number first ("48 features
        // delivered"), an outcome verb ("Generate 3 guides") or an input verb ("spends") reads on.
        if !deliverableOnly, let lead = TitleWords.leadingHashes(title), !lead.firstMayBeInflected,
           !(title.utf8.first.map { $0 >= 0x30 && $0 <= 0x39 } ?? false) {
            let flags = lead.first == 0 ? 0 : lex.words.flags(hash: lead.first)
            if flags == 0 && lead.first != 0 && TaskLexicon.outcomeVerbSet.flags(hash: lead.first) == 0 && !TitleWords.hasNumber(title)
                && !TitleWords.hasWord(title, "spends") && !TitleWords.hasWord(title, "devotes") && !TitleWords.hasWord(title, "completion") {
                return nil
            }
            if flags == 0 { return readOn(title, kind: kind, deliverableOnly: false, lex) }
            if flags == Lexicon.phrasalStart && (lead.second == 0 || !lex.phrasalPairs.contains(hash: WordTable.pair(lead.first, lead.second))) {
                return nil
            }
        }
        let w = TitleWords(title)
        guard w.count > 0 else { return nil }
        // "A/B test the new checkout": an experiment to run.
        if isABTest(title) { return .task("a/b test") }
        var i = 0
        var form = Form.base
        // "We will", "Let's", "We've", "We are" ...
        var skipped = 0
        while skipped < 3, w.isWord(i) {
            let t = w[i]
            if TaskLexicon.subjects.contains(t) { i += 1; skipped += 1; continue }
            if TaskLexicon.perfect.contains(t) {
                form = .participle
                i += 1
                if w[i] == "been" { i += 1 }
            } else if TaskLexicon.progressive.contains(t) {
                form = .gerund
                i += 1
            }
            break
        }
        // Leading adverbs: "Fully automate", "Successfully launch".
        var adverbs = 0
        while adverbs < 2, w.isWord(i), isAdverb(w[i], lex), startsVerb(w, i + 1, lex, form) {
            i += 1
            adverbs += 1
        }
        var match = matchVerb(w, at: i, lex, form)
        // "Published 5 case studies", "Created an internal dashboard": a past form before its object.
        // In a milestone, before a plain noun too: "Completed practice scripts in Chapter 1".
        if match == nil && form == .base && (w.isNumber(i + 1) || TaskLexicon.determiners.contains(w[i + 1])
            || (deliverableOnly && w.isWord(i + 1) && !TaskLexicon.functionWords.contains(w[i + 1]) && TaskLexicon.endsInEd(w[i]))) {
            match = matchVerb(w, at: i, lex, .participle)
            if match != nil { form = .participle }
        }
        // "Choosing a metrics vendor", "Re-organising the backlog": an -ing form first, before its object.
        if match == nil && i == 0 && TaskLexicon.endsInIng(w[0]) && TaskLexicon.determiners.contains(w[1]),
           let m = matchVerb(w, at: 0, lex, .gerund), !isNounUse(w, verbBase: lex.activityBase(w[0], .gerund) ?? w[0], after: m.1, lex) {
            match = m
            form = .gerund
        }
        // A rare verb before its object: "Unprefix the CSS properties", "Modularize the importer".
        if match == nil, w.isWord(i), isRareVerb(w[i]), TaskLexicon.determiners.contains(w[i + 1]), lex.outcomeBase(w[i]) == nil {
            return .task(w[i])
        }
        guard let (verb, end) = match else {
            guard deliverableOnly else { return otherShapes(w, title: title, deliverableOnly: false, lex) }
            // "There is a prototype of X", "There are runbooks for Y": a thing that will exist, a deliverable.
            if w[0] == "there" && ["is", "are", "will"].contains(w[1]) && !hasNumber(w, from: 2) && !hasComparison(title) {
                return .delivered("there \(w[1])")
            }
            return deliveredState(w, limit: hasComparison(title), lex) ?? otherShapes(w, title: title, deliverableOnly: true, lex)
        }
        // "Partner portal rebuilt": a leading verb with no object of its own (no article, no number) may be a noun
        // whose clause ends in a participle; the participle is then what the title reports.
        if deliverableOnly && form == .base && !w.isNumber(end) && !TaskLexicon.determiners.contains(w[end]),
           case .delivered(let word)? = deliveredState(w, limit: hasComparison(title), lex), word != verb {
            return .delivered(word)
        }
        let base = lex.activityBase(w[i], form) ?? w[i]
        // "make" and "do" are activities only before an object ("Make 100 calls", "Do a pricing review"), not in
        // "Make deploys boring".
        if form == .base && TaskLexicon.needObject.contains(base) && end == i + 1
            && !(w.isNumber(end) || TaskLexicon.determiners.contains(w[end])) {
            return nil
        }
        // A verb pair: "Draft and maintain", "Design and build".
        var name = verb
        var j = end
        if (w[j] == "and" || w[j] == "or"), let (second, end2) = matchVerb(w, at: j + 1, lex, form) ?? matchOutcomeVerb(w, at: j + 1, lex) {
            name = "\(verb) \(w[j]) \(second)"
            j = end2
        }
        let baseName = end == i + 1 ? base : verb
        if isNounUse(w, verbBase: base, after: j, lex) {
            // "Audit of the billing code", "Release of the beta": the verb is a noun, and a deliverable one.
            return deliverableOnly && w[j] == "of" && !hasComparison(title) && !hasNumber(w, from: 0) ? nounPhraseDeliverable(w, lex) : nil
        }
        if purposeClause(w, from: end, lex) { return nil }
        let activity = TaskLexicon.countsActivity.contains(baseName)
        // The work counted: "Ship 3 experiments", "Hire 5 engineers", "Migrate 80% of services".
        if let p = countAfter(w, j) {
            let counted = countedWords(w, after: p, max: 5)
            // What is counted is the head of the noun group: "2 performance indicators" counts indicators, work made;
            // "300 new clients" and "80% of services" count clients and services.
            if !activity, let head = counted.last, isOutcomeWord(head, lex) { return nil }
            if !activity && namesOutcome(w, from: p + 1 + counted.count, lex) { return nil }
            if qualifiedByOutcome(w, from: p + 1 + counted.count, lex) { return nil }
            if serviceLevel(w, from: j) { return nil }
            let phrase = ([name, w[p]] + countedWords(w, after: p, max: 3)).joined(separator: " ")
            return .output(verb: name, phrase: phrase)
        }
        if !activity && namesOutcome(w, from: j, lex) { return nil }
        if qualifiedByOutcome(w, from: j, lex) { return nil }
        // Time put in ("Fine tune OKR for one hour weekly") is an input, whatever unit the metric has.
        if lex.allowOutcomeMetric, let kind, kind != .milestone, !timeSpent(w, from: j), let text = metricText(), metricIsOutcome(text, lex) { return nil }
        return .task(name)
    }

    /// "for one hour weekly", "for 2 days a week": a duration of work after the verb.
    static func timeSpent(_ w: TitleWords, from start: Int) -> Bool {
        var k = start
        while k < w.count {
            if w[k] == "for" && (w.isNumber(k + 1) || TaskLexicon.numberWords.contains(w[k + 1])) && TaskLexicon.timeUnits.contains(w[k + 2]) {
                return true
            }
            k += 1
        }
        return false
    }

    /// A verb by its shape: un- + a word ("unprefix"), or -ify / -ize / -ise ("modularize").
    static func isRareVerb(_ t: String) -> Bool {
        let n = t.utf8.count
        if n >= 7 && t.hasPrefix("un") && !t.hasSuffix("ed") && !TaskLexicon.endsInIng(t) && !t.hasSuffix("ly") { return true }
        return n >= 6 && (t.hasSuffix("ify") || t.hasSuffix("ize") || t.hasSuffix("ise")) && !["otherwise", "enterprise", "expertise", "premise", "promise", "franchise", "merchandise", "size", "exercise", "surprise", "concise", "precise", "advertise"].contains(t)
    }

    /// A numeric key result whose first word is no activity verb: only the other shapes apply.
    static func readOn(_ title: String, kind: MetricKind?, deliverableOnly: Bool, _ lex: Lexicon) -> Finding? {
        let w = TitleWords(title)
        guard w.count > 0 else { return nil }
        return otherShapes(w, title: title, deliverableOnly: deliverableOnly, lex)
    }

    /// A deadline in the title: "by March 7", "by end of Q2", "by 2026-03-31", "before June".
    static func hasDeadline(_ title: String) -> Bool {
        let w = TitleWords(title)
        for k in 0..<w.count where w[k] == "by" || w[k] == "before" || w[k] == "until" {
            let next = w[k + 1]
            if FiscalCalendar.month(next) != nil && !next.allSatisfy(\.isNumber) { return true }
            if next == "end" || next == "eoy" || next == "eoq" || next == "the" && w[k + 2] == "end" { return true }
            if next.count == 2 && (next.hasPrefix("q") || next.hasPrefix("h")) && next.last!.isNumber { return true }
            if w.isNumber(k + 1) && (next.contains("-") || next.contains("/") || next.count == 4) { return true }
        }
        return false
    }

    /// `<`, `>`, `≤` or `≥` in the title: it states a limit.
    static func hasComparison(_ title: String) -> Bool {
        // Byte by byte, remembering the two bytes before: `≤` is E2 89 A4, `≥` E2 89 A5.
        var b1: UInt8 = 0, b2: UInt8 = 0
        for b in title.utf8 {
            if b == 0x3C || b == 0x3E { return true }
            if b2 == 0xE2 && b1 == 0x89 && (b == 0xA4 || b == 0xA5) { return true }
            b2 = b1
            b1 = b
        }
        return false
    }

    static func isAdverb(_ word: String, _ lex: Lexicon) -> Bool {
        if TaskLexicon.adverbs.contains(word) { return true }
        return mayBeAdverb(word) && !lex.isVerb(word) && !TaskLexicon.notAdverbs.contains(word)
    }

    /// Six letters or more ending in -ly.
    static func mayBeAdverb(_ word: String) -> Bool {
        let u = word.utf8
        guard u.count >= 6 else { return false }
        var it = u.reversed().makeIterator()
        return it.next() == 0x79 && it.next() == 0x6C
    }

    static func startsVerb(_ w: TitleWords, _ i: Int, _ lex: Lexicon, _ form: Form) -> Bool {
        matchVerb(w, at: i, lex, form) != nil || lex.outcomeBase(w[i]) != nil
    }

    /// The activity verb at `i` in `form` (phrasal ones first, longest first): its words as written and the index
    /// after it.
    static func matchVerb(_ w: TitleWords, at i: Int, _ lex: Lexicon, _ form: Form) -> (String, Int)? {
        guard w.isWord(i) else { return nil }
        guard let first = lex.activityBase(w[i], form) else { return nil }
        if let candidates = lex.phrasal[first] {
            for words in candidates where i + words.count <= w.count {
                var ok = true
                for k in 1..<words.count where w[i + k] != words[k] || !w.isWord(i + k) { ok = false; break }
                if ok { return (([w[i]] + words.dropFirst()).joined(separator: " "), i + words.count) }
            }
        }
        if lex.isVerb(first) || (first.hasPrefix("re-") && lex.isVerb(String(first.dropFirst(3)))) { return (w[i], i + 1) }
        return nil
    }

    static func matchOutcomeVerb(_ w: TitleWords, at i: Int, _ lex: Lexicon) -> (String, Int)? {
        w.isWord(i) && lex.outcomeBase(w[i]) != nil ? (w[i], i + 1) : nil
    }
}
