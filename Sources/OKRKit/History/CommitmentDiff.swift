/// `okrlint diff`: what changed in the commitments between two versions of the OKR files — objectives and key
/// results added, dropped or renamed (matched by ID), targets raised or eased, other metric changes, owners and
/// alignment changed, confidence dropped — for review in a pull request. Text, Markdown or JSON.
public struct CommitmentChange: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case fileAdded = "file-added", fileRemoved = "file-removed"
        case objectiveAdded = "objective-added", objectiveDropped = "objective-dropped", objectiveRenamed = "objective-renamed"
        case keyResultAdded = "key-result-added", keyResultDropped = "key-result-dropped", keyResultRenamed = "key-result-renamed"
        case targetRaised = "target-raised", targetEased = "target-eased", metricChanged = "metric-changed"
        case ownerChanged = "owner-changed", alignmentChanged = "alignment-changed", confidenceDropped = "confidence-dropped"

        /// The word shown in the text and Markdown formats.
        public var label: String {
            switch self {
            case .fileAdded: "new file"
            case .fileRemoved: "file removed"
            case .objectiveAdded, .keyResultAdded: "added"
            case .objectiveDropped, .keyResultDropped: "dropped"
            case .objectiveRenamed, .keyResultRenamed: "renamed"
            case .targetRaised: "raised"
            case .targetEased: "eased"
            case .metricChanged: "metric"
            case .ownerChanged: "owner"
            case .alignmentChanged: "aligns"
            case .confidenceDropped: "confidence"
            }
        }

        /// What `--fail-on` names: `eased` (targets eased), `dropped` (objectives or key results dropped, files
        /// removed), `changed` (anything).
        public func matches(_ group: String) -> Bool {
            switch group {
            case "eased": self == .targetEased
            case "dropped": self == .objectiveDropped || self == .keyResultDropped || self == .fileRemoved
            case "changed": true
            default: rawValue == group
            }
        }
    }

    public var kind: Kind
    public var path: String
    /// The objective or key result (`O1`, `KR1.2`); empty for a whole file.
    public var subject: String
    public var old: String?
    public var new: String?

    public init(_ kind: Kind, _ path: String, _ subject: String, old: String? = nil, new: String? = nil) {
        self.kind = kind
        self.path = path
        self.subject = subject
        self.old = old
        self.new = new
    }
}

public enum CommitmentDiff {
    public static let failGroups = ["eased", "dropped", "changed"]

    /// The changes from `old` to `new` of the file at `path` (nil: the file does not exist on that side).
    public static func compare(_ old: Document?, _ new: Document?, path: String) -> [CommitmentChange] {
        switch (old, new) {
        case (nil, nil): return []
        case (nil, let n?): return [CommitmentChange(.fileAdded, path, "", new: n.text(n.header.title))]
        case (let o?, nil): return [CommitmentChange(.fileRemoved, path, "", old: o.text(o.header.title))]
        case (let o?, let n?): return compareDocuments(o, n, path: path)
        }
    }

    struct ObjectiveView {
        var title: String
        var owner: String?
        var aligns: [String]
        var keyResults: [(id: String, kr: KeyResult)]
    }

    static func objectives(_ d: Document) -> [(id: String, view: ObjectiveView)] {
        var seen = Set<String>()
        return d.objectives.compactMap { o in
            guard let id = d.text(o.id), seen.insert(id).inserted else { return nil }
            var krSeen = Set<String>()
            let krs = o.keyResults.compactMap { k -> (id: String, kr: KeyResult)? in
                guard let kid = d.text(k.id), krSeen.insert(kid).inserted else { return nil }
                return (kid, k)
            }
            return (id, ObjectiveView(title: d.text(o.title), owner: d.text(o.owner), aligns: o.aligns.map(\.display).sorted(), keyResults: krs))
        }
    }

    static func compareDocuments(_ o: Document, _ n: Document, path: String) -> [CommitmentChange] {
        var out: [CommitmentChange] = []
        let before = objectives(o), after = objectives(n)
        let afterByID = Dictionary(after.map { ($0.id, $0.view) }, uniquingKeysWith: { a, _ in a })
        let beforeIDs = Set(before.map(\.id))
        for (id, b) in before {
            guard let a = afterByID[id] else {
                out.append(CommitmentChange(.objectiveDropped, path, id, old: b.title))
                for (kid, bk) in b.keyResults { out.append(CommitmentChange(.keyResultDropped, path, kid, old: o.text(bk.title))) }
                continue
            }
            if a.title != b.title { out.append(CommitmentChange(.objectiveRenamed, path, id, old: b.title, new: a.title)) }
            if a.owner != b.owner { out.append(CommitmentChange(.ownerChanged, path, id, old: b.owner, new: a.owner)) }
            if a.aligns != b.aligns {
                out.append(CommitmentChange(.alignmentChanged, path, id, old: b.aligns.joined(separator: ", "), new: a.aligns.joined(separator: ", ")))
            }
            let newKRs = Dictionary(a.keyResults.map { ($0.id, $0.kr) }, uniquingKeysWith: { x, _ in x })
            let oldIDs = Set(b.keyResults.map(\.id))
            for (kid, bk) in b.keyResults {
                guard let ak = newKRs[kid] else {
                    out.append(CommitmentChange(.keyResultDropped, path, kid, old: o.text(bk.title)))
                    continue
                }
                out += keyResult(kid, bk, in: o, ak, in: n, path: path)
            }
            for (kid, ak) in a.keyResults where !oldIDs.contains(kid) {
                out.append(CommitmentChange(.keyResultAdded, path, kid, new: n.text(ak.title)))
            }
        }
        for (id, a) in after where !beforeIDs.contains(id) {
            out.append(CommitmentChange(.objectiveAdded, path, id, new: a.title))
            for (kid, ak) in a.keyResults { out.append(CommitmentChange(.keyResultAdded, path, kid, new: n.text(ak.title))) }
        }
        return out
    }

