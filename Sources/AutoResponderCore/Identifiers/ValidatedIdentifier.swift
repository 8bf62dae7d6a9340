/// An identifier that comes from upstream as a string and is validated once, on creation
/// (see ``IdentifierError``): 1 to 64 ASCII letters, digits, `-`, `_`, `.`, `:`.
///
/// A conforming type names its ``kind`` and stores the validated ``rawValue``; parsing, coding,
/// natural ordering and description come from this protocol.
public protocol ValidatedIdentifier: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    /// The name of this kind of identifier in messages (`"sale id"`).
    static var kind: String { get }
    /// The validated value, as upstream spells it.
    var rawValue: String { get }
    /// Wraps a value that ``IdentifierSyntax`` already validated. Use ``init(_:)`` instead.
    init(validated rawValue: String)
}

extension ValidatedIdentifier {
    /// Parses an upstream string.
    /// - Throws: ``IdentifierError`` if `rawValue` is empty, too long or holds a character outside
    ///   the conservative set.
    public init(_ rawValue: String) throws(IdentifierError) {
        self.init(validated: try IdentifierSyntax.validate(rawValue, kind: Self.kind))
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
