/// Exchanges, queues and bindings that a publisher or consumer declares on every (re)connect.
///
/// Declaring is idempotent as long as the properties and arguments match what the broker already
/// has; a mismatch fails with ``AMQPError/Code/declarationFailed``.
public struct AMQPTopology: Sendable, Hashable {
    /// Exchanges, declared first.
    public var exchanges: [AMQPExchange]
    /// Queues, declared after the exchanges.
    public var queues: [AMQPQueue]
    /// Bindings of queues to exchanges, declared last.
    public var bindings: [AMQPBinding]

    /// Creates a topology (empty by default: nothing is declared).
    public init(exchanges: [AMQPExchange] = [], queues: [AMQPQueue] = [], bindings: [AMQPBinding] = []) {
        self.exchanges = exchanges
        self.queues = queues
        self.bindings = bindings
    }

    /// True when there is nothing to declare.
    public var isEmpty: Bool { exchanges.isEmpty && queues.isEmpty && bindings.isEmpty }
}

/// An exchange declaration.
public struct AMQPExchange: Sendable, Hashable {
    /// The exchange type.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        /// The broker's name for the type.
        public let rawValue: String
        /// Creates a type from its broker name (e.g. a plugin's `x-delayed-message`).
        public init(rawValue: String) { self.rawValue = rawValue }
        /// Routes by exact routing key.
        public static let direct = Kind(rawValue: "direct")
        /// Routes to every bound queue.
        public static let fanout = Kind(rawValue: "fanout")
        /// Routes by routing-key pattern (`*`, `#`).
        public static let topic = Kind(rawValue: "topic")
        /// Routes by header values.
        public static let headers = Kind(rawValue: "headers")
        /// The broker's name for the type.
        public var description: String { rawValue }
    }

    /// Exchange name.
    public var name: String
    /// Exchange type.
    public var kind: Kind
    /// Survives a broker restart.
    public var durable: Bool
    /// Deleted when the last binding is removed.
    public var autoDelete: Bool
    /// Extra arguments (e.g. `alternate-exchange`).
    public var arguments: [String: AMQPFieldValue]

    /// Creates an exchange declaration (durable by default).
    public init(
        name: String, kind: Kind = .direct, durable: Bool = true, autoDelete: Bool = false,
        arguments: [String: AMQPFieldValue] = [:]
    ) {
        self.name = name
        self.kind = kind
        self.durable = durable
        self.autoDelete = autoDelete
        self.arguments = arguments
    }
}

/// A binding of a queue to an exchange.
public struct AMQPBinding: Sendable, Hashable {
    /// The queue that receives the messages.
    public var queue: String
    /// The exchange the messages are published to.
    public var exchange: String
    /// The routing key (or pattern, for topic exchanges).
    public var routingKey: String
    /// Extra arguments (headers exchanges match on them).
    public var arguments: [String: AMQPFieldValue]

    /// Creates a binding.
    public init(queue: String, exchange: String, routingKey: String = "", arguments: [String: AMQPFieldValue] = [:]) {
        self.queue = queue
        self.exchange = exchange
        self.routingKey = routingKey
        self.arguments = arguments
    }
}
