import Foundation

/// A value that can be bound as a query parameter, in PostgreSQL's text format.
///
/// Conforming: `String`, `Substring`, `Int`, `Int16`, `Int32`, `Int64`, `Bool`, `Double`, `Decimal`
/// (exact), `Date` (ISO 8601 with microseconds, UTC), `UUID`, and `Optional` of these (`nil` is SQL
/// NULL). Parameters are sent with no declared type: the server infers each one's type from the
/// statement, so add a cast where it cannot (`select $1::int`).
public protocol PostgresEncodable: Sendable {
    /// The value in PostgreSQL's text input format, or `nil` for SQL NULL.
    var postgresText: String? { get }
}

extension String: PostgresEncodable {
    /// The string itself.
    public var postgresText: String? { self }
}

extension Substring: PostgresEncodable {
    /// The substring as a string.
    public var postgresText: String? { String(self) }
}

extension Int: PostgresEncodable {
    /// Decimal digits.
    public var postgresText: String? { String(self) }
}

extension Int16: PostgresEncodable {
    /// Decimal digits.
    public var postgresText: String? { String(self) }
}

extension Int32: PostgresEncodable {
    /// Decimal digits.
    public var postgresText: String? { String(self) }
}

extension Int64: PostgresEncodable {
    /// Decimal digits.
    public var postgresText: String? { String(self) }
}

extension Bool: PostgresEncodable {
    /// `true` or `false`.
    public var postgresText: String? { self ? "true" : "false" }
}

extension Double: PostgresEncodable {
    /// The shortest text that reads back as the same `Double` (`inf`, `-inf`, `nan` for the special values,
    /// which `float8` accepts).
    public var postgresText: String? { description }
}

extension Decimal: PostgresEncodable {
    /// The exact decimal digits (`177.4`), never through `Double`; `NaN` for not-a-number.
    public var postgresText: String? { description }
}

extension Date: PostgresEncodable {
    /// ISO 8601 in UTC with microseconds: `2021-12-22 04:00:00.000000+00:00`.
    public var postgresText: String? { PostgresTimestamp.format(self) }
}

extension UUID: PostgresEncodable {
    /// The canonical 36-character form.
    public var postgresText: String? { uuidString }
}

extension Optional: PostgresEncodable where Wrapped: PostgresEncodable {
    /// The wrapped value's text, or `nil` (SQL NULL) for `nil`.
    public var postgresText: String? {
        switch self {
        case .none: nil
        case .some(let value): value.postgresText
        }
    }
}
