import AMQP
import Testing
import TestSupport

@Suite struct AMQPRoundTripTests {
    @Test func publishConsumeAckRoundTrip() async throws {
        let queue = uniqueTestName("amqp-roundtrip")
        let topology = AMQPTopology(queues: [AMQPQueue(name: queue)])
        let fixture = try AMQPFixture(topology: topology)
        let body: [UInt8] = [0, 1, 2, 127, 128, 254, 255] + Array("héllo".utf8)
        let headers: [String: AMQPFieldValue] = [
            "conversation.id": "754893", "attempt": .int32(3), "big": .int64(1 << 40), "urgent": true,
            "nested": .table(["k": "v"]), "list": .array([.int32(1), "two"]),
        ]
        try await fixture.publisher.publish(
            AMQPMessage(
                routingKey: queue, body: body, messageId: "msg-1", contentType: "application/octet-stream",
                correlationId: "corr-1", headers: headers))

        let consumer = try fixture.consumer(queue, topology: topology)
        let deliveries = try await consumer.deliveries()
        let delivery = try #require(try await take(1, from: deliveries).first)
        #expect(delivery.body == body)
        #expect(delivery.messageId == "msg-1")
        #expect(delivery.contentType == "application/octet-stream")
        #expect(delivery.correlationId == "corr-1")
        #expect(delivery.headers == headers)
        #expect(delivery.persistent)
        #expect(!delivery.redelivered)
        #expect(delivery.deliveryCount == nil)
        #expect(delivery.exchange == "")
        #expect(delivery.routingKey == queue)
        try await delivery.ack()

        // A second settlement is refused locally instead of closing the channel.
        await #expect(throws: AMQPError.self) { try await delivery.ack() }
        do {
            try await delivery.nack(requeue: true)
            Issue.record("expected alreadySettled")
        } catch {
            #expect(error.code == .alreadySettled)
        }

        // The ack removed the message: after a reconnect the next delivery is a new one (an
        // unacked message would come back first).
        await consumer.close()
        try await fixture.publisher.publish(AMQPMessage(routingKey: queue, text: "sentinel", messageId: "msg-2"))
        let second = try fixture.consumer(queue)
        let next = try #require(try await take(1, from: try await second.deliveries()).first)
        #expect(next.messageId == "msg-2")
        #expect(next.text == "sentinel")
        try await next.ack()
        await second.close()
        try await fixture.tearDown()
    }

    @Test func emptyAndMultiFrameBodiesRoundTrip() async throws {
        let queue = uniqueTestName("amqp-bodies")
        let fixture = try AMQPFixture(topology: AMQPTopology(queues: [AMQPQueue(name: queue)]))
        // 1 MiB spans several frames (frame_max 128 KiB).
        let large = (0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try await fixture.publisher.publish([
            AMQPMessage(routingKey: queue, body: [], messageId: "empty"),
            AMQPMessage(routingKey: queue, body: large, messageId: "large"),
        ])
        let consumer = try fixture.consumer(queue)
        let received = try await take(2, from: try await consumer.deliveries())
        #expect(received.map(\.messageId) == ["empty", "large"])
        #expect(received.first?.body == [])
        #expect(received.last?.body == large)
        for delivery in received { try await delivery.ack() }
        await consumer.close()
        try await fixture.tearDown()
    }

    @Test func nackWithRequeueIsRedelivered() async throws {
        let queue = uniqueTestName("amqp-nack")
        let topology = AMQPTopology(queues: [AMQPQueue(name: queue)])
        let fixture = try AMQPFixture(topology: topology)
        try await fixture.publisher.publish(AMQPMessage(routingKey: queue, text: "again", messageId: "n-1"))
        let consumer = try fixture.consumer(queue)
        let deliveries = try await consumer.deliveries()

        let first = try #require(try await take(1, from: deliveries).first)
        #expect(!first.redelivered)
        try await first.nack(requeue: true)
        let second = try #require(try await take(1, from: deliveries).first)
        #expect(second.redelivered)
        #expect(second.messageId == "n-1")
        #expect(second.text == "again")
        try await second.ack()
        await consumer.close()
        try await fixture.tearDown()
    }

    @Test func rejectWithoutRequeueGoesToTheDeadLetterQueue() async throws {
        let queue = uniqueTestName("amqp-reject")
        let deadLetters = queue + ".dead"
        let topology = AMQPTopology(queues: [
            AMQPQueue(name: deadLetters),
            AMQPQueue(name: queue).deadLetter(exchange: "", routingKey: deadLetters),
        ])
        let fixture = try AMQPFixture(topology: topology)
        try await fixture.publisher.publish(AMQPMessage(routingKey: queue, text: "poison", messageId: "p-1"))

        let consumer = try fixture.consumer(queue, topology: topology)
        let delivery = try #require(try await take(1, from: try await consumer.deliveries()).first)
        try await delivery.reject(requeue: false)

        let deadConsumer = try fixture.consumer(deadLetters)
        let dead = try #require(try await take(1, from: try await deadConsumer.deliveries()).first)
        #expect(dead.messageId == "p-1")
        #expect(dead.text == "poison")
        guard case .array(let deaths)? = dead.headers["x-death"], case .table(let death)? = deaths.first else {
            Issue.record("x-death header missing: \(dead.headers)")
            return
        }
        #expect(death["reason"] == "rejected")
        #expect(death["queue"] == .string(queue))
        try await dead.ack()
        await consumer.close()
        await deadConsumer.close()
        try await fixture.tearDown()
    }

    @Test func quorumQueueCountsDeliveriesAndDeadLettersAtTheLimit() async throws {
        let queue = uniqueTestName("amqp-quorum")
        let deadLetters = queue + ".dead"
        let topology = AMQPTopology(queues: [
            AMQPQueue(name: deadLetters),
            AMQPQueue(name: queue).quorum().deliveryLimit(2).deadLetter(exchange: "", routingKey: deadLetters),
        ])
        let fixture = try AMQPFixture(topology: topology)
        try await fixture.publisher.publish(AMQPMessage(routingKey: queue, text: "flaky", messageId: "q-1"))

        let consumer = try fixture.consumer(queue, topology: topology)
        let deliveries = try await consumer.deliveries()
        var counts: [Int64?] = []
        for _ in 0..<3 {
            let delivery = try #require(try await take(1, from: deliveries).first)
            #expect(delivery.messageId == "q-1")
            counts.append(delivery.deliveryCount)
            try await delivery.nack(requeue: true)
        }
        #expect(counts == [nil, 1, 2])

        // Returned more often than the limit allows: dead-lettered, not delivered again.
        let deadConsumer = try fixture.consumer(deadLetters)
        let dead = try #require(try await take(1, from: try await deadConsumer.deliveries()).first)
        #expect(dead.messageId == "q-1")
        try await dead.ack()
        #expect(try await fixture.publisher.messageCount(queue: queue) == 0)
        await consumer.close()
        await deadConsumer.close()
        try await fixture.tearDown()
    }
}
