import Foundation
import Hummingbird
import NIOCore
import World

extension SimulatorServer {
    static func addInspection(to router: Router<SimulatorRequestContext>, simulator: Simulator) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let group = router.group("_sim")
        group.get("health") { _, _ in json(200, Data(#"{"status":"ok"}"#.utf8)) }
        group.get("sent") { request, _ in
            let since = request.uri.queryParameters.get("since", as: Int.self) ?? 0
            let conversation = request.uri.queryParameters.get("conversation_id")
            let sent = simulator.sentMessages(since: since, conversationId: conversation)
            return json(200, try encoder.encode(SentReport(sent: sent, stats: simulator.stats())))
        }
        group.get("stats") { _, _ in json(200, try encoder.encode(simulator.stats())) }
        group.get("active") { _, _ in
            json(200, try encoder.encode(["conversation_ids": simulator.activeConversationIds()]))
        }
        group.get("conversations/:id") { _, context in
            let id = context.parameters.get("id") ?? ""
            guard let conversation = simulator.conversation(id) else {
                return json(404, errorBody("conversation \(id) not found"))
            }
            return json(200, try encoder.encode(conversation))
        }
        group.get("service_orders") { _, _ in
            json(200, try encoder.encode(["service_orders": simulator.serviceOrders()]))
        }
        group.get("config") { _, _ in json(200, try encoder.encode(simulator.knobs)) }
        group.post("config") { request, _ in
            let buffer = try await request.body.collect(upTo: 1 << 16)
            do {
                let knobs = try simulator.applyKnobPatch(Data(buffer.readableBytesView))
                return json(200, try encoder.encode(knobs))
            } catch let error as SimulatorError {
                return json(400, errorBody(error.message))
            }
        }
        group.post("reset") { _, _ in
            simulator.reset()
            return json(200, Data(#"{"status":"reset"}"#.utf8))
        }
        addOutageControl(to: group, simulator: simulator, encoder: encoder)
    }

    /// `GET`, `POST` and `DELETE /_sim/outage`, `POST /_sim/outage/stop`.
    private static func addOutageControl(
        to group: RouterGroup<SimulatorRequestContext>, simulator: Simulator, encoder: JSONEncoder
    ) {
        group.get("outage") { _, _ in json(200, try encoder.encode(simulator.outageStatus())) }
        group.post("outage") { request, _ in
            let buffer = try await request.body.collect(upTo: 1 << 16)
            do {
                let outage: Outage
                do {
                    outage = try JSONDecoder().decode(Outage.self, from: Data(buffer.readableBytesView))
                } catch let error as SimulatorError {
                    throw error
                } catch {
                    throw SimulatorError(.invalidKnob, "the body must be a JSON outage, e.g. {\"endpoints\": [\"tracking\"], \"status\": 503, \"duration_seconds\": 20}")
                }
                return json(200, try encoder.encode(try simulator.startOutage(outage)))
            } catch let error as SimulatorError {
                return json(400, errorBody(error.message))
            }
        }
        group.delete("outage") { _, _ in json(200, try encoder.encode(simulator.stopOutages())) }
        group.post("outage/stop") { _, _ in json(200, try encoder.encode(simulator.stopOutages())) }
    }
}

/// The answer of `GET /_sim/sent`.
struct SentReport: Encodable {
    let sent: [SentMessage]
    let stats: SimulatorStats
}
