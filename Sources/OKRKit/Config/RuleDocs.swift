/// Rule documentation generated from the rules' own descriptions: `okrlint rules`, `okrlint rule ID` and
/// `docs/rules.md` all come from here, so the docs cannot drift from the code.
public enum RuleDocs {
    /// How each preset changes a rule, e.g. `gitlab: max 3`.
    public static func presetNotes(_ rule: AnyRule) -> [String] {
        let d = rule.description
        var notes: [String] = []
        for name in Presets.names where name != "recommended" {
            guard let s = Presets.settings(name)?[d.id] else { continue }
            var parts: [String] = []
            if s.severity != d.defaultSeverity { parts.append(s.severity?.rawValue ?? "off") }
            for (k, v) in s.options.sorted(by: { $0.key < $1.key }) { parts.append("\(k) \(v)") }
            if !parts.isEmpty { notes.append("\(name): \(parts.joined(separator: ", "))") }
        }
        return notes
    }

    /// `okrlint rules`: one line per rule.
    public static func list(_ rules: [AnyRule] = Registry.all) -> String {
        let width = rules.map { $0.description.id.count }.max() ?? 20
        var out = "\(pad("RULE", width))  \(pad("DEFAULT", 7))  SUMMARY\n"
        for r in rules {
            let d = r.description
            out += "\(pad(d.id, width))  \(pad(d.defaultSeverity.rawValue, 7))  \(d.summary)\n"
            let notes = presetNotes(r)
            if !notes.isEmpty { out += "\(pad("", width))  \(pad("", 7))  presets: \(notes.joined(separator: "; "))\n" }
        }
        out += "\nAll rules are on in every preset; `okrlint rule ID` explains one.\n"
        return out
    }

    static func pad(_ s: String, _ n: Int) -> String { s + String(repeating: " ", count: max(0, n - s.count)) }

    /// `okrlint rule ID`: the rule's full documentation, in Markdown.
    public static func page(_ rule: AnyRule, headingLevel: Int = 1) -> String {
        let d = rule.description
        let h = String(repeating: "#", count: headingLevel)
        var out = "\(h) \(d.id)\n\n\(d.summary)\n\n"
        out += "Default severity: **\(d.defaultSeverity.rawValue)**.\n\n"
        out += "\(h)# Why\n\n\(d.rationale)\n\n"
        if !rule.options.isEmpty {
            out += "\(h)# Options\n\n| option | type | default | meaning |\n|---|---|---|---|\n"
            for o in rule.options {
                out += "| `\(o.name)` | \(o.defaultValue.typeName) | `\(o.defaultValue)` | \(o.summary) |\n"
            }
            out += "\n"
        }
        let notes = presetNotes(rule)
        if !notes.isEmpty { out += "Presets: \(notes.joined(separator: "; ")).\n\n" }
        out += "\(h)# Example that triggers it\n\n"
        out += fenced(d.triggering[0])
        out += "\(h)# Example that passes\n\n"
        out += fenced(d.passing[0])
        if let fix = d.fix, let c = d.corrections.first {
            out += "\(h)# Fix\n\n\(fix) `okrlint --fix` applies safe fixes, `--unsafe-fixes` the others.\n\n"
            out += fenced(RuleExample(c.before, options: c.options, today: c.today?.description))
            out += "becomes\n\n"
            out += fenced(RuleExample(c.after))
        }
        out += "\(h)# Configure\n\n```json\n{ \"rules\": { \"\(d.id)\": "
        if let o = rule.options.first {
            out += "{ \"severity\": \"\(d.defaultSeverity.rawValue)\", \"\(o.name)\": \(jsonValue(o.defaultValue)) } } }\n```\n"
        } else {
            out += "\"\(d.defaultSeverity.rawValue)\" } }\n```\n"
        }
        out += "\nSuppress one finding with `<!-- okrlint-disable-line \(d.id) -- reason -->` at the end of its line.\n"
        return out
    }

    static func fenced(_ e: RuleExample) -> String {
        // A history example shows each committed version, then the working tree.
        var before = ""
        for (i, v) in e.history.enumerated() {
            before += "Committed on \(v.date)\(i == 0 ? "" : " (then)"):\n\n" + fenced(RuleExample(v.text))
        }
        if !e.history.isEmpty { before += "Now (the working tree):\n\n" }
        var text = ""
        for ch in e.source.unicodeScalars where ch != "↓" { text.unicodeScalars.append(ch) }
        var header = ""
        if !e.options.isEmpty {
            header = "<!-- options: " + e.options.sorted { $0.key < $1.key }.map { "\($0.key) = \($0.value)" }.joined(separator: ", ") + " -->\n"
        }
        if let t = e.today { header += "<!-- checked on \(t) -->\n" }
        let body = text.hasSuffix("\n") ? text : text + "\n"
        return before + "```markdown\n\(header)\(body)```\n\n"
    }

    static func jsonValue(_ v: OptionValue) -> String {
        switch v {
        case .int(let i): String(i)
        case .double(let d): formatNumber(d)
        case .bool(let b): b ? "true" : "false"
        case .string(let s): JSONWriter.quote(s)
        case .strings(let a): "[" + a.map(JSONWriter.quote).joined(separator: ", ") + "]"
        }
    }

