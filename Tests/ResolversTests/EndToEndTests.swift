import AutoResponderCore
import Foundation
import Testing

@testable import Resolvers

/// The five original conversations answered in memory: repository configuration, standard
/// registry, fakes holding the original database and the original APIs' known answers.
@Suite struct OriginalConversationsTests {
    let world: OriginalWorld
    let responder: ConversationResponder

    init() throws {
        world = try OriginalWorld()
        responder = try ConversationResponder(
            configuration: try repositoryConfiguration(), registry: .standard, dependencies: world.dependencies)
    }

    func answer(_ id: String, in world: OriginalWorld? = nil) async throws -> PlannedReply {
        let world = world ?? self.world
        let responder = try ConversationResponder(
            configuration: try repositoryConfiguration(), registry: .standard, dependencies: world.dependencies)
        let conversation = world.conversation(id)
        let plan = ConversationPlanner.plan(conversation, answered: [], sentReplies: [])
        return try #require(try await responder.respond(to: conversation, plan: plan, logger: quietLogger))
    }

    func expect(_ text: String, contains facts: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        for fact in facts {
            #expect(text.contains(fact), "missing \(fact) in:\n\(text)", sourceLocation: sourceLocation)
        }
    }

    @Test func theFiveConversationsRouteByTheirLabels() {
        let expected = ["754893": "receipt", "754894": "telecom", "754895": "logistics", "754896": "logistics", "754897": "logistics"]
        for conversation in world.conversations {
            let plan = ConversationPlanner.plan(conversation, answered: [], sentReplies: [])
            #expect(responder.route(conversation, plan: plan).resolver == expected[conversation.id.rawValue])
            #expect(responder.language(of: plan) == .english)
        }
    }

    @Test func bankReceipt754893() async throws {
        let reply = try await answer("754893")
        #expect(reply.handOff == nil)
        #expect(reply.answering.map(\.rawValue) == ["754893-0"])
        expect(reply.text, contains: ["failed", "bank's API is unavailable", "R$ 177.40", "Dec 21, 2021", "matches"])
    }

    @Test func chip754894WithTheKnownAnswersOnlyIsHandedOff() async throws {
        // Merchant 530364's chip is CHIP37649; the only known telecom answer is CHIP37648, another
        // merchant's chip, which must never be used.
        let reply = try await answer("754894")
        #expect(reply.handOff?.reason == .missingData)
        #expect(reply.handOff?.merchantID?.rawValue == "530364")
        #expect(reply.handOff?.subject == "connection problem")
        #expect(reply.handOff?.messageIDs.map(\.rawValue) == ["754894-0"])
        #expect(reply.text.contains("a person"))
        #expect(reply.text.contains("CHIP37649"))
        #expect(!reply.text.contains("CHIP37648"))
        #expect(world.telecom.askedChips.all.map(\.rawValue) == ["CHIP37649"])
    }

    @Test func chip754894WhenTheOperatorKnowsIt() async throws {
        var world = try OriginalWorld()
        let chip = try ChipID("CHIP37649")
        world.telecom = FakeTelecom(statuses: [chip: ChipStatus(chipID: chip, rawStatus: "active", description: "OK")])
        let reply = try await answer("754894", in: world)
        #expect(reply.handOff == nil)
        expect(reply.text, contains: ["CHIP37649", "active", "OK"])
    }

    @Test func lateDelivery754895() async throws {
        let reply = try await answer("754895")
        expect(reply.text, contains: ["123456", "On delivery route", "01/12/2021", "Rua Professor Patrocínio Filho", "Palmares", "Belo Horizonte", "MG"])
    }

    @Test func deliveryAddress754896TheCarrierDoesNotKnow() async throws {
        let reply = try await answer("754896")
        #expect(reply.handOff == nil)
        expect(reply.text, contains: ["123457", "in progress", "in the delivery step"])
        #expect(!reply.text.contains("123456"))
    }

    @Test func deliveryForecast754897WithAnUnknownZip() async throws {
        let reply = try await answer("754897")
        expect(reply.text, contains: ["123458", "In transit between distribution centers", "01/03/2022", "60811-340"])
    }

