import AutoResponderCore

/// The resolver of conversations nothing else can answer (the routing fallback): a polite reply that a
/// person will follow up, and a hand-off record (``HandOffReason/unknownSubject``).
public struct HandOffResolver: Resolver {
    /// `handoff`.
    public static let name = "handoff"
    /// The hand-off template.
    public static let templateNames = [HandOffDecision.defaultTemplate]

    /// Creates the resolver (it has no options).
    public init(context: ResolverContext) {}

    /// Hands the conversation off.
    public func resolve(_ request: ResolutionRequest) async throws -> Resolution {
        let subject = request.subject.isEmpty ? "(empty subject)" : "subject \"\(request.subject.prefix(80))\""
        let detail =
            request.route.reason == .fallback
            ? "\(subject) and the client's text matched no resolver"
            : "routed to hand-off: \(request.route)"
        return .handOff(.unknownSubject, detail: detail)
    }
}
