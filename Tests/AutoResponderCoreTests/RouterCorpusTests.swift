import Testing

@testable import AutoResponderCore

/// The router on the repository's routing corpus (`config/routing-corpus`): deterministic, so the
/// accuracy targets are asserted. The held-out part is never used to tune anything; `make
/// eval-routing` prints the same figures in detail.
@Suite struct RouterCorpusTests {
    /// The share of `examples` routed to exactly their topics (every topic of a several-topic message;
    /// the label's resolver for a vague one), and the examples routed wrong.
    static func accuracy(of examples: [RoutingExample], router: Router) -> (Double, [String]) {
        var wrong: [String] = []
        for example in examples {
            let expected =
                example.isVague ? [router.resolver(forLabel: example.label) ?? router.configuration.fallback] : example.topics
            let decision = router.route(subject: example.label, texts: [example.text])
            let routed = decision.reason == .clarify ? [RouteDecision.clarify] : decision.resolvers
            if Set(routed) != Set(expected) { wrong.append("[\(example.label)] \(example.text) → \(decision)") }
        }
        return (Double(examples.count - wrong.count) / Double(max(examples.count, 1)), wrong)
    }

    /// The issue's target is 97 %; the committed router reaches 96.3 % (755 of 784), measured without
    /// tuning on this part (written by a second writer on 2026-12-05; 91.2 % blind before the tuning on
    /// that writer's other messages and a third writer's). The floor asserted here is what is reached, so that no change
    /// makes it worse: raise it as routing improves — by tuning on the tuning part only, never on this one.
    static let heldOutFloor = 0.96

    @Test func theHeldOutPartIsRoutedAtLeastAsWellAsCommitted() throws {
        let examples = try loadCorpus("heldout.tsv")
        let (accuracy, wrong) = Self.accuracy(of: examples, router: try repositoryRouter())
        #expect(accuracy >= Self.heldOutFloor, "held-out accuracy \(accuracy); routed wrong:\n\(wrong.joined(separator: "\n"))")
    }

    @Test func theTuningPartIsRoutedAtLeast99PercentRight() throws {
        let examples = try loadCorpus("tuning.tsv")
        let (accuracy, wrong) = Self.accuracy(of: examples, router: try repositoryRouter())
        #expect(accuracy >= 0.99, "tuning accuracy \(accuracy); routed wrong:\n\(wrong.joined(separator: "\n"))")
    }

    @Test func theCorpusIsLargeBilingualAndHoldsOutSevenHundred() throws {
        let tuning = try loadCorpus("tuning.tsv")
        let heldOut = try loadCorpus("heldout.tsv")
        #expect(tuning.count + heldOut.count >= 1_500)
        let share = Double(heldOut.count) / Double(tuning.count + heldOut.count)
        // At least 700 held out (a figure to about ±1.5 %) and at least a seventh; the rest to tune on.
        #expect(heldOut.count >= 700)
        #expect((0.14...0.4).contains(share))
        for part in [tuning, heldOut] {
            for language in ["en", "pt-BR"] { #expect(part.filter { $0.language == language }.count >= part.count / 3) }
            for topic in ["logistics", "telecom", "receipt", "maintenance", "handoff"] {
                #expect(part.filter { $0.topics == [topic] }.count >= 30, "\(topic)")
            }
            #expect(part.contains { $0.topics.count > 1 })
            #expect(part.contains { $0.label.isEmpty })
        }
        // No message of the held-out part is in the tuning part.
        let tuningTexts = Set(tuning.map { TextNormalizer.normalize($0.text) })
        #expect(heldOut.allSatisfy { !tuningTexts.contains(TextNormalizer.normalize($0.text)) })
    }

    @Test func theSecondOpinionIsTrainedOnTheTuningPartOnly() throws {
        let configuration = try loadRouting()
        let tuning = try loadCorpus("tuning.tsv")
        #expect(configuration.secondOpinion?.training == tuning)
    }
}
