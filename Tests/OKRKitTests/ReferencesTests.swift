import Testing
@testable import OKRKit

/// The parser resolves IDs inside a file (`Document.resolveReferences`): check-ins and `kr:` references to their key
/// result, each key result's latest check-in, repeated key result IDs. Compared with a plain model built from strings.
struct ReferencesTests {
    static let header = "# T\n- okr: 1\n- team: t\n- period: 2026-Q4\n\n"

    @Test func checkInsAndReferencesFindTheirKeyResult() {
        let doc = Parser.parse(path: "x.okr", text: Self.header + """
        ## O1: A
        ### KR1.1: a
        - metric: 0 -> 10 x
        - [ ] work kr:KR1.2
        ### KR1.2: b
        - metric: 0 -> 10 x

        ## Initiatives
        - [ ] other kr:KR9.9
        - [ ] more kr:KR1.1

        ## Check-ins
        - 2026-10-05 KR1.1: 3 x
        - 2026-11-02 KR1.1: 5 x
        - 2026-11-02 KR1.1: 6 x
        - 2026-10-20 KR1.1: 9 x
        - 2026-10-01 KR1.2: 1 x
        - 2026-10-01 KR7: 1 x
        """)
        let kr11 = KeyResultIndex(objective: 0, keyResult: 0), kr12 = KeyResultIndex(objective: 0, keyResult: 1)
        #expect(doc.checkIns.map(\.keyResult) == [kr11, kr11, kr11, kr11, kr12, nil])
        // Latest by date; on the same date the later line.
        #expect(doc.objectives[0].keyResults[0].latestCheckIn == 2)
        #expect(doc.latestCheckIn(of: doc.objectives[0].keyResults[0])?.value?.value == 6)
        #expect(doc.objectives[0].keyResults[1].latestCheckIn == 4)
        #expect(doc.objectives[0].keyResults[0].initiatives[0].keyResult == kr12)
        #expect(doc.initiatives.map(\.keyResult) == [nil, kr11])
        #expect(doc.objectives[0].keyResults.allSatisfy { $0.repeatsIDOf == nil })
    }

    @Test func aRepeatedIDBelongsToTheFirstKeyResult() {
        let doc = Parser.parse(path: "x.okr", text: Self.header + """
        ## O1: A
        ### KR1: a
        ## O2: B
        ### KR1: b
        ### KR2: c

        ## Check-ins
        - 2026-10-05 KR1: 3
        """)
        let first = KeyResultIndex(objective: 0, keyResult: 0)
        #expect(doc.checkIns[0].keyResult == first)
        #expect(doc.objectives[1].keyResults[0].repeatsIDOf == first)
        #expect(doc.objectives[1].keyResults[1].repeatsIDOf == nil)
        // Both key results with the ID read the same latest check-in, as progress did when it was looked up by ID.
        #expect(doc.objectives[0].keyResults[0].latestCheckIn == 0)
        #expect(doc.objectives[1].keyResults[0].latestCheckIn == 0)
        let findings = Linter(today: CalendarDate("2026-11-25")!).lint(doc).filter { $0.ruleID == "duplicate-id" }
        #expect(findings.map(\.message) == ["key result ID KR1 is already used on line 7"])
    }

    /// Random files with few and many key results (the table and the linear search), repeated IDs, IDs that differ
    /// only in case or by a prefix, non-ASCII IDs and unknown IDs; the resolution must equal the model's.
    @Test(arguments: 0..<40)
    func resolutionEqualsAModelBuiltFromStrings(_ seed: Int) {
        var rng = SplitMix(seed: UInt64(seed) &+ 7)
        let pool = ["K1", "K2", "k1", "K10", "K1.1", "KR\u{E9}", "K\u{00FF}", "X", "K1x", "KR1.2"]
        var text = Self.header
        let objectives = 1 + Int(rng.next() % 4)
        let perObjective = seed % 2 == 0 ? 3 : 9
        for o in 0..<objectives {
            text += "## O\(o + 1): A\n"
            for _ in 0..<(1 + Int(rng.next() % UInt64(perObjective))) {
                text += "### \(pool[Int(rng.next() % UInt64(pool.count))]): t\n- [ ] w kr:\(pool[Int(rng.next() % UInt64(pool.count))])\n"
            }
        }
        text += "## Check-ins\n"
        for _ in 0..<Int(rng.next() % 30) {
            text += "- 2026-1\(rng.next() % 3)-0\(1 + rng.next() % 9) \(pool[Int(rng.next() % UInt64(pool.count))]): 1\n"
        }
        let doc = Parser.parse(path: "x.okr", text: text)
        // The model: first key result per ID string, latest check-in per ID string.
        var firstByID: [String: KeyResultIndex] = [:]
        for (oi, o) in doc.objectives.enumerated() {
            for (ki, kr) in o.keyResults.enumerated() {
                if let id = doc.text(kr.id), firstByID[id] == nil { firstByID[id] = KeyResultIndex(objective: oi, keyResult: ki) }
            }
        }
        var latest: [String: Int] = [:]
        for (ci, c) in doc.checkIns.enumerated() {
            let id = doc.text(c.keyResultID)
            #expect(c.keyResult == firstByID[id], "check-in \(ci) names \(id)")
            guard firstByID[id] != nil, let d = c.date?.value else { continue }
            if let p = latest[id], let pd = doc.checkIns[p].date?.value, pd > d { continue }
            latest[id] = ci
        }
        for (oi, o) in doc.objectives.enumerated() {
            for (ki, kr) in o.keyResults.enumerated() {
                guard let id = doc.text(kr.id) else { continue }
                #expect(kr.latestCheckIn == latest[id])
                let first = firstByID[id]!
                #expect(kr.repeatsIDOf == (first == KeyResultIndex(objective: oi, keyResult: ki) ? nil : first))
                for i in kr.initiatives { #expect(i.keyResult == i.keyResultRef.flatMap { firstByID[doc.text($0)] }) }
            }
        }
    }
}
