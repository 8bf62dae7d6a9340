extension Router {
    /// What keywords say about a text: each resolver's score and its keywords found.
    public struct Evidence: Hashable, Sendable {
        /// Each resolver's summed keyword weights (only those above zero).
        public var scores: [String: Int] = [:]
        /// Each resolver's keywords found, as configured, in configuration order.
        public var matched: [String: [String]] = [:]
        /// The text's sentences in the keywords' spelling (what the keywords were matched against).
        public var sentences: [[String]] = []
        /// The changes of spelling made (`mashine→machine`).
        public var rewrites: [String] = []
        /// The client's texts as written, when known (their clauses tell which topics are asked apart).
        var texts: [String] = []

        /// A resolver's score (0 when nothing of it was found).
        public func score(of resolver: String) -> Int { scores[resolver] ?? 0 }
    }

    /// The keyword evidence in `sentences` (normalized words, see ``TextNormalizer/sentences(_:)``),
    /// first put into the keywords' spelling by ``canonicalizer``.
    ///
    /// Keywords never span two sentences. Every distinct keyword found counts its weight once, however
    /// often it occurs. An occurrence whose words all belong to an occurrence of a longer keyword is
    /// part of that phrase, not evidence of its own: in `change my bank` (hand-off) the word `bank`
    /// (receipt) does not count, nor does `arrived` in `the transfer … arrived` when that phrase is
    /// configured. The configuration's neutral phrases count for nothing but hide their words the same
    /// way (`payment` in `payment terminal`). And an occurrence sharing a word with a heavier keyword
    /// of another resolver (or as heavy and longer) is outweighed: in `quero trocar minha conta
    /// bancaria`, `conta` belongs to the hand-off request `trocar ... conta`, so `conta bancaria`
    /// (receipt) does not count.
    public func evidence(in sentences: [[String]]) -> Evidence {
        var rewrites: [String] = []
        var evidence = evidence(inCanonical: sentences.map { canonicalizer.canonicalize($0, rewrites: &rewrites) })
        evidence.rewrites = rewrites
        return evidence
    }

    /// The keyword evidence in sentences already in the keywords' spelling.
    func evidence(inCanonical sentences: [[String]]) -> Evidence {
        var evidence = Evidence()
        evidence.sentences = sentences
        var found: Set<KeywordIndex.Entry> = []
        for sentence in evidence.sentences {
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
            let resolverCount = configuration.resolvers.count
            func weight(_ entry: KeywordIndex.Entry) -> Int {
                configuration.resolvers[entry.route].keywords[entry.keyword].weight
            }
            for hit in hits where hit.entry.route < resolverCount && !found.contains(hit.entry) {
                let insideLonger = hits.contains { other in
                    other.positions.count > hit.positions.count && hit.positions.allSatisfy(other.positions.contains)
                }
                // A word read one way by a heavier keyword of another resolver is not evidence the other way.
                let outweighed = hits.contains { other in
                    other.entry.route < resolverCount && other.entry.route != hit.entry.route
                        && (weight(other.entry) > weight(hit.entry)
                            || (weight(other.entry) == weight(hit.entry) && other.positions.count > hit.positions.count))
                        && other.positions.contains(where: hit.positions.contains)
                }
                if !insideLonger && !outweighed { found.insert(hit.entry) }
            }
        }

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
