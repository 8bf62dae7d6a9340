import World

extension Simulator {
    /// Brings the state to `now`: due follow-ups and closures, then arrivals.
    func advance(_ state: inout SimulatorState, to now: Double) {
        let elapsed = max(0, now - state.lastAdvance)
        state.lastAdvance = max(state.lastAdvance, now)
        while let event = state.events.popDue(now: now) {
            switch event.kind {
            case .followUp: writeFollowUp(event.conversation, at: event.due, &state)
            case .close:
                let runtime = state.conversations[event.conversation]
                if runtime.closeDue == event.due, !runtime.awaitingReply, runtime.followUpDue == nil {
                    state.conversations[event.conversation].closeDue = nil
                    state.close(event.conversation)
                }
            }
        }
        let waiting = state.pending.count - state.pendingHead
        if let rate = state.knobs.arrivalPerSecond {
            state.arrivalCredits = min(state.arrivalCredits + rate * elapsed, Double(waiting))
        }
        while state.pendingHead < state.pending.count, state.hasRoom {
            if state.knobs.arrivalPerSecond != nil {
                guard state.arrivalCredits >= 1 else { break }
                state.arrivalCredits -= 1
            }
            state.activate(state.pending[state.pendingHead])
            state.pendingHead += 1
        }
    }

    private func writeFollowUp(_ index: Int, at due: Double, _ state: inout SimulatorState) {
        var runtime = state.conversations[index]
        guard runtime.followUpDue == due, !runtime.followUpWritten else { return }
        let id = "\(runtime.conversation.conversationId)-\(runtime.conversation.messages.count)"
        let text = world.conversations[index].truth?.followUp ?? "thanks. And what happens next?"
        runtime.conversation.messages.append(Message(messageId: id, text: text, createdAt: String(Int64(due))))
        runtime.cachedInfo = nil
        runtime.followUpDue = nil
        runtime.followUpWritten = true
        runtime.awaitingReply = true
        runtime.lastClientMessageId = id
        runtime.closeDue = nil
        let reopen = runtime.phase == .closed
        state.conversations[index] = runtime
        state.followUpsWritten += 1
        if reopen {
            state.activate(index)
        } else if state.knobs.pushEventsURL != nil {
            state.pushQueue.append(runtime.conversation.conversationId)
        }
    }
}
