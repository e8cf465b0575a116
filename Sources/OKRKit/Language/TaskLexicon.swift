/// Word lists of `key-result-is-a-task`. Plain lists, split once; the rule's `prepare` builds its sets from them.
enum TaskLexicon {
    /// The entries of a comma- and newline-separated list, trimmed (read once, byte by byte).
    static func list(_ text: String) -> [String] {
        var out: [String] = []
        var start = -1, end = -1
        var bytes = text
        bytes.withUTF8 { b in
            func take() {
                if start >= 0 { out.append(String(decoding: b[start..<end], as: UTF8.self)) }
                start = -1
            }
            for i in b.indices {
                let c = b[i]
                if c == 0x2C || c == 0x0A { take() }
                else if c != 0x20 && c != 0x09 {
                    if start < 0 { start = i }
                    end = i + 1
                }
            }
            take()
        }
        return out
    }

    /// Activity verbs, base form: what a team does rather than what changes. Outcome verbs (increase, reduce, grow,
    /// cut, raise, reach, maintain, keep ...) are not here, nor verbs that mostly name a business result
    /// (sell, close, sign, win, land, acquire, convert, renew, secure, generate, earn).
    static let activityText = """
        adapt, add, address, adopt, advertise, advise, advocate, align, allocate, amend, analyse, analyze, announce,
        dogfood, place,
        annotate, answer, apply, appoint, appraise, approve, architect, archive, arrange, articulate, ask, assemble,
        assess, assign, assist, attend, audit, author, automate, backfill, backport, baseline, benchmark, blog, book,
        bootstrap, brainstorm, brand, brief, broadcast, budget, build, bundle, buy, calculate, calibrate, call,
        campaign, canvass, capture, catalog, catalogue, categorise, categorize, celebrate, certify, chair, champion,
        change, chart, check, choose, circulate, clarify, classify, clean, cleanse, coach, code, codify, collaborate,
        begin, collect, commence, commission, commit, communicate, compare, compile, complete, comply, compose, conduct, configure,
        confirm, connect, consider, consolidate, construct, consult, contact, containerise, containerize, continue,
        contract, contribute, cooperate, coordinate, craft, create, curate, customise, customize, debate, debug,
        decide, decommission, decompose, decouple, deduplicate, dedupe, define, delete, deliver, demo, demonstrate,
        deploy, deprecate, describe, design, detail, determine, develop, diagnose, digitise, digitize, disable,
        discover, discuss, distribute, do, document, draft, draw, email, embed, enable, encourage, encrypt, enforce,
        engage, engineer, enrol, enroll, ensure, escalate, establish, estimate, evaluate, evangelise, evangelize,
        examine, execute, exhibit, experiment, explain, explore, expose, extract, facilitate, file, film, finalise,
        finalize, fine-tune, finish, fix, forecast, fork, form, formalise, formalize, formulate, fund, gather, guide, handle,
        graduate, harden, help, highlight, hire, host, identify, ideate, illustrate, implement, import, improvise, incorporate, index,
        initiate, inspect, install, instrument, integrate, internationalise, internationalize, interview, introduce,
        inventory, invest, invite, investigate, isolate, iterate, kickoff, label, launch, lead, learn, lease,
        leverage, license, list, livestream, localise, localize, log, make, manage, map, market, measure, meet,
        mentor, merge, migrate, mock, model, moderate, modernise, modernize, modularise, modularize, monitor, move,
        negotiate, nominate, notify, observe, obtain, offboard, onboard, open, open-source, operate, optimise,
        optimize, orchestrate, order, organise, organize, outline, outsource, overhaul, package, parallelise,
        parallelize, participate, partner, pass, patch, perform, pilot, pitch, plan, poll, polish, port, reboot, position,
        post, prepare, present, prioritise, prioritize, procure, produce, profile, program, promote, proofread,
        propose, prototype, provide, provision, prune, publicise, publicize, publish, purchase, purge, qualify,
        quantify, rank, read, rearchitect, re-architect, reassess, rebrand, rebuild, recommend, reconcile, record,
        recruit, redefine, redesign, redevelop, redo, reevaluate, re-evaluate, refactor, refine, refresh, register,
        reimplement, re-implement, reinstall, relaunch, release, relocate, remediate, remove, rename, renegotiate,
        reorganise, reorganize, repair, replace, replatform, re-platform, report, reposition, request, research,
        reschedule, resolve, respond, restart, restore, restructure, resume, retire, retool, retrain, rethink,
        reuse, revamp, review, revise, revisit, rework, rewrite, roll-out, rollout, rotate, run, scan, schedule,
        scope, script, select, send, separate, set, shadow, share, ship, shortlist, showcase, simplify, sketch,
        socialize, solve, specify, spike, split, sponsor, spotlight, stabilise, stabilize, staff, standardise,
        standardize, start, storyboard, streamline, study, submit, summarise, summarize, sunset, support, survey,
        sync, synchronise, synchronize, systematise, systematize, tackle, tag, teach, template, test, track, train,
        transfer, transition, translate, trial, triage, troubleshoot, tune, tweet, undertake, unify, unveil,
        update, upgrade, upskill, use, utilise, utilize, validate, verify, vet, visit, visualise, visualize, wire,
        wireframe, write
        """

