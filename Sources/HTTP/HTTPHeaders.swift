/// One header field: a name (matched case-insensitively) and its value.
public struct HTTPHeader: Hashable, Sendable {
    /// The field name as given, e.g. `content-type`.
    public var name: String
    /// The field value, without surrounding whitespace.
    public var value: String

    /// A header field.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// An ordered list of header fields with case-insensitive lookup.
///
/// Its `description` replaces the values of credential fields (`authorization`, cookies, API keys)
/// with `<redacted>`, so headers can be logged.
public struct HTTPHeaders: Hashable, Sendable, Sequence, ExpressibleByDictionaryLiteral,
    CustomStringConvertible
{
    /// The fields in the order they were added (or received).
    public private(set) var fields: [HTTPHeader] = []

    /// No fields.
    public init() {}

    /// The fields of a dictionary (in the dictionary's order).
    public init(_ dictionary: [String: String]) {
        fields = dictionary.map { HTTPHeader(name: $0.key, value: $0.value) }
    }

    /// The fields of a literal, in order: `["authorization": token]`.
    public init(dictionaryLiteral elements: (String, String)...) {
        fields = elements.map { HTTPHeader(name: $0.0, value: $0.1) }
    }

    /// Appends a field (keeping fields of the same name).
    public mutating func add(name: String, value: String) {
        fields.append(HTTPHeader(name: name, value: value))
    }

    /// Replaces every field of that name with one field, or appends it.
    public mutating func replaceOrAdd(name: String, value: String) {
        remove(name: name)
        add(name: name, value: value)
    }

    /// Removes every field of that name.
    public mutating func remove(name: String) {
        fields.removeAll { Self.equalNames($0.name, name) }
    }

    /// The value of the first field of that name, if any.
    public subscript(name: String) -> String? {
        fields.first { Self.equalNames($0.name, name) }?.value
    }

    /// The values of every field of that name, in order.
    public func values(for name: String) -> [String] {
        fields.filter { Self.equalNames($0.name, name) }.map(\.value)
    }

    /// Whether a field of that name exists.
    public func contains(_ name: String) -> Bool { self[name] != nil }

    /// Iterates over the fields in order.
    public func makeIterator() -> IndexingIterator<[HTTPHeader]> { fields.makeIterator() }

    /// `name: value` pairs, with credential values replaced by `<redacted>`.
    public var description: String {
        let parts = fields.map { field in
            "\(field.name): \(Self.isSensitive(field.name) ? "<redacted>" : field.value)"
        }
        return "[" + parts.joined(separator: ", ") + "]"
    }

    /// Whether a field carries credentials and must never be logged.
    static func isSensitive(_ name: String) -> Bool {
        sensitiveNames.contains(name.lowercased())
    }

    private static let sensitiveNames: Set<String> = [
        "authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key", "api-key",
    ]

    private static func equalNames(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.count == rhs.utf8.count && lhs.lowercased() == rhs.lowercased()
    }
}
