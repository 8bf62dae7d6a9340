/// A JSON value upstream documents as a string but may send as a number (`"754893"` or `754893`).
/// Anything else (object, array, bool, fractional number) fails to decode.
public struct LenientString: Decodable, Hashable, Sendable {
    /// The value as a string.
    public let value: String

    /// Decodes a string or an integer.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let string = try? container.decode(String.self) {
            value = string
        } else if let number = try? container.decode(Int64.self) {
            value = String(number)
        } else if let number = try? container.decode(UInt64.self) {
            value = String(number)
        } else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "expected a string or an integer")
        }
    }
}
