/// One option value of a resolver in `config/routing.yaml`.
public enum OptionValue: Hashable, Sendable, Decodable {
    /// A string.
    case string(String)
    /// An integer.
    case integer(Int)
    /// A boolean.
    case bool(Bool)
    /// A list of strings.
    case strings([String])

    /// Decodes a scalar or a list of strings.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .integer(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([String].self) {
            self = .strings(value)
        } else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "an option is a string, an integer, a boolean or a list of strings")
        }
    }
}

/// A resolver's options (the `options:` mapping of its entry in `config/routing.yaml`).
public struct ResolverOptions: Hashable, Sendable {
    /// The options by name.
    public var values: [String: OptionValue]

    /// Creates options.
    public init(_ values: [String: OptionValue] = [:]) {
        self.values = values
    }

    /// A list of strings (a single string counts as a list of one).
    /// - Throws: ``ConfigurationError`` if the option has another type.
    public func strings(_ key: String) throws(ConfigurationError) -> [String]? {
        switch values[key] {
        case nil: return nil
        case .strings(let list): return list
        case .string(let value): return [value]
        default: throw mismatch(key, "a list of strings")
        }
    }

    /// An integer.
    /// - Throws: ``ConfigurationError`` if the option has another type.
    public func integer(_ key: String) throws(ConfigurationError) -> Int? {
        switch values[key] {
        case nil: return nil
        case .integer(let value): return value
        default: throw mismatch(key, "an integer")
        }
    }

    /// An integer of at least 1.
    /// - Throws: ``ConfigurationError`` if the option has another type or is below 1.
    public func positiveInteger(_ key: String) throws(ConfigurationError) -> Int? {
        guard let value = try integer(key) else { return nil }
        guard value >= 1 else { throw mismatch(key, "an integer of at least 1") }
        return value
    }

    /// A boolean.
    /// - Throws: ``ConfigurationError`` if the option has another type.
    public func bool(_ key: String) throws(ConfigurationError) -> Bool? {
        switch values[key] {
        case nil: return nil
        case .bool(let value): return value
        default: throw mismatch(key, "true or false")
        }
    }

    private func mismatch(_ key: String, _ expected: String) -> ConfigurationError {
        ConfigurationError(code: .invalidValue, message: "option `\(key)` must be \(expected)")
    }
}
