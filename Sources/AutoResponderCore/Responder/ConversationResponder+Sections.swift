extension ConversationResponder {
    /// The facts a template gets besides its resolver's, when the reply has several sections:
    /// `multiTopic` (the reply answers several topics) and `continued` (this section is not the
    /// first: no greeting, and a hand-off says it is about the rest of the message).
    static let multiTopicFact = "multiTopic"
    /// See ``multiTopicFact``.
    static let continuedFact = "continued"

    /// Asks each resolver, concurrently; a name no resolver has gives a hand-off part.
    /// - Throws: the first error a resolver throws (the whole reply is retried).
    func resolveEach(_ names: [String], request: ResolutionRequest) async throws -> [PlannedReply.Part] {
        try await withThrowingTaskGroup(of: (Int, Resolution).self) { group in
            for (index, name) in names.enumerated() {
                let resolver = resolvers[name]
                group.addTask {
                    guard let resolver else {
                        return (index, .handOff(.unknownSubject, detail: "no resolver named \(name)"))
                    }
                    return (index, try await resolver.resolve(request))
                }
            }
            var resolutions = [Resolution?](repeating: nil, count: names.count)
            for try await (index, resolution) in group { resolutions[index] = resolution }
            return zip(names, resolutions).map { name, resolution in
                PlannedReply.Part(
                    resolver: name, resolution: resolution ?? .handOff(.unknownSubject, detail: "no resolution"))
            }
        }
    }

    /// One reply from the parts: the sections with facts first (in the route's order), then one
    /// hand-off section for every part that needs a person (recorded as one hand-off naming them).
    func plannedReply(
        _ conversation: Conversation, plan: ConversationPlan, language: Language, route: RouteDecision,
        parts: [PlannedReply.Part]
    ) throws(ConfigurationError) -> PlannedReply {
        let answers = parts.filter { if case .reply = $0.resolution { true } else { false } }
        let handOffs = parts.compactMap { part -> (resolver: String, decision: HandOffDecision)? in
            if case .handOff(let decision) = part.resolution { (part.resolver, decision) } else { nil }
        }
        var sections = answers.map(\.resolution)
        if let first = handOffs.first { sections.append(.handOff(first.decision)) }
        var texts: [String] = []
        for (index, section) in sections.enumerated() {
            var facts = section.facts
            if sections.count > 1 {
                facts[Self.multiTopicFact] = .flag(true)
                facts[Self.continuedFact] = .flag(index > 0)
            }
            texts.append(try renderer.render(template: section.template, facts: facts, language: language))
        }
        var handOff: HandOff?
        if let first = handOffs.first {
            let detail =
                parts.count == 1
                ? first.decision.detail
                : handOffs.map { "\($0.resolver): \($0.decision.detail)" }.joined(separator: "; ")
                    + " (answered with \(answers.map(\.resolver).joined(separator: "+")))"
            handOff = HandOff(
                conversationID: conversation.id, merchantID: conversation.merchantID, subject: conversation.subject,
                reason: first.decision.reason, detail: detail, messageIDs: plan.pending.map(\.id))
        }
        let primary = parts.first { $0.resolver == route.resolver } ?? parts[0]
        return PlannedReply(
            conversationID: conversation.id, answering: plan.pending.map(\.id), text: texts.joined(separator: "\n\n"),
            language: language, route: route, resolution: primary.resolution, handOff: handOff,
            parts: answers + handOffs.map { PlannedReply.Part(resolver: $0.resolver, resolution: .handOff($0.decision)) })
    }
}
