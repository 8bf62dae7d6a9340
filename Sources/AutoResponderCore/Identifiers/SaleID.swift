/// A sale of a card machine (`sales.id_sale`, logistics `id_sale`), e.g. `"123456"`.
///
/// Validated on creation (see ``IdentifierError``): 1 to 64 ASCII letters, digits, `-`, `_`, `.`, `:`.
public struct SaleID: ValidatedIdentifier {
    /// The name of this kind of identifier in messages.
    public static let kind = "sale id"

    /// The validated value, as upstream spells it.
    public let rawValue: String

    /// Wraps a validated value; parse upstream strings with `init(_:)`.
    public init(validated rawValue: String) { self.rawValue = rawValue }
}
