/// Work handed to the publisher's thread.
enum PublisherCommand: Sendable {
    case publish([AMQPMessage], CheckedContinuation<Result<Void, AMQPError>, Never>)
    case admin(AdminRequest, CheckedContinuation<Result<AdminReply, AMQPError>, Never>)
    case close(CheckedContinuation<Void, Never>)
    /// The publisher was deinitialised: close without waiting.
    case shutdown
}

/// A synchronous request run on the publisher's connection (admin channel).
enum AdminRequest: Sendable {
    case connect
    case declare(AMQPTopology)
    case deleteQueue(String)
    case purgeQueue(String)
    case deleteExchange(String)
    case queueStatus(String)
    /// Copies of up to `limit` ready messages, all given back (basic.get, then basic.nack requeue).
    case peek(queue: String, limit: Int)
    /// Fetches up to `limit` ready messages, acks those with one of the ids, gives back the others.
    case remove(queue: String, messageIds: Set<String>, limit: Int)
}

/// The answer to an ``AdminRequest``: each request gets its own case.
enum AdminReply: Sendable {
    case done
    /// deleteQueue and purgeQueue (messages only), queueStatus.
    case status(AMQPQueueStatus)
    /// peek.
    case messages([AMQPQueuedMessage])
    /// remove: how many were acked.
    case removed(Int)

    var status: AMQPQueueStatus {
        if case .status(let status) = self { status } else { AMQPQueueStatus(messages: 0, consumers: 0) }
    }

    var messages: [AMQPQueuedMessage] {
        if case .messages(let messages) = self { messages } else { [] }
    }

    var removed: Int {
        if case .removed(let count) = self { count } else { 0 }
    }
}

/// Waits for the confirms of one publish call (one or many messages); confined to the
/// publisher's thread.
final class PublishWaiter {
    private var continuation: CheckedContinuation<Result<Void, AMQPError>, Never>?
    private var remaining: Int

    init(count: Int, continuation: CheckedContinuation<Result<Void, AMQPError>, Never>) {
        self.remaining = count
        self.continuation = continuation
    }

    /// One message was confirmed; resumes the caller after the last one.
    func confirmOne() {
        remaining -= 1
        if remaining == 0 { finish(.success(())) }
    }

    /// Fails the call (once; later outcomes of its other messages are ignored).
    func fail(_ error: AMQPError) { finish(.failure(error)) }

    private func finish(_ result: Result<Void, AMQPError>) {
        continuation?.resume(returning: result)
        continuation = nil
    }
}

extension AMQPMessage {
    /// Checks what the AMQP encoder cannot represent (short strings are at most 255 bytes).
    func validate() throws(AMQPError) {
        let shortStrings: [(String, String?)] = [
            ("exchange", exchange), ("routing key", routingKey), ("message id", messageId),
            ("content type", contentType), ("correlation id", correlationId),
        ]
        for (name, value) in shortStrings where (value?.utf8.count ?? 0) > 255 {
            throw AMQPError(code: .invalidArgument, message: "the \(name) is longer than 255 bytes; AMQP cannot send it")
        }
        for key in headers.keys where key.utf8.count > 255 {
            throw AMQPError(code: .invalidArgument, message: "header name '\(key.prefix(40))…' is longer than 255 bytes")
        }
    }
}