    /// Every activity verb, single and phrasal, as a list (for tests and docs; the rule reads the texts directly).
    static var activityVerbs: [String] { list(activityText) + list(phrasalText) }

    /// Phrasal activity verbs (their first word may be an outcome verb: "cut over", "keep track of").
    static let phrasalText = """
        agree on, agree to, back up, commit to, bring together, build out, carry out, check in with, clean up, come up with,
        cut over, dig into, double down on, draw up, figure out, fill in, find out, fine tune, flesh out, follow up, follow up on,
        follow up with, get rid of, get started, go live, hand off, hand over, help with, hook up, keep track of,
        kick off, lay out, line up, look at, look into, make available, make public, make sure, map out, meet with,
        move to, open up, partner with, pay down, phase in, phase out, pick up, price out, pull together, put in place, put into practice,
        put together, reach out, reach out to, roll out, send out, set up, settle on, shut down, sign off, sign off on,
        sit down with, sort out, speak at, speak with, spin up, stand up, switch off, switch on, switch over,
        switch to, take on, take over, take part in, take stock of, talk to, team up with, tear down, test out,
        try out, turn off, turn on, wind down, work on, work out, work through, work with, wrap up, write down, write up
        """

    /// Verbs that name a change in a measure: never a task. Also read, in any form, as a purpose clause
    /// ("... to improve sign-ups by 25 percent", "..., cutting churn to 2%").
    static let outcomeVerbText = """
        increase, reduce, grow, cut, raise, lower, achieve, reach, maintain, keep, hit, double, halve, triple,
        quadruple, decrease, boost, lift, improve, drive, gain, win, retain, shrink, minimise, minimize, maximise,
        maximize, eliminate, sustain, exceed, attain, surpass, beat, save, earn, generate, convert, acquire, attract,
        expand, accelerate, shorten, slash, trim, lessen, limit, cap, stay, remain, deflect, prevent, avoid, get,
        bring, push, speed, multiply, recover, scale, sell, close, sign, land, secure, renew, activate
        """

    static var outcomeVerbs: [String] { list(outcomeVerbText) }
    static let outcomeVerbSet = WordTable(list: outcomeVerbText)

    /// Outcome nouns: a metric in one of these units, or a count of them in the title, measures an outcome.
    static let outcomeNouns = WordTable(list: """
        user, customer, client, account, subscriber, subscription, visitor, signup, sign-up, registration, activation,
        install, download, conversion, lead, mql, sql, sal, opportunity, deal, order, purchase, sale, booking,
        transaction, revenue, arr, mrr, gmv, acv, tcv, arpu, arpa, ltv, cac, profit, margin, spend, cost, saving,
        savings, nps, csat, ces, score, rating, star, retention, churn, uptime, availability, latency, error,
        incident, outage, complaint, escalation, crash-free, referral, mention, impression, view, pageview, click,
        ctr, traffic, session, dau, mau, wau, team, seat, logo, listing, seller, buyer, patient, student, learner,
        attendee, registrant, applicant, contributor, adoption, engagement, satisfaction, productivity, throughput,
        velocity, accuracy, precision, recall, mttr, mttd, mtta, rps, qps, tps, slo, sla, sli, nines, installation,
        follower, fan, reader, listener, viewer, player, shopper, household, member-get-member, renewal, upsell,
        expansion, pipeline, funnel, bookings, headcount, turnover, attrition, enps, wellbeing, happiness, trust,
        reliability, performance, coverage, defect-rate, yield, occupancy, utilisation, utilization, share, rate
        """)

