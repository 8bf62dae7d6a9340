/// Which resolver answers a conversation, and why.
public struct RouteDecision: Hashable, Sendable, CustomStringConvertible {
    /// Why the resolver was chosen.
    public enum Reason: String, Hashable, Sendable {
        /// The exact subject label's resolver won (possibly helped by keywords).
        case label
        /// Keywords in the client's text (or in an unknown label) won, over or without a label.
        case keywords
        /// Nothing matched: the fallback resolver.
        case fallback
    }

    /// The chosen resolver's name.
    public var resolver: String
    /// Why.
    public var reason: Reason
    /// The resolver that the exact subject label maps to, if the label is a known one.
    public var labelResolver: String?
    /// The chosen resolver's keywords found (in the client's text or the label), as configured.
    public var matchedKeywords: [String]
    /// Every resolver's score (only those above zero).
    public var scores: [String: Int]

    /// Creates a decision.
    public init(
        resolver: String, reason: Reason, labelResolver: String? = nil, matchedKeywords: [String] = [],
        scores: [String: Int] = [:]
    ) {
        self.resolver = resolver
        self.reason = reason
        self.labelResolver = labelResolver
        self.matchedKeywords = matchedKeywords
        self.scores = scores
    }

    /// Whether a known label was overridden by what the client wrote.
    public var overridesLabel: Bool { labelResolver != nil && labelResolver != resolver }

    /// For logs: `receipt (keywords: money, bank account; label said telecom)`.
    public var description: String {
        var text = "\(resolver) (\(reason.rawValue)"
        if !matchedKeywords.isEmpty { text += ": " + matchedKeywords.joined(separator: ", ") }
        if overridesLabel, let labelResolver { text += "; label said \(labelResolver)" }
        return text + ")"
    }
}
