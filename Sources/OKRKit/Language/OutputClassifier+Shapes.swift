/// The shapes of output that do not start with an activity verb (issue 21): deliverables named as noun phrases,
/// capabilities, subject-first and causative forms, counted outputs with no verb, and markers around a title.
/// Each reading asks for a positive sign of work (a deliverable noun, a feature phrase, an activity verb after its
/// subject) and stops at any sign of a measure (a number, a comparison, a limit): precision first.
extension OutputClassifier {
    /// Nouns that name a thing a team makes or an event it holds: the head of a deliverable noun phrase ("Pricing
    /// page revamp", "POC of the new importer", "Offline sync beta") or what a count counts ("3 how-to guides").
    static let deliverableNouns = WordTable(list: """
        alpha, beta, poc, mvp, prototype, pilot, release, launch, rollout, roll-out, revamp, redesign, rewrite,
        overhaul, refactor, migration, upgrade, implementation, integration, audit, review, assessment, analysis,
        evaluation, inventory, workshop, webinar, hackathon, conference, meetup, offsite, talk, presentation, demo,
        proposal, draft, plan, roadmap, strategy, playbook, runbook, handbook, guide, guideline, guidelines, tutorial,
        documentation, docs, doc, document, report, whitepaper, spec, specification, rfc, design, mockup, mockups,
        wireframe, wireframes, dashboard, newsletter, article, post, blog, video, podcast, episode, course, curriculum,
        template, checklist, framework, process, policy, certification, curation, translation, localisation,
        localization, version, v1, v2, v3, feature, features, mode, module, plugin, connector, sdk, api, app, website,
        site, page, portal, tool, tooling, pipeline, component, library, prototype, case, interview, survey, campaign,
        experiment, fix, patch, support, livestream, stream, broadcast, keynote, panel, lecture, seminar, lesson,
        pitch, scholarship, stipend, fellowship, infographic, ebook, e-book, deck, memo, handout, screencast
        """)

    /// What a team holds or makes, counted with no verb ("12 livestreams", "4 podcast episodes"): the deliverable
    /// nouns that are never something others do to the team (not "reviews", "interviews", "support").
    static let heldOrMadeNouns = WordTable(list: """
        livestream, stream, broadcast, webinar, workshop, hackathon, meetup, talk, presentation, demo, keynote, panel,
        lecture, seminar, lesson, course, episode, podcast, video, screencast, article, post, blog, newsletter, guide,
        tutorial, whitepaper, infographic, ebook, e-book, deck, memo, handout, pitch, scholarship, stipend, fellowship,
        feature, prototype, poc, mvp, proposal, playbook, runbook, template, checklist, experiment, campaign, connector,
        plugin, module
        """)

    /// Participles that say a deliverable is taken up by someone ("is used by", "is followed by"): adoption.
    static let adoptedBy: Set<String> = ["used", "adopted", "followed", "trusted", "read", "relied", "preferred", "chosen",
                                         "recommended", "cited", "referenced", "loved", "requested"]

    /// Words that end a title's first noun group.
    static let groupEnds = WordTable(list: "of, for, at, in, on, to, with, from, by, across, into, and, or, via")

    /// Feature verbs in the third person: "The API supports pagination", "The app runs on Android tablets".
    static let featureVerbs = WordTable(list: """
        supports, runs, exposes, handles, renders, offers, provides, includes, integrates, syncs, works, loads,
        shows, displays, lets, allows, enables, accepts, ships, uses, has, have, exists, exist, becomes
        """)

    /// -able adjectives that state a quality, not a feature ("Reliable builds").
    static let qualityAdjectives = WordTable(list: """
        reliable, stable, scalable, sustainable, profitable, predictable, measurable, valuable, comfortable, capable,
        affordable, accountable, responsible, possible, visible, able, enjoyable, memorable, notable, sizable,
        considerable, remarkable, favorable, favourable, durable, desirable, available
        """)

