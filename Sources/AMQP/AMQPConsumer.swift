import Foundation
import Synchronization
import Logging
import ServiceLifecycle

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
public final class AMQPConsumer: Service, Sendable {
    private let mailbox: Mailbox<ConsumerCommand>
    private let thread: EngineThread
    private let streamIDs = StreamIDs()

    /// Creates a consumer. Its thread starts on first use (or ``run()``); nothing connects before
    /// ``deliveries()``.
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
        let status = EngineStatus()
        self.mailbox = mailbox
        self.thread = EngineThread(name: "amqp-consumer", status: status) {
            ConsumerEngine(
                mailbox: mailbox, configuration: configuration, topology: topology, queue: queue,
                prefetchCount: prefetchCount, status: status, logger: engineLogger
            ).run()
        }
    }

    deinit {
        mailbox.post(.shutdown)
    }

    /// Runs as a swift-service-lifecycle service: starts the thread, waits for the graceful shutdown
    /// (or cancellation) of its group, then closes (see ``close()``). Services that use the consumer
    /// come after it in the group, so they stop first.
    public func run() async throws {
        thread.startIfNeeded()
        try? await gracefulShutdown()
        await close()
    }

    /// What the connection thread last reported (connected means consuming).
    public var status: AMQPConnectionStatus {
        var status = thread.status.snapshot
        if !thread.isStarted { status.lastLoop = .now }
        return status
    }

    /// Connects if needed, starts consuming and returns the deliveries.
    ///
    /// Only one sequence is active at a time (``AMQPError/Code/invalidState`` otherwise). Ending
    /// the iteration early (breaking out, or cancelling the iterating task) stops consuming;
    /// deliveries that arrive afterwards go back to the queue.
    /// Throws ``AMQPError/Code/connectionFailed`` or ``AMQPError/Code/declarationFailed``.
    public func deliveries() async throws(AMQPError) -> AMQPDeliveries {
        thread.startIfNeeded()
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
        guard thread.isStarted else { return }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            if !mailbox.post(.cancel(continuation)) { continuation.resume() }
        }
    }

    /// Ends the sequence, closes the connection (the broker requeues unsettled deliveries) and
    /// ends the thread. Settling a delivery afterwards throws ``AMQPError/Code/staleDelivery``.
    public func close() async {
        if thread.discardUnlessStarted() {
            thread.status.closed()
            _ = mailbox.close()  // never started: refuse later calls
            return
        }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            if !mailbox.post(.close(continuation)) { continuation.resume() }
        }
    }
}

/// Numbers the delivery sequences of a consumer.
private final class StreamIDs: Sendable {
    private let last = Mutex<UInt64>(0)

    func next() -> UInt64 {
        last.withLock {
            $0 += 1
            return $0
        }
    }
}

extension AMQPError {
    static let consumerClosed = AMQPError(code: .closed, message: "the AMQP consumer is closed; create a new one")
}
