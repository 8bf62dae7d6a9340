/// A reply to send: a template and the facts it shows.
public struct Reply: Hashable, Sendable {
    /// The template's name (a file `config/templates/<language>/<template>.mustache`).
    public var template: String
    /// The facts.
    public var facts: Facts

    /// Creates a reply.
    public init(template: String, facts: Facts) {
        self.template = template
        self.facts = facts
    }
}

/// A decision to hand the conversation to a person.
public struct HandOffDecision: Hashable, Sendable {
    /// The template of the polite reply sent to the client.
    public static let defaultTemplate = "handoff"

    /// Why.
    public var reason: HandOffReason
    /// Details for the person (never shown to the client).
    public var detail: String
    /// Facts found before giving up; the hand-off template may show them.
    public var facts: Facts
    /// The template of the client's reply.
    public var template: String

    /// Creates a hand-off decision.
    public init(reason: HandOffReason, detail: String, facts: Facts = [:], template: String = defaultTemplate) {
        self.reason = reason
        self.detail = detail
        self.facts = facts
        self.template = template
    }
}

/// What a resolver decided.
public enum Resolution: Hashable, Sendable {
    /// Answer the client with facts.
    case reply(Reply)
    /// Tell the client a person will follow up, and record it for a person.
    case handOff(HandOffDecision)

    /// A reply from `template` and `facts`.
    public static func reply(template: String, facts: Facts) -> Resolution {
        .reply(Reply(template: template, facts: facts))
    }

    /// A hand-off for `reason`.
    public static func handOff(_ reason: HandOffReason, detail: String, facts: Facts = [:]) -> Resolution {
        .handOff(HandOffDecision(reason: reason, detail: detail, facts: facts))
    }

    /// The template to render.
    public var template: String {
        switch self {
        case .reply(let reply): reply.template
        case .handOff(let decision): decision.template
        }
    }

    /// The facts to render.
    public var facts: Facts {
        switch self {
        case .reply(let reply): reply.facts
        case .handOff(let decision): decision.facts
        }
    }
}
