import Foundation
import Testing

@testable import AutoResponderCore

@Suite struct RouterTests {
    let router: Router

    init() throws {
        router = try repositoryRouter()
    }

    @Test(arguments: [
        ("bank account receipt problem", "receipt"),
        ("connection problem", "telecom"),
        ("late delivery", "logistics"),
        ("check delivery address", "logistics"),
        ("delivery forecast", "logistics"),
    ])
    func everyRealLabelRoutesWithoutText(_ label: String, resolver: String) {
        let decision = router.route(subject: label, texts: [])
        #expect(decision.resolver == resolver)
        #expect(decision.reason == .label)
        #expect(decision.labelResolver == resolver)
    }

    @Test(arguments: [
        ("Bank Account Receipt Problem", "receipt"),
        ("  connection   problem ", "telecom"),
        ("LATE-DELIVERY", "logistics"),
        ("check delivery address.", "logistics"),
        ("Delivery_Forecast", "logistics"),
    ])
    func labelVariantsOfCaseSpacesAndPunctuationAreTheSameLabel(_ label: String, resolver: String) {
        #expect(router.route(subject: label, texts: []).resolver == resolver)
        #expect(router.route(subject: label, texts: []).reason == .label)
    }

    @Test(arguments: [
        ("delivery delay", "logistics"),
        ("machine not delivered", "logistics"),
        ("atraso na entrega", "logistics"),
        ("endereço de entrega", "logistics"),
        ("chip sem sinal", "telecom"),
        ("problema de conexão", "telecom"),
        ("machine offline", "telecom"),
        ("bank transfer missing", "receipt"),
        ("repasse não caiu", "receipt"),
        ("payout issue", "receipt"),
        ("payment not received", "receipt"),
        ("pagamento não recebido", "receipt"),
        ("order not received", "logistics"),
        ("when will it arrive", "logistics"),
        ("pos not connecting", "telecom"),
        ("maquininha sem internet", "telecom"),
        ("password reset", "handoff"),
        ("cancel my order", "handoff"),
    ])
    func unlistedLabelsRouteByTheirWords(_ label: String, resolver: String) {
        let decision = router.route(subject: label, texts: [])
        #expect(decision.resolver == resolver)
        #expect(decision.reason == .keywords)
    }

    @Test(arguments: [
        // English
        ("hello, my money hasn't landed in my bank account yet", "receipt"),
        ("I didn't get yesterday's payout", "receipt"),
        ("the transfer to my account is wrong, the amount is less than my sales", "receipt"),
        ("my chip is not connected to the internet", "telecom"),
        ("the card machine keeps saying no signal", "telecom"),
        ("my terminal is offline since this morning", "telecom"),
        ("where is my credit card machine? it hasn't arrived yet", "logistics"),
        ("when will my order be delivered?", "logistics"),
        ("I forgot the address I gave for the shipping", "logistics"),
        ("can you give me the tracking of my package", "logistics"),
        // Portuguese, with and without accents
        ("olá, meu dinheiro ainda não caiu na minha conta", "receipt"),
        ("o repasse de ontem veio com valor errado", "receipt"),
        ("minha maquininha não conecta na internet", "telecom"),
        ("o chip está sem sinal", "telecom"),
        ("cadê minha máquina? a entrega está atrasada", "logistics"),
        ("cade minha maquina? a entrega esta atrasada", "logistics"),
        ("qual a previsão de chegada do meu pedido?", "logistics"),
        ("para qual endereço vocês vão enviar?", "logistics"),
    ])
    func phrasingsRouteWithAnEmptyLabel(_ text: String, resolver: String) {
        let decision = router.route(subject: "", texts: [text])
        #expect(decision.resolver == resolver, "\(text) → \(decision)")
        #expect(decision.reason == .keywords)
        #expect(!decision.matchedKeywords.isEmpty)
    }

    @Test func aWrongLabelIsOverriddenWhenTheTextClearlySaysOtherwise() {
        let decision = router.route(
            subject: "connection problem",
            texts: ["hello, my money hasn't landed in my bank account yet. I want to know what happened"])
        #expect(decision.resolver == "receipt")
        #expect(decision.reason == .keywords)
        #expect(decision.overridesLabel)
        #expect(decision.labelResolver == "telecom")
    }

    @Test func aWrongLabelIsOverriddenInPortugueseToo() {
        let decision = router.route(subject: "late delivery", texts: ["minha maquininha não conecta, o chip está sem sinal"])
        #expect(decision.resolver == "telecom")
    }

    @Test func theLabelWinsAgainstAWeakContraryHint() {
        // One mention of money does not override a delivery label: ties favour the label.
        let decision = router.route(subject: "late delivery", texts: ["I need the machine to make money"])
        #expect(decision.resolver == "logistics")
        #expect(decision.reason == .label)
    }

    @Test func aHintOfTheLabelsTopicDoesNotKeepItAgainstAClearText() {
        // `vendas` is a hint of receipt (weight 1): the label does not keep it against "no connection".
        let decision = router.route(
            subject: "bank account receipt problem", texts: ["as vendas tao dando erro, a maquina diz sem conexao"])
        #expect(decision.resolver == "telecom", "\(decision)")
        // A topic word of the label's resolver does keep it (and the other topic is answered too).
        let kept = router.route(
            subject: "bank account receipt problem", texts: ["my machine has no signal and yesterday's money didn't land"])
        #expect(kept.resolver == "receipt", "\(kept)")
    }

