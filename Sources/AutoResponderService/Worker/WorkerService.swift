import AMQP
import Foundation
import Logging
import Operations
import Resilience
import ServiceLifecycle
import Synchronization

/// The worker: consumes jobs with `WORKER_CONCURRENCY` in flight, does each with a ``JobProcessor``,
/// and settles it — ack when done, republish to the retry queue when it should be tried again (then
/// ack), reject to the dead-letter queue when it cannot be done.
///
/// A lost broker connection is retried with backoff; unsettled deliveries of the lost connection go
/// back to the queue by themselves (the ledger makes their second run harmless). On graceful shutdown
/// (SIGTERM) it stops taking jobs and lets those in flight finish for at most `shutdownGrace`
/// (`SHUTDOWN_GRACE_MS`); what is still running then is cancelled and handed back to the queue (nack,
/// requeue), except a reply being posted and recorded, which is shielded from cancellation. Then it
/// returns. The consumer and publisher are services of their own, earlier in the same group: they
/// close after the worker returns.
public struct WorkerService: Service {
    let consumer: AMQPConsumer
    let publisher: AMQPPublisher
    let processor: JobProcessor
    let topology: JobTopology
    let logger: Logger
    /// How long in-flight jobs may finish after SIGTERM before they are handed back.
    let shutdownGrace: Duration
    let inFlight = InFlightJobs()
    /// Why the last attempt to consume failed (for `/readyz`).
    let lastConsumeError = Locked<String?>(nil)

    public func run() async throws {
        let stopping = StopFlag()
        // Unstructured, so that the grace's end can cancel the jobs still running (and only them).
        let consuming = Task { await consumeUntilStopped(stopping) }
        await withGracefulShutdownHandler {
            await withTaskCancellationHandler { await consuming.value } onCancel: { consuming.cancel() }
        } onGracefulShutdown: { [consumer, logger, inFlight, shutdownGrace] in
            logger.info(
                "worker stopping: finishing the jobs in flight",
                metadata: ["jobs.in_flight": "\(inFlight.count)", "shutdown.grace": "\(shutdownGrace)"])
            stopping.set()
            Task { await consumer.cancel() }
            Task {
                try? await Task.sleep(for: shutdownGrace)
                let left = inFlight.count
                guard left > 0 else { return }
                logger.warning(
                    "shutdown grace is over: handing the jobs still running back to the queue",
                    metadata: ["jobs.in_flight": "\(left)"])
                consuming.cancel()
            }
        }
        logger.info("worker stopped")
    }

    private func consumeUntilStopped(_ stopping: StopFlag) async {
        var backoff = Backoff(initial: .milliseconds(200), maximum: .seconds(10))
        while !stopping.isSet {
            do {
                let deliveries = try await consumer.deliveries()
                logger.info("consuming jobs", metadata: ["queue": "\(topology.jobsQueue)"])
                lastConsumeError.withLock { $0 = nil }
                backoff.reset()
                // A lost connection ends the deliveries with an error, but must not cancel the jobs in
                // flight: they finish (their acks then fail, and the broker redelivers them, which the
                // reply ledger makes harmless) before the error is handled.
                let lost: (any Error)? = await withDiscardingTaskGroup { group in
                    do {
                        for try await delivery in deliveries {
                            group.addTask { await handle(delivery) }
                        }
                        return nil
                    } catch {
                        return error
                    }
                }
                if let lost { throw lost }
            } catch {
                lastConsumeError.withLock { $0 = "\(error)" }
                guard !stopping.isSet else { break }
                let delay = backoff.next()
                logger.warning(
                    "broker connection lost; reconnecting",
                    metadata: ["error": "\(error)", "retry.in": "\(delay)"])
                try? await Task.sleep(for: delay)
            }
        }
    }

