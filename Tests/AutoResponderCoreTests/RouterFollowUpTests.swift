import Testing

@testable import AutoResponderCore

/// Follow-ups: one that names a topic by itself is answered with that topic's facts, also when short
/// and colloquial; a vague one stays with the conversation's topic. In both languages.
@Suite struct RouterFollowUpTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let label: String
        let earlier: String
        let followUp: String
        let resolver: String
        var testDescription: String { "\(earlier) / \(followUp) → \(resolver)" }

        init(_ label: String, _ earlier: String, _ followUp: String, _ resolver: String) {
            self.label = label
            self.earlier = earlier
            self.followUp = followUp
            self.resolver = resolver
        }
    }

    static let switches: [Case] = [
        Case("connection problem", "meu chip esta sem sinal", "ok, e a outra maquininha que eu comprei? quando chega?", "logistics"),
        Case("connection problem", "a maquininha nao conecta", "quando chega?", "logistics"),
        Case("connection problem", "minha maquina ta offline", "e o dinheiro de ontem?", "receipt"),
        Case("late delivery", "minha maquininha nao chegou", "e o chip? ta sem sinal", "telecom"),
        Case("bank account receipt problem", "o repasse nao caiu", "blz. e minha maq nova, cade?", "logistics"),
        Case("late delivery", "where is my machine?", "and the chip?", "telecom"),
        Case("late delivery", "my order is late", "thanks. and yesterday's money?", "receipt"),
        Case("connection problem", "the terminal has no signal", "ok and when does my other machine arrive?", "logistics"),
        Case("bank account receipt problem", "my transfer didnt arrive", "also my pos is ofline", "telecom"),
        Case("", "my payout is late", "ok. i also want to cancel my account", "handoff"),
    ]

    static let vague: [Case] = [
        Case("connection problem", "meu chip esta sem sinal", "alguma novidade?", "telecom"),
        Case("", "o dinheiro de ontem nao caiu na conta", "e ai? alguma novidade?", "receipt"),
        Case("", "minha maquininha ainda nao chegou", "obrigado. ainda aguardo", "logistics"),
        Case("late delivery", "the money from my sales hasn't landed", "any news?", "receipt"),
        Case("", "my card machine has no signal", "any news?", "telecom"),
        Case("", "my machine hasn't arrived", "thanks, is there anything I can do meanwhile?", "logistics"),
    ]

    let router: Router

    init() throws {
        router = try repositoryRouter()
    }

    @Test(arguments: switches)
    func aFollowUpThatNamesATopicGetsThatTopic(_ example: Case) {
        let decision = router.route(subject: example.label, pending: [example.followUp], earlier: [example.earlier])
        #expect(decision.resolver == example.resolver, "\(decision)")
        #expect(decision.resolvers == [example.resolver], "\(decision)")
    }

    @Test(arguments: vague)
    func aVagueFollowUpKeepsTheConversationsTopic(_ example: Case) {
        let decision = router.route(subject: example.label, pending: [example.followUp], earlier: [example.earlier])
        #expect(decision.resolver == example.resolver, "\(decision)")
        #expect(decision.resolvers == [example.resolver], "\(decision)")
    }

    @Test func aFirstMessageIsRoutedByItselfAndTheLabel() {
        #expect(router.route(subject: "late delivery", pending: ["alguma novidade?"], earlier: []).resolver == "logistics")
    }
}
