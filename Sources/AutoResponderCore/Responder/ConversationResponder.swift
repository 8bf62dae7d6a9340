import Foundation
import Logging

/// The domain's whole answer to a conversation: language → route → resolver → rendered text
/// (→ hand-off to record). No I/O of its own besides the resolvers' ports; the worker adds
/// deduplication, sending and recording.
public struct ConversationResponder: Sendable {
    /// The router.
    public let router: Router
    /// The language detector.
    public let languageDetector: LanguageDetector
    /// The resolvers, by name.
    public let resolvers: ResolverSet
    /// The renderer.
    public let renderer: ReplyRenderer

    /// Creates a responder from its parts.
    /// - Throws: ``ConfigurationError`` if a template the resolvers need is missing.
    public init(
        router: Router, languageDetector: LanguageDetector, resolvers: ResolverSet, renderer: ReplyRenderer
    ) throws(ConfigurationError) {
        var templates = resolvers.templateNames
        if router.configuration.clarifyMargin != nil { templates.insert(Self.clarifyTemplate) }
        try renderer.validate(templateNames: templates)
        self.router = router
        self.languageDetector = languageDetector
        self.resolvers = resolvers
        self.renderer = renderer
    }

    /// Creates a responder from a configuration directory's contents and the registered resolvers.
    /// - Throws: ``ConfigurationError`` for a resolver the configuration names but nobody registered,
    ///   invalid options, or missing templates.
    public init(
        configuration: ResponderConfiguration, registry: ResolverRegistry, dependencies: ResolverDependencies
    ) throws {
        try self.init(
            router: Router(configuration: configuration.routing),
            languageDetector: LanguageDetector(configuration: configuration.languages),
            resolvers: registry.makeResolvers(for: configuration.routing, dependencies: dependencies),
            renderer: ReplyRenderer(
                templates: configuration.templates, languages: configuration.languages,
                timeZone: dependencies.businessTimeZone))
    }

    /// The language of the reply: that of the pending messages (the client may switch language in a
    /// follow-up); if they have no marker, that of every client message; else the default.
    public func language(of plan: ConversationPlan) -> Language {
        languageDetector.detectIfAny(plan.pending.map(\.text))
            ?? languageDetector.detect(plan.clientMessages.map(\.text))
    }

    /// The route of a conversation: by the label and the pending messages; if they say nothing, by the
    /// label and every client message.
    public func route(_ conversation: Conversation, plan: ConversationPlan) -> RouteDecision {
        let pendingIDs = Set(plan.pending.map(\.id))
        return router.route(
            subject: conversation.subject, pending: plan.pending.map(\.text),
            earlier: plan.clientMessages.filter { !pendingIDs.contains($0.id) }.map(\.text))
    }

    /// Answers the pending messages of `plan`, or returns `nil` when none is pending.
    ///
    /// A message that asks several things gets one reply with a section per topic (each resolver
    /// looked up concurrently); one torn between two topics gets a clarifying question.
    /// - Throws: what a resolver throws (``UpstreamError``: retry, then ``handOffReply(to:plan:reason:detail:route:)``),
    ///   or ``ConfigurationError`` if a template is missing.
    public func respond(to conversation: Conversation, plan: ConversationPlan, logger: Logger) async throws
        -> PlannedReply?
    {
        guard plan.needsReply else { return nil }
        let language = language(of: plan)
        let decision = route(conversation, plan: plan)
        var logger = logger
        logger[metadataKey: "conversation.id"] = "\(conversation.id)"
        logger[metadataKey: "resolver"] = "\(decision.combinedName)"
        guard let merchantID = conversation.merchantID else {
            return try handOffReply(
                to: conversation, plan: plan, reason: .invalidConversation,
                detail: "upstream sent no valid merchant id", route: decision)
        }
        logger[metadataKey: "merchant.id"] = "\(merchantID)"
        logger.debug("routing conversation", metadata: ["route": "\(decision)", "language": "\(language)"])
        if decision.reason == .clarify {
            return try clarifyingQuestion(conversation, plan: plan, language: language, route: decision)
        }
        if decision.resolvers.count == 1, resolvers[decision.resolver] == nil {
            return try handOffReply(
                to: conversation, plan: plan, reason: .unknownSubject,
                detail: "no resolver named \(decision.resolver)", route: decision)
        }
        let request = ResolutionRequest(
            conversationID: conversation.id, merchantID: merchantID, subject: conversation.subject,
            messages: plan.pending, language: language, route: decision, logger: logger)
        let parts = try await resolveEach(decision.resolvers, request: request)
        return try plannedReply(conversation, plan: plan, language: language, route: decision, parts: parts)
    }

    /// The polite hand-off reply (and its record) for a conversation that cannot be answered, e.g.
    /// after the last attempt failed (``HandOffReason/upstreamFailure``).
    /// - Throws: ``ConfigurationError`` if the hand-off template is missing.
    public func handOffReply(
        to conversation: Conversation, plan: ConversationPlan, reason: HandOffReason, detail: String,
        route: RouteDecision? = nil
    ) throws(ConfigurationError) -> PlannedReply {
        let decision = route ?? self.route(conversation, plan: plan)
        return try plannedReply(
            conversation, plan: plan, language: language(of: plan), route: decision,
            parts: [PlannedReply.Part(resolver: decision.resolver, resolution: .handOff(reason, detail: detail))])
    }
}
