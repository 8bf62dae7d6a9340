/// Which resolver answers a conversation, and why.
///
/// Usually one resolver. When one message clearly asks several things ("my machine has no signal and
/// yesterday's money didn't land"), ``resolvers`` names each, ``resolver`` staying the primary one;
/// the reply answers each in a section of its own. When two topics score close and neither is clear,
/// the decision is to ask which one (``Reason/clarify``, ``resolver`` == ``RouteDecision/clarify``).
public struct RouteDecision: Hashable, Sendable, CustomStringConvertible {
    /// Why the resolver was chosen.
    public enum Reason: String, Hashable, Sendable {
        /// The exact subject label's resolver won (possibly helped by keywords).
        case label
        /// Keywords in the client's text (or in an unknown label) won, over or without a label.
        case keywords
        /// The statistical second opinion tipped it: the keywords alone said nothing clear (see
        /// ``RouteDecision/secondOpinion`` for its confidence).
        case secondOpinion = "second opinion"
        /// Two topics scored close and neither was clear: ask the client which one.
        case clarify
        /// Nothing matched: the fallback resolver.
        case fallback
    }

    /// The route name of a clarifying question (never a resolver's name).
    public static let clarify = "clarify"

    /// The chosen (primary) resolver's name, or ``clarify``.
    public var resolver: String
    /// Every resolver whose answer the reply holds, the primary one first (one for most messages);
    /// `[clarify]` for a clarifying question.
    public var resolvers: [String]
    /// Why.
    public var reason: Reason
    /// The resolver that the exact subject label maps to, if the label is a known one.
    public var labelResolver: String?
    /// The chosen resolver's keywords found (in the client's text or the label), as configured.
    public var matchedKeywords: [String]
    /// The keywords found for each of ``resolvers`` (and, for a clarifying question, each candidate).
    public var keywordsByResolver: [String: [String]]
    /// Every resolver's score (only those above zero), label prior and second opinion included.
    public var scores: [String: Int]
    /// What the statistical classifier said, when it was asked (only when keywords said nothing clear).
    public var secondOpinion: NGramClassifier.Prediction?
    /// For a clarifying question: the topics the client is asked to choose between, best first.
    public var candidates: [String]
    /// How the client's words were read before matching (`mashine→machine`, `mymachine→my machine`).
    public var rewrites: [String]

    /// Creates a decision.
    public init(
        resolver: String, reason: Reason, labelResolver: String? = nil, matchedKeywords: [String] = [],
        scores: [String: Int] = [:], resolvers: [String]? = nil, keywordsByResolver: [String: [String]] = [:],
        secondOpinion: NGramClassifier.Prediction? = nil, candidates: [String] = [], rewrites: [String] = []
    ) {
        self.resolver = resolver
        self.resolvers = resolvers ?? [resolver]
        self.reason = reason
        self.labelResolver = labelResolver
        self.matchedKeywords = matchedKeywords
        self.keywordsByResolver = keywordsByResolver
        self.scores = scores
        self.secondOpinion = secondOpinion
        self.candidates = candidates
        self.rewrites = rewrites
    }

    /// Whether a known label was overridden by what the client wrote.
    public var overridesLabel: Bool { labelResolver != nil && !resolvers.contains(labelResolver ?? "") }

    /// Whether the reply answers several topics.
    public var isMultiTopic: Bool { resolvers.count > 1 }

    /// Whether the reply is a clarifying question.
    public var isClarifyingQuestion: Bool { reason == .clarify }

    /// The names of ``resolvers`` joined by `+` (`telecom+receipt`): what a record of the reply stores.
    public var combinedName: String { resolvers.joined(separator: "+") }

    /// For logs: `receipt (keywords: money, bank account; label said telecom)`,
    /// `telecom+receipt (keywords: signal; receipt: my money)`, `clarify (logistics or telecom)`,
    /// `receipt (second opinion receipt 0.93; keywords: money)`.
    public var description: String {
        var details: [String] = []
        if reason == .clarify {
            details.append(candidates.joined(separator: " or "))
        } else {
            var head = reason.rawValue
            if reason == .secondOpinion, let secondOpinion { head += " \(secondOpinion)" }
            if !matchedKeywords.isEmpty { head += ": " + matchedKeywords.joined(separator: ", ") }
            details.append(head)
            for other in resolvers.dropFirst() {
                details.append("\(other): " + (keywordsByResolver[other] ?? []).joined(separator: ", "))
            }
        }
        if reason != .secondOpinion, let secondOpinion { details.append("second opinion \(secondOpinion)") }
        if overridesLabel, let labelResolver { details.append("label said \(labelResolver)") }
        if !rewrites.isEmpty { details.append("read " + rewrites.joined(separator: ", ")) }
        return "\(combinedName) (" + details.joined(separator: "; ") + ")"
    }
}
