/// The one list of rules. Order is the order of `okrlint rules` and the docs.
public enum Registry {
    public static let all: [any Rule] = [
    ]

    public static func rule(_ id: String) -> (any Rule)? {
        all.first { $0.description.id == id }
    }

    public static var ids: [String] { all.map { $0.description.id } }
}
