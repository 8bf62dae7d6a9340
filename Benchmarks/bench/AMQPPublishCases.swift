import AMQP
import Foundation

/// Publish with confirms, persistent messages to a fresh durable queue per case:
/// one message at a time, batches of `--batch-size`, and one at a time from 32 concurrent tasks.
struct AMQPPublishCases {
    let context: BenchContext

    /// Concurrent publishing tasks of the pipelined case.
    static let pipelinedTasks = 32

    func run() async throws {
        let options = context.options
        let configuration = try AMQPConfiguration(url: options.resolvedAMQPURL)
        let server = options.amqpServerPid.map(ProcessTreeCPU.init(pid:))
        let publisher = AMQPPublisher(configuration: configuration, logger: context.logger)
        try await publisher.connect()
        let body = [UInt8](repeating: UInt8(ascii: "x"), count: options.messageBytes)
        let batchSize = options.batchSize

        try await withQueue("single", publisher) { queue in
            let message = AMQPMessage(routingKey: queue, body: body)
            return try await timedCase(
                "amqp publish, 1 at a time (confirm each)", options: options, concurrency: 1, server: server
            ) {
                try await publisher.publish(message)
                return 1
            }
        }
        try await withQueue("batched", publisher) { queue in
            let batch = Array(repeating: AMQPMessage(routingKey: queue, body: body), count: batchSize)
            return try await timedCase(
                "amqp publish, batches of \(batchSize)", options: options, concurrency: 1, server: server
            ) {
                try await publisher.publish(batch)
                return batch.count
            }
        }
        try await withQueue("pipelined", publisher) { queue in
            let message = AMQPMessage(routingKey: queue, body: body)
            return try await timedCase(
                "amqp publish, 1 at a time from \(Self.pipelinedTasks) tasks", options: options,
                concurrency: Self.pipelinedTasks, server: server
            ) {
                try await publisher.publish(message)
                return 1
            }
        }
        await publisher.close()
    }

    /// Declares a fresh durable queue, runs the case against it, reports the sample and deletes
    /// the queue (also when the case fails).
    private func withQueue(
        _ label: String, _ publisher: AMQPPublisher, _ body: (String) async throws -> Sample
    ) async throws {
        let queue = uniqueQueueName("publish.\(label)")
        try await publisher.declare(AMQPTopology(queues: [AMQPQueue(name: queue)]))
        progress("publishing to \(queue)")
        do {
            context.report.add(try await body(queue))
        } catch {
            _ = try? await publisher.deleteQueue(queue)
            throw error
        }
        try await publisher.deleteQueue(queue)
    }
}

/// A queue name no other run uses: `bench.<label>.<random>`.
func uniqueQueueName(_ label: String) -> String {
    "bench.\(label).\(UUID().uuidString.prefix(8).lowercased())"
}
