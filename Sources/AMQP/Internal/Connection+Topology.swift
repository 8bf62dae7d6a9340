import CRabbitMQ

extension Connection {
    /// Declares exchanges, then queues, then bindings (idempotent when they match).
    func declare(_ topology: AMQPTopology, channel: amqp_channel_t) throws(AMQPError) {
        for exchange in topology.exchanges {
            arena.recycle()
            amqp_exchange_declare(
                state, channel, arena.bytes(exchange.name), arena.bytes(exchange.kind.rawValue), 0,
                exchange.durable ? 1 : 0, exchange.autoDelete ? 1 : 0, 0, arena.table(exchange.arguments))
            try check(
                amqp_get_rpc_reply(state), "declaring exchange '\(exchange.name)' (\(exchange.kind))",
                channel: channel, lost: .connectionLost, refused: .declarationFailed)
        }
        for queue in topology.queues {
            _ = try declare(queue, passive: false, channel: channel)
        }
        for binding in topology.bindings {
            arena.recycle()
            amqp_queue_bind(
                state, channel, arena.bytes(binding.queue), arena.bytes(binding.exchange),
                arena.bytes(binding.routingKey), arena.table(binding.arguments))
            try check(
                amqp_get_rpc_reply(state),
                "binding queue '\(binding.queue)' to exchange '\(binding.exchange)' with key '\(binding.routingKey)'",
                channel: channel, lost: .connectionLost, refused: .declarationFailed)
        }
    }

    /// Declares a queue (or, `passive`, checks that it exists) and returns its ready messages and consumers.
    func declare(_ queue: AMQPQueue, passive: Bool, channel: amqp_channel_t) throws(AMQPError) -> AMQPQueueStatus {
        arena.recycle()
        let ok = amqp_queue_declare(
            state, channel, arena.bytes(queue.name), passive ? 1 : 0, queue.durable ? 1 : 0,
            queue.exclusive ? 1 : 0, queue.autoDelete ? 1 : 0, arena.table(queue.arguments))
        try check(
            amqp_get_rpc_reply(state), passive ? "checking queue '\(queue.name)'" : "declaring queue '\(queue.name)'",
            channel: channel, lost: .connectionLost, refused: .declarationFailed)
        return AMQPQueueStatus(messages: ok?.pointee.message_count ?? 0, consumers: ok?.pointee.consumer_count ?? 0)
    }

    /// Deletes a queue; returns how many messages it held.
    func deleteQueue(_ name: String, channel: amqp_channel_t) throws(AMQPError) -> UInt32 {
        arena.recycle()
        let ok = amqp_queue_delete(state, channel, arena.bytes(name), 0, 0)
        try check(amqp_get_rpc_reply(state), "deleting queue '\(name)'", channel: channel, lost: .connectionLost, refused: .channelClosed)
        return ok?.pointee.message_count ?? 0
    }

    /// Removes every ready message from a queue; returns how many.
    func purgeQueue(_ name: String, channel: amqp_channel_t) throws(AMQPError) -> UInt32 {
        arena.recycle()
        let ok = amqp_queue_purge(state, channel, arena.bytes(name))
        try check(amqp_get_rpc_reply(state), "purging queue '\(name)'", channel: channel, lost: .connectionLost, refused: .channelClosed)
        return ok?.pointee.message_count ?? 0
    }

    /// Deletes an exchange.
    func deleteExchange(_ name: String, channel: amqp_channel_t) throws(AMQPError) {
        arena.recycle()
        amqp_exchange_delete(state, channel, arena.bytes(name), 0)
        try check(amqp_get_rpc_reply(state), "deleting exchange '\(name)'", channel: channel, lost: .connectionLost, refused: .channelClosed)
    }
}
