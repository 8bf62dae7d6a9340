import Foundation

/// Which resolver answers which conversation: `config/routing.yaml`, read at start-up.
///
/// ```yaml
/// fallback: handoff          # resolver when nothing matches
/// label_weight: 2            # score an exact label gives its resolver
/// override_score: 3          # text score that overrides a label the text does not support
/// neutral: [card machine]    # phrases whose words are evidence of nothing
/// resolvers:                 # in order of preference for ties
///   - name: receipt
///     labels: [bank account receipt problem]
///     keywords:              # see ``KeywordPattern``; "phrase: 2" weighs 2
///       - bank account|conta bancaria: 3
///       - money ... arriv*|late: 4
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
    /// The score that an exact label adds to its resolver (see ``Router``).
    public var labelWeight: Int
    /// The keyword score from which the client's text overrides a label that it does not support (no
    /// keyword of the label's resolver): below it, the label still counts.
    public var overrideScore: Int
    /// Phrases that are evidence of nothing: a keyword found only inside one of them does not count
    /// (`payment` in `payment terminal`, `order` in `in order to`).
    public var neutral: [KeywordPattern]
    /// The entries, in order of preference for ties.
    public var resolvers: [Route]

    /// Creates a configuration.
    public init(
        fallback: String, labelWeight: Int = 2, overrideScore: Int = 3, neutral: [KeywordPattern] = [],
        resolvers: [Route]
    ) {
        self.fallback = fallback
        self.labelWeight = labelWeight
        self.overrideScore = overrideScore
        self.neutral = neutral
        self.resolvers = resolvers
    }
}
