import AutoResponderCore

/// A configurable set of status values, compared normalized (case, accents, spaces, `_`/`-` ignored):
/// `In Progress`, `in_progress` and `in progress` are the same status.
struct StatusSet: Sendable {
    private let members: Set<String>

    init(_ statuses: [String]) {
        members = Set(statuses.map(TextNormalizer.normalize))
    }

    func contains(_ status: String) -> Bool {
        members.contains(TextNormalizer.normalize(status))
    }
}
