extension ConversationResponder {
    /// The template of a clarifying question (`config/templates/<language>/clarify.mustache`).
    public static let clarifyTemplate = "clarify"

    /// The short question that asks the client which of the route's candidate topics they mean. Its
    /// facts: `options`, a list with one item per candidate, each with a flag named after the
    /// candidate's resolver (`{{#logistics}}the delivery{{/logistics}}`) and `name`.
    func clarifyingQuestion(
        _ conversation: Conversation, plan: ConversationPlan, language: Language, route: RouteDecision
    ) throws(ConfigurationError) -> PlannedReply {
        let options: [Facts] = route.candidates.map { [$0: .flag(true), "name": .text($0)] }
        let resolution = Resolution.reply(template: Self.clarifyTemplate, facts: ["options": .list(options)])
        return try plannedReply(
            conversation, plan: plan, language: language, route: route,
            parts: [PlannedReply.Part(resolver: RouteDecision.clarify, resolution: resolution)])
    }
}
