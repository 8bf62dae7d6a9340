/// Publishes awaiting the broker's confirm on one channel in confirm mode: a pure state machine,
/// tested without a broker.
///
/// The broker numbers publishes from 1 on each channel; `basic.ack`/`basic.nack` carry a tag and a
/// `multiple` flag (everything up to the tag). A mandatory message that no queue accepts gets a
/// `basic.return` *before* its ack: the return is matched to the earliest unconfirmed mandatory
/// publish with the same message id, exchange and routing key, and that publish fails when its ack
/// arrives.
struct ConfirmTracker<Token> {
    /// How a publish ended.
    enum Outcome {
        case confirmed
        case failed(AMQPError)
    }

    private struct Entry {
        let token: Token
        let deadline: ContinuousClock.Instant
        /// Set for mandatory publishes only (used to match returns).
        let route: Route?
        var returned: AMQPError?
    }

    private struct Route: Equatable {
        let messageId: String?
        let exchange: String
        let routingKey: String
    }

    private var entries: [UInt64: Entry] = [:]
    /// No entry below this sequence number is pending.
    private var lowest: UInt64 = 1
    /// The number the broker gives the next publish.
    private(set) var nextSequence: UInt64 = 1

    /// Number of unconfirmed publishes.
    var count: Int { entries.count }
    /// True when nothing awaits a confirm.
    var isEmpty: Bool { entries.isEmpty }

    /// The earliest confirm deadline (publishes are registered in deadline order).
    var nextDeadline: ContinuousClock.Instant? {
        firstPendingSequence.flatMap { entries[$0]?.deadline }
    }

    /// Records a publish just written; returns its sequence number.
    @discardableResult
    mutating func register(_ token: Token, message: AMQPMessage, deadline: ContinuousClock.Instant) -> UInt64 {
        let sequence = nextSequence
        nextSequence += 1
        let route = message.mandatory
            ? Route(messageId: message.messageId, exchange: message.exchange, routingKey: message.routingKey) : nil
        entries[sequence] = Entry(token: token, deadline: deadline, route: route, returned: nil)
        return sequence
    }

    /// Handles a `basic.return`; returns false when no pending publish matches.
    mutating func returned(
        messageId: String?, exchange: String, routingKey: String, replyCode: UInt16, replyText: String
    ) -> Bool {
        let route = Route(messageId: messageId, exchange: exchange, routingKey: routingKey)
        var sequence = lowest
        while sequence < nextSequence {
            if var entry = entries[sequence], entry.returned == nil, entry.route == route {
                entry.returned = AMQPError(
                    code: .unroutable,
                    message: "message \(messageId ?? "(no id)") to exchange '\(exchange)' with key '\(routingKey)' was returned: no queue is bound for it; declare and bind the queue first",
                    replyCode: replyCode, replyText: replyText)
                entries[sequence] = entry
                return true
            }
            sequence += 1
        }
        return false
    }

    /// Handles a `basic.ack`: the confirmed publishes (a returned one fails as unroutable).
    mutating func acked(_ tag: UInt64, multiple: Bool) -> [(Token, Outcome)] {
        remove(upTo: tag, multiple: multiple).map { entry in
            (entry.token, entry.returned.map(Outcome.failed) ?? .confirmed)
        }
    }

    /// Handles a `basic.nack`: the publishes the broker refused.
    mutating func nacked(_ tag: UInt64, multiple: Bool) -> [(Token, AMQPError)] {
        remove(upTo: tag, multiple: multiple).map { entry in
            (
                entry.token,
                AMQPError(
                    code: .nacked,
                    message: "the broker refused (nacked) a published message (queue full with overflow=reject-publish, or an internal error); retry later")
            )
        }
    }

    /// Removes and returns the publishes whose confirm deadline has passed.
    mutating func expired(at now: ContinuousClock.Instant) -> [Token] {
        var result: [Token] = []
        while let sequence = firstPendingSequence, let entry = entries[sequence], entry.deadline <= now {
            entries[sequence] = nil
            result.append(entry.token)
            advanceLowest()
        }
        return result
    }

    /// Removes every pending publish (the channel is gone) and starts numbering from 1 again.
    mutating func reset() -> [Token] {
        let tokens = entries.keys.sorted().compactMap { entries[$0]?.token }
        entries.removeAll()
        lowest = 1
        nextSequence = 1
        return tokens
    }

    private var firstPendingSequence: UInt64? {
        guard !entries.isEmpty else { return nil }
        var sequence = lowest
        while sequence < nextSequence {
            if entries[sequence] != nil { return sequence }
            sequence += 1
        }
        return nil
    }

    private mutating func remove(upTo tag: UInt64, multiple: Bool) -> [Entry] {
        var removed: [Entry] = []
        if multiple {
            var sequence = lowest
            while sequence <= tag && sequence < nextSequence {
                if let entry = entries.removeValue(forKey: sequence) { removed.append(entry) }
                sequence += 1
            }
        } else if let entry = entries.removeValue(forKey: tag) {
            removed.append(entry)
        }
        advanceLowest()
        return removed
    }

    private mutating func advanceLowest() {
        while lowest < nextSequence && entries[lowest] == nil { lowest += 1 }
    }
}