    /// Nouns that end a compound when the first word is a verb used as a noun ("Build time", "Deploy frequency").
    static let measureNouns = WordTable(list: """
        time, times, frequency, cadence, rate, rates, speed, duration, durations, success, quality, count, counts,
        size, cost, costs, velocity, throughput, latency, volume, readiness, score, scores, coverage, ratio, share,
        percentage, accuracy, adoption, usage, completion, conversion, retention, satisfaction, reliability,
        availability, uptime, stability, health, performance, efficiency, effectiveness, lag, delay, delays, wait,
        backlog, queue, capacity, budget, spend, spending, turnaround, attainment, adherence, uptake, yield, margin,
        churn, error, errors, failure, failures, flakiness, breakage, breakages, footprint, overhead, variance,
        slippage, predictability, sla, slo, slos, kpi, kpis, nps, csat, roi, mttr, mttd, mtta, p50, p75, p90, p95,
        p99, minutes, hours, days, length, value, revenue, sales, growth, engagement, turnover, attrition, precision,
        recall, window, cycle, numbers, load, headcount, lead-time, pass-rate, accuracy, depth, burn, consistency
        """)

    /// Verbs whose object is naturally a measure ("Track conversion rate"): a measure noun after them is their
    /// object, not a compound.
    static let observingVerbs = WordTable(list: """
        track, monitor, measure, report, document, analyse, analyze, review, benchmark, audit, survey, calculate,
        forecast, estimate, instrument, define, baseline, chart, visualise, visualize, publish, share, present,
        communicate, investigate, research, study, explain, assess, evaluate, examine, identify, determine,
        quantify, log, record, collect, gather, capture, compile, summarise, summarize, model, set, agree, align,
        expose, discuss, explore, map, profile, calibrate, check, inspect, understand, learn, fix, address, tackle,
        optimise, optimize, tune, stabilise, stabilize
        """)

    /// Verbs whose count is the work itself even when it counts customers or users ("Interview 20 customers").
    static let countsActivity = WordTable(list: """
        hire, recruit, staff, backfill, appoint, interview, survey, poll, call, email, contact, visit, meet, demo,
        pitch, present, train, coach, mentor, teach, host, hold, run, conduct, organise, organize, attend, write,
        publish, post, blog, tweet, send, invite, reach out, reach out to, meet with, talk to, speak with,
        sit down with, follow up, follow up with, shadow, canvass, brief, pilot
        """)

    /// Activity verbs whose participle or -ing form names a state, not delivered work ("used by 20 customers",
    /// "contributors engaged"), and verbs read only before an object.
    static let notStates: Set<String> = ["use", "engage", "align", "lead", "help", "support", "need", "target", "focus", "base", "market"]
    static let needObject: Set<String> = ["make", "do"]
    static let determiners: Set<String> = ["a", "an", "the", "our", "all", "every", "each", "its", "their", "this", "these", "new", "first"]
    static let beForms: Set<String> = ["is", "are", "was", "were", "be", "been", "being", "get", "gets", "got", "now", "fully", "all",
                                       "becomes", "become", "became"]
    static let progressive: Set<String> = ["are", "am", "is", "we're", "i'm"]
    /// Words before a number that give the scope of the work, not its outcome ("with 5 customers").
    static let scopeWords: Set<String> = ["with", "for", "to", "across", "among", "in", "at", "top"]
    /// What a team meets when it meets a target ("Meet quarterly hiring plans").
    static let targetNouns: Set<String> = ["target", "targets", "plan", "plans", "goal", "goals", "quota", "quotas", "sla", "slas",
                                           "slo", "slos", "deadline", "deadlines", "expectations", "demand", "budget", "commitments",
                                           "forecast", "objectives", "kpis", "benchmarks", "standards"]
    /// States that report work as done: "are in place", "is live", "plan complete".
    static let doneStates: Set<String> = ["in", "live", "done", "ready", "complete", "available"]
    /// Words between a measure and its number: "score of 4+", "retention to 40%", "latency under 200 ms".
    static let measureLinks: Set<String> = ["of", "at", "to", "above", "below", "under", "over", "is", "="]
    static let datePrepositions: Set<String> = ["by", "in", "on", "before", "until", "during", "this", "next", "for"]
    static let subjects: Set<String> = ["we", "i", "let's", "lets", "will", "shall", "must", "should", "to", "we'll", "i'll", "also", "then"]
    static let perfect: Set<String> = ["we've", "i've", "have", "has", "had"]
    static let adverbs = WordTable(list: adverbText)
    static let adverbText = """
        fully, successfully, finally, completely, quickly, jointly, formally, officially, publicly, properly,
        partially, proactively, continuously, regularly, consistently, systematically, gradually, incrementally,
        iteratively, actively, effectively, efficiently, safely, securely, reliably, independently, first, also,
        further, then, now, again
        """
    /// Words ending in -ly that are not adverbs before a verb.
    static let notAdverbs = WordTable(list: """
        daily, weekly, monthly, quarterly, yearly, hourly, biweekly, fortnightly, early, only, family, supply,
        apply, reply, rally, tally, assembly, multiply, comply, anomaly, butterfly, friendly, likely, lovely,
        costly, timely, italy, july, orderly, elderly, holy, nightly
        """)
    /// First words that may start an activity title without being a verb.
    static let startWords: [String] = Array(subjects.union(perfect)) + list(adverbText)

