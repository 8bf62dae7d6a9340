import AMQP

/// The broker objects of the service, named from a prefix (`AMQP_PREFIX`, default `autoresponder`):
///
/// - exchange `P` (direct): `jobs` → queue `P.jobs`, `retry` → queue `P.retry.<delay>ms`;
/// - queue `P.jobs` (quorum, durable; after `x-delivery-limit` deliveries, or rejected, a message is
///   dead-lettered to exchange `P.dlx` → queue `P.dead`);
/// - queue `P.retry.<delay>ms` (durable): jobs wait there `delay`, then expire back to `P` / `jobs`.
///   The delay is in the name, so changing `JOB_RETRY_DELAY_MS` declares a new queue instead of
///   failing on a changed argument;
/// - queue `P.dead` (quorum): jobs that no worker could do, for a person to inspect.
public struct JobTopology: Sendable {
    /// The prefix of every name.
    public let prefix: String
    /// How long a job waits in the retry queue.
    public let retryDelay: Duration
    /// Deliveries of one message before the broker dead-letters it (a job that crashes workers).
    public let deliveryLimit: Int

    /// Creates the topology.
    public init(prefix: String, retryDelay: Duration, deliveryLimit: Int = 20) {
        self.prefix = prefix
        self.retryDelay = retryDelay
        self.deliveryLimit = deliveryLimit
    }

    /// The exchange jobs are published to.
    public var exchange: String { prefix }
    /// Routing key of new jobs.
    public static let jobsKey = "jobs"
    /// Routing key of jobs to try again later.
    public static let retryKey = "retry"
    /// The queue workers consume.
    public var jobsQueue: String { "\(prefix).jobs" }
    /// The queue where jobs wait before another attempt.
    public var retryQueue: String { "\(prefix).retry.\(retryDelay.milliseconds)ms" }
    /// The exchange of dead letters.
    public var deadLetterExchange: String { "\(prefix).dlx" }
    /// The queue of dead letters.
    public var deadQueue: String { "\(prefix).dead" }

    /// Every queue of the topology (for depth metrics and the operator's status).
    public var allQueues: [String] { [jobsQueue, retryQueue, deadQueue] }

    /// Everything declared by the dispatcher and the workers on every (re)connect.
    public var amqpTopology: AMQPTopology {
        AMQPTopology(
            exchanges: [
                AMQPExchange(name: exchange, kind: .direct),
                AMQPExchange(name: deadLetterExchange, kind: .fanout),
            ],
            queues: [
                AMQPQueue(name: jobsQueue).quorum().deliveryLimit(deliveryLimit)
                    .deadLetter(exchange: deadLetterExchange),
                AMQPQueue(name: retryQueue).messageTTL(retryDelay)
                    .deadLetter(exchange: exchange, routingKey: Self.jobsKey),
                AMQPQueue(name: deadQueue).quorum(),
            ],
            bindings: [
                AMQPBinding(queue: jobsQueue, exchange: exchange, routingKey: Self.jobsKey),
                AMQPBinding(queue: retryQueue, exchange: exchange, routingKey: Self.retryKey),
                AMQPBinding(queue: deadQueue, exchange: deadLetterExchange),
            ])
    }

    /// The AMQP message of a job: persistent, mandatory (an unroutable job is an error), with the job
    /// id as message id.
    public func message(for job: Job, retry: Bool = false) throws -> AMQPMessage {
        AMQPMessage(
            exchange: exchange, routingKey: retry ? Self.retryKey : Self.jobsKey, body: try job.encoded(),
            messageId: job.jobID, contentType: "application/json",
            headers: ["conversation-id": .string(job.conversationID), "attempt": .int64(Int64(job.attempt))],
            persistent: true, mandatory: true)
    }
}
