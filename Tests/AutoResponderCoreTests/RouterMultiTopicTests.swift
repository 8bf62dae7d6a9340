import Testing

@testable import AutoResponderCore

/// A message that asks several things names every clear topic; one torn between two topics, none of
/// them clear, is a clarifying question; a follow-up is never asked twice.
@Suite struct RouterMultiTopicTests {
    let router: Router

    init() throws {
        router = try repositoryRouter()
    }

    @Test(arguments: [
        ("my machine arrived but it has no signal, and yesterday's money didn't land", ["telecom", "receipt"]),
        ("minha maquina chegou mas ta sem sinal, e o dinheiro de ontem nao caiu", ["telecom", "receipt"]),
        ("hello, the machine I ordered never came and the transfer of my sales is missing", ["logistics", "receipt"]),
        ("a maquininha nova nao chegou e a antiga nao conecta", ["logistics", "telecom"]),
        ("the chip is blocked and I need the invoice too", ["telecom", "handoff"]),
        ("o repasse nao caiu e quero falar com um atendente", ["receipt", "handoff"]),
        // Clauses between commas: three topics in one sentence.
        ("the second terminal still hasn't shipped, the first one has no signal and friday's payout never landed",
            ["logistics", "telecom", "receipt"]),
    ])
    func everyClearTopicIsNamed(_ text: String, topics: [String]) {
        let decision = router.route(subject: "", texts: [text])
        #expect(Set(decision.resolvers) == Set(topics), "\(decision)")
        #expect(decision.resolver == decision.resolvers[0])
        #expect(decision.isMultiTopic)
        #expect(decision.combinedName == decision.resolvers.joined(separator: "+"))
        for topic in topics { #expect(decision.keywordsByResolver[topic]?.isEmpty == false, "\(topic): \(decision)") }
    }

    @Test func theLabelsTopicIsThePrimaryOne() {
        let decision = router.route(
            subject: "bank account receipt problem",
            texts: ["my machine has no signal and yesterday's money didn't land"])
        #expect(decision.resolver == "receipt")
        #expect(decision.resolvers == ["receipt", "telecom"])
        #expect(decision.description.hasPrefix("receipt+telecom ("))
    }

    @Test func aSingleTopicWithIncidentalWordsStaysSingle() {
        for text in [
            "my machine hasn't arrived and I'm losing sales", "machine not connecting since monday, I'm losing sales",
            "I want to change my bank account", "como faço pra devolver o dinheiro pro cliente?",
            "nem sinal da maquininha que comprei, ja faz 10 dias",
            // A topic's words that are only context in a clause another topic owns.
            "o chip que veio na maquina nao tem dados", "my deposit doesn't match the sales report, 150 is missing",
            "the reader turns off by itself, can you replace it?",
        ] {
            #expect(!router.route(subject: "", texts: [text]).isMultiTopic, "\(text)")
        }
    }

    @Test(arguments: [
        ("tenho um problema com meu pedido e com o saldo", ["receipt", "logistics"]),
        ("my order and my bank, help", ["receipt", "logistics"]),
    ])
    func twoCloseUnclearTopicsAreAQuestion(_ text: String, candidates: [String]) {
        let decision = router.route(subject: "", texts: [text])
        #expect(decision.reason == .clarify, "\(decision)")
        #expect(decision.resolver == RouteDecision.clarify)
        #expect(decision.resolvers == [RouteDecision.clarify])
        #expect(Set(decision.candidates) == Set(candidates))
        #expect(decision.isClarifyingQuestion)
    }

    @Test func aLabelThatFavoursOneOfTheTwoDecides() {
        let decision = router.route(subject: "late delivery", texts: ["my order and my bank, help"])
        #expect(decision.resolver == "logistics")
        #expect(decision.reason == .label)
    }

    @Test func nothingAtAllIsStillAHandOffNotAQuestion() {
        let decision = router.route(subject: "", texts: ["hello? is anybody there"])
        #expect(decision.resolver == "handoff")
        #expect(decision.reason == .fallback)
    }

    @Test func theAnswerToAQuestionIsRoutedByItself() {
        let earlier = ["tenho um problema com meu pedido e com o saldo"]
        #expect(router.route(subject: "", pending: ["o pedido, a entrega"], earlier: earlier).resolvers == ["logistics"])
        #expect(router.route(subject: "", pending: ["the money, my transfer"], earlier: earlier).resolvers == ["receipt"])
    }

    @Test func anAnswerThatSettlesNothingGetsBothTopicsNotASecondQuestion() {
        let decision = router.route(subject: "", pending: ["os dois"], earlier: ["tenho um problema com meu pedido e com o saldo"])
        #expect(decision.reason != .clarify)
        #expect(Set(decision.resolvers) == ["receipt", "logistics"])
    }
}
