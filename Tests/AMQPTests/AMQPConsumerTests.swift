import AMQP
import Testing
import TestSupport

@Suite struct AMQPConsumerTests {
    @Test func cancelEndsTheSequenceButInFlightDeliveriesCanStillBeAcked() async throws {
        let queue = uniqueTestName("amqp-cancel")
        let fixture = try AMQPFixture(topology: AMQPTopology(queues: [AMQPQueue(name: queue)]))
        try await fixture.publisher.publish((0..<3).map { AMQPMessage(routingKey: queue, text: "c\($0)", messageId: "c\($0)") })
        let consumer = try fixture.consumer(queue, prefetch: 1)
        let deliveries = try await consumer.deliveries()
        let first = try #require(try await take(1, from: deliveries).first)
        await consumer.cancel()
        // The sequence ends normally, without a second delivery (prefetch 1, first unacked).
        let rest = try await withTimeout(.seconds(10), "end of sequence") {
            var count = 0
            for try await _ in deliveries { count += 1 }
            return count
        }
        #expect(rest == 0)
        try await first.ack()
        #expect(try await fixture.publisher.messageCount(queue: queue) == 2)

        // Consuming again on the same consumer picks up the remaining messages (one at a time:
        // prefetch 1).
        let again = try await consumer.deliveries()
        var ids: [String?] = []
        for _ in 0..<2 {
            let delivery = try #require(try await take(1, from: again).first)
            ids.append(delivery.messageId)
            try await delivery.ack()
        }
        #expect(ids == ["c1", "c2"])
        await consumer.close()
        try await fixture.tearDown()
    }

    @Test func theSequenceKeepsItsConsumerAlive() async throws {
        let queue = uniqueTestName("amqp-owned")
        let topology = AMQPTopology(queues: [AMQPQueue(name: queue)])
        let fixture = try AMQPFixture(topology: topology)
        // No reference to the consumer is kept: only its sequence.
        let deliveries = try await fixture.consumer(queue, topology: topology).deliveries()
        try await fixture.publisher.publish(AMQPMessage(routingKey: queue, text: "x", messageId: "owned"))
        let received = try await take(1, from: deliveries)
        #expect(received.first?.messageId == "owned")
        try await received.first?.ack()
        try await fixture.tearDown()
    }

    @Test func onlyOneActiveSequence() async throws {
        let queue = uniqueTestName("amqp-single")
        let fixture = try AMQPFixture(topology: AMQPTopology(queues: [AMQPQueue(name: queue)]))
        let consumer = try fixture.consumer(queue, topology: AMQPTopology(queues: [AMQPQueue(name: queue)]))
        let active = try await consumer.deliveries()
        do {
            _ = try await consumer.deliveries()
            Issue.record("expected invalidState")
        } catch {
            #expect(error.code == .invalidState)
        }
        withExtendedLifetime(active) {}
        await consumer.close()
        try await fixture.tearDown()
    }

    @Test func closingTheConsumerMakesDeliveriesStaleAndRequeuesThem() async throws {
        let queue = uniqueTestName("amqp-stale")
        let fixture = try AMQPFixture(topology: AMQPTopology(queues: [AMQPQueue(name: queue)]))
        try await fixture.publisher.publish(AMQPMessage(routingKey: queue, text: "s", messageId: "s-1"))
        let consumer = try fixture.consumer(queue)
        let delivery = try #require(try await take(1, from: try await consumer.deliveries()).first)
        await consumer.close()
        do {
            try await delivery.ack()
            Issue.record("expected staleDelivery")
        } catch {
            #expect(error.code == .staleDelivery)
        }
        let next = try fixture.consumer(queue)
        let again = try #require(try await take(1, from: try await next.deliveries()).first)
        #expect(again.messageId == "s-1")
        #expect(again.redelivered)
        try await again.ack()
        await next.close()
        try await fixture.tearDown()
    }

    @Test func deletingTheQueueEndsTheSequenceWithConsumerCancelled() async throws {
        let queue = uniqueTestName("amqp-deleted")
        let fixture = try AMQPFixture(topology: AMQPTopology(queues: [AMQPQueue(name: queue)]))
        let consumer = try fixture.consumer(queue, topology: AMQPTopology(queues: [AMQPQueue(name: queue)]))
        let deliveries = try await consumer.deliveries()
        try await fixture.publisher.deleteQueue(queue)
        do {
            _ = try await take(1, from: deliveries)
            Issue.record("expected the sequence to fail")
        } catch let error as AMQPError {
            #expect(error.code == .consumerCancelled)
            #expect(error.isConnectionLevel)
        }
        // Consuming again declares the queue again (it is in the consumer's topology).
        let again = try await consumer.deliveries()
        try await fixture.publisher.publish(AMQPMessage(routingKey: queue, text: "back", messageId: "back"))
        let received = try await take(1, from: again)
        #expect(received.first?.messageId == "back")
        try await received.first?.ack()
        await consumer.close()
        try await fixture.tearDown()
    }
}

@Suite struct AMQPHeartbeatTests {
    @Test func idleConnectionsOutliveSeveralHeartbeatIntervals() async throws {
        let queue = uniqueTestName("amqp-idle")
        let topology = AMQPTopology(queues: [AMQPQueue(name: queue)])
        var configuration = try AMQPTest.configuration
        configuration.heartbeat = .seconds(1)
        let publisher = AMQPPublisher(configuration: configuration, topology: topology, logger: AMQPTest.logger)
        let consumer = AMQPConsumer(configuration: configuration, topology: topology, queue: queue, logger: AMQPTest.logger)
        let deliveries = try await consumer.deliveries()
        try await publisher.connect()
        // Without heartbeats from the client the broker would close both connections after ~2 s.
        try await Task.sleep(for: .seconds(4))
        try await publisher.publish(AMQPMessage(routingKey: queue, text: "still here", messageId: "idle"))
        let received = try await take(1, from: deliveries)
        #expect(received.first?.messageId == "idle")
        try await received.first?.ack()
        try await publisher.deleteQueue(queue)
        await consumer.close()
        await publisher.close()
    }
}
