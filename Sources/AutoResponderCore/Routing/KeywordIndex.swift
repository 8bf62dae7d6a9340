/// Which keywords of a routing configuration (or markers of the language configuration) may start at
/// a word: so that a text is matched against the few whose first word fits, not against all of them at
/// every word.
struct KeywordIndex: Sendable {
    /// A keyword: its resolver's and its own position in the configuration; a neutral phrase has the
    /// route `resolvers.count` and its position among the neutral phrases.
    struct Entry: Hashable, Sendable {
        let route: Int
        let keyword: Int
    }

    private var exact: [String: [Entry]] = [:]
    /// Prefix words, grouped by their first byte.
    private var prefixes: [UInt8: [(prefix: String, entries: [Entry])]] = [:]

    init(_ configuration: RoutingConfiguration) {
        var patterns = configuration.resolvers.map { $0.keywords.map(\.pattern) }
        patterns.append(configuration.neutral)
        self.init(groups: patterns)
    }

    /// An index of groups of patterns: an entry's `route` is its group's position, `keyword` its own
    /// position in the group.
    init(groups patterns: [[KeywordPattern]]) {
        var prefixEntries: [String: [Entry]] = [:]
        for (routeIndex, routePatterns) in patterns.enumerated() {
            for (keywordIndex, pattern) in routePatterns.enumerated() {
                let entry = Entry(route: routeIndex, keyword: keywordIndex)
                for word in Set(pattern.firstWords) {
                    if word.isPrefix {
                        prefixEntries[word.text, default: []].append(entry)
                    } else {
                        exact[word.text, default: []].append(entry)
                    }
                }
            }
        }
        for (prefix, entries) in prefixEntries {
            prefixes[prefix.utf8.first ?? 0, default: []].append((prefix, entries))
        }
    }

    /// The keywords that may start at `word` (a keyword listed once even if several of its
    /// alternatives fit).
    func candidates(startingAt word: String) -> Set<Entry> {
        var found = Set(exact[word] ?? [])
        for (prefix, entries) in prefixes[word.utf8.first ?? 0] ?? [] where word.hasPrefix(prefix) {
            found.formUnion(entries)
        }
        return found
    }
}