    @Test func theContractsExampleStaysLogistics() {
        let text = "Hi! I wanted to know where my machine is. I'm going on a vacation next week and I won't be "
            + "here to receive the machine, so I'd like to know what day the delivery is planned to let "
            + "someone pick it up if I'm not home"
        let decision = router.route(subject: "check delivery address", texts: [text])
        #expect(decision.resolver == "logistics")
        #expect(decision.reason == .label)
    }

    @Test(arguments: ["", "   ", "asdkjh qweoiu", "ok thanks", "???", "🙂"])
    func noSignalAtAllFallsBackToHandOff(_ text: String) {
        let decision = router.route(subject: "", texts: [text])
        #expect(decision.resolver == "handoff")
        #expect(decision.reason == .fallback)
        #expect(decision.scores.isEmpty)
    }

    @Test func anUnknownLabelWithGibberishFallsBack() {
        let decision = router.route(subject: "xyz classifier output 42", texts: ["blah"])
        #expect(decision.resolver == "handoff")
        #expect(decision.labelResolver == nil)
    }

    @Test func requestsNoResolverCanAnswerRouteToHandOff() {
        #expect(router.route(subject: "", texts: ["I need to change my bank account"]).resolver == "handoff")
        #expect(router.route(subject: "", texts: ["quero cancelar meu pedido"]).resolver == "handoff")
        // …but the real label plus the topic's words still wins.
        #expect(
            router.route(subject: "bank account receipt problem", texts: ["did the transfer fail? should I change my bank?"])
                .resolver == "receipt")
    }

    @Test func askingForAPersonRoutesToHandOff() {
        #expect(router.route(subject: "", texts: ["I want to talk to a human"]).resolver == "handoff")
        #expect(router.route(subject: "", texts: ["quero falar com um atendente"]).resolver == "handoff")
    }

    @Test func keywordsMatchOnWordBoundariesOnly() {
        // "bank" inside "embankment" does not count; a configured prefix ("disconnect*") does.
        #expect(router.route(subject: "", texts: ["the embankment"]).reason == .fallback)
        #expect(router.route(subject: "", texts: ["my machine disconnected again"]).resolver == "telecom")
    }

    @Test func repeatedKeywordsCountOnce() throws {
        // Keywords alone (the second opinion, asked since no keyword is clear, would add its own weight).
        var configuration = try loadRouting()
        configuration.secondOpinion = nil
        let decision = Router(configuration: configuration).route(subject: "late delivery", texts: ["money money money money"])
        #expect(decision.scores["receipt"] == 2)
        #expect(decision.resolver == "logistics")
    }

    @Test func everyMessageCounts() {
        let decision = router.route(subject: "", texts: ["hi", "my chip", "no internet"])
        #expect(decision.resolver == "telecom")
        #expect(decision.matchedKeywords.count == 2)
        #expect(decision.matchedKeywords.contains { $0.hasPrefix("chip*|") })
        #expect(decision.matchedKeywords.contains { $0.hasPrefix("internet|") })
    }
}

@Suite struct RoutingConfigurationTests {
    @Test func theRepositoryConfigurationHasTheFiveRealLabelsAndAFallback() throws {
        let configuration = try loadRouting()
        #expect(configuration.fallback == "handoff")
        let labels = Dictionary(
            configuration.resolvers.flatMap { route in route.labels.map { ($0, route.name) } },
            uniquingKeysWith: { first, _ in first })
        #expect(labels == [
            "bank account receipt problem": "receipt", "connection problem": "telecom", "late delivery": "logistics",
            "check delivery address": "logistics", "delivery forecast": "logistics",
        ])
        let logistics = configuration.resolvers.first { $0.name == "logistics" }
        #expect(try logistics?.options.strings("settled_statuses")?.contains("done") == true)
    }

    @Test func parsesWeightsAndPrefixes() throws {
        let configuration = try RoutingConfiguration.parse(yaml: """
            fallback: nobody
            label_weight: 5
            resolvers:
              - name: a
                labels: [Label A]
                keywords: [plain, "pre*", {heavy phrase: 4}]
                options: {flag: true, list: [x, y], count: 3, word: hi}
            """)
        #expect(configuration.labelWeight == 5)
        let route = try #require(configuration.resolvers.first)
        #expect(route.keywords.map(\.weight) == [1, 1, 4])
        #expect(route.keywords[1].pattern.matches(["prefixed"]))
        #expect(route.keywords[2].pattern.matches(["a", "heavy", "phrase"]))
        #expect(try route.options.bool("flag") == true)
        #expect(try route.options.strings("list") == ["x", "y"])
        #expect(try route.options.integer("count") == 3)
        #expect(try route.options.strings("word") == ["hi"])
        #expect(throws: ConfigurationError.self) { try route.options.integer("word") }
    }

    @Test func aLabelMappedToTwoResolversIsAnError() {
        #expect(throws: ConfigurationError.self) {
            try RoutingConfiguration.parse(yaml: """
                fallback: h
                resolvers:
                  - {name: a, labels: [late delivery]}
                  - {name: b, labels: [Late Delivery]}
                """)
        }
    }

    @Test func malformedFilesAreClearErrors() {
        for yaml in ["", "fallback: [", "resolvers: []", "fallback: h\nresolvers: [{name: a, keywords: [{x: 0}]}]",
                     "fallback: h\nresolvers: [{name: a}, {name: a}]"] {
            #expect(throws: ConfigurationError.self) { try RoutingConfiguration.parse(yaml: yaml) }
        }
        #expect(throws: ConfigurationError.self) {
            try RoutingConfiguration.load(contentsOf: URL(fileURLWithPath: "/nonexistent/routing.yaml"))
        }
    }
}
