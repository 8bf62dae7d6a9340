import AMQP
import Testing
import TestSupport

@Suite struct AMQPPublisherTests {
    @Test func mandatoryPublishWithNoQueueIsUnroutable() async throws {
        let queue = uniqueTestName("amqp-routable")
        let fixture = try AMQPFixture(topology: AMQPTopology(queues: [AMQPQueue(name: queue)]))
        let nowhere = uniqueTestName("amqp-nowhere")
        do {
            try await fixture.publisher.publish(AMQPMessage(routingKey: nowhere, text: "lost", messageId: "u-1", mandatory: true))
            Issue.record("expected unroutable")
        } catch {
            #expect(error.code == .unroutable)
            #expect(error.replyCode == 312)
            #expect(!error.isRetryable)
        }
        // The same channel goes on: routable mandatory and unroutable non-mandatory publishes succeed.
        try await fixture.publisher.publish(AMQPMessage(routingKey: queue, text: "kept", messageId: "u-2", mandatory: true))
        try await fixture.publisher.publish(AMQPMessage(routingKey: nowhere, text: "dropped", messageId: "u-3"))
        // In a batch, the returned message fails the batch; the routed one is still delivered.
        do {
            try await fixture.publisher.publish([
                AMQPMessage(routingKey: queue, text: "kept", messageId: "u-4", mandatory: true),
                AMQPMessage(routingKey: nowhere, text: "lost", messageId: "u-5", mandatory: true),
            ])
            Issue.record("expected unroutable")
        } catch {
            #expect(error.code == .unroutable)
        }
        #expect(try await fixture.publisher.messageCount(queue: queue) == 2)
        try await fixture.tearDown()
    }

    @Test func manyConcurrentPublishesAreAllConfirmedAndConsumedOnce() async throws {
        let queue = uniqueTestName("amqp-concurrent")
        let topology = AMQPTopology(queues: [AMQPQueue(name: queue)])
        let fixture = try AMQPFixture(topology: topology)
        let tasks = 50
        let perTask = 40
        let publisher = fixture.publisher
        try await withThrowingTaskGroup(of: Void.self) { group in
            for task in 0..<tasks {
                group.addTask {
                    for index in 0..<perTask {
                        try await publisher.publish(AMQPMessage(routingKey: queue, text: "job", messageId: "\(task)-\(index)"))
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try await publisher.messageCount(queue: queue) == UInt32(tasks * perTask))

        let consumer = try fixture.consumer(queue, prefetch: 200)
        let deliveries = try await consumer.deliveries()
        let received = try await withTimeout(.seconds(60), "all deliveries") {
            var ids: [String] = []
            for try await delivery in deliveries {
                ids.append(delivery.messageId ?? "")
                try await delivery.ack()
                if ids.count == tasks * perTask { break }
            }
            return ids
        }
        let expected = Set((0..<tasks).flatMap { task in (0..<perTask).map { "\(task)-\($0)" } })
        #expect(received.count == expected.count)
        #expect(Set(received) == expected)
        await consumer.cancel()
        #expect(try await publisher.messageCount(queue: queue) == 0)
        await consumer.close()
        try await fixture.tearDown()
    }

    @Test func batchPublishKeepsOrder() async throws {
        let queue = uniqueTestName("amqp-batch")
        let fixture = try AMQPFixture(topology: AMQPTopology(queues: [AMQPQueue(name: queue)]))
        let messages = (0..<300).map { AMQPMessage(routingKey: queue, text: "b\($0)", messageId: "b\($0)") }
        try await fixture.publisher.publish(messages)
        let consumer = try fixture.consumer(queue, prefetch: 500)
        let received = try await take(300, from: try await consumer.deliveries())
        #expect(received.map(\.messageId) == messages.map(\.messageId))
        for delivery in received { try await delivery.ack() }
        await consumer.close()
        try await fixture.tearDown()
    }

    @Test func publishToMissingExchangeClosesTheChannelAndTheNextPublishReconnects() async throws {
        let queue = uniqueTestName("amqp-recover")
        let fixture = try AMQPFixture(topology: AMQPTopology(queues: [AMQPQueue(name: queue)]))
        do {
            try await fixture.publisher.publish(AMQPMessage(exchange: uniqueTestName("amqp-missing"), routingKey: "x", text: "?"))
            Issue.record("expected channelClosed")
        } catch {
            #expect(error.code == .channelClosed)
            #expect(error.replyCode == 404)
            #expect(error.isConnectionLevel && !error.isRetryable)
        }
        try await fixture.publisher.publish(AMQPMessage(routingKey: queue, text: "after", messageId: "r-1"))
        #expect(try await fixture.publisher.messageCount(queue: queue) == 1)
        try await fixture.tearDown()
    }

    @Test func conflictingDeclarationIsRefusedWithoutBreakingPublishing() async throws {
        let queue = uniqueTestName("amqp-conflict")
        let fixture = try AMQPFixture(topology: AMQPTopology(queues: [AMQPQueue(name: queue)]))
        try await fixture.publisher.connect()
        do {
            try await fixture.publisher.declare(AMQPTopology(queues: [AMQPQueue(name: queue).messageTTL(.seconds(5))]))
            Issue.record("expected declarationFailed")
        } catch {
            #expect(error.code == .declarationFailed)
            #expect(error.replyCode == 406)
        }
        do {
            _ = try await fixture.publisher.messageCount(queue: uniqueTestName("amqp-absent"))
            Issue.record("expected a 404")
        } catch {
            #expect(error.replyCode == 404)
        }
        try await fixture.publisher.publish(AMQPMessage(routingKey: queue, text: "still fine"))
        #expect(try await fixture.publisher.messageCount(queue: queue) == 1)
        try await fixture.tearDown()
    }

    @Test func unreachableBrokerFailsWithConnectionFailed() async throws {
        var configuration = try AMQPTest.configuration
        configuration.port = 1  // nothing listens there
        let publisher = AMQPPublisher(configuration: configuration, logger: AMQPTest.logger)
        do {
            try await publisher.publish(AMQPMessage(routingKey: "q", text: "x"))
            Issue.record("expected connectionFailed")
        } catch {
            #expect(error.code == .connectionFailed)
            #expect(error.isRetryable)
        }
        let consumer = AMQPConsumer(configuration: configuration, queue: "q", logger: AMQPTest.logger)
        do {
            _ = try await consumer.deliveries()
            Issue.record("expected connectionFailed")
        } catch {
            #expect(error.code == .connectionFailed)
        }
        await publisher.close()
        await consumer.close()
        // Closed: further calls fail at once.
        await #expect(throws: AMQPError.self) { try await publisher.publish(AMQPMessage(routingKey: "q", text: "x")) }
    }

    @Test func wrongPasswordFailsWithoutLeakingIt() async throws {
        var configuration = try AMQPTest.configuration
        configuration.password = "wrong-secret-\(uniqueTestName("pw"))"
        let publisher = AMQPPublisher(configuration: configuration, logger: AMQPTest.logger)
        do {
            try await publisher.connect()
            Issue.record("expected connectionFailed")
        } catch {
            #expect(error.code == .connectionFailed)
            #expect(!error.description.contains(configuration.password))
        }
        await publisher.close()
    }
}
