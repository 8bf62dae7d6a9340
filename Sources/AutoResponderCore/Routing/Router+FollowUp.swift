extension Router {
    /// Routes the pending messages of a conversation, with its earlier client messages as context.
    ///
    /// - When the pending messages clearly say something (a resolver's keywords reach
    ///   `override_score`, or they give a topic some support and the second opinion is confident of
    ///   it), they decide with the label, as ``route(subject:texts:)``: a client may move on to another
    ///   problem ("ok, and the chip?", "e o dinheiro de ontem?").
    /// - Otherwise the label and every client message decide: a vague follow-up ("thanks, when will it
    ///   arrive?", "alguma novidade?") stays with what the conversation is about, also under a wrong label.
    /// - A follow-up is never answered with a clarifying question: if the conversation is still torn
    ///   between two topics after the client's answer, both are answered.
    /// - Parameters:
    ///   - subject: the upstream label (may be empty, unknown or wrong).
    ///   - pending: the client's messages to answer.
    ///   - earlier: the client's messages before them (already answered).
    public func route(subject: String, pending: [String], earlier: [String]) -> RouteDecision {
        let text = evidence(of: pending)
        guard !earlier.isEmpty, !namesATopic(text) else {
            return decide(subject: subject, text: text)
        }
        var decision = route(subject: subject, texts: earlier + pending)
        if decision.reason == .clarify {
            decision = RouteDecision(
                resolver: decision.candidates[0], reason: .keywords, labelResolver: decision.labelResolver,
                matchedKeywords: decision.keywordsByResolver[decision.candidates[0]] ?? [], scores: decision.scores,
                resolvers: decision.candidates, keywordsByResolver: decision.keywordsByResolver,
                secondOpinion: decision.secondOpinion, rewrites: decision.rewrites)
        }
        return decision
    }

    /// Whether a text names a topic by itself: keywords reaching `override_score`, or keyword support
    /// for the topic the second opinion is confident of. (Not the second opinion alone: a vague
    /// follow-up like "is it fixed now?" sounds like a topic to it, and stays with the conversation's.)
    func namesATopic(_ text: Evidence) -> Bool {
        if (text.scores.values.max() ?? 0) >= configuration.overrideScore { return true }
        guard let opinion = classifier?.classify(text.sentences), isConfident(opinion) else { return false }
        return text.score(of: opinion.label) > 0
    }
}
