import AutoResponderCore
import Foundation
import Testing

@testable import Resolvers

/// One reply for a message that asks several things, a clarifying question for one torn between two,
/// and the hand-off of a part no resolver answers — with the repository's configuration and templates
/// over the original data (merchant 384923 of conversation 754895 has a sale in delivery, the chip
/// CHIP37648 and a receipt).
@Suite struct MultiTopicReplyTests {
    let world: OriginalWorld
    let responder: ConversationResponder

    init() throws {
        var world = try OriginalWorld()
        let chip = try ChipID("CHIP37648")
        world.telecom = FakeTelecom(statuses: [chip: ChipStatus(chipID: chip, rawStatus: "inactive", description: "Chip blocked")])
        self.world = world
        responder = try ConversationResponder(
            configuration: try repositoryConfiguration(), registry: .standard, dependencies: world.dependencies)
    }

    func answer(_ texts: [String], subject: String = "", answered: Int = 0) async throws -> PlannedReply {
        var conversation = world.conversation("754895")
        conversation.subject = subject
        let start = try #require(conversation.messages.first).createdAt
        conversation.messages = try texts.enumerated().map { index, text in
            ChatMessage(id: try MessageID("754895-\(index)"), text: text, createdAt: start.addingTimeInterval(Double(index) * 60))
        }
        let answeredIDs = Set(conversation.messages.prefix(answered).map(\.id))
        let plan = ConversationPlanner.plan(conversation, answered: answeredIDs, sentReplies: [])
        return try #require(try await responder.respond(to: conversation, plan: plan, logger: quietLogger))
    }

    @Test func twoProblemsGetOneReplyWithBothSetsOfFacts() async throws {
        let reply = try await answer(["my machine arrived but it has no signal, and yesterday's money didn't land"])
        #expect(Set(reply.route.resolvers) == ["telecom", "receipt"])
        #expect(Set(reply.parts.map(\.resolver)) == ["telecom", "receipt"])
        #expect(reply.handOff == nil)
        for fact in ["CHIP37648", "inactive", "Chip blocked", "transfer", "R$ "] {
            #expect(reply.text.contains(fact), "missing \(fact):\n\(reply.text)")
        }
        #expect(reply.text.components(separatedBy: "Hi!").count == 2, "one greeting only:\n\(reply.text)")
        #expect(reply.resolverName == reply.route.resolvers.joined(separator: "+"))
    }

    @Test func threeProblemsInPortuguese() async throws {
        let reply = try await answer([
            "Oi. Minha maquininha nova não chegou, a antiga está sem sinal e o dinheiro de ontem não caiu."
        ])
        #expect(Set(reply.route.resolvers) == ["logistics", "telecom", "receipt"])
        #expect(reply.language == .portuguese)
        for fact in ["123456", "On delivery route", "CHIP37648", "repasse"] {
            #expect(reply.text.contains(fact), "missing \(fact):\n\(reply.text)")
        }
        #expect(reply.text.components(separatedBy: "Olá!").count == 2, "one greeting only:\n\(reply.text)")
    }

    @Test func aPartNoResolverAnswersIsHandedOffAndSaidSo() async throws {
        let reply = try await answer(["the chip has no signal, and I need the invoice of the machine"])
        #expect(Set(reply.route.resolvers) == ["telecom", "handoff"])
        #expect(reply.text.contains("CHIP37648"))
        #expect(reply.text.contains("As for the rest of your message"))
        #expect(reply.text.hasPrefix("Hi!"))
        let handOff = try #require(reply.handOff)
        #expect(handOff.reason == .unknownSubject)
        #expect(handOff.detail.contains("handoff:"))
        #expect(handOff.messageIDs.map(\.rawValue) == ["754895-0"])
        // The facts come first, the hand-off last.
        #expect(reply.parts.map(\.resolver) == ["telecom", "handoff"])
    }

    @Test func aSingleTopicReplyIsUnchanged() async throws {
        let reply = try await answer(["my chip has no signal"])
        #expect(reply.route.resolvers == ["telecom"])
        #expect(reply.parts.count == 1)
        #expect(reply.text.hasPrefix("Hi! Here is what the mobile operator reports"))
    }

    @Test func aTornMessageGetsAShortQuestionInTheClientsLanguage() async throws {
        let english = try await answer(["my order and my bank, help"])
        #expect(english.route.resolver == RouteDecision.clarify)
        #expect(english.resolverName == "clarify")
        #expect(english.handOff == nil)
        #expect(english.text.contains("delivery of your card machine"))
        #expect(english.text.contains("transfer of your sales"))
        #expect(english.text.hasSuffix("?"))
        #expect(!english.text.contains("123456"))

        let portuguese = try await answer(["tenho um problema com meu pedido e com o saldo"])
        #expect(portuguese.route.resolver == RouteDecision.clarify)
        #expect(portuguese.language == .portuguese)
        #expect(portuguese.text.contains("entrega da sua maquininha"))
        #expect(portuguese.text.contains(" ou "))
    }

    @Test func theAnswerToTheQuestionGetsTheFacts() async throws {
        let reply = try await answer(["tenho um problema com meu pedido e com o saldo", "é a entrega do pedido"], answered: 1)
        #expect(reply.route.resolvers == ["logistics"])
        #expect(reply.text.contains("123456"))
        #expect(reply.answering.map(\.rawValue) == ["754895-1"])
    }

    @Test func theClarifyingTemplatesAreRequiredAtStartUp() throws {
        var configuration = try repositoryConfiguration()
        var english: [String: String] = [:]
        for name in ["chip_status", "delivery", "handoff", "receipt"] { english[name] = "x" }
        configuration.templates = try TemplateSet(sources: [.english: english], defaultLanguage: .english)
        #expect(throws: ConfigurationError.self) {
            try ConversationResponder(configuration: configuration, registry: .standard, dependencies: world.dependencies)
        }
    }
}