    /// Subjects that are the team itself: an activity verb after them is work ("The platform team spends ...").
    static let teamSubjects = WordTable(list: """
        team, teams, engineers, engineering, designers, squad, we, i, pm, pms, founders, staff, devs
        """)

    /// Verbs that measure an input: time or money put in ("spends one day a week on docs").
    static let inputVerbs = WordTable(list: "spend, spends, devote, devotes, dedicate, dedicates, allocate, allocates, invest, invests")

    /// A title without trailing markers: a priority `(P1)` / `[P0]`, emoji and symbols.
    static func withoutMarkers(_ title: String) -> String {
        var u = Array(title.utf8)
        var changed = true
        while changed {
            changed = false
            while let l = u.last, l == 0x20 || l == 0x09 { u.removeLast(); changed = true }
            // Symbols and emoji: trailing bytes of multi-byte characters from U+2000 on (lead bytes E2 and above).
            if let l = u.last, l >= 0x80 {
                var k = u.count - 1
                while k > 0 && u[k] & 0xC0 == 0x80 { k -= 1 }
                if u[k] >= 0xE2 && !(u[k] == 0xE2 && k + 1 < u.count && u[k + 1] == 0x80) { u.removeSubrange(k...); changed = true }
            }
            // "(P1)", "[P0]": a short bracketed marker of letters and digits.
            if let l = u.last, l == 0x29 || l == 0x5D, let open = u.lastIndex(of: l == 0x29 ? 0x28 : 0x5B),
               u.count - open <= 6, open > 0, open + 1 < u.count, (u[open + 1] | 0x20) >= 0x61 && (u[open + 1] | 0x20) <= 0x7A,
               u[(open + 1)..<(u.count - 1)].allSatisfy({ ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A || ($0 >= 0x30 && $0 <= 0x39) }) {
                u.removeSubrange(open...)
                changed = true
            }
        }
        return u.count == title.utf8.count ? title : String(decoding: u, as: UTF8.self)
    }

    /// "A/B test ...": an experiment to run.
    static func isABTest(_ title: String) -> Bool {
        let u = Array(title.utf8.prefix(8))
        guard u.count == 8 else { return false }
        return (u[0] | 0x20) == 0x61 && u[1] == 0x2F && (u[2] | 0x20) == 0x62 && u[3] == 0x20
            && (u[4] | 0x20) == 0x74 && (u[5] | 0x20) == 0x65 && (u[6] | 0x20) == 0x73 && (u[7] | 0x20) == 0x74
    }

    /// The readings after the verb-first one found no verb at the start.
    static func otherShapes(_ w: TitleWords, title: String, deliverableOnly: Bool, _ lex: Lexicon) -> Finding? {
        let limit = hasComparison(title)
        if isABTest(title) { return .task("a/b test") }
        // A question is no claim ("How do we propose ...?"); an outcome verb first makes the rest its object
        // ("Increase number of algorithms we can run").
        if title.utf8.last == 0x3F || ["how", "what", "why", "when", "who", "which", "should"].contains(w[0]) { return nil }
        if let f = countedOutput(w, lex) { return f }
        if lex.outcomeBase(w[0]) != nil { return nil }
        if let f = subjectFirst(w, deliverableOnly: deliverableOnly, lex) { return f }
        guard deliverableOnly, !limit, !hasNumber(w, from: 0) else { return nil }
        if let f = capability(w, lex) { return f }
        return nounPhraseDeliverable(w, lex)
    }

