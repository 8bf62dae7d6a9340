import Foundation

/// Normalizes free text for matching: lowercase, diacritics folded (`não` → `nao`, `ç` → `c`),
/// apostrophes dropped (`hasn't` → `hasnt`), every other non-alphanumeric character a word break.
public enum TextNormalizer {
    /// The longest text (in Unicode scalars) that is looked at; the rest is ignored.
    public static let maxScalars = 8_000

    /// The words of `text`, normalized.
    public static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        let folded = String(String(text.unicodeScalars.prefix(maxScalars))).decomposedStringWithCanonicalMapping
        for scalar in folded.unicodeScalars {
            let properties = scalar.properties
            if properties.generalCategory == .nonspacingMark || properties.generalCategory == .enclosingMark {
                continue  // a diacritic of the previous letter
            }
            if apostrophes.contains(scalar) { continue }
            if properties.isAlphabetic || properties.numericType != nil {
                current.append(contentsOf: String(scalar).lowercased().unicodeScalars)
            } else if !current.isEmpty {
                words.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { words.append(String(current)) }
        return words
    }

    /// The normalized text: its ``words(_:)`` joined by single spaces.
    public static func normalize(_ text: String) -> String {
        words(text).joined(separator: " ")
    }

    private static let apostrophes: Set<Unicode.Scalar> = ["'", "\u{2019}", "\u{2018}", "`", "\u{00B4}"]
}
