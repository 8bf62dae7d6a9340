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
        var sentences: [[String]] = []
        var words: [String] = []
        var current = String.UnicodeScalarView()
        let folded = String(String(text.unicodeScalars.prefix(maxScalars))).decomposedStringWithCanonicalMapping
        let scalars = Array(folded.unicodeScalars)
        func endWord() {
            if !current.isEmpty { words.append(String(current)) }
            current = String.UnicodeScalarView()
        }
        for (index, scalar) in scalars.enumerated() {
            let properties = scalar.properties
            if properties.generalCategory == .nonspacingMark || properties.generalCategory == .enclosingMark {
                continue  // a diacritic of the previous letter
            }
            if apostrophes.contains(scalar) { continue }
            if properties.isAlphabetic || properties.numericType != nil {
                current.append(contentsOf: String(scalar).lowercased().unicodeScalars)
                continue
            }
            endWord()
            if sentenceEnds.contains(scalar) || properties.generalCategory == .lineSeparator
                || properties.generalCategory == .paragraphSeparator
            {
                // `1.240`, `e.g.`: a full stop between letters or digits joins them into one sentence.
                let next = scalars.dropFirst(index + 1).first?.properties
                let joinsWords = scalar == "." && (next?.isAlphabetic == true || next?.numericType != nil)
                if !joinsWords, !words.isEmpty {
                    sentences.append(words)
                    words = []
                }
            }
        }
        endWord()
        if !words.isEmpty { sentences.append(words) }
        return sentences
    }

    /// The normalized text: its ``words(_:)`` joined by single spaces.
    public static func normalize(_ text: String) -> String {
        words(text).joined(separator: " ")
    }

    private static let apostrophes: Set<Unicode.Scalar> = ["'", "\u{2019}", "\u{2018}", "`", "\u{00B4}"]
    private static let sentenceEnds: Set<Unicode.Scalar> = [".", "!", "?", ";", "\n", "\r", "\u{2026}", "\u{85}"]
}
