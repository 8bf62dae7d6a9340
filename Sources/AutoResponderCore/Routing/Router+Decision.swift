extension Router {
    /// Whether a second opinion counts: confident enough, on enough of the text, and naming a resolver.
    func isConfident(_ opinion: NGramClassifier.Prediction?) -> Bool {
        guard let settings = configuration.secondOpinion, let opinion, opinion.confidence >= settings.minConfidence,
            opinion.knownFeatures >= settings.minFeatures
        else { return false }
        return configuration.resolvers.contains { $0.name == opinion.label }
    }

    /// Weighs the label, the text's keywords and (when the keywords say nothing clear) the second
    /// opinion; see the type's documentation.
    func decide(subject: String, text: Evidence) -> RouteDecision {
        let labelResolver = resolver(forLabel: subject)
        let labelWords = labelResolver == nil ? evidence(in: TextNormalizer.sentences(subject)) : Evidence()

        // The second opinion counts as text evidence, only when the keywords say nothing clear, and only
        // for a topic they give some support — or, very confident (`alone_confidence`), for one they do
        // not name (words no keyword knows).
        var textScores = text.scores
        var opinion: NGramClassifier.Prediction?
        var opinionCounted = false
        if (text.scores.values.max() ?? 0) < configuration.overrideScore, !namesTwoTopicsAlike(text.scores),
            let settings = configuration.secondOpinion
        {
            opinion = classifier?.classify(text.sentences)
            if let confident = opinion, isConfident(confident), settings.weight > 0,
                text.score(of: confident.label) > 0 || confident.confidence >= settings.aloneConfidence ?? .infinity
            {
                textScores[confident.label, default: 0] += settings.weight
                opinionCounted = true
            }
        }

        var prior: (resolver: String, weight: Int)?
        if let labelResolver {
            prior = (labelResolver, configuration.labelWeight)
        } else if let pointed = best(of: labelWords.scores, favouring: nil) {
            prior = (pointed, min(labelWords.score(of: pointed), configuration.labelWeight))
        }
        var scores = textScores
        var priorCounted = false
        if let prior, prior.weight > 0 {
            let strongestElsewhere = textScores.filter { $0.key != prior.resolver }.values.max() ?? 0
            if (textScores[prior.resolver] ?? 0) >= configuration.labelSupportScore
                || strongestElsewhere < configuration.overrideScore
            {
                scores[prior.resolver, default: 0] += prior.weight
                priorCounted = true
            }
        }

        guard let winner = best(of: scores, favouring: prior?.resolver) else {
            return RouteDecision(
                resolver: configuration.fallback, reason: .fallback, labelResolver: labelResolver,
                secondOpinion: opinion, rewrites: text.rewrites)
        }
        var keywords = text.matched
        for keyword in labelWords.matched[winner] ?? [] where !(keywords[winner] ?? []).contains(keyword) {
            keywords[winner, default: []].append(keyword)
        }

        if let question = clarifyingQuestion(
            scores: scores, winner: winner, prior: priorCounted ? prior?.resolver : nil, opinionCounted: opinionCounted)
        {
            return RouteDecision(
                resolver: RouteDecision.clarify, reason: .clarify, labelResolver: labelResolver, scores: scores,
                resolvers: [RouteDecision.clarify],
                keywordsByResolver: keywords.filter { question.contains($0.key) }, secondOpinion: opinion,
                candidates: question, rewrites: text.rewrites)
        }

        let others = otherTopics(in: text, besides: winner)
        var reason: RouteDecision.Reason = winner == labelResolver ? .label : .keywords
        if opinionCounted, let opinion, opinion.label == winner,
            best(of: scores.merging([winner: (scores[winner] ?? 0) - (configuration.secondOpinion?.weight ?? 0)]) { $1 },
                favouring: prior?.resolver) != winner
        {
            reason = .secondOpinion
        }
        return RouteDecision(
            resolver: winner, reason: reason, labelResolver: labelResolver, matchedKeywords: keywords[winner] ?? [],
            scores: scores, resolvers: [winner] + others,
            keywordsByResolver: keywords.filter { $0.key == winner || others.contains($0.key) }, secondOpinion: opinion,
            rewrites: text.rewrites)
    }

    /// The two topics to ask the client to choose between, if the best two scores are within
    /// `clarify_margin`, each reaches `clarify_min_score`, neither is clear, neither is the fallback,
    /// the label's prior favours neither and the second opinion did not settle it.
    private func clarifyingQuestion(scores: [String: Int], winner: String, prior: String?, opinionCounted: Bool)
        -> [String]?
    {
        guard let margin = configuration.clarifyMargin, !opinionCounted, winner != configuration.fallback,
            let top = scores[winner], top < configuration.overrideScore, prior != winner
        else { return nil }
        let runnerUp = configuration.resolvers.map(\.name)
            .filter { $0 != winner && $0 != configuration.fallback && (scores[$0] ?? 0) > 0 }
            .max { (scores[$0] ?? 0) < (scores[$1] ?? 0) }
        guard let runnerUp, let second = scores[runnerUp], top - second <= margin,
            second >= configuration.clarifyMinScore, prior != runnerUp
        else { return nil }
        return [winner, runnerUp]
    }

    /// Whether the keywords name two topics (not the fallback) about as much — each at least
    /// `clarify_min_score`, within `clarify_margin` — as in "a question about my order and my bank":
    /// the client asked about both, and the second opinion's taste for one of them settles nothing.
    private func namesTwoTopicsAlike(_ scores: [String: Int]) -> Bool {
        guard let margin = configuration.clarifyMargin else { return false }
        let named = scores.filter { $0.key != configuration.fallback && $0.value >= configuration.clarifyMinScore }
            .values.sorted(by: >)
        return named.count >= 2 && named[0] - named[1] <= margin
    }

    /// The resolvers besides `winner` that the text asks about too: their keywords in the whole text
    /// reach `multi_topic_score`, and they are the clear topic of one of its clauses (a sentence, or a
    /// part of one between commas or words like `and`, `also`, `but`: ``clauseBreaks``) — their
    /// keywords there reach `multi_topic_score` and outscore every other resolver's. (The clauses are
    /// read only when another topic reaches the score at all: most messages never get here.) So "it has no signal, and
    /// yesterday's money didn't land" asks two things, but "the chip that came with the machine has no
    /// data" asks one (`came … machine` is only a hint beside `chip`). The strongest first (ties in
    /// configuration order).
    private func otherTopics(in text: Evidence, besides winner: String) -> [String] {
        guard let threshold = configuration.multiTopicScore else { return [] }
        let candidates = configuration.resolvers.map(\.name)
            .filter { $0 != winner && text.score(of: $0) >= threshold }
        guard !candidates.isEmpty else { return [] }
        let sentences = text.texts.isEmpty
            ? text.sentences
            : text.texts.flatMap { canonicalizer.canonicalize(sentences: TextNormalizer.clauses($0)) }
        let clauses = sentences.flatMap { sentence in
            sentence.split(omittingEmptySubsequences: true) { Self.clauseBreaks.contains($0) }.map(Array.init)
        }
        let clauseScores = clauses.map { evidence(inCanonical: [$0]).scores }
        return candidates
            .filter { candidate in
                clauseScores.contains { scores in
                    let score = scores[candidate] ?? 0
                    return score >= threshold && scores.allSatisfy { $0.key == candidate || $0.value < score }
                }
            }
            .enumerated()
            .sorted { lhs, rhs in
                let (left, right) = (text.score(of: lhs.element), text.score(of: rhs.element))
                return left != right ? left > right : lhs.offset < rhs.offset
            }
            .map(\.element)
    }

    /// Words that begin another clause of a sentence, in the keywords' spelling (English and Portuguese).
    static let clauseBreaks: Set<String> = ["and", "also", "but", "plus", "e", "mas", "tambem", "porem", "alem"]

    /// The resolver with the best positive score: `favoured` on a tie, then configuration order.
    func best(of scores: [String: Int], favouring favoured: String?) -> String? {
        guard let top = scores.values.max(), top > 0 else { return nil }
        if let favoured, scores[favoured] == top { return favoured }
        return configuration.resolvers.first { scores[$0.name] == top }?.name
    }
}
