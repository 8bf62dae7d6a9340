import AMQP
import Logging
import ServiceLifecycle

/// Reads the depth and consumers of the service's queues every `interval` (passive declares on the
/// publisher's connection) into `autoresponder_queue_messages` / `autoresponder_queue_consumers`.
/// Runs in the dispatcher: one sampler per deployment is enough, and workers stay lean. The jobs
/// queue's depth also tells the poll loop when re-checks should wait (``RecheckPolicy/backlogLimit``).
struct QueueDepthSampler: Service {
    let publisher: AMQPPublisher
    let queues: [String]
    let interval: Duration
    /// The jobs queue's name: its depth goes to `signals` too.
    let jobsQueue: String
    let signals: DispatcherSignals
    let logger: Logger

    func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            for queue in queues {
                do {
                    let status = try await publisher.queueStatus(queue: queue)
                    ServiceMetrics.queue(queue, messages: status.messages, consumers: status.consumers)
                    if queue == jobsQueue { signals.sampled(jobsBacklog: Int(status.messages)) }
                } catch {
                    logger.debug("could not read a queue's depth", metadata: ["queue": "\(queue)", "error": "\(error)"])
                }
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}
