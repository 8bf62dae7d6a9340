import Foundation

/// Which resolver answers which conversation: `config/routing.yaml`, read at start-up.
///
/// ```yaml
/// fallback: handoff          # resolver when nothing matches
/// label_weight: 2            # score an exact label gives its resolver
/// override_score: 3          # text score that overrides a label the text does not support
/// label_support_score: 2     # ... unless the text gives the label's resolver this much
/// neutral: [card machine]    # phrases whose words are evidence of nothing
/// normalization: normalization.yaml   # abbreviations, slang, typing errors (NormalizationTable)
/// second_opinion:            # the n-gram classifier, asked when keywords say nothing clear
///   training: routing-corpus/tuning.tsv
///   min_confidence: 0.8
///   alone_confidence: 0.9    # this confident, it counts without the keywords' support
///   weight: 3
/// multi_topic_score: 3       # another topic this clear (and clearest in a clause) is answered too
/// clarify_margin: 1          # ask which topic when the best two are this close and neither is clear
/// clarify_min_score: 2       # ... and each scores at least this much
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
    /// The least keyword score of the label's resolver that keeps the label when another resolver
    /// reaches ``overrideScore`` (1: any hint keeps it).
    public var labelSupportScore: Int
    /// Phrases that are evidence of nothing: a keyword found only inside one of them does not count
    /// (`payment` in `payment terminal`, `order` in `in order to`).
    public var neutral: [KeywordPattern]
    /// The entries, in order of preference for ties.
    public var resolvers: [Route]
    /// How the client's words are put into the keywords' spelling (abbreviations, slang, typing
    /// errors, glued and split words); ``NormalizationTable/empty`` when not configured.
    public var normalization: NormalizationTable
    /// The statistical second opinion, if configured.
    public var secondOpinion: SecondOpinion?
    /// The keyword score from which a topic other than the primary one is answered too, in the same
    /// reply (`nil`: one topic per reply).
    public var multiTopicScore: Int?
    /// Ask the client which topic when the best two are within this many points and neither is clear
    /// (`nil`: never ask).
    public var clarifyMargin: Int?
    /// The least score each of the two topics needs for the client to be asked which one.
    public var clarifyMinScore: Int

    /// Creates a configuration.
    public init(
        fallback: String, labelWeight: Int = 2, overrideScore: Int = 3, neutral: [KeywordPattern] = [],
        resolvers: [Route], normalization: NormalizationTable = .empty, secondOpinion: SecondOpinion? = nil,
        multiTopicScore: Int? = nil, clarifyMargin: Int? = nil, clarifyMinScore: Int = 1, labelSupportScore: Int = 1
    ) {
        self.labelSupportScore = labelSupportScore
        self.fallback = fallback
        self.labelWeight = labelWeight
        self.overrideScore = overrideScore
        self.neutral = neutral
        self.resolvers = resolvers
        self.normalization = normalization
        self.secondOpinion = secondOpinion
        self.multiTopicScore = multiTopicScore
        self.clarifyMargin = clarifyMargin
        self.clarifyMinScore = clarifyMinScore
    }
}

extension RoutingConfiguration {
    /// The statistical second opinion (``NGramClassifier``): what it is trained on and how much it weighs.
    public struct SecondOpinion: Hashable, Sendable {
        /// The labelled messages it is trained on at start-up (the corpus's tuning part).
        public var training: [RoutingExample]
        /// The least confidence at which its answer counts.
        public var minConfidence: Double
        /// The least number of the text's n-grams seen in training for its answer to count (a word or
        /// two of gibberish is no evidence, however the arithmetic comes out).
        public var minFeatures: Int
        /// The score its answer adds to its topic (as much as a clear keyword, typically).
        public var weight: Int
        /// See ``NGramClassifier/temperature``.
        public var temperature: Double
        /// The additive smoothing of n-gram counts.
        public var smoothing: Double
        /// The least confidence at which its answer counts even for a topic the keywords do not support
        /// (when they say nothing clear); `nil`: never without the keywords' support.
        public var aloneConfidence: Double?

        /// Creates settings.
        public init(
            training: [RoutingExample], minConfidence: Double = 0.9, minFeatures: Int = 12, weight: Int = 3,
            temperature: Double = 8, smoothing: Double = 0.1, aloneConfidence: Double? = nil
        ) {
            self.aloneConfidence = aloneConfidence
            self.training = training
            self.minConfidence = minConfidence
            self.minFeatures = minFeatures
            self.weight = weight
            self.temperature = temperature
            self.smoothing = smoothing
        }
    }
}
