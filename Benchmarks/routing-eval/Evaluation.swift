import AutoResponderCore

/// One corpus example routed: what was expected and what the router decided.
struct Outcome {
    let example: RoutingExample
    let expected: String
    let decision: RouteDecision

    var predicted: String { decision.reason == .clarify ? RouteDecision.clarify : decision.combinedName }
    var isCorrect: Bool { Evaluation.sameTopics(expected, predicted) }
}

/// Routes every example of a corpus part as a conversation's first messages.
enum Evaluation {
    /// The router whose labels are used to tell right, wrong and unlisted labels apart.
    nonisolated(unsafe) static var labelRouter: Router?

    static func labelResolver(_ label: String) -> String? { labelRouter?.resolver(forLabel: label) }

    static func run(_ examples: [RoutingExample], router: Router) -> [Outcome] {
        examples.map { example in
            let expected =
                example.isVague
                ? (router.resolver(forLabel: example.label) ?? router.configuration.fallback) : example.topic
            let decision = router.route(subject: example.label, texts: [example.text])
            return Outcome(example: example, expected: expected, decision: decision)
        }
    }

    /// `telecom+receipt` and `receipt+telecom` are the same answer.
    static func sameTopics(_ lhs: String, _ rhs: String) -> Bool {
        Set(lhs.split(separator: "+")) == Set(rhs.split(separator: "+"))
    }

    /// A topic combination in a stable order (configuration order of its resolvers).
    static func canonical(_ topics: String, order: [String]) -> String {
        topics.split(separator: "+").map(String.init)
            .sorted { (order.firstIndex(of: $0) ?? .max, $0) < (order.firstIndex(of: $1) ?? .max, $1) }
            .joined(separator: "+")
    }
}
