import AMQP
import Logging

/// Consume + ack of a pre-filled queue, until every message is acked, at two prefetch counts and
/// two ways of acking: in the consuming loop (one ack awaited at a time) and from a task per
/// delivery (as the worker does, so acks overlap).
struct AMQPConsumeCases {
    let context: BenchContext

    /// How the consuming loop settles deliveries.
    enum AckMode: String, CaseIterable {
        case inLoop = "ack in loop"
        case taskPerDelivery = "ack from a task each"
    }

    func run() async throws {
        let options = context.options
        let configuration = try AMQPConfiguration(url: options.resolvedAMQPURL)
        let server = options.amqpServerPid.map(ProcessTreeCPU.init(pid:))
        let publisher = AMQPPublisher(configuration: configuration, logger: context.logger)
        try await publisher.connect()
        for mode in AckMode.allCases {
            for prefetch: UInt16 in [64, 256] {
                let queue = uniqueQueueName("consume.p\(prefetch)")
                try await publisher.declare(AMQPTopology(queues: [AMQPQueue(name: queue)]))
                do {
                    try await fill(queue, publisher: publisher)
                    let consumer = AMQPConsumer(
                        configuration: configuration, topology: AMQPTopology(queues: [AMQPQueue(name: queue)]),
                        queue: queue, prefetchCount: prefetch, logger: context.logger)
                    progress("consuming \(options.count) messages from \(queue), prefetch \(prefetch), \(mode.rawValue)")
                    let sample = try await consume(
                        from: consumer, name: "amqp consume+ack, prefetch \(prefetch), \(mode.rawValue)",
                        mode: mode, server: server)
                    await consumer.close()
                    context.report.add(sample)
                    let left = try await publisher.messageCount(queue: queue)
                    if left != 0 { progress("warning: \(left) messages left in \(queue) after the consume case") }
                } catch {
                    _ = try? await publisher.deleteQueue(queue)
                    throw error
                }
                try await publisher.deleteQueue(queue)
            }
        }
        await publisher.close()
    }

    /// Publishes `--count` persistent messages to the queue (confirmed, in batches of 500).
    private func fill(_ queue: String, publisher: AMQPPublisher) async throws {
        let body = [UInt8](repeating: UInt8(ascii: "x"), count: context.options.messageBytes)
        let message = AMQPMessage(routingKey: queue, body: body)
        var left = context.options.count
        progress("filling \(queue) with \(left) messages")
        while left > 0 {
            let batch = Array(repeating: message, count: min(left, 500))
            try await publisher.publish(batch)
            left -= batch.count
        }
    }

    /// Consumes and acks `--count` deliveries; the clock starts once consuming has started.
    private func consume(
        from consumer: AMQPConsumer, name: String, mode: AckMode, server: ProcessTreeCPU?
    ) async throws -> Sample {
        let total = context.options.count
        let deliveries = try await consumer.deliveries()
        return try await measure(name, server: server) {
            var received = 0
            switch mode {
            case .inLoop:
                for try await delivery in deliveries {
                    try await delivery.ack()
                    received += 1
                    if received == total { break }
                }
            case .taskPerDelivery:
                try await withThrowingDiscardingTaskGroup { group in
                    for try await delivery in deliveries {
                        group.addTask { try await delivery.ack() }
                        received += 1
                        if received == total { break }
                    }
                }
            }
            return received
        }
    }
}
