extension Router {
    /// What keywords say about a text: each resolver's score and its keywords found.
    public struct Evidence: Hashable, Sendable {
        /// Each resolver's summed keyword weights (only those above zero).
        public var scores: [String: Int] = [:]
        /// Each resolver's keywords found, as configured, in configuration order.
        public var matched: [String: [String]] = [:]

        /// A resolver's score (0 when nothing of it was found).
        public func score(of resolver: String) -> Int { scores[resolver] ?? 0 }
    }

    /// The keyword evidence in `sentences` (normalized words, see ``TextNormalizer/sentences(_:)``).
    ///
    /// Keywords never span two sentences. Every distinct keyword found counts its weight once, however
    /// often it occurs. An occurrence whose words all belong to an occurrence of a longer keyword is
    /// part of that phrase, not evidence of its own: in `change my bank` (hand-off) the word `bank`
    /// (receipt) does not count, nor does `arrived` in `the transfer … arrived` when that phrase is
    /// configured. The configuration's neutral phrases count for nothing but hide their words the same
    /// way (`payment` in `payment terminal`).
    public func evidence(in sentences: [[String]]) -> Evidence {
        var found: Set<KeywordIndex.Entry> = []
        for sentence in sentences {
            var hits: [(entry: KeywordIndex.Entry, positions: [Int])] = []
            for (start, word) in sentence.enumerated() {
                for entry in keywordIndex.candidates(startingAt: word) {
                    let pattern =
                        entry.route < configuration.resolvers.count
                        ? configuration.resolvers[entry.route].keywords[entry.keyword].pattern
                        : configuration.neutral[entry.keyword]
                    if let positions = pattern.match(from: start, in: sentence) { hits.append((entry, positions)) }
                }
            }
            for hit in hits where hit.entry.route < configuration.resolvers.count && !found.contains(hit.entry) {
                let insideLonger = hits.contains { other in
                    other.positions.count > hit.positions.count && hit.positions.allSatisfy(other.positions.contains)
                }
                if !insideLonger { found.insert(hit.entry) }
            }
        }

        var evidence = Evidence()
        for (routeIndex, route) in configuration.resolvers.enumerated() {
            for (keywordIndex, keyword) in route.keywords.enumerated()
            where found.contains(KeywordIndex.Entry(route: routeIndex, keyword: keywordIndex)) {
                evidence.scores[route.name, default: 0] += keyword.weight
                evidence.matched[route.name, default: []].append(keyword.pattern.source)
            }
        }
        return evidence
    }
}
