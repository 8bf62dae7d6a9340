/// A Brazilian postal code (CEP), e.g. `31160550` or `31160-550`, stored as its digits only.
///
/// Accepts 5 to 10 digits with optional `-`, `.` or space separators (the logistics API answers
/// `31160550` in `/tracking` and `31160-550` in `/zip_code`); anything else is rejected.
public struct ZipCode: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The name of this kind of identifier in messages.
    public static let kind = "zip code"

    /// The digits, e.g. `31160550`: what the `/zip_code` request sends.
    public let digits: String

    /// Parses an upstream string.
    /// - Throws: ``IdentifierError`` if the value is not a plausible zip code.
    public init(_ rawValue: String) throws(IdentifierError) {
        guard !rawValue.isEmpty else { throw IdentifierError(code: .empty, kind: Self.kind, value: rawValue) }
        guard rawValue.unicodeScalars.count <= 16 else {
            throw IdentifierError(code: .tooLong, kind: Self.kind, value: rawValue)
        }
        var digits = ""
        for scalar in rawValue.unicodeScalars {
            if IdentifierSyntax.isDigit(scalar) {
                digits.unicodeScalars.append(scalar)
            } else if !"-. ".unicodeScalars.contains(scalar) {
                throw IdentifierError(code: .invalidCharacter, kind: Self.kind, value: rawValue)
            }
        }
        guard (5...10).contains(digits.count) else {
            throw IdentifierError(code: .invalidFormat, kind: Self.kind, value: rawValue)
        }
        self.digits = digits
    }

    /// Decodes a string and validates it.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        try self.init(container.decode(String.self))
    }

    /// Encodes the digits.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(digits)
    }

    /// For display: `31160-550` for an 8-digit CEP, the digits otherwise.
    public var formatted: String {
        guard digits.count == 8 else { return digits }
        return "\(digits.prefix(5))-\(digits.suffix(3))"
    }

    /// The display form (``formatted``).
    public var description: String { formatted }
}