    /// Words that end a noun group.
    static let functionWords = WordTable(list: """
        the, a, an, our, their, its, his, her, my, your, this, that, these, those, to, for, of, in, on, at, by, with,
        from, into, onto, and, or, but, down, up, under, below, above, over, within, across, per, via, as, than,
        without, through, throughout, before, after, during, until, so, while, which, who, all, every, each, new, more,
        less, fewer, no, not, is, are, be, been, was, were, will, can, all, both, out, off, about, around, between,
        including, using, beyond, toward, towards, against, among, faster, quicker, sooner, then, when, where, if
        """)

    static let particles: Set<String> = ["out", "up", "off", "in", "on", "over", "down", "through", "together", "away"]
    static let timeUnits = WordTable(list: """
        ms, msec, millisecond, milliseconds, s, sec, secs, second, seconds, min, mins, minute, minutes, h, hr, hrs, hour,
        hours, d, day, days, wk, wks, week, weeks, mo, month, months, yr, yrs, year, years
        """)
    static let frequencyWords = WordTable(list: """
        daily, weekly, monthly, quarterly, yearly, annually, hourly, biweekly, bi-weekly, fortnightly, nightly,
        continuously, on-demand, twice, hourly
        """)
    static let comparatives: Set<String> = ["faster", "quicker", "sooner", "safer", "cheaper", "earlier", "quieter", "smaller", "leaner"]
    /// After "more" / "less" right after a verb: "Ship more often".
    static let manner: Set<String> = ["often", "frequently", "reliably", "quickly", "safely", "predictably", "consistently", "smoothly", "cheaply"]
    /// Words before an outcome verb that make it a purpose clause.
    static let purposeLinks: Set<String> = ["to", "and", "so", "that", "which", "thereby", "while", "by", "then"]
    /// Outcome verbs that carry their own quantity.
    static let multiplierVerbs: Set<String> = ["double", "halve", "triple", "quadruple"]
    static let numberWords = WordTable(list: """
        one, two, three, four, five, six, seven, eight, nine, ten, twenty, fifty, hundred, thousand, million, half,
        percent, zero
        """)

    // MARK: - Word forms

    /// "launches" -> "launch", "users" -> "user", "stories" -> "story".
    static func singular(_ w: String) -> String {
        if w.hasSuffix("ies") && w.utf8.count > 4 { return String(w.dropLast(3)) + "y" }
        if w.hasSuffix("sses") || w.hasSuffix("shes") || w.hasSuffix("ches") || w.hasSuffix("xes") { return String(w.dropLast(2)) }
        if w.hasSuffix("s") && !w.hasSuffix("ss") && w.utf8.count > 3 { return String(w.dropLast()) }
        return w
    }

    /// Irregular past forms and their bases, "form base".
    private static let irregularText = """
        built build, rebuilt rebuild, written write, wrote write, rewritten rewrite, rewrote rewrite, ran run,
        held hold, made make, done do, did do, redone redo, begun begin, drawn draw, sent send, led lead, bought buy,
        chosen choose, met meet, taught teach, rethought rethink, undertaken undertake, spun spin, stood stand,
        found find, taken take, took take, got get, gotten get, kept keep, grew grow, grown grow, won win,
        drove drive, driven drive, shrank shrink, shrunk shrink, sold sell, brought bring, beaten beat, gone go,
        went go, paid pay, laid lay, spoken speak, shut shut, set set, put put, cut cut, hit hit, split split,
        broadcast broadcast, forecast forecast, read read, learnt learn, sought seek, shown show
        """

