import APISimulator
import Foundation
import PostgreSQL
import Testing
import TestSupport
import World

/// The fifth problem type end to end (the maintenance resolver and its own data source, the
/// maintenance API of the simulator): conversations about machines that do not work get their
/// warranty, an open order, a new order or a hand-off for a quote; and a service order is opened
/// exactly once even though every first `POST /service_orders` opens it and then hangs past the
/// client's timeout.
@Suite struct MaintenanceEndToEndTests {
    /// A generated world without conversations, and the merchants of each case (one delivered
    /// machine each, its warranty and open orders as the maintenance API has them).
    struct Cases: Sendable {
        var world: World
        var opens: [(merchant: String, sale: String)] = []
        var hasOrder: [(merchant: String, sale: String, order: ServiceOrder)] = []
        var quote: [(merchant: String, sale: String)] = []
        var noMachine: [String] = []
    }

    static func cases() throws -> Cases {
        var cases = Cases(world: try WorldGenerator.generate(.init(seed: 5, merchants: 150, conversations: 0)))
        let world = cases.world
        let warranty = Dictionary(world.warranties.map { ($0.idSale, $0) }) { first, _ in first }
        for (merchant, sales) in Dictionary(grouping: world.sales, by: \.merchantId).sorted(by: { $0.key < $1.key }) {
            let delivered = sales.filter { $0.status == "done" }
            guard delivered.count <= 1 else { continue }
            guard let sale = delivered.first?.idSale else {
                cases.noMachine.append(merchant)
                continue
            }
            guard let machine = warranty[sale] else { continue }
            if let order = world.serviceOrders.first(where: { $0.idSale == sale && $0.isOpen }) {
                cases.hasOrder.append((merchant, sale, order))
            } else if machine.underWarranty {
                cases.opens.append((merchant, sale))
            } else {
                cases.quote.append((merchant, sale))
            }
        }
        cases.opens = Array(cases.opens.prefix(4))
        cases.hasOrder = Array(cases.hasOrder.prefix(2))
        cases.quote = Array(cases.quote.prefix(2))
        cases.noMachine = Array(cases.noMachine.prefix(1))
        return cases
    }

    static let english = ["my card machine won't turn on", "the machine keeps restarting by itself"]
    static let portuguese = ["a maquininha nao liga", "a tela da minha maquininha quebrou"]

    @Test func brokenMachinesGetTheirFactsAndOneServiceOrderEachDespiteLostAnswers() async throws {
        var cases = try Self.cases()
        #expect(cases.opens.count == 4 && cases.hasOrder.count == 2 && cases.quote.count == 2 && cases.noMachine.count == 1)
        // One conversation per merchant, half of them in Portuguese.
        var language: [String: String] = [:]
        let merchants = cases.opens.map(\.merchant) + cases.hasOrder.map(\.merchant) + cases.quote.map(\.merchant)
            + cases.noMachine
        let now = Int(Date().timeIntervalSince1970) - 60
        for (index, merchant) in merchants.enumerated() {
            let id = String(900_000 + index)
            let portuguese = index % 2 == 1
            let text = (portuguese ? Self.portuguese : Self.english)[index / 2 % 2]
            language[id] = portuguese ? "pt-BR" : "en"
            cases.world.conversations.append(
                Conversation(
                    conversationId: id, merchantId: merchant, subject: ["", "connection problem", "other"][index % 3],
                    messages: [Message(messageId: "\(id)-0", text: text, createdAt: String(now))]))
        }
        let conversationOf = Dictionary(uniqueKeysWithValues: cases.world.conversations.map { ($0.merchantId, $0.conversationId) })
        var knobs = SimulatorKnobs()
        knobs.afterEffectEndpoints = [.serviceOrders]
        knobs.sendHangAfterShare = 1  // every POST /service_orders opens the order, then never answers
        knobs.hangSeconds = 30
        let world = cases.world
        let (fixed, languages) = (cases, language)
        let expected = Set(world.conversations.map(\.conversationId))
        try await EndToEndSystem.run(world: world, knobs: knobs, workers: 2) { system in
            try await system.waitUntil(timeout: .seconds(90), "a reply in each of \(expected.count) conversations") {
                Set($0.map(\.conversationId)).isSuperset(of: expected)
            }
            try await Task.sleep(for: .seconds(2.5))  // re-checks pass; nothing may be added
            let replies = Dictionary(grouping: system.sent, by: \.conversationId)
            #expect(replies.values.allSatisfy { $0.count == 1 }, "\(replies.filter { $0.value.count != 1 }.keys.sorted())")
            #expect(system.simulator.stats().duplicateReplies == 0)
            let text = { (conversation: String) in replies[conversation]?.first?.message ?? "" }
            let orders = system.simulator.serviceOrders()
            let stats = system.simulator.stats().endpoints["service_orders"]

            // Under warranty, no order: exactly one order opened, with this conversation's key, and its number given.
            for (merchant, sale) in fixed.opens {
                let conversation = try #require(conversationOf[merchant])
                let opened = orders.filter { $0.idSale == sale && $0.idempotencyKey != nil }
                #expect(opened.count == 1, "sale \(sale): \(opened.count) orders opened")
                #expect(opened.first?.idempotencyKey == "conversation:\(conversation):\(conversation)-0")
                let reply = text(conversation)
                #expect(reply.contains(opened.first?.orderId ?? "?"), "\(conversation): \(reply)")
                #expect(reply.contains(languages[conversation] == "pt-BR" ? "Abrimos a ordem de serviço" : "We opened service order"))
                #expect(reply.contains(sale))
            }
            #expect((stats?.injectedAfterEffect ?? 0) >= fixed.opens.count, "no creation lost its answer: the test proves nothing")
            #expect(stats?.requests == fixed.opens.count, "a retry found the order by its key instead of asking again")

            // An open order: its number and status, nothing opened.
            for (merchant, sale, order) in fixed.hasOrder {
                let reply = text(try #require(conversationOf[merchant]))
                #expect(reply.contains(order.orderId) && reply.contains(order.status), "\(reply)")
                #expect(orders.filter { $0.idSale == sale }.count == 1)
            }
            // Out of warranty: says so, a person sends a quote.
            let handOffs = try await system.query("SELECT conversation_id, reason FROM responder.handoffs")
            let reasonOf = Dictionary(
                try handOffs.map { (try $0.decode(String.self, "conversation_id"), try $0.decode(String.self, "reason")) }
            ) { first, _ in first }
            for (merchant, sale) in fixed.quote {
                let conversation = try #require(conversationOf[merchant])
                let reply = text(conversation)
                #expect(reply.contains(languages[conversation] == "pt-BR" ? "orçamento" : "quote"), "\(reply)")
                #expect(reply.contains(languages[conversation] == "pt-BR" ? "vencida" : "expired"), "\(reply)")
                #expect(reasonOf[conversation] == "repair_quote")
                #expect(!orders.contains { $0.idSale == sale && $0.idempotencyKey != nil })
            }
            // No delivered machine: a person looks into it.
            for merchant in fixed.noMachine {
                #expect(reasonOf[try #require(conversationOf[merchant])] == "missing_data")
            }
            let resolvers = try await system.query("SELECT DISTINCT conversation_id, resolver FROM responder.replies")
            #expect(try resolvers.allSatisfy { try $0.decode(String.self, "resolver") == "maintenance" })
        }
    }
}
