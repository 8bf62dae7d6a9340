/// A keyword or phrase of the routing and language configuration, matched on word boundaries.
///
/// Written as plain words (`bank account`, `não chegou`), normalized like the client's text
/// (see ``TextNormalizer``). A word ending in `*` matches any word starting with it
/// (`connect*` matches `connected`, `connection`).
public struct KeywordPattern: Hashable, Sendable, CustomStringConvertible {
    struct Word: Hashable, Sendable {
        let text: String
        let isPrefix: Bool
    }

    /// The phrase as configured.
    public let source: String
    let words: [Word]

    /// Parses a phrase; `nil` if it has no word at all.
    public init?(_ source: String) {
        var words: [Word] = []
        for chunk in source.split(whereSeparator: { $0.isWhitespace }) {
            let isPrefix = chunk.hasSuffix("*")
            let parts = TextNormalizer.words(String(isPrefix ? chunk.dropLast() : chunk))
            for (index, part) in parts.enumerated() {
                words.append(Word(text: part, isPrefix: isPrefix && index == parts.count - 1))
            }
        }
        guard !words.isEmpty else { return nil }
        self.source = source
        self.words = words
    }

    /// Whether the phrase occurs in `text` (a list of normalized words) on word boundaries.
    public func matches(_ text: [String]) -> Bool {
        guard text.count >= words.count else { return false }
        return (0...(text.count - words.count)).contains { matches(at: $0, in: text) }
    }

    /// How many times the phrase occurs in `text` (normalized words).
    public func occurrences(in text: [String]) -> Int {
        guard text.count >= words.count else { return 0 }
        return (0...(text.count - words.count)).count { matches(at: $0, in: text) }
    }

    private func matches(at start: Int, in text: [String]) -> Bool {
        for (offset, word) in words.enumerated() {
            let candidate = text[start + offset]
            if word.isPrefix ? !candidate.hasPrefix(word.text) : candidate != word.text { return false }
        }
        return true
    }

    /// The phrase as configured.
    public var description: String { source }
}