    /// "Dark mode for the dashboard", "Audit of the billing code", "Offline sync beta", "Pricing page revamp": the
    /// head of the first noun group (its last word before a preposition) names a thing to make.
    static func nounPhraseDeliverable(_ w: TitleWords, _ lex: Lexicon) -> Finding? {
        var k = 0
        while k < w.count, w.isWord(k), !groupEnds.contains(w[k]) || k == 0 {
            // A determiner inside means the first word was a verb ("Deliver the Q3 newsletter"): no noun phrase.
            if k > 0 && TaskLexicon.determiners.contains(w[k]) { return nil }
            k += 1
        }
        guard k > 0, k <= 6 else { return nil }
        // "The plan for sales is used by the exec team": who uses the deliverable is an outcome (adoption).
        for q in k..<w.count where TaskLexicon.beForms.contains(w[q]) && adoptedBy.contains(w[q + 1]) { return nil }
        let head = w[k - 1]
        guard deliverableNouns.contains(head) || deliverableNouns.contains(TaskLexicon.singular(head)) else { return nil }
        // A measure or an outcome in the group makes it a metric name ("Support ticket volume").
        for q in 0..<k where TaskLexicon.measureNouns.contains(w[q]) || (q > 0 && isOutcomeWord(w[q], lex)) { return nil }
        return .deliverable((0..<k).map { w[$0] }.joined(separator: " "))
    }

    /// "Users can export reports to CSV", "The API supports pagination", "Search is private by default", "Every
    /// service has a runbook", "Real matches playable online": what the product does or has, not what changes.
    static func capability(_ w: TitleWords, _ lex: Lexicon) -> Finding? {
        for k in 0..<min(w.count, 8) where w.isWord(k) {
            let t = w[k]
            if (t == "can" || t == "could") && k > 0 && w.isWord(k + 1) { return .capability("\(t) \(w[k + 1])") }
            if t == "able" && w[k + 1] == "to" && k > 0 { return .capability("able to \(w[k + 2])") }
            if t == "default" && (w[k - 1] == "by" || w[k - 1] == "the") { return .capability("\(w[k - 1]) default") }
            if k > 0 && featureVerbs.contains(t) && !TaskLexicon.functionWords.contains(w[k - 1]) {
                // "has"/"have" needs a thing after it ("has a runbook"), not a participle ("has improved").
                if (t == "has" || t == "have") && !(TaskLexicon.determiners.contains(w[k + 1]) || w.isWord(k + 1) && lex.activityBase(w[k + 1], .participle) == nil) {
                    continue
                }
                return .capability(t)
            }
            if isFeatureAdjective(t) && (k == 0 || !TaskLexicon.beForms.contains(w[k - 1])) { return .capability(t) }
        }
        return nil
    }

    static func isFeatureAdjective(_ t: String) -> Bool {
        let u = t.utf8
        guard u.count > 6, t.hasSuffix("able") || t.hasSuffix("ible") else { return false }
        return !qualityAdjectives.contains(t)
    }

    /// "Have the data team publish a weekly dashboard", "Engineers to start the on-call rotation", "Mia or Tom run the
    /// quarterly review", "The platform team spends one day a week on docs": an activity verb after who does it.
    static func subjectFirst(_ w: TitleWords, deliverableOnly: Bool, _ lex: Lexicon) -> Finding? {
        let causative = w[0] == "have" || w[0] == "get"
        var k = causative ? 1 : 0
        let start = k
        while k < min(w.count, start + 5), w.isWord(k) {
            let t = w[k]
            if k > start {
                let prev = w[k - 1]
                let afterTeam = teamSubjects.contains(prev)
                let afterPair = k - start == 3 && (w[start + 1] == "or" || w[start + 1] == "and") && !lex.isKnown(w[start])
                    && !lex.isKnown(w[start + 2])
                if inputVerbs.contains(t) && (afterTeam || afterPair) { return .task(t) }
                guard deliverableOnly else { k += 1; continue }
                if t == "to", !lex.isKnown(prev), lex.outcomeBase(prev) == nil, let (v, _) = matchVerb(w, at: k + 1, lex, .base),
                   k + 1 > start + 1 { return .task(v) }
                if causative || afterTeam || afterPair, w[k + 1] != "that", let base = TaskLexicon.anyBase(t, { lex.isVerb($0) }),
                   !TaskLexicon.notStates.contains(base), !t.hasSuffix("ed"), !TaskLexicon.endsInIng(t) {
                    return .task(t)
                }
            }
            if TaskLexicon.functionWords.contains(t) && t != "the" && t != "our" && t != "or" && t != "and" && t != "to" { return nil }
            k += 1
        }
        return nil
    }

