import AMQP

/// The broker objects of the service, named from a prefix (`AMQP_PREFIX`, default `autoresponder`):
///
/// - exchange `P` (direct): `jobs` → queue `P.jobs`, `retry.<delay>ms` → queue `P.retry.<delay>ms.quorum`;
/// - queue `P.jobs` (quorum, durable; after `x-delivery-limit` deliveries, or rejected, a message is
///   dead-lettered to exchange `P.dlx` → queue `P.dead-letters`);
/// - one queue `P.retry.<delay>ms.quorum` (quorum) per rung of the retry ladder (`JOB_RETRY_DELAYS_MS`):
///   jobs wait there at most `delay` (`x-message-ttl`, and each job's own, jittered `expiration`;
///   quorum queues support both since RabbitMQ 3.10), then expire back to `P` / `jobs`, dead-lettered
///   at least once (`x-dead-letter-strategy`, which needs `x-overflow: reject-publish`). Waiting takes
///   no worker slot. The delay is in the name and in the routing key, so changing the ladder declares
///   new queues instead of failing on a changed argument, and an old queue gets no more jobs: it
///   empties itself into `P.jobs`. (Before 0.6 this was one classic queue `P.retry.<delay>ms`, bound
///   with `retry`: a cluster lost it with its node. Delete it once empty.)
/// - queue `P.dead-letters` (quorum, at most `deadLetterLimit` messages, the oldest dropped first):
///   the job of each conversation parked after its failed attempts (headers `x-autoresponder-reason`,
///   `-attempts`, `-conversation-id`; the body is the job), and messages the broker dead-lettered
///   (not a job, or delivered `deliveryLimit` times: its `x-death` header says why). Every parked
///   conversation is also in the database, so a dropped dead letter loses nothing a person needs.
///   (Before 0.6 this queue was `P.dead`, unbounded: delete it once empty.)
public struct JobTopology: Sendable {
    /// The prefix of every name.
    public let prefix: String
    /// The retry ladder: one delay queue per rung, shortest first.
    public let retryDelays: [Duration]
    /// Deliveries of one message before the broker dead-letters it (a job that crashes workers).
    public let deliveryLimit: Int

    /// Most dead letters kept (`x-max-length`); beyond it the oldest is dropped (`x-overflow: drop-head`),
    /// so the newest failures stay visible and publishing never blocks on a full queue.
    public let deadLetterLimit: Int

    /// Creates the topology.
    public init(prefix: String, retryDelays: [Duration], deliveryLimit: Int = 20, deadLetterLimit: Int = 10_000) {
        precondition(!retryDelays.isEmpty, "the retry ladder needs at least one delay")
        self.prefix = prefix
        self.retryDelays = retryDelays.sorted()
        self.deliveryLimit = deliveryLimit
        self.deadLetterLimit = deadLetterLimit
    }

    /// The exchange jobs are published to.
    public var exchange: String { prefix }
    /// Routing key of new jobs.
    public static let jobsKey = "jobs"
    /// Routing key of jobs to try again after `delay` (a rung of the ladder).
    public static func retryKey(_ delay: Duration) -> String { "retry.\(delay.milliseconds)ms" }
    /// The queue workers consume.
    public var jobsQueue: String { "\(prefix).jobs" }
    /// The queue where jobs wait `delay` (a rung of the ladder) before another attempt.
    public func retryQueue(_ delay: Duration) -> String { "\(prefix).retry.\(delay.milliseconds)ms.quorum" }

    /// The rung a retry after `delay` waits on: the shortest at least `delay` long, else the longest.
    public func rung(for delay: Duration) -> Duration { retryDelays.first { $0 >= delay } ?? retryDelays.last! }
    /// The exchange of dead letters.
    public var deadLetterExchange: String { "\(prefix).dlx" }
    /// The queue of dead letters.
    public var deadQueue: String { "\(prefix).dead-letters" }

    /// Every queue of the topology (for depth metrics and the operator's status).
    public var allQueues: [String] { [jobsQueue] + retryDelays.map(retryQueue) + [deadQueue] }

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
            ] + retryDelays.map { delay in
                AMQPQueue(name: retryQueue(delay)).quorum().messageTTL(delay)
                    .deadLetter(exchange: exchange, routingKey: Self.jobsKey)
                    .argument("x-dead-letter-strategy", .string("at-least-once"))
                    .argument("x-overflow", .string("reject-publish"))
            } + [
                AMQPQueue(name: deadQueue).quorum().argument("x-max-length", .int64(Int64(deadLetterLimit)))
                    .argument("x-overflow", .string("drop-head")),
            ],
            bindings: [
                AMQPBinding(queue: jobsQueue, exchange: exchange, routingKey: Self.jobsKey),
            ] + retryDelays.map { delay in
                AMQPBinding(queue: retryQueue(delay), exchange: exchange, routingKey: Self.retryKey(delay))
            } + [
                AMQPBinding(queue: deadQueue, exchange: deadLetterExchange),
            ])
    }

    /// The dead letter of a parked conversation's job: the job as body, why and after how many attempts
    /// in headers.
    public func deadLetter(for job: Job, reason: String, attempts: Int) throws -> AMQPMessage {
        AMQPMessage(
            exchange: deadLetterExchange, routingKey: "", body: try job.encoded(), messageId: job.jobID,
            contentType: "application/json",
            headers: [
                "x-autoresponder-reason": .string(String(reason.prefix(1000))),
                "x-autoresponder-attempts": .int64(Int64(attempts)),
                "x-autoresponder-conversation-id": .string(job.conversationID),
            ],
            persistent: true, mandatory: true)
    }

    /// The AMQP message of a job: persistent, mandatory (an unroutable job is an error), with the job
    /// id as message id.
    public func message(for job: Job) throws -> AMQPMessage {
        AMQPMessage(
            exchange: exchange, routingKey: Self.jobsKey, body: try job.encoded(), messageId: job.jobID,
            contentType: "application/json",
            headers: ["conversation-id": .string(job.conversationID), "attempt": .int64(Int64(job.attempt))],
            persistent: true, mandatory: true)
    }

    /// The AMQP message of a job to try again after about `delay`: published to the rung at least that
    /// long, with its own `expiration` (`delay`, at most the rung's), so that jittered delays hold.
    public func retryMessage(for job: Job, after delay: Duration) throws -> AMQPMessage {
        let rung = rung(for: delay)
        var message = try message(for: job)
        message.routingKey = Self.retryKey(rung)
        message.expiration = min(delay, rung)
        return message
    }
}
