import Foundation

/// Normalizes free text for matching: lowercase, diacritics folded (`não` → `nao`, `ç` → `c`),
/// apostrophes dropped (`hasn't` → `hasnt`), every other non-alphanumeric character a word break.
public enum TextNormalizer {
    /// The longest text (in Unicode scalars) that is looked at; the rest is ignored.
    public static let maxScalars = 8_000

    /// The words of `text`, normalized.
    public static func words(_ text: String) -> [String] {
        sentences(text).flatMap { $0 }
    }

    /// The sentences of `text`, each as its normalized words: a sentence ends at `.`, `!`, `?`, `;`,
    /// `…` or a line break (a `.` directly followed by a letter or digit, as in `1.240` or `e.g.`,
    /// does not end one). Sentences without a word are left out.
    public static func sentences(_ text: String) -> [[String]] {
        sentences(text, breakingAtCommas: false)
    }

    /// The clauses of `text`: its ``sentences(_:)``, also broken at `,` and `:` (except between two
    /// digits, as in `1,5`).
    public static func clauses(_ text: String) -> [[String]] {
        sentences(text, breakingAtCommas: true)
    }

    private static func sentences(_ text: String, breakingAtCommas: Bool) -> [[String]] {
        var sentences: [[String]] = []
        var words: [String] = []
        var current = String.UnicodeScalarView()
        let limited = text.utf8.count <= maxScalars ? text : String(String.UnicodeScalarView(text.unicodeScalars.prefix(maxScalars)))
        // Most messages are ASCII, which canonical decomposition leaves as it is.
        let folded = limited.utf8.allSatisfy { $0 < 0x80 } ? limited : limited.decomposedStringWithCanonicalMapping
        let scalars = Array(folded.unicodeScalars)
        func endWord() {
            if !current.isEmpty { words.append(String(current)) }
            current = String.UnicodeScalarView()
        }
        for (index, scalar) in scalars.enumerated() {
            switch kind(of: scalar) {
            case .mark, .apostrophe:
                continue  // a diacritic of the previous letter; `hasn't` → `hasnt`
            case .wordCharacter:
                if scalar.isASCII {
                    // ASCII lower case without a String per letter (the common case, on the hot path).
                    let value = scalar.value
                    current.append((0x41...0x5A).contains(value) ? Unicode.Scalar(UInt8(value + 0x20)) : scalar)
                } else {
                    current.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
                }
            case .sentenceEnd:
                endWord()
                // `1.240`, `e.g.`: a full stop between letters or digits joins them into one sentence.
                let joinsWords = scalar == "." && index + 1 < scalars.count && kind(of: scalars[index + 1]) == .wordCharacter
                if !joinsWords, !words.isEmpty {
                    sentences.append(words)
                    words = []
                }
            case .other:
                endWord()
                if breakingAtCommas, scalar == "," || scalar == ":", !words.isEmpty,
                    !(index > 0 && index + 1 < scalars.count && scalars[index - 1].properties.numericType != nil
                        && scalars[index + 1].properties.numericType != nil)
                {
                    sentences.append(words)
                    words = []
                }
            }
        }
        endWord()
        if !words.isEmpty { sentences.append(words) }
        return sentences
    }

    /// What a scalar is to the normalizer.
    private enum Kind { case mark, apostrophe, wordCharacter, sentenceEnd, other }

    /// A scalar's kind: ASCII from a table, the rest by its properties.
    private static func kind(of scalar: Unicode.Scalar) -> Kind {
        scalar.isASCII ? asciiKinds[Int(scalar.value)] : propertyKind(of: scalar)
    }

    /// The kinds of the 128 ASCII scalars, computed once by ``propertyKind(of:)``: the same answers
    /// without Unicode property lookups on the hot path (most messages are ASCII).
    private static let asciiKinds: [Kind] = (0..<128).map { propertyKind(of: Unicode.Scalar(UInt8($0))) }

    /// A scalar's kind by its Unicode properties.
    private static func propertyKind(of scalar: Unicode.Scalar) -> Kind {
        let properties = scalar.properties
        let category = properties.generalCategory
        if category == .nonspacingMark || category == .enclosingMark { return .mark }
        if apostrophes.contains(scalar) { return .apostrophe }
        if properties.isAlphabetic || properties.numericType != nil { return .wordCharacter }
        if sentenceEnds.contains(scalar) || category == .lineSeparator || category == .paragraphSeparator {
            return .sentenceEnd
        }
        return .other
    }

    /// The normalized text: its ``words(_:)`` joined by single spaces.
    public static func normalize(_ text: String) -> String {
        words(text).joined(separator: " ")
    }

    private static let apostrophes: Set<Unicode.Scalar> = ["'", "\u{2019}", "\u{2018}", "`", "\u{00B4}"]
    private static let sentenceEnds: Set<Unicode.Scalar> = [".", "!", "?", ";", "\n", "\r", "\u{2026}", "\u{85}"]
}
