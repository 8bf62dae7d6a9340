/// Chooses the reply's language from the client's own text: the language with the most marker words
/// found (each occurrence counts); none found, or a tie with the default, gives the default language.
public struct LanguageDetector: Sendable {
    /// The configuration in use.
    public let configuration: LanguageConfiguration

    /// Creates a detector.
    public init(configuration: LanguageConfiguration) {
        self.configuration = configuration
    }

    /// The language of `texts` (all the client's messages of the conversation).
    public func detect(_ texts: [String]) -> Language {
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
        return best
    }
}
