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
    }
}

/// The answer of `GET /_sim/sent`.
struct SentReport: Encodable {
    let sent: [SentMessage]
    let stats: SimulatorStats
}