    private func handle(_ delivery: AMQPDelivery) async {
        ServiceMetrics.jobConsumed()
        let token = inFlight.begin()
        defer { inFlight.end(token) }
        let job: Job
        do {
            job = try Job.decode(delivery.body)
        } catch {
            logger.error("dead-lettering a message that is not a job", metadata: ["error": "\(error)"])
            ServiceMetrics.jobFinished(outcome: "dead_lettered", resolver: nil, duration: .zero)
            try? await delivery.reject(requeue: false)
            return
        }
        var logger = self.logger
        logger[metadataKey: "conversation.id"] = "\(job.conversationID)"
        logger[metadataKey: "job.id"] = "\(job.jobID)"
        logger[metadataKey: "job.attempt"] = "\(job.attempt)"
        let started = ContinuousClock.now
        let outcome = await processor.process(job, logger: logger)
        if Task.isCancelled, !outcome.isFinal {
            // The shutdown grace is over: another worker does it (the ledger makes it harmless).
            ServiceMetrics.jobFinished(outcome: "handed_back", resolver: nil, duration: ContinuousClock.now - started)
            logger.info("job handed back to the queue at shutdown", metadata: ["outcome": "\(outcome)"])
            await settle(delivery, logger: logger) { try await delivery.nack(requeue: true) }
            return
        }
        ServiceMetrics.jobFinished(
            outcome: outcome.label, resolver: outcome.resolver, duration: ContinuousClock.now - started)

        switch outcome {
        case .replied, .nothingToDo, .lostClaim:
            logger.debug("job done", metadata: ["outcome": "\(outcome)"])
            await settle(delivery, logger: logger) { try await delivery.ack() }
        case .dropped(let why):
            logger.warning("dropping a job that cannot be done", metadata: ["reason": "\(why)"])
            await settle(delivery, logger: logger) { try await delivery.ack() }
        case .deferred(let why, let after):
            logger.debug("job deferred", metadata: ["reason": "\(why)", "retry.in": "\(after)"])
            await retry(job, after: after, delivery: delivery, countingAttempt: false, logger: logger)
        case .retry(let why, let after):
            logger.warning("job failed; will try again", metadata: ["reason": "\(why)", "retry.in": "\(after)"])
            await retry(job, after: after, delivery: delivery, countingAttempt: true, logger: logger)
        case .parked(let why, let attempts):
            await deadLetter(job, delivery: delivery, reason: why, attempts: attempts, logger: logger)
        }
    }

    /// Publishes the parked conversation's job to the dead-letter queue with its reason (confirmed),
    /// then acks the delivery; if that publish fails, the delivery goes back to the queue (its next run
    /// finds the conversation parked and does nothing).
    private func deadLetter(_ job: Job, delivery: AMQPDelivery, reason: String, attempts: Int, logger: Logger) async {
        do {
            try await publisher.publish(try topology.deadLetter(for: job, reason: reason, attempts: attempts))
            await settle(delivery, logger: logger) { try await delivery.ack() }
        } catch {
            logger.warning("could not dead-letter the parked conversation's job; requeueing", metadata: ["error": "\(error)"])
            await settle(delivery, logger: logger) { try await delivery.nack(requeue: true) }
        }
    }

    /// Republishes the job to the delay queue of about `after` (jittered: jobs that failed together do
    /// not come back together; confirmed), then acks the delivery; if the republish fails, the delivery
    /// goes back to the queue instead.
    private func retry(_ job: Job, after: Duration, delivery: AMQPDelivery, countingAttempt: Bool, logger: Logger) async {
        var next = job
        if countingAttempt { next.attempt += 1 }
        var random = SystemRandomNumberGenerator()
        do {
            try await publisher.publish(
                try topology.retryMessage(for: next, after: RetryPolicy.jittered(after, using: &random)))
            await settle(delivery, logger: logger) { try await delivery.ack() }
        } catch {
            logger.warning("could not schedule a retry; requeueing", metadata: ["error": "\(error)"])
            await settle(delivery, logger: logger) { try await delivery.nack(requeue: true) }
        }
    }

    /// Settles a delivery; if the connection is gone, the broker redelivers it (harmless).
    private func settle(_ delivery: AMQPDelivery, logger: Logger, _ action: () async throws -> Void) async {
        do {
            try await action()
        } catch {
            logger.info("could not settle a delivery; the broker will redeliver it", metadata: ["error": "\(error)"])
        }
    }
}

extension WorkerService {
    /// What the worker reports on its operations port.
    /// - Parameter jobStuckAfter: a job running longer than this makes `/healthz` fail.
    func healthChecks(jobStuckAfter: Duration) -> HealthChecks {
        HealthChecks(
            liveness: [
                .amqpThread("amqp-consumer-thread") { [consumer] in consumer.status },
                .progress("jobs", maximumSilence: jobStuckAfter) { [inFlight] in inFlight.oldestStart },
            ],
            readiness: [
                ReadinessCheck("rabbitmq") { [consumer, lastConsumeError] in
                    if consumer.status.isConnected { return .ok }
                    let why = lastConsumeError.withLock { $0 } ?? "connecting"
                    return .failing("not consuming: \(why)")
                }
            ])
    }
}

extension WorkerService: CustomStringConvertible {
    /// A short name for logs (swift-service-lifecycle prints its services).
    public var description: String { "WorkerService(queue: \(topology.jobsQueue))" }
}

/// A flag set once, read from any task.
final class StopFlag: Sendable {
    private let value = Atomic<Bool>(false)
    /// True once ``set()`` was called.
    var isSet: Bool { value.load(ordering: .acquiring) }
    /// Sets the flag.
    func set() { value.store(true, ordering: .releasing) }
}
