import Foundation

/// The facts a resolver looked up for a reply, by name: what a template may show.
///
/// Only facts of the conversation's own merchant belong here. Names are template variable names
/// (letters, digits and `_`).
public struct Facts: Hashable, Sendable, ExpressibleByDictionaryLiteral {
    /// The facts by name.
    public private(set) var values: [String: FactValue]

    /// Creates facts from a dictionary.
    public init(_ values: [String: FactValue] = [:]) {
        self.values = values
    }

    /// Creates facts from a literal; a repeated key keeps the last value.
    public init(dictionaryLiteral elements: (String, FactValue)...) {
        self.values = Dictionary(elements, uniquingKeysWith: { _, last in last })
    }

    /// The fact named `key`; setting `nil` removes it.
    public subscript(key: String) -> FactValue? {
        get { values[key] }
        set { values[key] = newValue }
    }

    /// Sets `key` to `.text(value)` when `value` is non-empty (after trimming), removes it otherwise:
    /// templates test presence with a section.
    public mutating func setText(_ key: String, _ value: String?) {
        let trimmed = value?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        values[key] = trimmed.isEmpty ? nil : .text(trimmed)
    }

    /// Whether there are no facts.
    public var isEmpty: Bool { values.isEmpty }
}
