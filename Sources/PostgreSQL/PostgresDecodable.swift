import Foundation

/// A type that a column's text value can be decoded as (see ``PostgresRow/decode(_:_:)``).
///
/// Conforming: `String` (any column, as the server prints it), `Int`, `Int16`, `Int32`, `Int64`, `Bool`,
/// `Double`, `Decimal` (exact, from `numeric` or integers), `Date` (from `timestamptz`, `timestamp`, or
/// `date`), `UUID`, and `Optional` of these (SQL NULL decodes as `nil`; for a non-optional type NULL is
/// a ``PostgresError/Code/decodingFailed`` error).
public protocol PostgresDecodable: Sendable {
    /// Decodes a non-NULL value from its text form; `nil` when the text is not a value of this type.
    init?(postgresText text: String, type: PostgresDataType)

    /// The value for SQL NULL, or `nil` when this type cannot represent NULL (the default).
    static var postgresNull: Self? { get }
}

extension PostgresDecodable {
    /// Non-optional types cannot represent SQL NULL.
    public static var postgresNull: Self? { nil }
}

extension String: PostgresDecodable {
    /// Any column's text, as the server prints it.
    public init?(postgresText text: String, type: PostgresDataType) { self = text }
}

extension Int: PostgresDecodable {
    /// An integer's decimal digits.
    public init?(postgresText text: String, type: PostgresDataType) { self.init(text) }
}

extension Int16: PostgresDecodable {
    /// An integer's decimal digits, if it fits.
    public init?(postgresText text: String, type: PostgresDataType) { self.init(text) }
}

extension Int32: PostgresDecodable {
    /// An integer's decimal digits, if it fits.
    public init?(postgresText text: String, type: PostgresDataType) { self.init(text) }
}

extension Int64: PostgresDecodable {
    /// An integer's decimal digits.
    public init?(postgresText text: String, type: PostgresDataType) { self.init(text) }
}

extension Bool: PostgresDecodable {
    /// `t`/`f` (the server's output), also `true`/`false`.
    public init?(postgresText text: String, type: PostgresDataType) {
        switch text {
        case "t", "true": self = true
        case "f", "false": self = false
        default: return nil
        }
    }
}

extension Double: PostgresDecodable {
    /// A float or numeric value, including `NaN`, `Infinity` and `-Infinity`.
    public init?(postgresText text: String, type: PostgresDataType) {
        switch text {
        case "Infinity": self = .infinity
        case "-Infinity": self = -.infinity
        case "NaN": self = .nan
        default: self.init(text)
        }
    }
}

extension Decimal: PostgresDecodable {
    /// A `numeric` (or integer) value, exactly: plain decimal digits with an optional sign and point, at most
    /// 38 significant digits (what `Decimal` holds). `NaN` and the infinities are not decoded.
    public init?(postgresText text: String, type: PostgresDataType) {
        var significant = 0
        var seenPoint = false
        var seenDigit = false
        for (offset, byte) in text.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                seenDigit = true
                if significant > 0 || byte != UInt8(ascii: "0") { significant += 1 }
            case UInt8(ascii: "."):
                guard !seenPoint else { return nil }
                seenPoint = true
            case UInt8(ascii: "-"), UInt8(ascii: "+"):
                guard offset == 0 else { return nil }
            default:
                return nil
            }
        }
        guard seenDigit, significant <= 38, let value = Decimal(string: text)
        else { return nil }
        self = value
    }
}

extension Date: PostgresDecodable {
    /// A `timestamptz` (any offset, e.g. `+00`, `-03`, `+05:30`), a `timestamp` or a `date` in ISO form;
    /// values without an offset are taken as UTC (the session's time zone). `infinity` and `-infinity`
    /// decode as `Date.distantFuture` and `Date.distantPast`.
    public init?(postgresText text: String, type: PostgresDataType) {
        guard let date = PostgresTimestamp.parse(text) else { return nil }
        self = date
    }
}

extension UUID: PostgresDecodable {
    /// The 36-character form (any case).
    public init?(postgresText text: String, type: PostgresDataType) { self.init(uuidString: text) }
}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    /// The wrapped type's decoding of a non-NULL value.
    public init?(postgresText text: String, type: PostgresDataType) {
        guard let value = Wrapped(postgresText: text, type: type) else { return nil }
        self = .some(value)
    }

    /// SQL NULL decodes as `nil`.
    public static var postgresNull: Self? { .some(.none) }
}
