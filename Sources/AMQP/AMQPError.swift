/// An AMQP operation failed: what failed, why, and what the caller can do about it.
///
/// Switch on ``code`` (an opaque, extensible set of values), or ask the helpers
/// ``isConnectionLevel`` and ``isRetryable``.
public struct AMQPError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure. New codes may be added; don't assume the list is closed.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// The AMQP URL could not be parsed.
        public static let invalidURL = Code("invalidURL")
        /// A connection could not be opened (TCP, login, channel open or topology declaration).
        public static let connectionFailed = Code("connectionFailed")
        /// A TLS (`amqps://`) connection could not be set up: the broker's certificate is not signed
        /// by a trusted CA or does not name the host, a CA, certificate or key file cannot be read, or
        /// the handshake failed. A configuration problem: the message says what to fix.
        public static let tlsFailed = Code("tlsFailed")
        /// An open connection was lost (socket error, heartbeat timeout, broker closed it).
        public static let connectionLost = Code("connectionLost")
        /// The broker closed the channel (see ``AMQPError/replyCode`` and ``AMQPError/replyText``).
        public static let channelClosed = Code("channelClosed")
        /// Declaring an exchange, queue or binding was refused (e.g. arguments differ from the
        /// existing queue's): a configuration problem, not retryable.
        public static let declarationFailed = Code("declarationFailed")
        /// The broker negatively acknowledged (nacked) a published message.
        public static let nacked = Code("nacked")
        /// A `mandatory` message could not be routed to any queue (basic.return).
        public static let unroutable = Code("unroutable")
        /// The broker did not confirm a publish, or answer a request, in time.
        public static let timeout = Code("timeout")
        /// The delivery belongs to a connection (or consumer) that no longer exists: it can no
        /// longer be acknowledged; the broker redelivers it.
        public static let staleDelivery = Code("staleDelivery")
        /// The delivery was already acknowledged, nacked or rejected.
        public static let alreadySettled = Code("alreadySettled")
        /// The broker cancelled the consumer (e.g. its queue was deleted).
        public static let consumerCancelled = Code("consumerCancelled")
        /// The publisher or consumer was closed.
        public static let closed = Code("closed")
        /// The call is not valid in the current state (e.g. consuming twice at once).
        public static let invalidState = Code("invalidState")
        /// An argument cannot be encoded (e.g. a short string longer than 255 bytes).
        public static let invalidArgument = Code("invalidArgument")

        /// The code's name, e.g. `connectionLost`.
        public var description: String { name }
    }

    /// The kind of failure.
    public let code: Code
    /// What failed and what to do about it.
    public let message: String
    /// The broker's reply code when the broker closed the channel or connection (e.g. 404, 406, 320).
    public let replyCode: UInt16?
    /// The broker's reply text when the broker closed the channel or connection.
    public let replyText: String?

    /// Creates an error.
    public init(code: Code, message: String, replyCode: UInt16? = nil, replyText: String? = nil) {
        self.code = code
        self.message = message
        self.replyCode = replyCode
        self.replyText = replyText
    }

    /// True when the connection or channel used is gone: the publisher reconnects on the next
    /// publish; a consumer must call ``AMQPConsumer/deliveries()`` again.
    public var isConnectionLevel: Bool {
        [.connectionFailed, .tlsFailed, .connectionLost, .channelClosed, .consumerCancelled].contains(code)
    }

    /// True when trying the same operation again later may succeed (after a reconnect, or once the
    /// broker is back). A retried publish may be delivered twice: consumers must deduplicate.
    public var isRetryable: Bool {
        switch code {
        case .connectionFailed, .connectionLost, .timeout, .nacked:
            return true
        case .channelClosed:
            // 4xx soft errors (access refused, not found, precondition failed) repeat on retry;
            // 320 connection-forced and 5xx hard errors are transient or fixed by reconnecting.
            guard let replyCode else { return true }
            return !(400..<500).contains(replyCode)
        default:
            return false
        }
    }

    /// `AMQPError.<code>: <message>`, plus the broker's reply when there is one.
    public var description: String {
        var text = "AMQPError.\(code): \(message)"
        if let replyCode { text += " [broker reply \(replyCode)\(replyText.map { " \($0)" } ?? "")]" }
        return text
    }
}
