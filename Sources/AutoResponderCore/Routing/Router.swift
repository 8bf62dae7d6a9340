/// Chooses the resolver(s) of a conversation from its subject label and what the client wrote.
///
/// The client's text decides when it clearly says something; the label decides when the text is
/// ambiguous or silent:
/// 1. The client's words are put into the keywords' spelling (``TextCanonicalizer``: abbreviations,
///    slang, typing errors, glued and split words).
/// 2. Every resolver scores the weights of its distinct keywords found in the client's texts, sentence
///    by sentence (see ``evidence(in:)``: a keyword found only inside a longer keyword's occurrence,
///    like `bank` in `change my bank`, does not count on its own, nor one inside a neutral phrase, like
///    `payment` in `payment terminal`).
/// 3. When no resolver's keywords reach `override_score`, the statistical second opinion
///    (``NGramClassifier``) is asked; a confident answer (`min_confidence`) for a topic the keywords give
///    some support adds its `weight` to that topic, as a clear keyword would: a hint it confirms becomes
///    clear. Only a very confident answer (`alone_confidence`, when configured) counts for a topic the
///    keywords do not name — a misspelt or colloquial text whose words no keyword knows. Either way it is
///    recorded with its confidence in the decision, and it is never asked when the keywords are clear.
/// 4. The label is a prior: an exact label (compared normalized: case, accents, spaces, punctuation
///    ignored) gives its resolver `label_weight`; a label nobody listed gives the resolver its own words
///    point to at most that much. The prior counts only when the text gives that resolver at least
///    `label_support_score` (a topic word, not a mere hint) or gives no other resolver `override_score`
///    or more.
/// 5. The best score wins; ties favour the label's resolver, then configuration order; no score at all
///    gives the fallback. So a wrong label loses to a text that clearly asks something else — including
///    a request no resolver answers (the hand-off resolver's keywords) — and a wrong label on a
///    silent or vague text is kept: nothing better is known.
/// 6. Other topics the text names clearly (keywords reaching `multi_topic_score`, and the clearest
///    topic of one of its clauses) are answered too, in the same reply. When the best two topics are
///    within `clarify_margin` points, neither is clear and the label does not settle it, the decision is
///    a clarifying question instead.
///
/// ``route(subject:pending:earlier:)`` also weighs a conversation's earlier messages when the pending
/// ones are vague (a follow-up). Everything is precomputed at init (the classifier is trained there).
public struct Router: Sendable {
    /// The configuration in use.
    public let configuration: RoutingConfiguration
    private let labelIndex: [String: String]
    let keywordIndex: KeywordIndex
    /// Puts the client's words into the keywords' spelling.
    public let canonicalizer: TextCanonicalizer
    /// The second opinion, trained on the configured corpus (`nil` when none is configured).
    public let classifier: NGramClassifier?

    /// Creates a router, training its second opinion on the configured examples.
    public init(configuration: RoutingConfiguration) {
        self.configuration = configuration
        var index: [String: String] = [:]
        for route in configuration.resolvers {
            for label in route.labels { index[TextNormalizer.normalize(label), default: route.name] = route.name }
        }
        self.labelIndex = index
        self.keywordIndex = KeywordIndex(configuration)
        let canonicalizer = TextCanonicalizer(
            table: configuration.normalization,
            vocabulary: configuration.resolvers.flatMap { $0.keywords.map(\.pattern) } + configuration.neutral)
        self.canonicalizer = canonicalizer
        self.classifier = configuration.secondOpinion.map { settings in
            NGramClassifier(
                examples: settings.training.map { example in
                    (
                        canonicalizer.canonicalize(sentences: TextNormalizer.sentences(example.text)),
                        example.isVague ? [NGramClassifier.noTopic] : example.topics
                    )
                },
                smoothing: settings.smoothing, temperature: settings.temperature)
        }
    }

    /// The resolver a normalized-equal `subject` maps to, if any.
    public func resolver(forLabel subject: String) -> String? {
        labelIndex[TextNormalizer.normalize(subject)]
    }

    /// The keyword evidence in the client's texts (keeping the texts, for their clauses).
    func evidence(of texts: [String]) -> Evidence {
        var text = evidence(in: texts.flatMap(TextNormalizer.sentences))
        text.texts = texts
        return text
    }

    /// Routes a conversation's messages (no earlier context).
    /// - Parameters:
    ///   - subject: the upstream label (may be empty, unknown or wrong).
    ///   - texts: the client's messages to answer.
    public func route(subject: String, texts: [String]) -> RouteDecision {
        decide(subject: subject, text: evidence(of: texts))
    }
}
