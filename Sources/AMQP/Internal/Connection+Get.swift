import CRabbitMQ

/// A message fetched with basic.get and not yet settled.
struct FetchedMessage {
    /// Delivery tag on the channel that fetched it.
    let tag: UInt64
    let message: AMQPQueuedMessage
}

extension Connection {
    /// Copies up to `limit` ready messages of `queue`, in queue order, and gives them all back with
    /// one basic.nack (multiple, requeue).
    func peek(queue: String, limit: Int, channel: amqp_channel_t) throws(AMQPError) -> [AMQPQueuedMessage] {
        let fetched = try fetch(queue: queue, limit: limit, channel: channel)
        if let last = fetched.last {
            try requeue(upTo: last.tag, queue: queue, channel: channel)
            try awaitSettlements(queue: queue, channel: channel)
        }
        return fetched.map(\.message)
    }

    /// Fetches up to `limit` ready messages of `queue`, acks those whose message id is in
    /// `messageIds` and gives the others back; returns how many it acked.
    func remove(queue: String, messageIds: Set<String>, limit: Int, channel: amqp_channel_t) throws(AMQPError) -> Int {
        let fetched = try fetch(queue: queue, limit: limit, channel: channel)
        var removed = 0
        var lastKept: UInt64?
        for entry in fetched {
            if let id = entry.message.messageId, messageIds.contains(id) {
                try checkWrite(
                    amqp_basic_ack(state, channel, entry.tag, 0), "removing message '\(id)' from queue '\(queue)'")
                removed += 1
            } else {
                lastKept = entry.tag
            }
        }
        // Every delivery before `lastKept` that is still unacked is one to keep: one nack covers them.
        if let lastKept { try requeue(upTo: lastKept, queue: queue, channel: channel) }
        if !fetched.isEmpty { try awaitSettlements(queue: queue, channel: channel) }
        return removed
    }

    /// basic.get (manual ack) until the queue answers get-empty or `limit` messages are fetched.
    /// The messages stay unacked on `channel` (invisible to consumers) until settled; if the channel
    /// or connection closes first, the broker requeues them.
    private func fetch(queue: String, limit: Int, channel: amqp_channel_t) throws(AMQPError) -> [FetchedMessage] {
        arena.recycle()
        let name = arena.bytes(queue)  // valid until the next recycle: the whole loop
        var fetched: [FetchedMessage] = []
        while fetched.count < limit {
            let reply = amqp_basic_get(state, channel, name, 0)
            try check(reply, "reading queue '\(queue)'", channel: channel, lost: .connectionLost, refused: .declarationFailed)
            guard reply.reply.id == AMQP_BASIC_GET_OK_METHOD else { break }  // basic.get-empty
            // Copy before reading the content: the decoded method lives in the channel's pool.
            let ok = reply.reply.decoded.assumingMemoryBound(to: amqp_basic_get_ok_t.self).pointee
            let tag = ok.delivery_tag
            let redelivered = ok.redelivered != 0
            let exchange = CDecoding.string(ok.exchange)
            let routingKey = CDecoding.string(ok.routing_key)
            let content = try readContent(channel: channel)
            fetched.append(
                FetchedMessage(
                    tag: tag,
                    message: AMQPQueuedMessage(
                        body: content.body, messageId: content.messageId, contentType: content.contentType,
                        correlationId: content.correlationId, headers: content.headers, persistent: content.persistent,
                        redelivered: redelivered, exchange: exchange, routingKey: routingKey)))
            // Everything is copied: free the frames of this message before fetching the next one
            // (frames queued for other channels, e.g. confirms, are kept).
            amqp_maybe_release_buffers_on_channel(state, channel)
        }
        return fetched
    }

    /// Returns every unacked delivery of `channel` up to `tag` to the queue (classic queues put them
    /// back in their places; quorum queues deliver returned messages first, in order).
    private func requeue(upTo tag: UInt64, queue: String, channel: amqp_channel_t) throws(AMQPError) {
        try checkWrite(amqp_basic_nack(state, channel, tag, 1, 1), "returning messages to queue '\(queue)'")
    }

    /// Acks and nacks get no reply. A synchronous request after them (basic.qos, which changes
    /// nothing on a channel that does not consume) returns once the broker's channel has handled
    /// them, since a channel's methods are handled in order; a refused settlement (unknown delivery
    /// tag) closes the channel instead and throws here. A classic queue has applied them by then; a
    /// quorum queue applies them a moment later (Raft), though before a later basic.get of this channel.
    private func awaitSettlements(queue: String, channel: amqp_channel_t) throws(AMQPError) {
        amqp_basic_qos(state, channel, 0, 0, 0)
        try check(
            amqp_get_rpc_reply(state), "settling the messages read from queue '\(queue)'", channel: channel,
            lost: .connectionLost, refused: .channelClosed)
    }
}
