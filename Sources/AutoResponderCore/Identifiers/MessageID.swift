/// A message of a conversation (`message_id`), e.g. `"754893-0"`. Ordered naturally (`-2` before `-10`).
///
/// Validated on creation (see ``IdentifierError``): 1 to 64 ASCII letters, digits, `-`, `_`, `.`, `:`.
public struct MessageID: ValidatedIdentifier {
    /// The name of this kind of identifier in messages.
    public static let kind = "message id"

    /// The validated value, as upstream spells it.
    public let rawValue: String

    /// Wraps a validated value; parse upstream strings with `init(_:)`.
    public init(validated rawValue: String) { self.rawValue = rawValue }
}