    /// "48 features delivered", "90% of top accounts pitched", "Generate 3 how-to guides", "Drive 100% of the
    /// planned fixes to completion": a count of work done is still work done.
    static func countedOutput(_ w: TitleWords, _ lex: Lexicon) -> Finding? {
        var last = w.count - 1
        while last > 0 && !w.isWord(last) { last -= 1 }
        // "... to completion": the work is the measure.
        for k in 1..<max(1, w.count) where w[k] == "completion" && w[k - 1] == "to" { return .task("\(w[0]) ... to completion") }
        // The first number, after at most a date and a subject ("By February we have at least 4 articles published").
        var n = 0
        while n < min(w.count, 7) && !w.isNumber(n) { n += 1 }
        let subjectBefore = n == 0 || (0..<n).contains { w[$0] == "have" || w[$0] == "has" }
        if n < w.count, w.isNumber(n), last > n, subjectBefore {
            var counted = countedWords(w, after: n, max: 5)
            // "4 articles published on ...": the group ends at the participle.
            if let cut = counted.firstIndex(where: { TaskLexicon.endsInEd($0) && lex.activityBase($0, .participle) != nil }), cut > 0 {
                counted = Array(counted[..<cut])
            }
            let head = counted.last.map { TaskLexicon.singular($0) } ?? ""
            let end = n + counted.count + 1
            // The participle is the predicate: nothing but a prepositional phrase after it ("... hired in April were
            // successful" is not).
            if end + 1 < w.count && (end + 1..<w.count).contains(where: { TaskLexicon.beForms.contains(w[$0]) }) { return nil }
            if let base = lex.activityBase(w[end], .participle), !TaskLexicon.notStates.contains(base), end == n + counted.count + 1 {
                if deliverableNouns.contains(head) || TaskLexicon.countsActivity.contains(base) {
                    return .output(verb: w[end], phrase: ([w[n]] + counted + [w[end]]).joined(separator: " "))
                }
            }
        }
        // "12 livestreams", "3 webinars with partners": a count of work held or made, with no verb at all. Only when
        // nothing after the group makes a claim (a verb, a be-form, another number).
        if w.isNumber(0), !w[0].hasSuffix("%"), last > 0 {
            let counted = countedWords(w, after: 0, max: 5)
            if let head = counted.last, heldOrMadeNouns.contains(TaskLexicon.singular(head)),
               !counted.contains(where: { isOutcomeWord($0, lex) || TaskLexicon.measureNouns.contains($0) }) {
                let rest = (counted.count + 1)..<w.count
                let claims = rest.contains { k in
                    w.isNumber(k) || TaskLexicon.beForms.contains(w[k]) || featureVerbs.contains(w[k])
                        || (TaskLexicon.endsInEd(w[k]) && lex.activityBase(w[k], .participle) != nil) || lex.outcomeBase(w[k]) != nil
                }
                if !claims { return .output(verb: TaskLexicon.singular(head), phrase: ([w[0]] + counted).joined(separator: " ")) }
            }
        }
        // An outcome verb counting outputs: "Generate 3 how-to guides".
        if lex.outcomeBase(w[0]) != nil, let p = countAfter(w, 1), !w[p].hasSuffix("%") {
            let counted = countedWords(w, after: p, max: 5)
            if let head = counted.last, deliverableNouns.contains(TaskLexicon.singular(head)),
               !counted.contains(where: { isOutcomeWord($0, lex) || TaskLexicon.measureNouns.contains($0) }) {
                return .output(verb: w[0], phrase: ([w[0], w[p]] + counted).joined(separator: " "))
            }
        }
        return nil
    }
}
