/// Chooses the resolver of a conversation from its subject label and what the client wrote.
///
/// Every resolver scores the sum of the weights of its distinct keywords found in the client's texts
/// (and, when the label is not a known one, in the label's own words, so `delivery delay` or
/// `chip sem sinal` route). The resolver an exact label maps to (compared normalized: case, accents,
/// spaces, punctuation ignored) adds `label_weight`. The best score wins; ties favour the label's
/// resolver, then configuration order; no score at all gives the fallback. So a wrong label is
/// overridden only when the text clearly points elsewhere.
public struct Router: Sendable {
    /// The configuration in use.
    public let configuration: RoutingConfiguration
    private let labelIndex: [String: String]

    /// Creates a router.
    public init(configuration: RoutingConfiguration) {
        self.configuration = configuration
        var index: [String: String] = [:]
        for route in configuration.resolvers {
            for label in route.labels { index[TextNormalizer.normalize(label), default: route.name] = route.name }
        }
        self.labelIndex = index
    }

    /// The resolver a normalized-equal `subject` maps to, if any.
    public func resolver(forLabel subject: String) -> String? {
        labelIndex[TextNormalizer.normalize(subject)]
    }

    /// Routes a conversation.
    /// - Parameters:
    ///   - subject: the upstream label (may be empty, unknown or wrong).
    ///   - texts: the client's messages to answer.
    public func route(subject: String, texts: [String]) -> RouteDecision {
        let labelResolver = resolver(forLabel: subject)
        let textWords = texts.map(TextNormalizer.words)
        let labelWords = labelResolver == nil ? TextNormalizer.words(subject) : []

        var scores: [String: Int] = [:]
        var matched: [String: [String]] = [:]
        for route in configuration.resolvers {
            var score = route.name == labelResolver ? configuration.labelWeight : 0
            var found: [String] = []
            for keyword in route.keywords
            where textWords.contains(where: keyword.pattern.matches) || keyword.pattern.matches(labelWords) {
                score += keyword.weight
                found.append(keyword.pattern.source)
            }
            if score > 0 { scores[route.name] = score }
            matched[route.name] = found
        }

        guard let best = scores.values.max() else {
            return RouteDecision(resolver: configuration.fallback, reason: .fallback, labelResolver: labelResolver)
        }
        let winner: String
        if let labelResolver, scores[labelResolver] == best {
            winner = labelResolver
        } else {
            winner = configuration.resolvers.first { scores[$0.name] == best }?.name ?? configuration.fallback
        }
        return RouteDecision(
            resolver: winner, reason: winner == labelResolver ? .label : .keywords, labelResolver: labelResolver,
            matchedKeywords: matched[winner] ?? [], scores: scores)
    }
}
