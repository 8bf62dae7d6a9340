/// A keyword or phrase of the routing and language configuration, matched on word boundaries.
///
/// Written as plain words, normalized like the client's text (see ``TextNormalizer``):
/// - `bank account`, `não chegou`: the words in a row;
/// - `connect*`: a word starting with `connect` (`connected`, `connection`);
/// - `my money|meu dinheiro|payout*`: any one of the alternatives (each one or more words);
/// - `machine|order ... arriv*|cheg*`: parts separated by `...`, with up to ``maxGap`` other words
///   between one part and the next (`my machine still hasn't arrived`, `o pedido ainda não chegou`).
public struct KeywordPattern: Hashable, Sendable, CustomStringConvertible {
    struct Word: Hashable, Sendable {
        let text: String
        let isPrefix: Bool

        func matches(_ candidate: String) -> Bool {
            isPrefix ? candidate.hasPrefix(text) : candidate == text
        }
    }

    /// The alternatives of one part, longest first (so the nearest match is also the most specific).
    typealias Part = [[Word]]

    /// How many other words may stand between two parts of a phrase written with `...`.
    public static let maxGap = 4

    /// The phrase as configured.
    public let source: String
    let parts: [Part]

    /// Parses a phrase; `nil` if a part (between `...`) or an alternative (between `|`) has no word.
    public init?(_ source: String) {
        var parts: [Part] = []
        var chunks: [Substring] = []
        func endPart() -> Bool {
            let alternatives = chunks.joined(separator: " ").split(separator: "|", omittingEmptySubsequences: false)
                .map(Self.words)
            chunks = []
            guard !alternatives.contains(where: \.isEmpty) else { return false }
            parts.append(alternatives.sorted { $0.count > $1.count })
            return true
        }
        for chunk in source.split(whereSeparator: { $0.isWhitespace }) {
            if chunk.allSatisfy({ $0 == "." || $0 == "\u{2026}" }) {
                guard endPart() else { return nil }
            } else {
                chunks.append(chunk)
            }
        }
        guard endPart() else { return nil }
        self.source = source
        self.parts = parts
    }

    /// The words of one alternative: `word*` is a prefix.
    private static func words(_ alternative: Substring) -> [Word] {
        alternative.split(whereSeparator: { $0.isWhitespace }).flatMap { chunk -> [Word] in
            let isPrefix = chunk.hasSuffix("*")
            let parts = TextNormalizer.words(String(isPrefix ? chunk.dropLast() : chunk))
            return parts.enumerated().map { Word(text: $1, isPrefix: isPrefix && $0 == parts.count - 1) }
        }
    }

    /// Whether the phrase occurs in `text` (a list of normalized words) on word boundaries.
    public func matches(_ text: [String]) -> Bool {
        text.indices.contains { match(from: $0, in: text) != nil }
    }

    /// How many times the phrase occurs in `text` (normalized words): the places where it starts.
    public func occurrences(in text: [String]) -> Int {
        text.indices.count { match(from: $0, in: text) != nil }
    }

    /// Every occurrence in `text` (normalized words) as the positions of the words it matched (not
    /// those of a gap): the nearest match from each place where the phrase starts.
    public func occurrencePositions(in text: [String]) -> [[Int]] {
        text.indices.compactMap { match(from: $0, in: text) }
    }

    /// The words one of which must start an occurrence.
    var firstWords: [Word] { parts[0].map { $0[0] } }

    /// The occurrence starting at `start` in `text`, as the positions of the words it matched.
    func match(from start: Int, in text: [String]) -> [Int]? {
        var positions: [Int] = []
        return match(part: 0, from: start, in: text, positions: &positions) ? positions : nil
    }

    /// Matches `parts[index...]`, the first of them starting exactly at `start`.
    private func match(part index: Int, from start: Int, in text: [String], positions: inout [Int]) -> Bool {
        for alternative in parts[index] where start + alternative.count <= text.count {
            guard alternative.indices.allSatisfy({ alternative[$0].matches(text[start + $0]) }) else { continue }
            let end = start + alternative.count
            positions.append(contentsOf: start..<end)
            if index + 1 == parts.count { return true }
            for next in end..<min(end + Self.maxGap + 1, text.count)
            where match(part: index + 1, from: next, in: text, positions: &positions) {
                return true
            }
            positions.removeLast(alternative.count)
        }
        return false
    }

    /// The phrase as configured.
    public var description: String { source }
}
