/// A message to publish.
public struct AMQPMessage: Sendable, Hashable {
    /// Exchange to publish to; `""` is the default exchange, which routes by queue name.
    public var exchange: String
    /// Routing key (the queue name for the default exchange).
    public var routingKey: String
    /// Message body.
    public var body: [UInt8]
    /// Message id (`message-id` property). Also used to match a `basic.return` to its publish.
    public var messageId: String?
    /// MIME type of the body (`content-type` property), e.g. `application/json`.
    public var contentType: String?
    /// Correlation id (`correlation-id` property).
    public var correlationId: String?
    /// Application headers.
    public var headers: [String: AMQPFieldValue]
    /// Persistent (delivery mode 2): written to disk by durable queues; survives a restart.
    public var persistent: Bool
    /// When true, a message no queue accepts fails with ``AMQPError/Code/unroutable`` instead of
    /// being dropped silently.
    public var mandatory: Bool
    /// Per-message TTL (the `expiration` property): the broker drops or dead-letters the message once
    /// it has waited this long in a queue (for a classic queue, when it reaches the head).
    public var expiration: Duration?

    /// Creates a message (persistent, not mandatory, by default).
    public init(
        exchange: String = "", routingKey: String, body: [UInt8], messageId: String? = nil,
        contentType: String? = nil, correlationId: String? = nil,
        headers: [String: AMQPFieldValue] = [:], persistent: Bool = true, mandatory: Bool = false,
        expiration: Duration? = nil
    ) {
        self.expiration = expiration
        self.exchange = exchange
        self.routingKey = routingKey
        self.body = body
        self.messageId = messageId
        self.contentType = contentType
        self.correlationId = correlationId
        self.headers = headers
        self.persistent = persistent
        self.mandatory = mandatory
    }

    /// Creates a message whose body is the UTF-8 bytes of `text`.
    public init(
        exchange: String = "", routingKey: String, text: String, messageId: String? = nil,
        contentType: String? = "text/plain", headers: [String: AMQPFieldValue] = [:],
        persistent: Bool = true, mandatory: Bool = false
    ) {
        self.init(
            exchange: exchange, routingKey: routingKey, body: Array(text.utf8), messageId: messageId,
            contentType: contentType, headers: headers, persistent: persistent, mandatory: mandatory)
    }
}
