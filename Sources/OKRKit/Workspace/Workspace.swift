/// All documents checked together. Rules read other files through it (alignment, IDs across teams).
public struct Workspace: Sendable {
    public var documents: [Document]

    public init(documents: [Document]) {
        self.documents = documents
    }

    /// Documents whose header names `team`.
    public func documents(ofTeam team: String) -> [Document] {
        documents.filter { $0.header.team?.value == team }
    }
}
