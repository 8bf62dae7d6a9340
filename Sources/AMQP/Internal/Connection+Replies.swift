import CRabbitMQ

extension Connection {
    /// Turns the reply of a synchronous request into success or an ``AMQPError``, answering a
    /// channel.close or connection.close that came instead of the expected reply.
    ///
    /// - Parameters:
    ///   - what: what was being done, for the message.
    ///   - channel: the channel the request used.
    ///   - lost: the code when the connection failed (connectionFailed while opening,
    ///     connectionLost later).
    ///   - refused: the code when the broker closed the channel (e.g. declarationFailed).
    func check(
        _ reply: amqp_rpc_reply_t, _ what: String, channel: amqp_channel_t, lost: AMQPError.Code,
        refused: AMQPError.Code
    ) throws(AMQPError) {
        switch reply.reply_type {
        case AMQP_RESPONSE_NORMAL:
            return
        case AMQP_RESPONSE_LIBRARY_EXCEPTION:
            markBroken()
            throw AMQPError(code: lost, message: "\(what) failed: \(Connection.describe(reply.library_error))")
        case AMQP_RESPONSE_SERVER_EXCEPTION:
            throw serverException(reply.reply, what, channel: channel, lost: lost, refused: refused)
        default:
            markBroken()
            throw AMQPError(code: lost, message: "\(what) failed: rabbitmq-c returned no reply")
        }
    }

    /// Handles a connection.close or channel.close method received from the broker and returns
    /// the error that describes it.
    func serverException(
        _ method: amqp_method_t, _ what: String, channel: amqp_channel_t, lost: AMQPError.Code,
        refused: AMQPError.Code
    ) -> AMQPError {
        switch method.id {
        case AMQP_CONNECTION_CLOSE_METHOD:
            let close = method.decoded.assumingMemoryBound(to: amqp_connection_close_t.self).pointee
            let text = CDecoding.string(close.reply_text)
            answerConnectionClose()
            return AMQPError(
                code: lost, message: "\(what) failed: the broker closed the connection (\(close.reply_code) \(text))",
                replyCode: close.reply_code, replyText: text)
        case AMQP_CHANNEL_CLOSE_METHOD:
            let close = method.decoded.assumingMemoryBound(to: amqp_channel_close_t.self).pointee
            let text = CDecoding.string(close.reply_text)
            answerChannelClose(channel)
            return AMQPError(
                code: refused, message: "\(what) failed: the broker closed the channel (\(close.reply_code) \(text))",
                replyCode: close.reply_code, replyText: text)
        default:
            markBroken()
            return AMQPError(code: lost, message: "\(what) failed: unexpected method 0x\(String(method.id, radix: 16)) from the broker")
        }
    }
}
