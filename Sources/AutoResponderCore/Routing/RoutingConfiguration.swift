import Foundation

/// Which resolver answers which conversation: `config/routing.yaml`, read at start-up.
///
/// ```yaml
/// fallback: handoff          # resolver when nothing matches
/// label_weight: 3            # score an exact label gives its resolver
/// resolvers:                 # in order of preference for ties
///   - name: receipt
///     labels: [bank account receipt problem]
///     keywords:              # English and Portuguese; "word*" is a prefix; "phrase: 2" weighs 2
///       - bank account: 2
///       - money
///     options: {}            # the resolver's own options
/// ```
public struct RoutingConfiguration: Hashable, Sendable {
    /// A keyword or phrase with its weight.
    public struct Keyword: Hashable, Sendable {
        /// The pattern.
        public var pattern: KeywordPattern
        /// Its score when found (default 1).
        public var weight: Int

        /// Creates a keyword.
        public init(pattern: KeywordPattern, weight: Int = 1) {
            self.pattern = pattern
            self.weight = weight
        }
    }

    /// One resolver's routing entry.
    public struct Route: Hashable, Sendable {
        /// The resolver's registered name.
        public var name: String
        /// The upstream subject labels that map to it (compared normalized).
        public var labels: [String]
        /// What in the client's text (or an unknown label) points to it.
        public var keywords: [Keyword]
        /// The resolver's options.
        public var options: ResolverOptions

        /// Creates an entry.
        public init(name: String, labels: [String] = [], keywords: [Keyword] = [], options: ResolverOptions = .init()) {
            self.name = name
            self.labels = labels
            self.keywords = keywords
            self.options = options
        }
    }

    /// The resolver used when nothing matches (the hand-off resolver).
    public var fallback: String
    /// The score that an exact label adds to its resolver.
    public var labelWeight: Int
    /// The entries, in order of preference for ties.
    public var resolvers: [Route]

    /// Creates a configuration.
    public init(fallback: String, labelWeight: Int = 3, resolvers: [Route]) {
        self.fallback = fallback
        self.labelWeight = labelWeight
        self.resolvers = resolvers
    }
}
