/// Chooses the reply's language from the client's own text: the language with the most marker words
/// found (each occurrence counts); a tie with the default gives the default language.
public struct LanguageDetector: Sendable {
    /// The configuration in use.
    public let configuration: LanguageConfiguration

    /// The markers by the words they may start at (entry `route` = the language's position).
    private let index: KeywordIndex

    /// Creates a detector.
    public init(configuration: LanguageConfiguration) {
        self.configuration = configuration
        index = KeywordIndex(groups: configuration.entries.map(\.markers))
    }

    /// The language of `texts`; the default language when they hold no marker.
    public func detect(_ texts: [String]) -> Language {
        detectIfAny(texts) ?? configuration.defaultLanguage
    }

    /// The language of `texts`, or `nil` when they hold no marker of any language.
    public func detectIfAny(_ texts: [String]) -> Language? {
        // Each occurrence of a marker counts: at every word, the markers that may start there.
        var scores = [Int](repeating: 0, count: configuration.entries.count)
        for text in texts {
            let words = TextNormalizer.words(text)
            for start in words.indices {
                for candidate in index.candidates(startingAt: words[start])
                where configuration.entries[candidate.route].markers[candidate.keyword].match(from: start, in: words) != nil {
                    scores[candidate.route] += 1
                }
            }
        }
        var best = configuration.defaultLanguage
        var bestScore = 0
        for (entry, score) in zip(configuration.entries, scores) {
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
