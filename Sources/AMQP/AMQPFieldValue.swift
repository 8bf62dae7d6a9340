/// A value in an AMQP field table: message headers, queue and exchange arguments.
///
/// Publishing and declaring accept every case. Received headers use the case nearest to what
/// the broker sent: 8/16/32-bit integers arrive as ``int32(_:)``, 64-bit and unsigned 32-bit
/// ones as ``int64(_:)``.
public enum AMQPFieldValue: Sendable, Hashable {
    /// A UTF-8 string (long string).
    case string(String)
    /// A signed 32-bit integer.
    case int32(Int32)
    /// A signed 64-bit integer (`x-delivery-count` arrives as one).
    case int64(Int64)
    /// A boolean.
    case bool(Bool)
    /// A 64-bit float.
    case double(Double)
    /// Raw bytes.
    case bytes([UInt8])
    /// A Unix timestamp in seconds.
    case timestamp(UInt64)
    /// A nested table (e.g. the entries of `x-death`).
    case table([String: AMQPFieldValue])
    /// An array (e.g. `x-death`).
    case array([AMQPFieldValue])
    /// No value.
    case void

    /// The value as an integer when it is one of the integer cases.
    public var intValue: Int64? {
        switch self {
        case .int32(let value): Int64(value)
        case .int64(let value): value
        default: nil
        }
    }

    /// The value when it is a string.
    public var stringValue: String? {
        if case .string(let value) = self { value } else { nil }
    }

    /// The value when it is a boolean.
    public var boolValue: Bool? {
        if case .bool(let value) = self { value } else { nil }
    }
}

extension AMQPFieldValue: ExpressibleByStringLiteral {
    /// A string value from a literal.
    public init(stringLiteral value: String) { self = .string(value) }
}

extension AMQPFieldValue: ExpressibleByIntegerLiteral {
    /// An integer literal becomes ``int64(_:)``.
    public init(integerLiteral value: Int64) { self = .int64(value) }
}

extension AMQPFieldValue: ExpressibleByBooleanLiteral {
    /// A boolean value from a literal.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}
