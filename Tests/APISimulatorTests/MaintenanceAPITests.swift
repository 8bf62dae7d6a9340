import APISimulator
import Foundation
import Testing
import World

/// The maintenance API of the simulator (docs/contract.md §8): warranties, open orders, and opening an
/// order idempotently by key, also when the answer is lost after the order was opened.
@Suite struct MaintenanceAPITests {
    func object(_ reply: SimulatorReply) -> [String: Any]? {
        reply.body.flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }
    }

    func open(_ simulator: Simulator, sale: String = "34853", key: String) -> SimulatorReply {
        let body = #"{"id_sale": "\#(sale)", "idempotency_key": "\#(key)", "problem": "it does not turn on"}"#
        return simulator.handle(.serviceOrders, body: Data(body.utf8), authorization: testToken)
    }

    @Test func warrantiesAndOpenOrdersOfTheOriginalWorld() throws {
        let simulator = try makeSimulator(try committedOriginalWorld())
        let warranty = simulator.handle(.warranty, body: Data(#"{"id_sale": "34853"}"#.utf8), authorization: testToken)
        #expect(object(warranty)?["under_warranty"] as? Bool == true)
        #expect(object(warranty)?["warranty_until"] as? String == "2022-02-08")
        let orders = simulator.handle(.openServiceOrders, body: Data(#"{"id_sale": "34854"}"#.utf8), authorization: testToken)
        let listed = object(orders)?["orders"] as? [[String: Any]]
        #expect(listed?.first?["order_id"] as? String == "SO-700000")
        #expect(listed?.first?["status"] as? String == "awaiting parts")
        for endpoint in [Endpoint.warranty, .openServiceOrders] {
            #expect(simulator.handle(endpoint, body: Data(#"{"id_sale": "123456"}"#.utf8), authorization: testToken).status == 404)
        }
        #expect(open(simulator, sale: "123456", key: "k").status == 404, "a machine the API does not know")
        #expect(simulator.handle(.serviceOrders, body: Data(#"{"id_sale": "34853"}"#.utf8), authorization: testToken).status == 400)
    }

    @Test func aKeyOpensOneOrderWhateverTheRetries() throws {
        let simulator = try makeSimulator(try committedOriginalWorld())
        let first = object(open(simulator, key: "conversation:1:1-0"))
        #expect(first?["created"] as? Bool == true)
        #expect(first?["order_id"] as? String == "SO-700001")
        #expect(first?["status"] as? String == "open")
        let again = object(open(simulator, key: "conversation:1:1-0"))
        #expect(again?["created"] as? Bool == false)
        #expect(again?["order_id"] as? String == "SO-700001")
        #expect(open(simulator, sale: "34854", key: "conversation:1:1-0").status == 422, "the key of another sale")
        #expect(object(open(simulator, key: "conversation:2:2-0"))?["order_id"] as? String == "SO-700002")
        let listed = object(simulator.handle(.openServiceOrders, body: Data(#"{"id_sale": "34853"}"#.utf8), authorization: testToken))
        #expect((listed?["orders"] as? [[String: Any]])?.compactMap { $0["order_id"] as? String } == ["SO-700002", "SO-700001"])
        #expect(simulator.serviceOrders().count == 3)
        simulator.reset()
        #expect(simulator.serviceOrders().map(\.orderId) == ["SO-700000"], "a reset goes back to the world's orders")
    }

    @Test func anOrderOpenedThenHungIsFoundByItsKey() throws {
        var knobs = SimulatorKnobs()
        knobs.afterEffectEndpoints = [.serviceOrders]
        knobs.sendHangAfterShare = 1
        let simulator = try makeSimulator(try committedOriginalWorld(), knobs: knobs)
        let lost = open(simulator, key: "conversation:1:1-0")
        #expect(lost.fault == .hangAfterEffect)
        #expect(lost.status == nil)
        #expect(simulator.serviceOrders().filter { $0.idempotencyKey == "conversation:1:1-0" }.count == 1, "opened before the hang")
        let sent = simulator.handle(.sendMessage, body: Data(#"{"conversation_id": "754893", "message": "hi"}"#.utf8), authorization: testToken)
        #expect(sent.status == 200, "send_message is not an after-effect endpoint now")
        #expect(simulator.stats().endpoints["service_orders"]?.injectedAfterEffect == 1)
        _ = try simulator.applyKnobPatch(Data(#"{"send_hang_after_share": 0}"#.utf8))
        #expect(object(open(simulator, key: "conversation:1:1-0"))?["created"] as? Bool == false)
        #expect(simulator.serviceOrders().count == 2)
    }

    @Test func afterEffectKnobsNameOnlyEndpointsThatAct() throws {
        #expect(throws: SimulatorError.self) {
            try SimulatorKnobs().applying(patch: Data(#"{"after_effect_endpoints": ["warranty"]}"#.utf8))
        }
        let knobs = try SimulatorKnobs().applying(patch: Data(#"{"after_effect_endpoints": ["service_orders", "send_message"]}"#.utf8))
        #expect(knobs.afterEffectEndpoints == [.serviceOrders, .sendMessage])
        #expect(try Endpoint.named("maintenance") == [.warranty, .openServiceOrders, .serviceOrders])
        #expect(try SimulatorKnobs.parseRateLimits("maintenance=5") == [.maintenance: 5])
    }

    @Test func generatedWorldsHaveWarrantiesAndOrdersOfDeliveredMachinesOnly() throws {
        let world = try WorldGenerator.generate(.init(seed: 9, merchants: 400, conversations: 0))
        let delivered = Set(world.sales.filter { $0.status == "done" }.map(\.idSale))
        #expect(Set(world.warranties.map(\.idSale)).isSubset(of: delivered))
        #expect(Double(world.warranties.count) > 0.9 * Double(delivered.count))
        let outOfWarranty = world.warranties.filter { !$0.underWarranty }.count
        #expect(outOfWarranty > world.warranties.count / 10 && outOfWarranty < world.warranties.count / 2)
        #expect(world.serviceOrders.count > 10)
        #expect(Set(world.serviceOrders.map(\.idSale)).isSubset(of: Set(world.warranties.map(\.idSale))))
        #expect(world == (try WorldGenerator.generate(.init(seed: 9, merchants: 400, conversations: 0))))
    }
}
