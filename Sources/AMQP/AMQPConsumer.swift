import Foundation
import Logging

/// The deliveries of one consuming connection; ends when the consumer is cancelled or closed, and
/// throws an ``AMQPError`` when the connection is lost.
public typealias AMQPDeliveries = AsyncThrowingStream<AMQPDelivery, any Error>

/// Consumes one queue with manual acknowledgements over a connection owned by a dedicated thread.
///
/// ```swift
/// let consumer = AMQPConsumer(configuration: config, topology: topology, queue: "jobs", prefetchCount: 32, logger: logger)
/// for try await delivery in try await consumer.deliveries() {
///     try await delivery.ack()
/// }
/// ```
///
/// ``deliveries()`` connects, declares the topology, sets the prefetch (`basic.qos`, per
/// consumer) and starts consuming. When the connection is lost (socket error, missed heartbeats,
/// the broker closing the channel or connection) the sequence throws a connection-level
/// ``AMQPError`` and unsettled deliveries become stale (the broker redelivers them); call
/// ``deliveries()`` again to reconnect. Blocking C calls run on the consumer's own thread.
public final class AMQPConsumer: Sendable {
    private let mailbox: Mailbox<ConsumerCommand>
    private let streamIDs = StreamIDs()

    /// Creates a consumer and starts its thread; nothing connects before ``deliveries()``.
    ///
    /// - Parameters:
    ///   - configuration: the broker to connect to.
    ///   - topology: declared on every (re)connect before consuming.
    ///   - queue: the queue to consume.
    ///   - prefetchCount: at most this many unsettled deliveries at once (0: unlimited, not advised).
    ///   - logger: receives connection events (info and lower).
    public init(
        configuration: AMQPConfiguration, topology: AMQPTopology = AMQPTopology(), queue: String,
        prefetchCount: UInt16 = 32, logger: Logger
    ) {
        var logger = logger
        logger[metadataKey: "amqp.role"] = "consumer"
        logger[metadataKey: "amqp.queue"] = "\(queue)"
        let engineLogger = logger
        let mailbox = Mailbox<ConsumerCommand>()
        self.mailbox = mailbox
        let thread = Thread {
            ConsumerEngine(
                mailbox: mailbox, configuration: configuration, topology: topology, queue: queue,
                prefetchCount: prefetchCount, logger: engineLogger
            ).run()
        }
        thread.name = "amqp-consumer"
        thread.start()
    }

    deinit {
        mailbox.post(.shutdown)
    }

    /// Connects if needed, starts consuming and returns the deliveries.
    ///
    /// Only one sequence is active at a time (``AMQPError/Code/invalidState`` otherwise). Ending
    /// the iteration early (breaking out, or cancelling the iterating task) stops consuming;
    /// deliveries that arrive afterwards go back to the queue.
    /// Throws ``AMQPError/Code/connectionFailed`` or ``AMQPError/Code/declarationFailed``.
    public func deliveries() async throws(AMQPError) -> AMQPDeliveries {
        let streamID = streamIDs.next()
        let (stream, continuation) = AMQPDeliveries.makeStream()
        let mailbox = self.mailbox
        // Captures `self`: the sequence keeps its consumer (and connection) alive while iterated;
        // the closure is released when the sequence ends.
        continuation.onTermination = { [self] termination in
            if case .cancelled = termination { self.mailbox.post(.streamEnded(streamID)) }
        }
        let result = await withCheckedContinuation { (started: CheckedContinuation<Result<Void, AMQPError>, Never>) in
            if !mailbox.post(.start(streamID, continuation, started)) {
                started.resume(returning: .failure(.consumerClosed))
            }
        }
        try result.get()
        return stream
    }

    /// Stops consuming (basic.cancel): the current sequence ends normally, and deliveries already
    /// received can still be settled. Returns once the broker confirmed the cancel.
    public func cancel() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            if !mailbox.post(.cancel(continuation)) { continuation.resume() }
        }
    }

    /// Ends the sequence, closes the connection (the broker requeues unsettled deliveries) and
    /// ends the thread. Settling a delivery afterwards throws ``AMQPError/Code/staleDelivery``.
    public func close() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            if !mailbox.post(.close(continuation)) { continuation.resume() }
        }
    }
}

/// Numbers the delivery sequences of a consumer.
private final class StreamIDs: @unchecked Sendable {
    // @unchecked: `value` is only read and written under `lock`.
    private let lock = NSLock()
    private var value: UInt64 = 0

    func next() -> UInt64 {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}

extension AMQPError {
    static let consumerClosed = AMQPError(code: .closed, message: "the AMQP consumer is closed; create a new one")
}
