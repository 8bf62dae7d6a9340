/// A copy of a message that waits in a queue, read by ``AMQPPublisher/peek(queue:limit:)``:
/// the message itself stays in the queue.
///
/// Dead letters carry the broker's `x-death` header (an array of tables: queue, reason, count,
/// exchange, routing-keys, time) and `x-first-death-queue` / `-reason` / `-exchange`; a quorum
/// queue adds `x-delivery-count`. They are left in ``headers`` as they came.
public struct AMQPQueuedMessage: Sendable, Hashable {
    /// Message body.
    public let body: [UInt8]
    /// The `message-id` property.
    public let messageId: String?
    /// The `content-type` property.
    public let contentType: String?
    /// The `correlation-id` property.
    public let correlationId: String?
    /// Application headers, including the broker's `x-death` and `x-delivery-count`.
    public let headers: [String: AMQPFieldValue]
    /// True when published persistent (delivery mode 2).
    public let persistent: Bool
    /// True when the message was delivered before and returned to the queue. Peeking returns the
    /// messages to the queue, so a peeked message is redelivered afterwards.
    public let redelivered: Bool
    /// Exchange the message was last published to (for a dead letter: the dead-letter exchange).
    public let exchange: String
    /// Routing key it was last published with.
    public let routingKey: String

    /// Creates a copy (the publisher creates them; public for test doubles).
    public init(
        body: [UInt8], messageId: String? = nil, contentType: String? = nil, correlationId: String? = nil,
        headers: [String: AMQPFieldValue] = [:], persistent: Bool = true, redelivered: Bool = false,
        exchange: String = "", routingKey: String
    ) {
        self.body = body
        self.messageId = messageId
        self.contentType = contentType
        self.correlationId = correlationId
        self.headers = headers
        self.persistent = persistent
        self.redelivered = redelivered
        self.exchange = exchange
        self.routingKey = routingKey
    }

    /// The body decoded as UTF-8 (invalid bytes replaced).
    public var text: String { String(decoding: body, as: UTF8.self) }

    /// The `x-delivery-count` header of a quorum queue: how many times the message was delivered
    /// and returned (peeks count too). RabbitMQ 3.10 sends 0 with a message never returned (where a
    /// consumer's delivery has no header); `nil` for classic queues.
    public var deliveryCount: Int64? { headers["x-delivery-count"]?.intValue }
}
