extension OutputClassifier {
    /// Verbs that bring people in, in every form a title writes them.
    static let hiringVerbs: Set<String> = [
        "hire", "hires", "hiring", "hired", "recruit", "recruits", "recruiting", "recruited",
        "staff", "staffing", "backfill", "backfilling",
    ]
    static let addVerbs: Set<String> = ["add", "adds", "adding", "added"]
    /// What a count of people is counted in: after "Add 3 ...", or as a metric's unit (`0 -> 3 hires`).
    static let peopleNouns: Set<String> = [
        "hire", "hires", "people", "person", "persons", "engineer", "engineers", "developer", "developers", "designer",
        "designers", "staff", "employee", "employees", "fte", "ftes", "headcount", "recruit", "recruits", "manager",
        "managers", "pm", "pms", "analyst", "analysts", "scientist", "scientists", "researcher", "researchers",
        "marketer", "marketers", "rep", "reps", "salespeople", "seller", "sellers", "writer", "writers", "coach",
        "coaches", "teacher", "teachers", "nurse", "nurses", "agent", "agents", "specialist", "specialists",
        "consultant", "consultants", "architect", "architects", "tester", "testers", "intern", "interns",
    ]

    /// A capacity key result: a count of people to bring in ("Hire 2 senior engineers and 1 designer", "Add 1 full
    /// time rust developer", "Recruit at least 5 nurses", or a hiring verb with a metric in hires or people). A single
    /// hire ("Hire a sales guy") is not a count: it stays a task.
    static func isCapacity(_ rawTitle: String, metricText: String?) -> Bool {
        let w = TitleWords(withoutMarkers(rawTitle))
        var i = 0
        while i < 2, w.isWord(i), TaskLexicon.subjects.contains(w[i]) { i += 1 }
        guard w.isWord(i) else { return false }
        let hiring = hiringVerbs.contains(w[i])
        guard hiring || addVerbs.contains(w[i]) else { return false }
        var j = i + 1
        if w[j] == "at" && (w[j + 1] == "least" || w[j + 1] == "most") { j += 2 }
        let counted = w.isNumber(j) || (w.isWord(j) && w[j] != "a" && w[j] != "an" && TaskLexicon.numberWords.contains(w[j]))
        if counted {
            if hiring { return true }
            // "Add 3 integrations" adds work: only people are capacity.
            var k = j + 1
            while k < min(w.count, j + 7) {
                if w.isWord(k), peopleNouns.contains(w[k]) { return true }
                if w[k] == "," || w[k] == "to" || w[k] == "for" { break }
                k += 1
            }
        }
        // "Hire the platform team" with `0 -> 4 hires`: the metric counts people.
        guard let metricText else { return false }
        let m = TitleWords(metricText)
        return (hiring || counted) && (0..<m.count).contains { m.isWord($0) && peopleNouns.contains(m[$0]) }
    }
}