    static func keyResult(_ id: String, _ b: KeyResult, in o: Document, _ a: KeyResult, in n: Document, path: String) -> [CommitmentChange] {
        var out: [CommitmentChange] = []
        if o.text(b.title) != n.text(a.title) { out.append(CommitmentChange(.keyResultRenamed, path, id, old: o.text(b.title), new: n.text(a.title))) }
        let bm = b.property("metric").map { o.text($0.value) }, am = a.property("metric").map { n.text($0.value) }
        if let x = b.metric, let y = a.metric, let eased = MovingGoalpostsRule.eased(from: x, to: y) {
            out.append(CommitmentChange(.targetEased, path, id, old: eased.old, new: eased.new))
        } else if let x = b.metric, let y = a.metric, let raised = MovingGoalpostsRule.eased(from: y, to: x) {
            // Eased the other way round is raised.
            out.append(CommitmentChange(.targetRaised, path, id, old: raised.new, new: raised.old))
        } else if bm?.trimmingSpaces != am?.trimmingSpaces {
            out.append(CommitmentChange(.metricChanged, path, id, old: bm, new: am))
        }
        if o.text(b.owner) != n.text(a.owner) { out.append(CommitmentChange(.ownerChanged, path, id, old: o.text(b.owner), new: n.text(a.owner))) }
        if let bc = latestConfidence(b, in: o), let ac = latestConfidence(a, in: n), ac < bc - 1e-9 {
            out.append(CommitmentChange(.confidenceDropped, path, id, old: formatNumber(bc), new: formatNumber(ac)))
        }
        return out
    }

    /// The latest confidence of a key result: its latest check-in's, else its own.
    static func latestConfidence(_ k: KeyResult, in d: Document) -> Double? {
        if let i = k.latestCheckIn, i < d.checkIns.count, let c = d.checkIns[i].confidence?.value { return c }
        return k.confidence?.value
    }

    // MARK: - Rendering

    public static func text(_ changes: [CommitmentChange], base: String) -> String {
        var out = "Commitment changes since \(SafeText.escape(base)):\n"
        guard !changes.isEmpty else { return out + "  none\n" }
        var path = ""
        for c in changes {
            if c.path != path {
                path = c.path
                out += "\n\(SafeText.escape(Path.clean(path)))\n"
            }
            let label = c.kind.label
            var line = "  " + label + String(repeating: " ", count: max(1, 12 - label.count))
            if !c.subject.isEmpty { line += SafeText.escape(c.subject) + " " }
            line += describe(c).map(SafeText.escape).joined()
            out += line + "\n"
        }
        return out + "\n" + summary(changes) + "\n"
    }

    static func describe(_ c: CommitmentChange) -> [String] {
        switch (c.old, c.new) {
        case (let o?, let n?): ["\(quote(o, c.kind)) -> \(quote(n, c.kind))"]
        case (let o?, nil): [c.kind == .ownerChanged || c.kind == .alignmentChanged ? "\(quote(o, c.kind)) -> none" : quote(o, c.kind)]
        case (nil, let n?): [c.kind == .ownerChanged || c.kind == .alignmentChanged ? "none -> \(quote(n, c.kind))" : quote(n, c.kind)]
        case (nil, nil): []
        }
    }

    static func quote(_ s: String, _ kind: CommitmentChange.Kind) -> String {
        switch kind {
        case .targetEased, .targetRaised, .metricChanged, .confidenceDropped, .ownerChanged, .alignmentChanged: s
        default: "\"\(s)\""
        }
    }

    static func summary(_ changes: [CommitmentChange]) -> String {
        var counts: [CommitmentChange.Kind: Int] = [:]
        for c in changes { counts[c.kind, default: 0] += 1 }
        let files = Set(changes.map(\.path)).count
        let parts = CommitmentChange.Kind.allCases.compactMap { k in counts[k].map { "\($0) \(k.rawValue)" } }
        return "\(changes.count) change\(changes.count == 1 ? "" : "s") in \(files) file\(files == 1 ? "" : "s"): " + parts.joined(separator: ", ")
    }

    public static func markdown(_ changes: [CommitmentChange], base: String) -> String {
        var out = "### OKR commitment changes since \(MarkdownText.codeSpan(base))\n\n"
        guard !changes.isEmpty else { return out + "No change to objectives, key results, targets, owners or alignment.\n" }
        let eased = changes.filter { $0.kind == .targetEased }.count
        if eased > 0 { out += "⚠️ **\(eased) target\(eased == 1 ? "" : "s") eased.**\n\n" }
        out += "| File | Change | What | Before | After |\n|---|---|---|---|---|\n"
        for c in changes {
            out += "| \(MarkdownText.codeSpan(Path.clean(c.path))) | \(c.kind.label) | \(MarkdownText.escapeInline(c.subject)) | "
            out += "\(c.old.map(MarkdownText.escapeInline) ?? "") | \(c.new.map(MarkdownText.escapeInline) ?? "") |\n"
        }
        return out + "\n" + summary(changes) + "\n"
    }

    public static func json(_ changes: [CommitmentChange], base: String) -> String {
        var w = JSONWriter()
        w.beginObject()
        w.string("base", base)
        w.beginArray("changes")
        for c in changes {
            w.beginObject()
            w.string("kind", c.kind.rawValue)
            w.string("path", c.path)
            w.string("subject", c.subject)
            w.optionalString("old", c.old)
            w.optionalString("new", c.new)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return w.take() + "\n"
    }
}
