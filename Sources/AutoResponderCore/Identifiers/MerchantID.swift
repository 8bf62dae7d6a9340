/// A merchant (the business's client), e.g. `"558392"`. Every fact in a reply belongs to exactly one.
///
/// Validated on creation (see ``IdentifierError``): 1 to 64 ASCII letters, digits, `-`, `_`, `.`, `:`.
public struct MerchantID: ValidatedIdentifier {
    /// The name of this kind of identifier in messages.
    public static let kind = "merchant id"

    /// The validated value, as upstream spells it.
    public let rawValue: String

    /// Wraps a validated value; parse upstream strings with `init(_:)`.
    public init(validated rawValue: String) { self.rawValue = rawValue }
}
