import CivilTime

/// An amount of money with two decimals, as `numeric(14,2)` stores it.
///
/// Encoded in JSON as a string with exactly two decimals (`"177.40"`), so no reader loses a cent
/// to binary floating point.
public struct Money: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The amount in cents.
    public var cents: Int64

    /// An amount in cents.
    public init(cents: Int64) { self.cents = cents }

    /// An amount from a decimal number, rounded to the cent (for the original data's JSON numbers).
    public init(_ value: Double) { self.cents = Int64((value * 100).rounded()) }

    /// Zero.
    public static let zero = Money(cents: 0)

    /// `177.40`, `-3.05`.
    public var description: String {
        let sign = cents < 0 ? "-" : ""
        let absolute = cents.magnitude
        return "\(sign)\(absolute / 100).\(zeroPadded(Int(absolute % 100), 2))"
    }

    /// Parses `177.4`, `177.40`, `-3`, `1240`.
    public init?(parsing text: String) {
        let negative = text.hasPrefix("-")
        let body = negative ? String(text.dropFirst()) : text
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2, let whole = Int64(parts[0]), whole >= 0 else { return nil }
        var fraction: Int64 = 0
        if parts.count == 2 {
            let digits = parts[1]
            guard (1...2).contains(digits.count), let value = Int64(digits) else { return nil }
            fraction = digits.count == 1 ? value * 10 : value
        }
        cents = (whole * 100 + fraction) * (negative ? -1 : 1)
    }

    /// The sum of two amounts.
    public static func + (lhs: Money, rhs: Money) -> Money { Money(cents: lhs.cents + rhs.cents) }
    /// The difference of two amounts.
    public static func - (lhs: Money, rhs: Money) -> Money { Money(cents: lhs.cents - rhs.cents) }
    /// Orders by amount.
    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.cents < rhs.cents }

    /// Decodes a string (or, leniently, a number).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self), let value = Money(parsing: text) {
            self = value
        } else if let number = try? container.decode(Double.self) {
            self.init(number)
        } else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not money"))
        }
    }

    /// Encodes the two-decimal string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
