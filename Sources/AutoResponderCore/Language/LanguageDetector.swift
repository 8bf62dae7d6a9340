/// Chooses the reply's language from the client's own text: the language with the most marker words
/// found (each occurrence counts); a tie with the default gives the default language.
public struct LanguageDetector: Sendable {
    /// The configuration in use.
    public let configuration: LanguageConfiguration

    /// Creates a detector.
    public init(configuration: LanguageConfiguration) {
        self.configuration = configuration
    }

    /// The language of `texts`; the default language when they hold no marker.
    public func detect(_ texts: [String]) -> Language {
        detectIfAny(texts) ?? configuration.defaultLanguage
    }

    /// The language of `texts`, or `nil` when they hold no marker of any language.
    public func detectIfAny(_ texts: [String]) -> Language? {
        let words = texts.map(TextNormalizer.words)
        var best = configuration.defaultLanguage
        var bestScore = 0
        for entry in configuration.entries {
            let score = entry.markers.reduce(0) { total, marker in
                total + words.reduce(0) { $0 + marker.occurrences(in: $1) }
            }
            let beatsDefault = score > bestScore
            if beatsDefault {
                best = entry.language
                bestScore = score
            } else if score == bestScore, score > 0, entry.language == configuration.defaultLanguage {
                best = entry.language
            }
        }
        return bestScore > 0 ? best : nil
    }
}