    @Test func aPortugueseFollowUpIsAnsweredInPortuguese() async throws {
        var conversation = world.conversation("754895")
        let earlier = try #require(conversation.messages.first)
        let reply = "Hi! Here is the latest on your card machine order: ..."
        conversation.messages += [
            ChatMessage(id: try MessageID("754895-1"), text: reply, createdAt: earlier.createdAt.addingTimeInterval(5)),
            ChatMessage(
                id: try MessageID("754895-2"), text: "olá, ainda não chegou, qual é o endereço da entrega?",
                createdAt: earlier.createdAt.addingTimeInterval(60)),
        ]
        let plan = ConversationPlanner.plan(conversation, answered: [earlier.id], sentReplies: [reply])
        let planned = try #require(try await responder.respond(to: conversation, plan: plan, logger: quietLogger))
        #expect(planned.answering.map(\.rawValue) == ["754895-2"])
        #expect(planned.language == .portuguese)
        expect(planned.text, contains: ["Venda 123456", "Previsão de entrega: 01/12/2021", "Belo Horizonte"])
    }

    @Test func nothingPendingNoReply() async throws {
        let conversation = world.conversation("754893")
        let plan = ConversationPlanner.plan(conversation, answered: Set(conversation.messages.map(\.id)), sentReplies: [])
        #expect(try await responder.respond(to: conversation, plan: plan, logger: quietLogger) == nil)
    }

    @Test func aFollowUpWithoutSignalIsRoutedByTheWholeConversation() async throws {
        var conversation = world.conversation("754895")
        conversation.subject = ""
        let earlier = try #require(conversation.messages.first)
        conversation.messages.append(
            ChatMessage(id: try MessageID("754895-9"), text: "??", createdAt: earlier.createdAt.addingTimeInterval(60)))
        let plan = ConversationPlanner.plan(conversation, answered: [earlier.id], sentReplies: [])
        let planned = try #require(try await responder.respond(to: conversation, plan: plan, logger: quietLogger))
        #expect(planned.route.resolver == "logistics")
        #expect(planned.answering.map(\.rawValue) == ["754895-9"])
    }

    @Test func gibberishIsHandedOffPolitely() async throws {
        var conversation = world.conversation("754893")
        conversation.subject = "zzz"
        conversation.messages[0].text = "asdf qwerty"
        let plan = ConversationPlanner.plan(conversation, answered: [], sentReplies: [])
        let planned = try #require(try await responder.respond(to: conversation, plan: plan, logger: quietLogger))
        #expect(planned.handOff?.reason == .unknownSubject)
        #expect(planned.handOff?.conversationID.rawValue == "754893")
        #expect(planned.text.contains("a person"))
    }

    @Test func aConversationWithoutAValidMerchantIsHandedOff() async throws {
        var conversation = world.conversation("754893")
        conversation.merchantID = nil
        let plan = ConversationPlanner.plan(conversation, answered: [], sentReplies: [])
        let planned = try #require(try await responder.respond(to: conversation, plan: plan, logger: quietLogger))
        #expect(planned.handOff?.reason == .invalidConversation)
        #expect(!planned.text.contains("177"))
    }

    @Test func upstreamFailuresThrowThenTheWorkerHandsOff() async throws {
        var world = try OriginalWorld()
        world.logistics.trackingFailure = unavailable
        await #expect(throws: UpstreamError.self) { try await answer("754895", in: world) }
        let conversation = world.conversation("754895")
        let plan = ConversationPlanner.plan(conversation, answered: [], sentReplies: [])
        let planned = try responder.handOffReply(
            to: conversation, plan: plan, reason: .upstreamFailure, detail: "logistics unavailable after 5 attempts")
        #expect(planned.handOff?.reason == .upstreamFailure)
        #expect(planned.route.resolver == "logistics")
        #expect(planned.text.contains("a person"))
    }

    @Test func theStandardRegistryCoversTheRepositoryConfiguration() throws {
        #expect(ResolverRegistry.standard.names == ["handoff", "logistics", "maintenance", "receipt", "telecom"])
        let resolvers = try ResolverRegistry.standard.makeResolvers(
            for: try repositoryConfiguration().routing, dependencies: world.dependencies)
        #expect(resolvers.names == ["handoff", "logistics", "maintenance", "receipt", "telecom"])
        #expect(resolvers.templateNames == ["chip_status", "delivery", "handoff", "maintenance", "receipt"])
    }

    @Test func aMissingTemplateStopsStartUp() throws {
        var configuration = try repositoryConfiguration()
        configuration.templates = try TemplateSet(sources: [.english: ["handoff": "x"]], defaultLanguage: .english)
        #expect(throws: ConfigurationError.self) {
            try ConversationResponder(configuration: configuration, registry: .standard, dependencies: world.dependencies)
        }
    }
}
