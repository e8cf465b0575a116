/// A rule's options as a struct: its fields hold the defaults, `fields` names each option a config may set, and
/// `prepare` derives what `check` reads fast. The linter decodes a config's values into it once; `check` reads
/// `context.options.max`, a stored field, never a name.
///
///     struct Options: RuleOptions {
///         var max = 4
///         static let fields: [OptionField<Options>] = [.int("max", \.max, "Most objectives allowed in one file.")]
///     }
public protocol RuleOptions: Sendable {
    /// The defaults.
    init()
    /// Every option a config may set, in the order the docs list them: the one place an option's name, type
    /// (from its field), default (from `init()`) and summary are declared.
    static var fields: [OptionField<Self>] { get }
    /// Work on the decoded fields done once per linter instead of once per file (word lists hashed, say), kept in
    /// fields of its own. Called after decoding, also when the config sets nothing.
    mutating func prepare()
}

extension RuleOptions {
    public mutating func prepare() {}

    /// The options for docs, the schema and config validation: name, default value (its type) and summary.
    public static var documentation: [RuleOption] {
        let defaults = Self()
        return fields.map { RuleOption($0.name, $0.value(in: defaults), $0.summary) }
    }

    /// The defaults with `values` set, prepared. Strict: a name `fields` does not declare, or a value of another
    /// type, is an error (the first in name order).
    public static func decode(_ values: [String: OptionValue]) throws(OptionError) -> Self {
        var options = Self()
        for name in values.keys.sorted() {
            guard let field = fields.first(where: { $0.name == name }) else {
                throw .unknown(name: name, known: fields.map(\.name))
            }
            guard field.set(values[name]!, in: &options) else {
                throw .wrongType(name: name, expected: field.value(in: options).typeName, got: values[name]!.typeName)
            }
        }
        options.prepare()
        return options
    }

    /// `decode`, keeping the default of an option it cannot set: what the linter does with settings a config
    /// loader has already validated against `fields` (and presets and tests check themselves).
    static func decodeLeniently(_ values: [String: OptionValue]) -> Self {
        var options = Self()
        if !values.isEmpty {
            for field in fields {
                if let v = values[field.name] { _ = field.set(v, in: &options) }
            }
        }
        options.prepare()
        return options
    }
}

/// The options of a rule that has none.
public struct NoOptions: RuleOptions {
    public init() {}
    public static var fields: [OptionField<NoOptions>] { [] }
}

/// Why option values do not decode.
public enum OptionError: Error, Sendable, Hashable, CustomStringConvertible {
    case unknown(name: String, known: [String])
    case wrongType(name: String, expected: String, got: String)

    public var description: String {
        switch self {
        case .unknown(let name, let known):
            let hint = Suggest.closest(to: name, in: known).map { "; did you mean `\($0)`?" } ?? ""
            return "no option `\(name)`\(hint) (\(known.isEmpty ? "it has none" : "options: " + known.joined(separator: ", ")))"
        case .wrongType(let name, let expected, let got):
            return "option `\(name)` is \(expected), not \(got)"
        }
    }
}

/// One option of a rule: its name and summary, and the field of the rule's `Options` it sets (whose type is the
/// option's type).
public struct OptionField<Options>: Sendable {
    public let name: String
    public let summary: String
    let slot: Slot

    enum Slot: Sendable {
        case int(WritableKeyPath<Options, Int> & Sendable)
        case double(WritableKeyPath<Options, Double> & Sendable)
        case bool(WritableKeyPath<Options, Bool> & Sendable)
        case string(WritableKeyPath<Options, String> & Sendable)
        case strings(WritableKeyPath<Options, [String]> & Sendable)
    }

    public static func int(_ name: String, _ field: WritableKeyPath<Options, Int> & Sendable, _ summary: String) -> Self {
        Self(name: name, summary: summary, slot: .int(field))
    }
    public static func double(_ name: String, _ field: WritableKeyPath<Options, Double> & Sendable, _ summary: String) -> Self {
        Self(name: name, summary: summary, slot: .double(field))
    }
    public static func bool(_ name: String, _ field: WritableKeyPath<Options, Bool> & Sendable, _ summary: String) -> Self {
        Self(name: name, summary: summary, slot: .bool(field))
    }
    public static func string(_ name: String, _ field: WritableKeyPath<Options, String> & Sendable, _ summary: String) -> Self {
        Self(name: name, summary: summary, slot: .string(field))
    }
    public static func strings(_ name: String, _ field: WritableKeyPath<Options, [String]> & Sendable, _ summary: String) -> Self {
        Self(name: name, summary: summary, slot: .strings(field))
    }

    /// The field's value in `options`.
    public func value(in options: Options) -> OptionValue {
        switch slot {
        case .int(let k): .int(options[keyPath: k])
        case .double(let k): .double(options[keyPath: k])
        case .bool(let k): .bool(options[keyPath: k])
        case .string(let k): .string(options[keyPath: k])
        case .strings(let k): .strings(options[keyPath: k])
        }
    }

    /// Sets the field to `value`; false (and nothing set) when `value` is of another type. A number option takes
    /// an integer, and an integer option a whole number.
    func set(_ value: OptionValue, in options: inout Options) -> Bool {
        switch (slot, value) {
        case (.int(let k), .int(let v)): options[keyPath: k] = v
        case (.int(let k), .double(let v)):
            guard let n = Int(exactly: v) else { return false }
            options[keyPath: k] = n
        case (.double(let k), .double(let v)): options[keyPath: k] = v
        case (.double(let k), .int(let v)): options[keyPath: k] = Double(v)
        case (.bool(let k), .bool(let v)): options[keyPath: k] = v
        case (.string(let k), .string(let v)): options[keyPath: k] = v
        case (.strings(let k), .strings(let v)): options[keyPath: k] = v
        default: return false
        }
        return true
    }
}
