import Foundation
import Logging
import ServiceLifecycle

/// Publishes messages with publisher confirms over one connection owned by a dedicated thread.
///
/// - ``publish(_:)-(AMQPMessage)`` returns once the broker has confirmed (acked) the message:
///   for a persistent message to a durable queue, once it is on disk. Calls from many tasks are
///   written as they arrive and confirmed as the acks arrive (pipelining).
/// - The connection opens on the first call (or ``connect()``) and declares the topology; after a
///   loss, pending publishes fail with a connection-level error and the next call reconnects, so
///   callers can retry. A retried publish may reach the queue twice: consumers must deduplicate.
/// - Blocking C calls run on the publisher's own thread, never on Swift's cooperative pool.
public final class AMQPPublisher: Service, Sendable {
    private let mailbox: Mailbox<PublisherCommand>
    private let thread: EngineThread
    private let logger: Logger

    /// Creates a publisher. Its thread starts on first use (or ``run()``); it connects on first use.
    ///
    /// - Parameters:
    ///   - configuration: the broker to connect to.
    ///   - topology: declared on every (re)connect, before the first publish.
    ///   - confirmTimeout: how long a publish waits for the broker's confirm before failing with
    ///     ``AMQPError/Code/timeout`` (the broker may still have the message).
    ///   - logger: receives connection events (info and lower).
    public init(
        configuration: AMQPConfiguration, topology: AMQPTopology = AMQPTopology(),
        confirmTimeout: Duration = .seconds(30), logger: Logger
    ) {
        var logger = logger
        logger[metadataKey: "amqp.role"] = "publisher"
        let engineLogger = logger
        let mailbox = Mailbox<PublisherCommand>()
        let status = EngineStatus()
        self.mailbox = mailbox
        self.logger = logger
        self.thread = EngineThread(name: "amqp-publisher", status: status) {
            PublisherEngine(
                mailbox: mailbox, configuration: configuration, topology: topology,
                confirmTimeout: confirmTimeout, status: status, logger: engineLogger
            ).run()
        }
    }

    deinit {
        mailbox.post(.shutdown)
    }

    /// Runs as a swift-service-lifecycle service: starts the thread, waits for the graceful shutdown
    /// (or cancellation) of its group, then closes (see ``close()``). Services that publish come after
    /// it in the group, so they stop first.
    public func run() async throws {
        thread.startIfNeeded()
        try? await gracefulShutdown()
        await close()
    }

    /// What the connection thread last reported.
    public var status: AMQPConnectionStatus {
        var status = thread.status.snapshot
        if !thread.isStarted { status.lastLoop = .now }
        return status
    }

    /// Connects now (and declares the topology) instead of on the first publish; does nothing
    /// when connected. Use it to fail fast at start-up.
    public func connect() async throws(AMQPError) {
        _ = try await request(.connect)
    }

    /// Publishes one message and waits for the broker's confirm.
    ///
    /// Throws ``AMQPError/Code/nacked``, ``AMQPError/Code/unroutable`` (mandatory message no queue
    /// took), ``AMQPError/Code/timeout``, a connection-level error (``AMQPError/isConnectionLevel``;
    /// the next call reconnects), ``AMQPError/Code/invalidArgument`` or ``AMQPError/Code/closed``.
    /// Cancelling the calling task does not withdraw a message already handed over.
    public func publish(_ message: AMQPMessage) async throws(AMQPError) {
        try await publish([message])
    }

    /// Publishes messages in order and returns when all are confirmed; throws the first failure
    /// (the others may still have been delivered).
    public func publish(_ messages: [AMQPMessage]) async throws(AMQPError) {
        guard !messages.isEmpty else { return }
        for message in messages { try message.validate() }
        thread.startIfNeeded()
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<Void, AMQPError>, Never>) in
            if !mailbox.post(.publish(messages, continuation)) { continuation.resume(returning: .failure(.publisherClosed)) }
        }
        try result.get()
    }

    /// Declares more exchanges, queues and bindings now (not re-declared on reconnect).
    public func declare(_ topology: AMQPTopology) async throws(AMQPError) {
        _ = try await request(.declare(topology))
    }

    /// Deletes a queue; returns the number of messages it held.
    @discardableResult
    public func deleteQueue(_ name: String) async throws(AMQPError) -> UInt32 {
        try await request(.deleteQueue(name)).status.messages
    }

    /// Deletes every ready message of a queue; returns how many.
    @discardableResult
    public func purgeQueue(_ name: String) async throws(AMQPError) -> UInt32 {
        try await request(.purgeQueue(name)).status.messages
    }

    /// Deletes an exchange.
    public func deleteExchange(_ name: String) async throws(AMQPError) {
        _ = try await request(.deleteExchange(name))
    }

    /// The number of ready messages in a queue (not counting unacknowledged deliveries);
    /// throws ``AMQPError/Code/declarationFailed`` with reply code 404 when it does not exist.
    public func messageCount(queue: String) async throws(AMQPError) -> UInt32 {
        try await queueStatus(queue: queue).messages
    }

    /// The ready messages and the consumers of a queue (a passive declare); throws
    /// ``AMQPError/Code/declarationFailed`` with reply code 404 when it does not exist.
    public func queueStatus(queue: String) async throws(AMQPError) -> AMQPQueueStatus {
        try await request(.queueStatus(queue)).status
    }

    /// Waits for the pending confirms (at most the confirm timeout), closes the connection and
    /// ends the thread. Later calls throw ``AMQPError/Code/closed``.
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

    /// Runs a synchronous request on the publisher's thread (admin channel).
    func request(_ request: AdminRequest) async throws(AMQPError) -> AdminReply {
        thread.startIfNeeded()
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<AdminReply, AMQPError>, Never>) in
            if !mailbox.post(.admin(request, continuation)) { continuation.resume(returning: .failure(.publisherClosed)) }
        }
        return try result.get()
    }
}

extension AMQPError {
    static let publisherClosed = AMQPError(code: .closed, message: "the AMQP publisher is closed; create a new one")
}
