/// The chip of a card machine (`sales.chip_id`, telecom `chip_id`), e.g. `"CHIP37648"`.
///
/// Validated on creation (see ``IdentifierError``): 1 to 64 ASCII letters, digits, `-`, `_`, `.`, `:`.
public struct ChipID: ValidatedIdentifier {
    /// The name of this kind of identifier in messages.
    public static let kind = "chip id"

    /// The validated value, as upstream spells it.
    public let rawValue: String

    /// Wraps a validated value; parse upstream strings with `init(_:)`.
    public init(validated rawValue: String) { self.rawValue = rawValue }
}
