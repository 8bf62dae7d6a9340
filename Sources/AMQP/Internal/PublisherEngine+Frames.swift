import CRabbitMQ
import Logging

extension PublisherEngine {
    /// Handles the frames that are ready: confirms, returns, closes. Bounded per call so that
    /// new publishes are written in between.
    func readFrames() {
        guard let connection else { return }
        do {
            var handled = 0
            while handled < 512, self.connection === connection, let frame = try connection.nextFrame() {
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
        case AMQP_BASIC_ACK_METHOD:
            let ack = method.decoded.assumingMemoryBound(to: amqp_basic_ack_t.self).pointee
            for (waiter, outcome) in tracker.acked(ack.delivery_tag, multiple: ack.multiple != 0) {
                switch outcome {
                case .confirmed: waiter.confirmOne()
                case .failed(let error): waiter.fail(error)
                }
            }
        case AMQP_BASIC_NACK_METHOD:
            let nack = method.decoded.assumingMemoryBound(to: amqp_basic_nack_t.self).pointee
            for (waiter, error) in tracker.nacked(nack.delivery_tag, multiple: nack.multiple != 0) {
                waiter.fail(error)
            }
        case AMQP_BASIC_RETURN_METHOD:
            let returned = method.decoded.assumingMemoryBound(to: amqp_basic_return_t.self).pointee
            let exchange = CDecoding.string(returned.exchange)
            let routingKey = CDecoding.string(returned.routing_key)
            let replyText = CDecoding.string(returned.reply_text)
            let content = try connection.readContent(channel: frame.channel)
            let matched = tracker.returned(
                messageId: content.messageId, exchange: exchange, routingKey: routingKey,
                replyCode: returned.reply_code, replyText: replyText)
            if !matched {
                logger.debug("AMQP return matched no pending publish", metadata: ["amqp.routing_key": "\(routingKey)"])
            }
        case AMQP_CHANNEL_CLOSE_METHOD:
            let error = connection.serverException(
                method, "publishing", channel: frame.channel, lost: .connectionLost, refused: .channelClosed)
            if frame.channel == Connection.workChannel { throw error }
        case AMQP_CONNECTION_CLOSE_METHOD:
            throw connection.serverException(
                method, "publishing", channel: 0, lost: .connectionLost, refused: .connectionLost)
        case AMQP_CONNECTION_BLOCKED_METHOD:
            logger.info("RabbitMQ blocked the publisher (memory or disk alarm); publishes wait until it unblocks")
            isBlocked = true
        case AMQP_CONNECTION_UNBLOCKED_METHOD:
            logger.info("RabbitMQ unblocked the publisher")
            isBlocked = false
            releaseHeld()
        default:
            logger.debug("AMQP publisher ignored a method", metadata: ["amqp.method": "\(method.id)"])
        }
    }
}