    /// Irregular (form, base) pairs, and a table from each form to its base (flag = index + 1 in `irregularBases`).
    static let irregularPairs: [(form: String, base: String)] = {
        var out: [(form: String, base: String)] = []
        WordTable.forEachEntry(of: irregularText) { entry in
            guard let space = entry.firstIndex(of: 0x20) else { return }
            out.append((String(decoding: entry[entry.startIndex..<space], as: UTF8.self),
                        String(decoding: entry[(space + 1)..<entry.endIndex], as: UTF8.self)))
        }
        return out
    }()
    private static let irregularBases: [String] = irregularPairs.map(\.base)
    private static let irregularTable: WordTable = {
        var t = WordTable(capacity: irregularPairs.count)
        for (i, p) in irregularPairs.enumerated() { t.insert(p.form, flag: UInt8(i + 1)) }
        return t
    }()

    /// The base of an irregular form ("built" -> "build"), or nil.
    static func irregularBase(_ w: String) -> String? {
        let f = irregularTable.flags(w)
        return f == 0 ? nil : irregularBases[Int(f) - 1]
    }

    static func endsInEd(_ w: String) -> Bool { ends(w, 0x65, 0x64) }
    static func endsInIng(_ w: String) -> Bool {
        let u = w.utf8
        guard u.count > 4 else { return false }
        var it = u.reversed().makeIterator()
        return it.next() == 0x67 && it.next() == 0x6E && it.next() == 0x69
    }
    private static func ends(_ w: String, _ a: UInt8, _ b: UInt8) -> Bool {
        let u = w.utf8
        guard u.count > 3 else { return false }
        var it = u.reversed().makeIterator()
        return it.next() == b && it.next() == a
    }
    private static func drop(_ w: String, _ n: Int) -> String { String(decoding: w.utf8.dropLast(n), as: UTF8.self) }
    /// "shipp" -> "ship": a doubled final consonant.
    private static func undoubled(_ stem: String) -> String? {
        let u = Array(stem.utf8.suffix(2))
        guard u.count == 2, u[0] == u[1], !"aeiousl".utf8.contains(u[0]) else { return nil }
        return drop(stem, 1)
    }

    /// The base of a past form among those `ok` accepts: irregular ("built"), -ied ("applied"), -ed ("launched",
    /// "automated", "shipped").
    static func pastBase(_ w: String, _ ok: (String) -> Bool) -> String? {
        if endsInEd(w) {
            if w.utf8.count > 4, w.utf8.dropLast(2).last == 0x69 {
                let y = drop(w, 3) + "y"
                if ok(y) { return y }
            }
            let stem = drop(w, 2)
            if ok(stem) { return stem }
            if ok(stem + "e") { return stem + "e" }
            if let u = undoubled(stem), ok(u) { return u }
            return nil
        }
        if let b = irregularBase(w), ok(b) { return b }
        return nil
    }

    /// The base of an -ing form among those `ok` accepts: "launching", "automating", "shipping", "tying".
    static func ingBase(_ w: String, _ ok: (String) -> Bool) -> String? {
        guard endsInIng(w) else { return nil }
        let stem = drop(w, 3)
        if ok(stem) { return stem }
        if ok(stem + "e") { return stem + "e" }
        if let u = undoubled(stem), ok(u) { return u }
        if stem.hasSuffix("y"), case let ie = drop(stem, 1) + "ie", ok(ie) { return ie }
        return nil
    }

    /// The base of any form among those `ok` accepts: the word itself, -s / -es / -ies, -ing, -ed or irregular.
    static func anyBase(_ w: String, _ ok: (String) -> Bool) -> String? {
        if ok(w) { return w }
        let u = w.utf8
        if u.last == 0x73 && u.count > 2 {
            let s1 = drop(w, 1)
            if ok(s1) { return s1 }
            if ends(w, 0x65, 0x73) { let s2 = drop(w, 2); if ok(s2) { return s2 } }
            if w.hasSuffix("ies") { let y = drop(w, 3) + "y"; if ok(y) { return y } }
            return nil
        }
        return ingBase(w, ok) ?? pastBase(w, ok)
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var s = self[...]
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}
