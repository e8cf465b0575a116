/// A file `okrlint init` writes: text with `{{team}}`, `{{period}}`, `{{parent-comment}}` (the parent's objectives
/// listed in a comment, or nothing) and `{{aligns-N}}` (a line `- aligns: parent/ID` for objective N) to fill in.
public struct Template: Sendable {
    public let name: String
    public let summary: String
    public let text: String
}

/// The templates of `okrlint init`, one file each in this folder. `TemplateTests` lints each as written: no
/// finding at error level, alone and aligned to a parent.
public enum Templates {
    public static let all: [Template] = [team, company, radicalFocus, personal]
    public static var names: [String] { all.map(\.name) }

    public static func named(_ name: String) -> Template? { all.first { $0.name == name } }

    /// A team name as the format allows it (`team/O1` links name it): letters, digits, `.`, `_`, `-`.
    public static func isValidTeam(_ s: String) -> Bool {
        !s.isEmpty && s.utf8.count <= 100 && s.utf8.allSatisfy { b in
            (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || (b >= 0x30 && b <= 0x39) || b == 0x2E || b == 0x5F || b == 0x2D
        }
    }

    /// The quarter `today` falls in, as a period (`2026-Q4`).
    public static func currentQuarter(_ today: CalendarDate) -> String { "\(today.year)-Q\((today.month - 1) / 3 + 1)" }

    /// The template filled in. `parent`: the team aligned to and its objectives (ID and title), in file order;
    /// objective N of the template aligns to the parent's objective N (cycling when the parent has fewer).
    public static func render(_ t: Template, team: String, period: String, parent: (team: String, objectives: [(id: String, title: String)])?) -> String {
        var text = t.text.replacing("{{team}}", with: team).replacing("{{period}}", with: period)
        var comment = ""
        if let p = parent, !p.objectives.isEmpty {
            comment = "<!--\nObjectives of \(p.team) that this file's objectives can serve (`- aligns: \(p.team)/ID`):\n"
            for o in p.objectives {
                // A title holding `-->` would close the comment early, and one holding `--!>` closes it in HTML.
                comment += "  \(p.team)/\(o.id): \(SafeText.escape(o.title).replacing("-->", with: "- ->").replacing("--!>", with: "- -!>"))\n"
            }
            comment += "-->\n\n"
        }
        text = text.replacing("{{parent-comment}}", with: comment)
        for n in 1...9 {
            let key = "{{aligns-\(n)}}\n"
            guard text.contains(key) else { continue }
            var line = ""
            if let p = parent, !p.objectives.isEmpty {
                line = "- aligns: \(p.team)/\(p.objectives[(n - 1) % p.objectives.count].id)\n"
            }
            text = text.replacing(key, with: line + "\n")
        }
        return text
    }
}
