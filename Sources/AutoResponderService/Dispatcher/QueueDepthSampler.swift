import AMQP
import Logging
import ServiceLifecycle

/// Reads the depth and consumers of the service's queues every `interval` (passive declares on the
/// publisher's connection) into `autoresponder_queue_messages` / `autoresponder_queue_consumers`.
/// Runs in the dispatcher: one sampler per deployment is enough, and workers stay lean.
struct QueueDepthSampler: Service {
    let publisher: AMQPPublisher
    let queues: [String]
    let interval: Duration
    let logger: Logger

    func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            for queue in queues {
                do {
                    let status = try await publisher.queueStatus(queue: queue)
                    ServiceMetrics.queue(queue, messages: status.messages, consumers: status.consumers)
                } catch {
                    logger.debug("could not read a queue's depth", metadata: ["queue": "\(queue)", "error": "\(error)"])
                }
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}
