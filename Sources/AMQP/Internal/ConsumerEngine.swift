import Logging

/// The consumer's thread: owns the connection, yields deliveries, writes settlements.
/// Everything here runs on that one thread.
final class ConsumerEngine {
    let mailbox: Mailbox<ConsumerCommand>
    let configuration: AMQPConfiguration
    let topology: AMQPTopology
    let queue: String
    let prefetchCount: UInt16
    let status: EngineStatus
    let logger: Logger

    var connection: Connection?
    /// Which node to try first on the next connect.
    var rotation: EndpointRotation
    /// Increases with every connection; settlements of older generations are stale.
    var generation: UInt64 = 0
    var settler: DeliverySettler?
    /// Delivery tags yielded and not yet settled on the current connection.
    var unsettled: Set<UInt64> = []
    /// The active delivery sequence, if any.
    var stream: (id: UInt64, continuation: AMQPDeliveries.Continuation)?
    var consumerTag: String?
    var cancelWaiters: [CheckedContinuation<Void, Never>] = []
    var closeWaiters: [CheckedContinuation<Void, Never>] = []
    var isStopping = false

    init(
        mailbox: Mailbox<ConsumerCommand>, configuration: AMQPConfiguration, topology: AMQPTopology, queue: String,
        prefetchCount: UInt16, status: EngineStatus, logger: Logger
    ) {
        self.mailbox = mailbox
        self.status = status
        self.configuration = configuration
        self.topology = topology
        self.queue = queue
        self.prefetchCount = prefetchCount
        self.logger = logger
        self.rotation = EndpointRotation(count: configuration.endpoints.count)
    }

    func run() {
        while true {
            // Connected means consuming: a connection without a delivery sequence does not count.
            status.loopTurned(connected: connection != nil && stream != nil)
            for command in mailbox.take() { handle(command) }
            if isStopping { break }
            if connection != nil { readFrames() }
            if let connection, connection.hasBufferedInput { continue }
            // 200 ms keeps heartbeats flowing; a settlement or a frame wakes the wait at once.
            _ = mailbox.wait(socket: connection?.socket, timeout: connection == nil ? .seconds(1) : .milliseconds(200))
        }
        finish()
    }

    private func handle(_ command: ConsumerCommand) {
        switch command {
        case .start(let id, let continuation, let started):
            started.resume(returning: Result { () throws(AMQPError) in try start(id, continuation) })
        case .settle(let tag, let generation, let settlement, let continuation):
            continuation.resume(returning: Result { () throws(AMQPError) in try settle(tag, generation, settlement) })
        case .streamEnded(let id):
            if stream?.id == id {
                stream = nil
                cancelConsumer()
            }
        case .cancel(let continuation):
            cancelWaiters.append(continuation)
            endStream(throwing: nil)
            cancelConsumer()
        case .close(let continuation):
            closeWaiters.append(continuation)
            isStopping = true
        case .shutdown:
            isStopping = true
        }
    }

    private func start(_ id: UInt64, _ continuation: AMQPDeliveries.Continuation) throws(AMQPError) {
        guard stream == nil else {
            continuation.finish()
            throw AMQPError(code: .invalidState, message: "the consumer already has an active delivery sequence; cancel() it first")
        }
        do {
            let reused = connection?.isUsable == true
            let connection = try connected()
            // Declared again on a reused connection too: the queue may have been deleted since.
            if reused { try connection.declare(topology, channel: Connection.workChannel) }
            consumerTag = try connection.consume(queue: queue, consumerTag: "")
        } catch {
            // A refused consume (e.g. 404, no such queue) closed the working channel: start over.
            if connection != nil { lose(error) }
            continuation.finish(throwing: error)
            throw error
        }
        stream = (id, continuation)
        status.connectionChanged(connected: true)
        logger.info("AMQP consumer started", metadata: ["amqp.consumer_tag": "\(consumerTag ?? "")"])
    }

    /// The open connection, opening it (declare topology, qos) when needed.
    private func connected() throws(AMQPError) -> Connection {
        if let connection, connection.isUsable { return connection }
        if connection != nil { rotation.lost() }  // broken without a lose(): try the next node first
        connection = nil
        let fresh = try Connection.open(configuration, name: "consumer", rotation: &rotation, logger: logger)
        do {
            try fresh.declare(topology, channel: Connection.workChannel)
            try fresh.qos(prefetch: prefetchCount)
        } catch {
            fresh.close()
            throw error
        }
        generation += 1
        settler = DeliverySettler(mailbox: mailbox, generation: generation)
        unsettled = []
        connection = fresh
        logger.info(
            "AMQP consumer connected", metadata: ["amqp.broker": "\(configuration)", "amqp.node": "\(fresh.endpoint)"])
        return fresh
    }

    private func settle(_ tag: UInt64, _ generation: UInt64, _ settlement: Settlement) throws(AMQPError) {
        guard generation == self.generation, let connection, connection.isUsable else {
            throw AMQPError(
                code: .staleDelivery,
                message: "delivery \(tag) came from a connection that was lost; the broker redelivers it, nothing to settle")
        }
        guard unsettled.contains(tag) else {
            throw AMQPError(code: .alreadySettled, message: "delivery \(tag) was already acked, nacked or rejected")
        }
        do {
            try connection.settle(tag, settlement)
        } catch {
            lose(error)
            throw error
        }
        unsettled.remove(tag)
    }

    /// Sends basic.cancel; the cancel waiters resume on basic.cancel-ok.
    private func cancelConsumer() {
        guard let tag = consumerTag, let connection, connection.isUsable else { return resumeCancelWaiters() }
        consumerTag = nil
        do {
            try connection.sendCancel(consumerTag: tag)
        } catch {
            lose(error)
        }
    }

    func resumeCancelWaiters() {
        for waiter in cancelWaiters { waiter.resume() }
        cancelWaiters = []
    }

    /// Ends the active sequence, normally (`nil`) or with an error.
    func endStream(throwing error: AMQPError?) {
        guard let stream else { return }
        self.stream = nil
        stream.continuation.finish(throwing: error)
    }

    /// The connection is gone: end the sequence with `error`, void the unsettled deliveries.
    func lose(_ error: AMQPError) {
        if connection != nil {
            logger.info("AMQP consumer lost its connection", metadata: ["amqp.error": "\(error)"])
        }
        endStream(throwing: error)
        consumerTag = nil
        unsettled = []
        generation += 1
        settler = nil
        if connection != nil { rotation.lost() }
        connection?.close()  // polite close when only the channel failed; no-op when broken
        connection = nil
        status.connectionChanged(connected: false)
        resumeCancelWaiters()
    }

    private func finish() {
        status.closed()
        endStream(throwing: nil)
        connection?.close()
        connection = nil
        generation += 1
        let stale = AMQPError(code: .staleDelivery, message: "the consumer is closed; the broker redelivers unsettled deliveries")
        for command in mailbox.close() {
            switch command {
            case .start(_, let continuation, let started):
                continuation.finish()
                started.resume(returning: .failure(.consumerClosed))
            case .settle(_, _, _, let continuation): continuation.resume(returning: .failure(stale))
            case .cancel(let continuation): cancelWaiters.append(continuation)
            case .close(let continuation): closeWaiters.append(continuation)
            case .streamEnded, .shutdown: break
            }
        }
        resumeCancelWaiters()
        if !closeWaiters.isEmpty { logger.info("AMQP consumer closed") }
        for waiter in closeWaiters { waiter.resume() }
        closeWaiters = []
    }
}