    /// The whole of `docs/rules.md`.
    public static func markdown(_ rules: [AnyRule] = Registry.all) -> String {
        var out = "# okrlint rules\n\n<!-- Generated by `okrlint rules --markdown` from the rules' descriptions; a test checks it is current. -->\n\n"
        out += "| rule | default | summary |\n|---|---|---|\n"
        for r in rules {
            let d = r.description
            out += "| [`\(d.id)`](#\(d.id)) | \(d.defaultSeverity.rawValue) | \(d.summary.replacingAll("|", with: "\\|")) |\n"
        }
        out += "\n`syntax-error` (the parser's findings, see Grammar.md) is always on and cannot be configured or suppressed.\n\n"
        for r in rules { out += page(r, headingLevel: 2) + "\n" }
        return out
    }
}

/// The JSON Schema of `.okrlint.json` (draft-07), generated from the rule registry so editors can complete and
/// validate configs. `okrlint schema` prints it; `okrlint.schema.json` is the committed copy.
public enum ConfigSchema {
    public static func generate(_ rules: [AnyRule] = Registry.all) -> String {
        var w = JSONWriter()
        w.beginObject()
        w.string("$schema", "http://json-schema.org/draft-07/schema#")
        w.string("$id", "\(okrlintInformationURI)/raw/main/okrlint.schema.json")
        w.string("title", "okrlint configuration (.okrlint.json)")
        w.string("type", "object")
        w.bool("additionalProperties", false)
        w.beginObject("definitions")
        w.beginObject("severity")
        w.beginArray("enum"); for s in ["off", "info", "warning", "error"] { w.string(nil, s) }; w.endArray()
        w.endObject()
        w.endObject()
        w.beginObject("properties")
        w.beginObject("$schema"); w.string("type", "string"); w.endObject()
        w.beginObject("extends")
        w.string("description", "A preset (\(Presets.names.joined(separator: ", "))) or a path to another config ending in .json, or a list of them.")
        w.beginArray("oneOf")
        w.beginObject(); w.string("type", "string"); w.endObject()
        w.beginObject(); w.string("type", "array"); w.beginObject("items"); w.string("type", "string"); w.endObject(); w.endObject()
        w.endArray()
        w.endObject()
        for key in ["include", "exclude"] {
            w.beginObject(key)
            w.string("description", key == "include" ? "Globs of files to check when walking folders." : "Globs of files and folders to skip when walking folders.")
            w.string("type", "array")
            w.beginObject("items"); w.string("type", "string"); w.int("minLength", 1); w.endObject()
            w.endObject()
        }
        w.beginObject("today")
        w.string("description", "A fixed date for time-based rules, YYYY-MM-DD.")
        w.string("type", "string")
        w.string("pattern", "^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
        w.endObject()
        w.beginObject("fiscal-year-start")
        w.string("description", "The month the fiscal year starts in (1-12 or a month name), for periods such as FY2021-Q2.")
        w.beginArray("oneOf")
        w.beginObject(); w.string("type", "integer"); w.int("minimum", 1); w.int("maximum", 12); w.endObject()
        w.beginObject(); w.string("type", "string"); w.endObject()
        w.endArray()
        w.endObject()
        w.beginObject("fiscal-year-named-by")
        w.string("description", "Whether FY2021 is the fiscal year that ends in 2021 (\"end\", the default) or starts in 2021 (\"start\").")
        w.beginArray("enum"); w.string(nil, "end"); w.string(nil, "start"); w.endArray()
        w.endObject()
        w.beginObject("root"); w.string("description", "Marks the workspace root."); w.string("type", "boolean"); w.endObject()
        w.beginObject("rules")
        w.string("type", "object")
        w.bool("additionalProperties", false)
        w.beginObject("properties")
        for r in rules {
            let d = r.description
            w.beginObject(d.id)
            w.string("description", "\(d.summary) Default: \(d.defaultSeverity.rawValue).")
            w.beginArray("oneOf")
            w.beginObject(); w.string("$ref", "#/definitions/severity"); w.endObject()
            w.beginObject()
            w.string("type", "object")
            w.bool("additionalProperties", false)
            w.beginObject("properties")
            w.beginObject("severity"); w.string("$ref", "#/definitions/severity"); w.endObject()
            for o in r.options {
                w.beginObject(o.name)
                w.string("description", "\(o.summary) Default: \(o.defaultValue).")
                switch o.defaultValue {
                case .int: w.string("type", "integer"); w.int("minimum", 0)
                case .double: w.string("type", "number")
                case .bool: w.string("type", "boolean")
                case .string: w.string("type", "string")
                case .strings: w.string("type", "array"); w.beginObject("items"); w.string("type", "string"); w.endObject()
                }
                w.endObject()
            }
            w.endObject()
            w.endObject()
            w.endArray()
            w.endObject()
        }
        w.endObject()
        w.endObject()
        w.endObject()
        w.endObject()
        return w.output + "\n"
    }
}
