/// A conversation of the chats API (`"754893"`). The chats API lists them as numbers; use ``init(_:)-(Int)`` for those.
///
/// Validated on creation (see ``IdentifierError``): 1 to 64 ASCII letters, digits, `-`, `_`, `.`, `:`.
public struct ConversationID: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    /// The name of this kind of identifier in messages.
    public static let kind = "conversation id"

    /// The validated value, as upstream spells it.
    public let rawValue: String

    /// Parses an upstream string.
    /// - Throws: ``IdentifierError`` if `rawValue` is empty, too long or holds a character outside
    ///   the conservative set.
    public init(_ rawValue: String) throws(IdentifierError) {
        self.rawValue = try IdentifierSyntax.validate(rawValue, kind: Self.kind)
    }

    /// Creates the identifier from the number the chats API's `/conversations` lists.
    /// - Throws: ``IdentifierError`` if `number` is negative.
    public init(_ number: Int) throws(IdentifierError) {
        guard number >= 0 else {
            throw IdentifierError(code: .invalidCharacter, kind: Self.kind, value: String(number))
        }
        self.rawValue = String(number)
    }

    /// Decodes a JSON/YAML string and validates it.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        try self.init(container.decode(String.self))
    }

    /// Encodes the raw value as a string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// Natural order: digit runs compare by value (`754893-2` < `754893-10`).
    public static func < (lhs: Self, rhs: Self) -> Bool {
        NaturalOrder.isOrderedBefore(lhs.rawValue, rhs.rawValue)
    }

    /// The raw value.
    public var description: String { rawValue }
}
