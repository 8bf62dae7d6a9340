/// Chooses the resolver of a conversation from its subject label and what the client wrote.
///
/// The client's text decides when it clearly says something; the label decides when the text is
/// ambiguous or silent:
/// 1. Every resolver scores the weights of its distinct keywords found in the client's texts, sentence
///    by sentence (see ``evidence(in:)``: a keyword found only inside a longer keyword's occurrence,
///    like `bank` in `change my bank`, does not count on its own, nor one inside a neutral phrase, like
///    `payment` in `payment terminal`).
/// 2. The label is a prior: an exact label (compared normalized: case, accents, spaces, punctuation
///    ignored) gives its resolver `label_weight`; a label nobody listed gives the resolver its own words
///    point to at most that much. The prior counts only when the text gives that resolver some support
///    or gives no other resolver `override_score` or more.
/// 3. The best score wins; ties favour the label's resolver, then configuration order; no score at all
///    gives the fallback. So a wrong label loses to a text that clearly asks something else — including
///    a request no resolver answers (the hand-off resolver's keywords) — and a wrong label on a
///    silent or vague text is kept: nothing better is known.
///
/// ``route(subject:pending:earlier:)`` also weighs a conversation's earlier messages when the pending
/// ones are vague (a follow-up).
public struct Router: Sendable {
    /// The configuration in use.
    public let configuration: RoutingConfiguration
    private let labelIndex: [String: String]
    let keywordIndex: KeywordIndex

    /// Creates a router.
    public init(configuration: RoutingConfiguration) {
        self.configuration = configuration
        var index: [String: String] = [:]
        for route in configuration.resolvers {
            for label in route.labels { index[TextNormalizer.normalize(label), default: route.name] = route.name }
        }
        self.labelIndex = index
        self.keywordIndex = KeywordIndex(configuration)
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
        decide(subject: subject, text: evidence(in: texts.flatMap(TextNormalizer.sentences)))
    }

    /// Routes the pending messages of a conversation, with its earlier client messages as context.
    ///
    /// When the pending messages clearly say something (a resolver's keywords reach `override_score`),
    /// they decide with the label, as ``route(subject:texts:)``: a client may move on to another
    /// problem. Otherwise the label and every client message decide: a vague follow-up ("thanks, when
    /// will it arrive?", "is there anything I can do meanwhile?") stays with what the conversation is
    /// about, also under a wrong label.
    /// - Parameters:
    ///   - subject: the upstream label (may be empty, unknown or wrong).
    ///   - pending: the client's messages to answer.
    ///   - earlier: the client's messages before them (already answered).
    public func route(subject: String, pending: [String], earlier: [String]) -> RouteDecision {
        let text = evidence(in: pending.flatMap(TextNormalizer.sentences))
        guard !earlier.isEmpty, (text.scores.values.max() ?? 0) < configuration.overrideScore else {
            return decide(subject: subject, text: text)
        }
        return route(subject: subject, texts: earlier + pending)
    }

    /// Weighs the label against the text's evidence (see the type's documentation).
    private func decide(subject: String, text: Evidence) -> RouteDecision {
        let labelResolver = resolver(forLabel: subject)
        let labelWords = labelResolver == nil ? evidence(in: TextNormalizer.sentences(subject)) : Evidence()

        var prior: (resolver: String, weight: Int)?
        if let labelResolver {
            prior = (labelResolver, configuration.labelWeight)
        } else if let pointed = best(of: labelWords.scores, favouring: nil) {
            prior = (pointed, min(labelWords.score(of: pointed), configuration.labelWeight))
        }

        var scores = text.scores
        if let prior, prior.weight > 0 {
            let strongestElsewhere = text.scores.filter { $0.key != prior.resolver }.values.max() ?? 0
            if text.score(of: prior.resolver) > 0 || strongestElsewhere < configuration.overrideScore {
                scores[prior.resolver, default: 0] += prior.weight
            }
        }

        guard let winner = best(of: scores, favouring: prior?.resolver) else {
            return RouteDecision(resolver: configuration.fallback, reason: .fallback, labelResolver: labelResolver)
        }
        var matched = text.matched[winner] ?? []
        for keyword in labelWords.matched[winner] ?? [] where !matched.contains(keyword) { matched.append(keyword) }
        return RouteDecision(
            resolver: winner, reason: winner == labelResolver ? .label : .keywords, labelResolver: labelResolver,
            matchedKeywords: matched, scores: scores)
    }

    /// The resolver with the best positive score: `favoured` on a tie, then configuration order.
    private func best(of scores: [String: Int], favouring favoured: String?) -> String? {
        guard let top = scores.values.max(), top > 0 else { return nil }
        if let favoured, scores[favoured] == top { return favoured }
        return configuration.resolvers.first { scores[$0.name] == top }?.name
    }
}
