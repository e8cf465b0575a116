/// Named rule sets after their sources. Each is a map from rule id to a setting applied over the rules' defaults.
///
/// - `recommended` (the default): every rule at its own default severity and options (4 objectives, 2–5 KRs).
/// - `strict`: every rule on, one level louder (info -> warning, warning -> error).
/// - `google`: Google re:Work "Set goals with OKRs": pick 3 to 5 objectives, around three key results each
///   (max 5 objectives, 2–4 KRs).
/// - `gitlab`: GitLab handbook: "no more than 3 Objectives", each "measurable by up to three key results", one DRI per
///   objective, KRs written "from x to y" (max 3 objectives, 1–3 KRs, missing owners and unmeasurable KRs are errors).
/// - `radical-focus`: Christina Wodtke, Radical Focus: one objective with three key results, weekly check-ins
///   (max 1 objective, exactly 3 KRs, stale after 7 days).
public enum Presets {
    public static let names = ["recommended", "strict", "google", "gitlab", "radical-focus"]

    public static let sources: [String: String] = [
        "recommended": "okrlint's defaults: the seed article (five or six objectives dilute focus), re:Work and Doerr (3-5 KRs).",
        "strict": "every rule on, warnings as errors and infos as warnings.",
        "google": "Google re:Work, \"Set goals with OKRs\": 3-5 objectives, around three key results each.",
        "gitlab": "GitLab handbook, OKRs: no more than 3 objectives, up to three key results, one DRI, KRs \"from x to y\".",
        "radical-focus": "Christina Wodtke, Radical Focus: one objective, three key results, weekly check-ins.",
    ]

    /// The settings of a preset over `rules`, or nil for an unknown name.
    public static func settings(_ name: String, rules: [AnyRule] = Registry.all) -> [String: RuleSetting]? {
        func set(_ id: String, _ severity: Severity?, _ options: [String: OptionValue] = [:]) -> (String, RuleSetting) {
            let d = rules.first { $0.description.id == id }?.description
            return (id, RuleSetting(severity: severity ?? d?.defaultSeverity, options: options))
        }
        switch name {
        case "recommended":
            return [:]
        case "strict":
            var s: [String: RuleSetting] = [:]
            for r in rules {
                let d = r.description
                s[d.id] = RuleSetting(severity: d.defaultSeverity == .info ? .warning : .error)
            }
            return s
        case "google":
            return Dictionary(uniqueKeysWithValues: [
                set("too-many-objectives", nil, ["max": .int(5)]),
                set("too-many-key-results", nil, ["max": .int(4)]),
                set("too-few-key-results", nil, ["min": .int(2)]),
            ])
        case "gitlab":
            return Dictionary(uniqueKeysWithValues: [
                set("too-many-objectives", nil, ["max": .int(3)]),
                set("too-many-key-results", nil, ["max": .int(3)]),
                set("too-few-key-results", nil, ["min": .int(1)]),
                set("missing-owner", .error),
                set("unmeasurable-key-result", .error),
            ])
        case "radical-focus":
            return Dictionary(uniqueKeysWithValues: [
                set("too-many-objectives", nil, ["max": .int(1)]),
                set("too-many-key-results", nil, ["max": .int(3)]),
                set("too-few-key-results", nil, ["min": .int(3)]),
                set("stale-check-in", nil, ["max-days": .int(7), "grace-days": .int(7)]),
            ])
        default:
            return nil
        }
    }
}
