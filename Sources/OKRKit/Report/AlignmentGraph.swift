/// `okrlint graph`: the alignment of a workspace as a Mermaid flowchart (for GitHub Markdown) or a Graphviz DOT graph.
/// Objectives are nodes in a box per file, coloured by the band of their rolled-up progress (Google's: below 0.4
/// red, below 0.7 yellow, else green; grey without progress); each `aligns` link is an edge from the child up to
/// the parent. Objectives the run reports as `unaligned-objective` get a dashed red border, those it reports as
/// `unsupported-objective` a thick one, so the graph says what `okrlint` says, with the same config. With
/// `keyResults`, key results are nodes under their objective and a link to a key result ends at it.
///
/// Every piece of text from a file reaches the output escaped for its format (`mermaidText`, `dotText`): a title
/// cannot close a label, start a statement or carry a control character.
public struct AlignmentGraph: Sendable {
    public enum Format: String, Sendable, CaseIterable { case mermaid, dot }

    public let workspace: Workspace
    /// Objectives reported as aligned to nothing, and parent objectives no one supports.
    var unaligned = Set<ObjectiveRef>()
    var unsupported = Set<ObjectiveRef>()
    public var keyResults = false

    /// `findings`: the run's findings by file path (only the two alignment rules are read).
    public init(workspace: Workspace, findings: [String: [Diagnostic]], keyResults: Bool = false) {
        self.workspace = workspace
        self.keyResults = keyResults
        for (di, d) in workspace.documents.enumerated() {
            guard let list = findings[d.path] else { continue }
            for f in list where f.ruleID == "unaligned-objective" || f.ruleID == "unsupported-objective" {
                // The rules point at the objective's ID, or at its heading when it has none.
                guard let oi = d.objectiveIndex(atHeading: f.range.start) else { continue }
                let r = ObjectiveRef(document: di, objective: oi)
                if f.ruleID == "unaligned-objective" { unaligned.insert(r) } else { unsupported.insert(r) }
            }
        }
    }

    public func render(_ format: Format) -> String {
        switch format {
        case .mermaid: mermaid()
        case .dot: dot()
        }
    }

    // MARK: - What is drawn

    struct Node {
        var id: String
        var label: [String]
        var band: Band?
        var unaligned = false
        var unsupported = false
    }

    struct Cluster {
        var id: String
        var label: String
        var nodes: [Node]
    }

    static let maxTitle = 60

    func clusters() -> [Cluster] {
        workspace.documents.enumerated().map { di, d in
            var nodes: [Node] = []
            for (oi, o) in d.objectives.enumerated() {
                let r = ObjectiveRef(document: di, objective: oi)
                let p = workspace.rolledUp(r)
                nodes.append(Node(id: Self.objectiveNode(r), label: [Self.heading(o.id?.value, o.title), Self.progressText(p)],
                                  band: p.map(Band.init), unaligned: unaligned.contains(r), unsupported: unsupported.contains(r)))
                guard keyResults else { continue }
                for (k, kr) in o.keyResults.enumerated() {
                    nodes.append(Node(id: Self.keyResultNode(r, k), label: [kr.id ?? "key result \(k + 1)", Self.progressText(kr.progress)],
                                      band: kr.progress.map(Band.init)))
                }
            }
            let label = [d.team ?? Path.name(d.path), d.periodText].compactMap { $0 }.joined(separator: " · ")
            return Cluster(id: "f\(di)", label: label, nodes: nodes)
        }
    }

    /// Child -> parent edges, once each; with key results shown, key result -> objective edges too.
    func edges() -> [(String, String)] {
        var out: [(String, String)] = []
        var seen = Set<String>()
        for l in workspace.links {
            guard let parent = l.parent, parent != l.child else { continue }
            let to = keyResults && l.parentKeyResult != nil ? Self.keyResultNode(parent, l.parentKeyResult!) : Self.objectiveNode(parent)
            let from = Self.objectiveNode(l.child)
            if seen.insert(from + ">" + to).inserted { out.append((from, to)) }
        }
        if keyResults {
            for (di, d) in workspace.documents.enumerated() {
                for (oi, o) in d.objectives.enumerated() {
                    let r = ObjectiveRef(document: di, objective: oi)
                    for k in o.keyResults.indices { out.append((Self.keyResultNode(r, k), Self.objectiveNode(r))) }
                }
            }
        }
        return out
    }

    static func objectiveNode(_ r: ObjectiveRef) -> String { "o\(r.document)_\(r.objective)" }
    static func keyResultNode(_ r: ObjectiveRef, _ k: Int) -> String { "k\(r.document)_\(r.objective)_\(k)" }

