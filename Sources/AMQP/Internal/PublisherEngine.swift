import CRabbitMQ
import Logging

/// The publisher's thread: owns the connection, writes publishes as they arrive and resolves them
/// as confirms arrive. Everything here runs on that one thread.
final class PublisherEngine {
    let mailbox: Mailbox<PublisherCommand>
    let configuration: AMQPConfiguration
    let topology: AMQPTopology
    let confirmTimeout: Duration
    let logger: Logger
    let status: EngineStatus
    let clock = ContinuousClock()

    var connection: Connection?
    /// Which node to try first on the next connect.
    var rotation: EndpointRotation
    var tracker = ConfirmTracker<PublishWaiter>()
    /// Set by close(): finish once the pending confirms are in (or at the deadline).
    var closeWaiters: [CheckedContinuation<Void, Never>] = []
    var closeDeadline: ContinuousClock.Instant?
    var isShuttingDown = false
    /// True while the broker blocks the connection (memory or disk alarm). Publishes are held
    /// back meanwhile: writing them could block the thread in send() for as long as the alarm lasts.
    var isBlocked = false
    var held: [(messages: [AMQPMessage], waiter: PublishWaiter, deadline: ContinuousClock.Instant)] = []

    init(
        mailbox: Mailbox<PublisherCommand>, configuration: AMQPConfiguration, topology: AMQPTopology,
        confirmTimeout: Duration, status: EngineStatus, logger: Logger
    ) {
        self.mailbox = mailbox
        self.status = status
        self.configuration = configuration
        self.topology = topology
        self.confirmTimeout = confirmTimeout
        self.logger = logger
        self.rotation = EndpointRotation(count: configuration.endpoints.count)
    }

    func run() {
        while true {
            status.loopTurned(connected: connection != nil)
            var connectFailure: AMQPError?  // one connect attempt per batch of commands
            for command in mailbox.take() { handle(command, connectFailure: &connectFailure) }
            if connection != nil { readFrames() }
            failExpiredPublishes()
            if isShuttingDown || (closeDeadline.map { (tracker.isEmpty && held.isEmpty) || clock.now >= $0 } ?? false) { break }
            if let connection, connection.hasBufferedInput { continue }
            _ = mailbox.wait(socket: connection?.socket, timeout: waitTimeout())
        }
        finish()
    }

    private func handle(_ command: PublisherCommand, connectFailure: inout AMQPError?) {
        switch command {
        case .publish(let messages, let continuation):
            let waiter = PublishWaiter(count: messages.count, continuation: continuation)
            guard closeDeadline == nil else { return waiter.fail(.publisherClosed) }
            if let connectFailure { return waiter.fail(connectFailure) }
            if isBlocked, connection != nil {
                return held.append((messages, waiter, clock.now.advanced(by: confirmTimeout)))
            }
            do {
                try publish(messages, waiter: waiter)
            } catch {
                if connection == nil { connectFailure = error }
                waiter.fail(error)
            }
        case .admin(let request, let continuation):
            guard closeDeadline == nil else { return continuation.resume(returning: .failure(.publisherClosed)) }
            if let connectFailure { return continuation.resume(returning: .failure(connectFailure)) }
            let result = Result { () throws(AMQPError) in try perform(request) }
            if case .failure(let error) = result, connection == nil { connectFailure = error }
            continuation.resume(returning: result)
        case .close(let continuation):
            closeWaiters.append(continuation)
            closeDeadline = closeDeadline ?? clock.now.advanced(by: confirmTimeout)
        case .shutdown:
            isShuttingDown = true
        }
    }

    func publish(_ messages: [AMQPMessage], waiter: PublishWaiter) throws(AMQPError) {
        let connection = try connected()
        for message in messages {
            do {
                try connection.publish(message)
            } catch {
                lose(error)
                throw error
            }
            tracker.register(waiter, message: message, deadline: clock.now.advanced(by: confirmTimeout))
        }
    }

    private func perform(_ request: AdminRequest) throws(AMQPError) -> AdminReply {
        let connection = try connected()
        if case .connect = request { return .done }
        do {
            try connection.openChannel(Connection.adminChannel)
            let channel = Connection.adminChannel
            switch request {
            case .connect: return .done
            case .declare(let topology): try connection.declare(topology, channel: channel); return .done
            case .deleteQueue(let name):
                return .status(AMQPQueueStatus(messages: try connection.deleteQueue(name, channel: channel), consumers: 0))
            case .purgeQueue(let name):
                return .status(AMQPQueueStatus(messages: try connection.purgeQueue(name, channel: channel), consumers: 0))
            case .deleteExchange(let name): try connection.deleteExchange(name, channel: channel); return .done
            case .queueStatus(let name):
                return .status(try connection.declare(AMQPQueue(name: name), passive: true, channel: channel))
            case .peek(let queue, let limit):
                return .messages(try connection.peek(queue: queue, limit: limit, channel: channel))
            case .remove(let queue, let messageIds, let limit):
                return .removed(try connection.remove(queue: queue, messageIds: messageIds, limit: limit, channel: channel))
            }
        } catch {
            if !connection.isUsable { lose(error) }
            throw error
        }
    }

    /// The open connection, opening it (declare topology, confirm mode) when needed.
    func connected() throws(AMQPError) -> Connection {
        if let connection, connection.isUsable { return connection }
        if connection != nil { rotation.lost() }  // broken without a lose(): try the next node first
        connection = nil
        let fresh = try Connection.open(configuration, name: "publisher", rotation: &rotation, logger: logger)
        do {
            try fresh.declare(topology, channel: Connection.workChannel)
            try fresh.confirmSelect()
        } catch {
            fresh.close()
            throw error
        }
        // A new channel numbers confirms from 1 again; nothing can be pending here.
        _ = tracker.reset()
        isBlocked = false
        connection = fresh
        status.connectionChanged(connected: true)
        logger.info(
            "AMQP publisher connected", metadata: ["amqp.broker": "\(configuration)", "amqp.node": "\(fresh.endpoint)"])
        return fresh
    }

    /// The connection (or its working channel) is gone: fail every pending publish with `error`.
    func lose(_ error: AMQPError) {
        let waiters = tracker.reset()
        if !waiters.isEmpty || connection != nil {
            logger.info(
                "AMQP publisher lost its connection",
                metadata: ["amqp.error": "\(error)", "amqp.pending": "\(waiters.count)"])
        }
        for waiter in waiters { waiter.fail(error) }
        failHeld(error)
        isBlocked = false
        if connection != nil { rotation.lost() }
        connection?.close()  // polite close when only the channel failed; no-op when broken
        connection = nil
        status.connectionChanged(connected: false)
    }

    private func finish() {
        let error = AMQPError.publisherClosed
        for waiter in tracker.reset() { waiter.fail(error) }
        failHeld(error)
        connection?.close()
        connection = nil
        status.closed()
        for command in mailbox.close() {
            switch command {
            case .publish(_, let continuation): continuation.resume(returning: .failure(error))
            case .admin(_, let continuation): continuation.resume(returning: .failure(error))
            case .close(let continuation): closeWaiters.append(continuation)
            case .shutdown: break
            }
        }
        if !closeWaiters.isEmpty { logger.info("AMQP publisher closed") }
        for waiter in closeWaiters { waiter.resume() }
        closeWaiters = []
    }
}
