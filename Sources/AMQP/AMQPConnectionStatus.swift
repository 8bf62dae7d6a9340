/// What a publisher's or consumer's connection thread last reported, for health and readiness
/// checks (read from any task, without waiting for the thread).
public struct AMQPConnectionStatus: Sendable, Equatable {
    /// True while the connection is open (for a consumer: while it is consuming).
    public var isConnected: Bool
    /// When the connection thread last went round its loop. The loop turns at least every second
    /// (every 200 ms while connected), so an old value means the thread is stuck.
    public var lastLoop: ContinuousClock.Instant
    /// The thread has ended (``AMQPPublisher/close()`` or ``AMQPConsumer/close()``).
    public var isClosed: Bool
}

/// The ready messages and consumers of a queue (a passive `queue.declare`).
public struct AMQPQueueStatus: Sendable, Equatable {
    /// Messages ready for delivery (not counting delivered, unacknowledged ones).
    public var messages: UInt32
    /// Consumers attached to the queue.
    public var consumers: UInt32

    /// Creates a status.
    public init(messages: UInt32, consumers: UInt32) {
        self.messages = messages
        self.consumers = consumers
    }
}
