import APISimulator
import Foundation
import Testing
import World

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Each fault knob does what it says.
@Suite struct FaultTests {
    private let trackingBody = Data(#"{"id_sale": "123456"}"#.utf8)

    @Test func errorShareAnswers500ForAboutThatShareAndCountsThem() throws {
        var knobs = SimulatorKnobs()
        knobs.errorShare = 0.3
        knobs.seed = 5
        let simulator = try makeSimulator(try committedOriginalWorld(), knobs: knobs)
        let statuses = (0..<2000).map { _ in simulator.handle(.tracking, body: trackingBody, authorization: testToken).status }
        let errors = statuses.filter { $0 == 500 }.count
        #expect((500...700).contains(errors), "\(errors) of 2000")
        #expect(statuses.allSatisfy { $0 == 200 || $0 == 500 })
        #expect(simulator.stats().endpoints["tracking"]?.injectedErrors == errors)
    }

    @Test func aFailedSendMessageIsNotPosted() throws {
        var knobs = SimulatorKnobs()
        knobs.errorShare = 1
        let simulator = try makeSimulator(try committedOriginalWorld(), knobs: knobs)
        let reply = simulator.handle(
            .sendMessage, body: Data(#"{"conversation_id": "754893", "message": "hi"}"#.utf8), authorization: testToken)
        #expect(reply.status == 500)
        #expect(reply.fault == .error)
        #expect(simulator.sentMessages().isEmpty)
        #expect(simulator.conversation("754893")?.messages.count == 1)
    }

    @Test func faultsApplyOnlyToTheChosenEndpoints() throws {
        var knobs = SimulatorKnobs()
        knobs.errorShare = 1
        knobs.faultEndpoints = [.tracking]
        let simulator = try makeSimulator(try committedOriginalWorld(), knobs: knobs)
        #expect(simulator.handle(.tracking, body: trackingBody, authorization: testToken).status == 500)
        #expect(simulator.handle(.conversations, body: Data(), authorization: testToken).status == 200)
        #expect(simulator.handle(.chipStatus, body: Data(#"{"chip_id": "CHIP37648"}"#.utf8), authorization: testToken).status == 200)
    }

    @Test func latencyAndJitterAreAddedWithinTheirBounds() throws {
        var knobs = SimulatorKnobs()
        knobs.latencyMilliseconds = 200
        knobs.jitterMilliseconds = 100
        let simulator = try makeSimulator(try committedOriginalWorld(), knobs: knobs)
        let delays = (0..<200).map { _ in simulator.handle(.tracking, body: trackingBody, authorization: testToken).delayMilliseconds }
        #expect(delays.allSatisfy { (200...300).contains($0) })
        #expect(Set(delays).count > 10, "jitter varies the delay")
        knobs.jitterMilliseconds = 0
        try simulator.update(knobs: knobs)
        #expect(simulator.handle(.tracking, body: trackingBody, authorization: testToken).delayMilliseconds == 200)
    }

    @Test func wrongShapeAnswers200WithValidJSONThatIsNotTheContractShape() async throws {
        var knobs = SimulatorKnobs()
        knobs.wrongShapeShare = 1
        let simulator = try makeSimulator(try committedOriginalWorld(), knobs: knobs)
        let requests: [(Endpoint, String)] = [
            (.conversations, ""), (.conversationInfo, #"{"conversation_id": "754893"}"#), (.tracking, #"{"id_sale": "123456"}"#),
            (.zipCode, #"{"zip_code": "31160550"}"#), (.chipStatus, #"{"chip_id": "CHIP37648"}"#),
        ]
        try await serve(simulator) { (base: URL) async throws in
            for (endpoint, body) in requests {
                for _ in 0..<15 {
                    let answer = try await post(base, endpoint.rawValue, body)
                    #expect(answer.status == 200)
                    let value = try JSONSerialization.jsonObject(with: answer.body, options: [.fragmentsAllowed])
                    #expect(!hasContractShape(endpoint, value), "\(endpoint): \(String(decoding: answer.body, as: UTF8.self))")
                }
            }
            // A wrong-shaped answer to send_message still posts the message.
            #expect(try await post(base, "send_message", #"{"conversation_id": "754893", "message": "hi"}"#).status == 200)
            #expect(simulator.sentMessages().count == 1)
        }
        #expect(simulator.stats().endpoints["tracking"]?.injectedWrongShapes == 15)
    }

    @Test func hangKeepsTheClientWaitingPastItsTimeout() async throws {
        var knobs = SimulatorKnobs()
        knobs.hangShare = 1
        knobs.hangSeconds = 60
        knobs.faultEndpoints = [.tracking]
        let simulator = try makeSimulator(try committedOriginalWorld(), knobs: knobs)
        try await serve(simulator) { (base: URL) async throws in
            await #expect(throws: (any Error).self) {
                _ = try await post(base, "tracking", #"{"id_sale": "123456"}"#, timeout: 1)
            }
            #expect(simulator.stats().endpoints["tracking"]?.injectedHangs == 1)
            #expect(try await post(base, "chip_status", #"{"chip_id": "CHIP37648"}"#).status == 200)
        }
    }

    @Test func knobsChangeAtRunTimeThroughSimConfig() async throws {
        let simulator = try makeSimulator(try committedOriginalWorld())
        try await serve(simulator) { (base: URL) async throws in
            #expect(try await post(base, "tracking", #"{"id_sale": "123456"}"#).status == 200)
            let changed = try await post(base, "_sim/config", #"{"error_share": 1, "close_after_seconds": null}"#, token: nil)
            #expect(changed.status == 200)
            #expect(changed.object?["error_share"] as? Double == 1)
            #expect(changed.object?["close_after_seconds"] is NSNull)
            #expect(try await post(base, "tracking", #"{"id_sale": "123456"}"#).status == 500)
            #expect(try await post(base, "_sim/config", #"{"error_share": 2}"#, token: nil).status == 400)
            #expect(try await post(base, "_sim/config", #"{"errors": 1}"#, token: nil).status == 400)
            #expect(try await post(base, "_sim/config", #"{"error_share": 0}"#, token: nil).status == 200)
            #expect(try await post(base, "tracking", #"{"id_sale": "123456"}"#).status == 200)
        }
        #expect(simulator.knobs.closeAfterSeconds == nil)
    }
}

/// Whether a decoded JSON value has the documented shape of `endpoint`'s answer.
func hasContractShape(_ endpoint: Endpoint, _ value: Any) -> Bool {
    guard let object = value as? [String: Any] else { return false }
    func strings(_ keys: [String]) -> Bool { keys.allSatisfy { object[$0] is String } }
    switch endpoint {
    case .conversations:
        guard let ids = object["conversation_ids"] as? [Any] else { return false }
        return ids.allSatisfy { $0 is Int }
    case .conversationInfo:
        guard strings(["conversation_id", "merchant_id", "subject"]), let messages = object["messages"] as? [[String: Any]] else {
            return false
        }
        return messages.allSatisfy { $0["message_id"] is String && $0["text"] is String && $0["created_at"] is String }
    case .sendMessage: return true
    case .tracking: return strings(["id", "status", "delivery_forecast", "destination_zip_code"])
    case .zipCode: return strings(["neighborhood", "ZIP_code", "city", "complement", "street", "state"])
    case .chipStatus: return strings(["id", "status", "description"])
    case .warranty: return strings(["id_sale", "warranty_until"]) && object["under_warranty"] is Bool
    case .openServiceOrders:
        guard strings(["id_sale"]), let orders = object["orders"] as? [[String: Any]] else { return false }
        return orders.allSatisfy { $0["order_id"] is String && $0["status"] is String }
    case .serviceOrders: return strings(["id_sale", "order_id", "status"])
    }
}
