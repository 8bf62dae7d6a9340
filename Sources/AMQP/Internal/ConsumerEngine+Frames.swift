import CRabbitMQ
import Logging

extension ConsumerEngine {
    /// Handles the frames that are ready. Bounded per call so that settlements are written in
    /// between.
    func readFrames() {
        guard let connection else { return }
        do {
            var handled = 0
            while handled < 64, self.connection === connection, let frame = try connection.nextFrame() {
                handled += 1
                try handle(frame, on: connection)
                connection.releaseBuffers()
            }
        } catch {
            lose(error)
        }
    }

    private func handle(_ frame: amqp_frame_t, on connection: Connection) throws(AMQPError) {
        guard frame.frame_type == AMQP_FRAME_METHOD else { return }
        let method = frame.payload.method
        switch method.id {
        case AMQP_BASIC_DELIVER_METHOD:
            let deliver = method.decoded.assumingMemoryBound(to: amqp_basic_deliver_t.self).pointee
            // Copy before reading the content: it may reuse the memory `deliver` points into.
            let tag = deliver.delivery_tag
            let redelivered = deliver.redelivered != 0
            let exchange = CDecoding.string(deliver.exchange)
            let routingKey = CDecoding.string(deliver.routing_key)
            let content = try connection.readContent(channel: frame.channel)
            receive(
                tag: tag, redelivered: redelivered, exchange: exchange, routingKey: routingKey, content: content,
                on: connection)
        case AMQP_BASIC_CANCEL_OK_METHOD:
            resumeCancelWaiters()
        case AMQP_BASIC_CANCEL_METHOD:
            // The broker cancelled the consumer (queue deleted, or a quorum queue leader moved).
            consumerTag = nil
            endStream(
                throwing: AMQPError(
                    code: .consumerCancelled,
                    message: "RabbitMQ cancelled the consumer of queue '\(queue)' (queue deleted?); call deliveries() again"))
        case AMQP_CHANNEL_CLOSE_METHOD:
            let error = connection.serverException(
                method, "consuming queue '\(queue)'", channel: frame.channel, lost: .connectionLost, refused: .channelClosed)
            if frame.channel == Connection.workChannel { throw error }
        case AMQP_CONNECTION_CLOSE_METHOD:
            throw connection.serverException(
                method, "consuming queue '\(queue)'", channel: 0, lost: .connectionLost, refused: .connectionLost)
        default:
            logger.debug("AMQP consumer ignored a method", metadata: ["amqp.method": "\(method.id)"])
        }
    }

    private func receive(
        tag: UInt64, redelivered: Bool, exchange: String, routingKey: String, content: ReceivedContent,
        on connection: Connection
    ) {
        logger.trace("AMQP delivery received", metadata: ["amqp.delivery_tag": "\(tag)"])
        guard let stream, let settler else {
            // Arrived after cancel(): give it back to the queue at once.
            requeue(tag, on: connection)
            return
        }
        let delivery = AMQPDelivery(
            body: content.body, messageId: content.messageId, contentType: content.contentType,
            correlationId: content.correlationId, headers: content.headers, redelivered: redelivered,
            deliveryCount: content.headers["x-delivery-count"]?.intValue, persistent: content.persistent,
            exchange: exchange, routingKey: routingKey, deliveryTag: tag, settler: settler)
        unsettled.insert(tag)
        if case .terminated = stream.continuation.yield(delivery) {
            // Nobody iterates any more (the task was cancelled): stop consuming, requeue.
            unsettled.remove(tag)
            requeue(tag, on: connection)
        }
    }

    private func requeue(_ tag: UInt64, on connection: Connection) {
        do {
            try connection.settle(tag, .nack(requeue: true))
        } catch {
            lose(error)
        }
    }
}
