import CRabbitMQ

/// The content (properties and body) of a message read from the broker, copied into Swift.
struct ReceivedContent {
    var body: [UInt8]
    var messageId: String?
    var contentType: String?
    var correlationId: String?
    var headers: [String: AMQPFieldValue]
    var persistent: Bool
}

extension Connection {
    /// Puts the working channel in confirm mode: the broker acks (or nacks) every publish,
    /// numbered from 1.
    func confirmSelect() throws(AMQPError) {
        amqp_confirm_select(state, Connection.workChannel)
        try check(amqp_get_rpc_reply(state), "enabling publisher confirms", channel: Connection.workChannel, lost: .connectionFailed, refused: .connectionFailed)
    }

    /// Limits unacknowledged deliveries per consumer (global = 0: quorum queues refuse global QoS).
    func qos(prefetch: UInt16) throws(AMQPError) {
        amqp_basic_qos(state, Connection.workChannel, 0, prefetch, 0)
        try check(amqp_get_rpc_reply(state), "setting prefetch \(prefetch)", channel: Connection.workChannel, lost: .connectionFailed, refused: .channelClosed)
    }

    /// Starts consuming `queue` with manual acks; returns the consumer tag.
    func consume(queue: String, consumerTag: String) throws(AMQPError) -> String {
        arena.recycle()
        let ok = amqp_basic_consume(
            state, Connection.workChannel, arena.bytes(queue), arena.bytes(consumerTag), 0, 0, 0,
            amqp_table_t(num_entries: 0, entries: nil))
        try check(amqp_get_rpc_reply(state), "starting to consume queue '\(queue)'", channel: Connection.workChannel, lost: .connectionFailed, refused: .channelClosed)
        return ok.map { CDecoding.string($0.pointee.consumer_tag) } ?? consumerTag
    }

    /// Sends basic.cancel without waiting; basic.cancel-ok arrives as a frame.
    func sendCancel(consumerTag: String) throws(AMQPError) {
        arena.recycle()
        var method = amqp_basic_cancel_t(consumer_tag: arena.bytes(consumerTag), nowait: 0)
        let status = amqp_send_method(state, Connection.workChannel, AMQP_BASIC_CANCEL_METHOD, &method)
        try checkWrite(status, "cancelling the consumer")
    }

    /// Publishes one message on the working channel (written, not yet confirmed).
    func publish(_ message: AMQPMessage) throws(AMQPError) {
        arena.recycle()
        var properties = amqp_basic_properties_t()
        properties._flags = amqp_flags_t(AMQP_BASIC_DELIVERY_MODE_FLAG)
        properties.delivery_mode = message.persistent ? 2 : 1
        if let messageId = message.messageId {
            properties._flags |= amqp_flags_t(AMQP_BASIC_MESSAGE_ID_FLAG)
            properties.message_id = arena.bytes(messageId)
        }
        if let contentType = message.contentType {
            properties._flags |= amqp_flags_t(AMQP_BASIC_CONTENT_TYPE_FLAG)
            properties.content_type = arena.bytes(contentType)
        }
        if let correlationId = message.correlationId {
            properties._flags |= amqp_flags_t(AMQP_BASIC_CORRELATION_ID_FLAG)
            properties.correlation_id = arena.bytes(correlationId)
        }
        if !message.headers.isEmpty {
            properties._flags |= amqp_flags_t(AMQP_BASIC_HEADERS_FLAG)
            properties.headers = arena.table(message.headers)
        }
        if let expiration = message.expiration {
            properties._flags |= amqp_flags_t(AMQP_BASIC_EXPIRATION_FLAG)
            properties.expiration = arena.bytes(String(max(0, expiration.milliseconds)))
        }
        let exchange = arena.bytes(message.exchange)
        let routingKey = arena.bytes(message.routingKey)
        let status = message.body.withUnsafeBytes { raw in
            amqp_basic_publish(
                state, Connection.workChannel, exchange, routingKey, message.mandatory ? 1 : 0, 0, &properties,
                amqp_bytes_t(len: raw.count, bytes: UnsafeMutableRawPointer(mutating: raw.baseAddress)))
        }
        try checkWrite(status, "publishing to exchange '\(message.exchange)' with key '\(message.routingKey)'")
    }

    /// Acks, nacks or rejects a delivery on the working channel.
    func settle(_ deliveryTag: UInt64, _ settlement: Settlement) throws(AMQPError) {
        let status: Int32
        switch settlement {
        case .ack:
            status = amqp_basic_ack(state, Connection.workChannel, deliveryTag, 0)
        case .nack(let requeue):
            status = amqp_basic_nack(state, Connection.workChannel, deliveryTag, 0, requeue ? 1 : 0)
        case .reject(let requeue):
            status = amqp_basic_reject(state, Connection.workChannel, deliveryTag, requeue ? 1 : 0)
        }
        try checkWrite(status, "settling delivery \(deliveryTag)")
    }

    /// Reads the content header and body frames that follow a basic.deliver or basic.return.
    func readContent(channel: amqp_channel_t) throws(AMQPError) -> ReceivedContent {
        var message = amqp_message_t()
        let reply = amqp_read_message(state, channel, &message, 0)
        try check(reply, "reading a message", channel: channel, lost: .connectionLost, refused: .channelClosed)
        defer { amqp_destroy_message(&message) }
        let properties = message.properties
        let flags = properties._flags
        func has(_ flag: Int32) -> Bool { flags & amqp_flags_t(flag) != 0 }
        return ReceivedContent(
            body: CDecoding.bytes(message.body),
            messageId: has(AMQP_BASIC_MESSAGE_ID_FLAG) ? CDecoding.string(properties.message_id) : nil,
            contentType: has(AMQP_BASIC_CONTENT_TYPE_FLAG) ? CDecoding.string(properties.content_type) : nil,
            correlationId: has(AMQP_BASIC_CORRELATION_ID_FLAG) ? CDecoding.string(properties.correlation_id) : nil,
            headers: has(AMQP_BASIC_HEADERS_FLAG) ? CDecoding.table(properties.headers) : [:],
            persistent: has(AMQP_BASIC_DELIVERY_MODE_FLAG) && properties.delivery_mode == 2)
    }

    /// Turns the status of a write-only call (no reply awaited) into success or connectionLost.
    func checkWrite(_ status: Int32, _ what: String) throws(AMQPError) {
        guard status != AMQP_STATUS_OK.rawValue else { return }
        markBroken()
        throw AMQPError(code: .connectionLost, message: "\(what) failed: \(Connection.describe(status)); the connection to RabbitMQ is lost")
    }
}
