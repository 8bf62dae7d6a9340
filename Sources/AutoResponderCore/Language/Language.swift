/// The language of a reply, as a BCP 47 tag (`en`, `pt-BR`). Opaque: languages are configured.
public struct Language: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The tag, also the folder of its templates (`config/templates/<tag>/`).
    public let rawValue: String

    /// Creates a language from its tag.
    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// English: the default.
    public static let english = Language("en")
    /// Brazilian Portuguese.
    public static let portuguese = Language("pt-BR")

    /// Decodes the tag.
    public init(from decoder: any Decoder) throws {
        self.rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    /// Encodes the tag.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// The tag.
    public var description: String { rawValue }
}
