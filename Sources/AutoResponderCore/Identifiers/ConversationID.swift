/// A conversation of the chats API (`"754893"`). The chats API lists them as numbers; use ``init(_:)-(Int)`` for those.
///
/// Validated on creation (see ``IdentifierError``): 1 to 64 ASCII letters, digits, `-`, `_`, `.`, `:`.
public struct ConversationID: ValidatedIdentifier {
    /// The name of this kind of identifier in messages.
    public static let kind = "conversation id"

    /// The validated value, as upstream spells it.
    public let rawValue: String

    /// Wraps a validated value; parse upstream strings with `init(_:)`.
    public init(validated rawValue: String) { self.rawValue = rawValue }

    /// Creates the identifier from the number the chats API's `/conversations` lists.
    /// - Throws: ``IdentifierError`` if `number` is negative.
    public init(_ number: Int) throws(IdentifierError) {
        guard number >= 0 else {
            throw IdentifierError(code: .invalidCharacter, kind: Self.kind, value: String(number))
        }
        self.rawValue = String(number)
    }
}
