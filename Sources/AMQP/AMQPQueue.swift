/// A queue declaration, with helpers for the usual `x-` arguments:
///
/// ```swift
/// let jobs = AMQPQueue(name: "jobs").quorum().deliveryLimit(5)
///     .deadLetter(exchange: "", routingKey: "jobs.dead")
/// ```
public struct AMQPQueue: Sendable, Hashable {
    /// Queue name.
    public var name: String
    /// Survives a broker restart (quorum queues must be durable).
    public var durable: Bool
    /// Used by one connection only and deleted when it closes.
    public var exclusive: Bool
    /// Deleted when its last consumer is cancelled.
    public var autoDelete: Bool
    /// Arguments (`x-queue-type`, `x-dead-letter-exchange`, ...).
    public var arguments: [String: AMQPFieldValue]

    /// Creates a queue declaration (durable by default).
    public init(
        name: String, durable: Bool = true, exclusive: Bool = false, autoDelete: Bool = false,
        arguments: [String: AMQPFieldValue] = [:]
    ) {
        self.name = name
        self.durable = durable
        self.exclusive = exclusive
        self.autoDelete = autoDelete
        self.arguments = arguments
    }

    /// A replicated quorum queue (`x-queue-type: quorum`); forces `durable`.
    /// Set ``deliveryLimit(_:)`` too: before RabbitMQ 4.0 there is no default limit.
    public func quorum() -> AMQPQueue {
        var queue = self
        queue.durable = true
        queue.arguments["x-queue-type"] = .string("quorum")
        return queue
    }

    /// Where rejected, expired or over-delivered messages go (`x-dead-letter-exchange`, and
    /// `x-dead-letter-routing-key` when given; `""` is the default exchange, which routes by
    /// queue name).
    public func deadLetter(exchange: String, routingKey: String? = nil) -> AMQPQueue {
        var queue = self
        queue.arguments["x-dead-letter-exchange"] = .string(exchange)
        if let routingKey { queue.arguments["x-dead-letter-routing-key"] = .string(routingKey) }
        return queue
    }

    /// How many times a quorum queue delivers a message before dropping or dead-lettering it
    /// (`x-delivery-limit`).
    public func deliveryLimit(_ limit: Int) -> AMQPQueue {
        var queue = self
        queue.arguments["x-delivery-limit"] = .int64(Int64(limit))
        return queue
    }

    /// How long a message may wait in the queue (`x-message-ttl`, milliseconds).
    public func messageTTL(_ ttl: Duration) -> AMQPQueue {
        var queue = self
        queue.arguments["x-message-ttl"] = .int64(ttl.milliseconds)
        return queue
    }

    /// Sets any other argument.
    public func argument(_ key: String, _ value: AMQPFieldValue) -> AMQPQueue {
        var queue = self
        queue.arguments[key] = value
        return queue
    }
}