    static func heading(_ id: String?, _ title: String) -> String {
        let t = title.unicodeScalars.count > maxTitle ? String(String.UnicodeScalarView(title.unicodeScalars.prefix(maxTitle - 1))) + "…" : title
        return id.map { "\($0): \(t)" } ?? t
    }

    static func progressText(_ p: Double?) -> String {
        guard let p else { return "no progress" }
        return "\(Int((p * 100).rounded()))%"
    }

    static let fills: [Band: String] = [.red: "#ffcdd2", .yellow: "#fff3c4", .green: "#c8e6c9"]
    static let noProgressFill = "#eeeeee"

    // MARK: - Mermaid

    func mermaid() -> String {
        var out = "```mermaid\nflowchart BT\n"
        for c in clusters() {
            out += "  subgraph \(c.id)[\"\(Self.mermaidText(c.label))\"]\n"
            for n in c.nodes {
                out += "    \(n.id)[\"\(n.label.map(Self.mermaidText).joined(separator: "<br/>"))\"]\n"
            }
            out += "  end\n"
        }
        for (a, b) in edges() { out += "  \(a) --> \(b)\n" }
        out += "  classDef red fill:\(Self.fills[.red]!),stroke:#b71c1c,color:#000\n"
        out += "  classDef yellow fill:\(Self.fills[.yellow]!),stroke:#8d6e00,color:#000\n"
        out += "  classDef green fill:\(Self.fills[.green]!),stroke:#1b5e20,color:#000\n"
        out += "  classDef none fill:\(Self.noProgressFill),stroke:#616161,color:#000\n"
        out += "  classDef unaligned stroke:#b71c1c,stroke-width:2px,stroke-dasharray:5 5\n"
        out += "  classDef unsupported stroke:#b71c1c,stroke-width:4px\n"
        for c in clusters() {
            for n in c.nodes {
                out += "  class \(n.id) \(n.band?.rawValue ?? "none")\n"
                if n.unaligned { out += "  class \(n.id) unaligned\n" }
                if n.unsupported { out += "  class \(n.id) unsupported\n" }
            }
        }
        return out + "```\n"
    }

    /// Text inside a quoted Mermaid label: letters, digits and plain punctuation as they are, everything else as a
    /// numeric entity (`#35;`), which Mermaid decodes; control characters are left out. Nothing can end the label.
    static func mermaidText(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            let v = u.value
            if SafeText.isUnsafe(v) { continue }
            let plain = (v >= 0x30 && v <= 0x39) || ((v | 0x20) >= 0x61 && (v | 0x20) <= 0x7A) || " .,:/()@+-_'!?·…".unicodeScalars.contains(u)
                || (v >= 0xA0 && !(v >= 0xFFF0))
            if plain { out.unicodeScalars.append(u) } else { out += "#\(v);" }
        }
        return out
    }

    // MARK: - Graphviz

    func dot() -> String {
        var out = "digraph okr {\n  rankdir=BT;\n  graph [fontname=\"Helvetica\"];\n  edge [color=\"#555555\"];\n  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fillcolor=\"\(Self.noProgressFill)\"];\n"
        for c in clusters() {
            out += "  subgraph cluster_\(c.id) {\n    label=\"\(Self.dotText(c.label))\";\n    style=rounded;\n"
            for n in c.nodes {
                var attrs = ["label=\"\(n.label.map(Self.dotText).joined(separator: "\\n"))\""]
                attrs.append("fillcolor=\"\(n.band.flatMap { Self.fills[$0] } ?? Self.noProgressFill)\"")
                attrs.append("tooltip=\"\(n.band.map { "band: \($0.rawValue)" } ?? "no progress")\"")
                if n.unaligned { attrs.append("style=\"rounded,filled,dashed\""); attrs.append("color=\"#b71c1c\""); attrs.append("penwidth=2") }
                if n.unsupported { attrs.append("color=\"#b71c1c\""); attrs.append("penwidth=3"); attrs.append("peripheries=2") }
                out += "    \(n.id) [\(attrs.joined(separator: ", "))];\n"
            }
            out += "  }\n"
        }
        for (a, b) in edges() { out += "  \(a) -> \(b);\n" }
        return out + "}\n"
    }

    /// Text inside a quoted DOT string: `"` and `\` escaped (so Graphviz's `\N`-style escapes cannot be formed),
    /// control characters left out.
    static func dotText(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            if SafeText.isUnsafe(u.value) { continue }
            if u == "\"" || u == "\\" { out += "\\" }
            out.unicodeScalars.append(u)
        }
        return out
    }
}
