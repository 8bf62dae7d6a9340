import Foundation
import World

extension Simulator {
    /// The answer of a request that got past authorization and faults.
    func process(
        _ endpoint: Endpoint, _ request: ParsedRequest, now: Double, _ state: inout SimulatorState
    ) -> (Int, Data) {
        if case .invalid(let message) = request { return (400, errorBody(message)) }
        switch (endpoint, request) {
        case (.conversations, _):
            if let cached = state.activeBody { return (200, cached) }
            let ids = state.activeIds.map { id in id.allSatisfy(\.isNumber) && !id.isEmpty ? id : "\"\(id)\"" }
            let body = Data("{\"conversation_ids\":[\(ids.joined(separator: ","))]}".utf8)
            state.activeBody = body
            return (200, body)
        case (.conversationInfo, .conversation(let id)):
            guard let index = answers.conversationIndex[id] else { return notFound("conversation", id) }
            if state.knobs.brokenConversations.contains(id) {
                return (200, Data(#"{"conversation_id": null, "messages": "this conversation is broken"}"#.utf8))
            }
            if let cached = state.conversations[index].cachedInfo { return (200, cached) }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let body = (try? encoder.encode(state.conversations[index].conversation)) ?? Data()
            state.conversations[index].cachedInfo = body
            return (200, body)
        case (.sendMessage, .send(let id, let message)):
            guard let index = answers.conversationIndex[id] else { return notFound("conversation", id) }
            return (200, send(message, to: index, now: now, &state))
        case (.tracking, .key(let id)):
            return answers.tracking[id].map { (200, $0) } ?? notFound("sale", id)
        case (.zipCode, .key(let zip)):
            return answers.addresses[zip].map { (200, $0) } ?? notFound("zip code", zip)
        case (.chipStatus, .key(let id)):
            return answers.chips[id].map { (200, $0) } ?? notFound("chip", id)
        case (.warranty, _), (.openServiceOrders, _), (.serviceOrders, _):
            return maintenance(endpoint, request, now: now, &state)
        default:
            return (400, errorBody("unexpected body"))
        }
    }

    private func notFound(_ what: String, _ id: String) -> (Int, Data) {
        (404, errorBody("\(what) \(id) not found"))
    }

    /// Records a reply, echoes it if asked, and schedules the follow-up or the closure.
    private func send(_ message: String, to index: Int, now: Double, _ state: inout SimulatorState) -> Data {
        var runtime = state.conversations[index]
        let answering = runtime.awaitingReply
        let wasActive = runtime.phase == .active
        var messageId: String?
        if state.knobs.echoReplies {
            let id = "\(runtime.conversation.conversationId)-\(runtime.conversation.messages.count)"
            runtime.conversation.messages.append(Message(messageId: id, text: message, createdAt: String(Int64(now))))
            runtime.cachedInfo = nil
            messageId = id
        }
        state.sent.append(SentMessage(
            sequence: state.sent.count + 1, conversationId: runtime.conversation.conversationId,
            merchantId: runtime.conversation.merchantId, message: message, at: now, inReplyTo: runtime.lastClientMessageId,
            duplicate: !answering, conversationWasActive: wasActive, messageId: messageId))
        if !answering { state.duplicateReplies += 1 }
        if !wasActive { state.repliesToInactive += 1 }
        runtime.replies += 1
        runtime.awaitingReply = false
        if answering {
            if !runtime.followUpWritten, runtime.followUpDue == nil, wantsFollowUp(index, state.knobs) {
                let due = now + state.knobs.followUpDelaySeconds
                runtime.followUpDue = due
                state.events.schedule(.followUp, conversation: index, at: due)
            } else if runtime.followUpDue == nil, let after = state.knobs.closeAfterSeconds {
                runtime.closeDue = now + after
                state.events.schedule(.close, conversation: index, at: now + after)
            }
        }
        state.conversations[index] = runtime
        var answer: [String: String] = ["status": "sent"]
        if let messageId { answer["message_id"] = messageId }
        return (try? JSONSerialization.data(withJSONObject: answer, options: [.sortedKeys])) ?? Data("{}".utf8)
    }

    /// Whether conversation `index` is one of the `follow_up_share` whose client writes again
    /// (a fixed draw per conversation and seed, so the same conversations are picked every run).
    func wantsFollowUp(_ index: Int, _ knobs: SimulatorKnobs) -> Bool {
        guard knobs.followUpShare > 0 else { return false }
        var random = SeededRandom(seed: knobs.seed, stream: 7, UInt64(index))
        return random.unit() < knobs.followUpShare
    }
}
