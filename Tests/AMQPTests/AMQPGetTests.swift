import AMQP
import Testing
import TestSupport

/// peek and remove (basic.get on the publisher's admin channel) against the real broker.
@Suite struct AMQPGetTests {
    /// Publishes messages with ids `<prefix>0`, `<prefix>1`, ... and bodies equal to their ids.
    private func fill(_ queue: String, _ count: Int, prefix: String, publisher: AMQPPublisher) async throws -> [String] {
        let ids = (0..<count).map { "\(prefix)\($0)" }
        try await publisher.publish(ids.map { AMQPMessage(routingKey: queue, text: $0, messageId: $0) })
        return ids
    }

    @Test func peekReturnsCopiesInOrderAndLeavesTheQueueAsItWas() async throws {
        let queue = uniqueTestName("amqp-peek")
        let fixture = try AMQPFixture(topology: AMQPTopology(queues: [AMQPQueue(name: queue)]))
        let publisher = fixture.publisher
        let ids = try await fill(queue, 5, prefix: "p", publisher: publisher)

        let first = try await publisher.peek(queue: queue, limit: 10)
        #expect(first.map(\.messageId) == ids)
        #expect(first.map(\.text) == ids)
        #expect(first.allSatisfy { !$0.redelivered && $0.routingKey == queue && $0.exchange == "" })
        #expect(try await publisher.messageCount(queue: queue) == 5)

        // Given back in place: the same order again, now marked redelivered.
        let second = try await publisher.peek(queue: queue, limit: 10)
        #expect(second.map(\.messageId) == ids)
        #expect(second.allSatisfy { $0.redelivered })
        #expect(try await publisher.messageCount(queue: queue) == 5)

        // A consumer still gets every message, in order.
        let consumer = try fixture.consumer(queue)
        let received = try await take(5, from: try await consumer.deliveries())
        #expect(received.map(\.messageId) == ids)
        for delivery in received { try await delivery.ack() }
        await consumer.close()
        try await fixture.tearDown()
    }

    @Test func peekOfAnEmptyQueueReturnsNothing() async throws {
        let queue = uniqueTestName("amqp-peek-empty")
        let fixture = try AMQPFixture(topology: AMQPTopology(queues: [AMQPQueue(name: queue)]))
        #expect(try await fixture.publisher.peek(queue: queue, limit: 10).isEmpty)
        #expect(try await fixture.publisher.remove(queue: queue, messageIds: ["x"], limit: 10) == 0)
        try await fixture.tearDown()
    }

    @Test func peekRespectsTheLimit() async throws {
        let queue = uniqueTestName("amqp-peek-limit")
        let fixture = try AMQPFixture(topology: AMQPTopology(queues: [AMQPQueue(name: queue)]))
        let publisher = fixture.publisher
        let ids = try await fill(queue, 5, prefix: "l", publisher: publisher)
        #expect(try await publisher.peek(queue: queue, limit: 2).map(\.messageId) == Array(ids.prefix(2)))
        #expect(try await publisher.peek(queue: queue, limit: 0).isEmpty)
        #expect(try await publisher.messageCount(queue: queue) == 5)
        // The two peeked messages went back to the head of the queue.
        #expect(try await publisher.peek(queue: queue, limit: 5).map(\.messageId) == ids)
        try await fixture.tearDown()
    }

    @Test func invalidArgumentsAreRefusedBeforeAskingTheBroker() async throws {
        let publisher = AMQPPublisher(configuration: try AMQPTest.configuration, logger: AMQPTest.logger)
        for (queue, limit) in [("", 1), ("q", -1), (String(repeating: "q", count: 256), 1)] {
            do {
                _ = try await publisher.peek(queue: queue, limit: limit)
                Issue.record("expected invalidArgument for '\(queue.prefix(8))', \(limit)")
            } catch {
                #expect(error.code == .invalidArgument)
            }
        }
        await #expect(throws: AMQPError.self) { _ = try await publisher.remove(queue: "", messageIds: ["x"], limit: 1) }
        await publisher.close()
    }

    @Test func peekOfAMissingQueueThrowsAndPublishingGoesOn() async throws {
        let queue = uniqueTestName("amqp-peek-present")
        let fixture = try AMQPFixture(topology: AMQPTopology(queues: [AMQPQueue(name: queue)]))
        let publisher = fixture.publisher
        try await publisher.publish(AMQPMessage(routingKey: queue, text: "before", messageId: "m-1"))
        let missing = uniqueTestName("amqp-peek-missing")
        do {
            _ = try await publisher.peek(queue: missing, limit: 5)
            Issue.record("expected declarationFailed")
        } catch {
            #expect(error.code == .declarationFailed)
            #expect(error.replyCode == 404)
            #expect(!error.isRetryable)
        }
        do {
            _ = try await publisher.remove(queue: missing, messageIds: ["m-1"], limit: 5)
            Issue.record("expected declarationFailed")
        } catch {
            #expect(error.code == .declarationFailed)
            #expect(error.replyCode == 404)
        }
        // The work channel and the admin channel (reopened) go on.
        try await publisher.publish(AMQPMessage(routingKey: queue, text: "after", messageId: "m-2"))
        #expect(try await publisher.messageCount(queue: queue) == 2)
        #expect(try await publisher.peek(queue: queue, limit: 5).map(\.messageId) == ["m-1", "m-2"])
        try await fixture.tearDown()
    }

    @Test func removeRemovesExactlyTheGivenIds() async throws {
        let queue = uniqueTestName("amqp-remove")
        let fixture = try AMQPFixture(topology: AMQPTopology(queues: [AMQPQueue(name: queue)]))
        let publisher = fixture.publisher
        _ = try await fill(queue, 6, prefix: "r", publisher: publisher)
        try await publisher.publish(AMQPMessage(routingKey: queue, text: "no id"))

        #expect(try await publisher.remove(queue: queue, messageIds: ["r1", "r3", "r5", "absent"], limit: 10) == 3)
        #expect(try await publisher.messageCount(queue: queue) == 4)
        let left = try await publisher.peek(queue: queue, limit: 10)
        #expect(left.map(\.messageId) == ["r0", "r2", "r4", nil])

        // The last fetched message removed: the nack covers the kept ones before it.
        #expect(try await publisher.remove(queue: queue, messageIds: ["r2"], limit: 2) == 1)
        // Only the first `limit` messages are looked at.
        #expect(try await publisher.remove(queue: queue, messageIds: ["r4"], limit: 1) == 0)
        // Everything removed: nothing to give back.
        #expect(try await publisher.remove(queue: queue, messageIds: ["r0"], limit: 1) == 1)
        #expect(try await publisher.remove(queue: queue, messageIds: [], limit: 10) == 0)
        #expect(try await publisher.messageCount(queue: queue) == 2)
        #expect(try await publisher.peek(queue: queue, limit: 10).map(\.messageId) == ["r4", nil])
        try await fixture.tearDown()
    }

    @Test func propertiesAndHeadersRoundTrip() async throws {
        let queue = uniqueTestName("amqp-peek-props")
        let fixture = try AMQPFixture(topology: AMQPTopology(queues: [AMQPQueue(name: queue)]))
        let body: [UInt8] = [0, 1, 2, 255] + Array("héllo".utf8)
        let headers: [String: AMQPFieldValue] = [
            "conversation-id": "754893", "attempt": .int64(3), "small": .int32(-1), "urgent": true,
            "nested": .table(["k": "v"]), "list": .array([.int32(1), "two"]),
        ]
        try await fixture.publisher.publish(
            AMQPMessage(
                routingKey: queue, body: body, messageId: "h-1", contentType: "application/octet-stream",
                correlationId: "c-1", headers: headers, persistent: false))
        let message = try #require(try await fixture.publisher.peek(queue: queue, limit: 1).first)
        #expect(
            message
                == AMQPQueuedMessage(
                    body: body, messageId: "h-1", contentType: "application/octet-stream", correlationId: "c-1",
                    headers: headers, persistent: false, redelivered: false, exchange: "", routingKey: queue))
        #expect(message.deliveryCount == nil)
        try await fixture.tearDown()
    }

    @Test func deadLettersKeepTheirIdAndCarryXDeath() async throws {
        let source = uniqueTestName("amqp-expiring")
        let dead = uniqueTestName("amqp-dead")
        let topology = AMQPTopology(queues: [
            AMQPQueue(name: source).messageTTL(.milliseconds(1)).deadLetter(exchange: "", routingKey: dead),
            AMQPQueue(name: dead).quorum(),
        ])
        let fixture = try AMQPFixture(topology: topology)
        let publisher = fixture.publisher
        try await publisher.publish(
            AMQPMessage(routingKey: source, text: "job", messageId: "d-1", headers: ["attempt": .int64(2)]))
        try await withTimeout(.seconds(10), "the dead letter") {
            while try await publisher.messageCount(queue: dead) < 1 { try await Task.sleep(for: .milliseconds(20)) }
        }
        let letter = try #require(try await publisher.peek(queue: dead, limit: 10).first)
        #expect(letter.messageId == "d-1")
        #expect(letter.text == "job")
        #expect(letter.headers["attempt"] == .int64(2))
        #expect(letter.routingKey == dead)
        #expect(letter.headers["x-first-death-reason"]?.stringValue == "expired")
        guard case .array(let deaths) = letter.headers["x-death"], case .table(let death) = deaths.first else {
            Issue.record("no x-death array in \(letter.headers)")
            try await fixture.tearDown()
            return
        }
        #expect(death["queue"]?.stringValue == source)
        #expect(death["reason"]?.stringValue == "expired")
        #expect(death["count"]?.intValue == 1)
        try await fixture.tearDown()
    }

    @Test func quorumQueuesWorkToo() async throws {
        let queue = uniqueTestName("amqp-peek-quorum")
        let fixture = try AMQPFixture(topology: AMQPTopology(queues: [AMQPQueue(name: queue).quorum()]))
        let publisher = fixture.publisher
        let ids = try await fill(queue, 4, prefix: "q", publisher: publisher)

        let first = try await publisher.peek(queue: queue, limit: 10)
        #expect(first.map(\.messageId) == ids)
        // RabbitMQ 3.10 sends x-delivery-count 0 with a first basic.get (a consumer gets none).
        #expect(first.allSatisfy { !$0.redelivered && ($0.deliveryCount ?? 0) == 0 })
        try await expectCount(4, queue, publisher)
        // The same channel reads the returned messages again at once; the peek counts as a delivery.
        let second = try await publisher.peek(queue: queue, limit: 10)
        #expect(second.map(\.messageId) == ids)
        #expect(second.allSatisfy { $0.redelivered && $0.deliveryCount == 1 })

        #expect(try await publisher.remove(queue: queue, messageIds: ["q0", "q2"], limit: 10) == 2)
        try await expectCount(2, queue, publisher)
        #expect(try await publisher.peek(queue: queue, limit: 10).map(\.messageId) == ["q1", "q3"])
        try await fixture.tearDown()
    }

    /// Waits until the queue holds `expected` ready messages: a quorum queue applies acks and
    /// returns a moment after the channel took them, so its count lags (a classic queue's does not).
    private func expectCount(_ expected: UInt32, _ queue: String, _ publisher: AMQPPublisher) async throws {
        let deadline = ContinuousClock.now.advanced(by: .seconds(5))
        var count = try await publisher.messageCount(queue: queue)
        while count != expected, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
            count = try await publisher.messageCount(queue: queue)
        }
        #expect(count == expected)
    }

    #if canImport(Glibc)
    @Test func aConnectionLostDuringAPeekFailsItAndTheNextCallReconnects() async throws {
        let queue = uniqueTestName("amqp-peek-lost")
        let fixture = try AMQPFixture(topology: AMQPTopology(queues: [AMQPQueue(name: queue)]))
        let ids = try await fill(queue, 200, prefix: "c", publisher: fixture.publisher)
        var configuration = try AMQPTest.configuration
        let proxy = try CuttableProxy(upstreamHost: configuration.host, upstreamPort: configuration.port)
        defer { proxy.close() }
        configuration.host = "127.0.0.1"
        configuration.port = proxy.port
        let publisher = AMQPPublisher(configuration: configuration, logger: AMQPTest.logger)
        try await publisher.connect()

        proxy.cut(afterBrokerBytes: 3000)  // a few dozen messages into the peek
        do {
            let copies = try await publisher.peek(queue: queue, limit: 200)
            Issue.record("expected a lost connection, got \(copies.count) messages")
        } catch {
            #expect(error.code == .connectionLost)
            #expect(error.isConnectionLevel && error.isRetryable)
        }
        // The broker requeued what the lost connection held; the next call reconnects.
        try await expectCount(200, queue, fixture.publisher)
        #expect(try await publisher.peek(queue: queue, limit: 200).map(\.messageId) == ids)
        try await publisher.publish(AMQPMessage(routingKey: queue, text: "after", messageId: "c-after"))
        try await expectCount(201, queue, fixture.publisher)
        await publisher.close()
        try await fixture.tearDown()
    }
    #endif

    @Test func publishesGoOnWhilePeeking() async throws {
        let queue = uniqueTestName("amqp-peek-busy")
        let fixture = try AMQPFixture(topology: AMQPTopology(queues: [AMQPQueue(name: queue)]))
        let publisher = fixture.publisher
        let count = 300
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for index in 0..<count {
                    try await publisher.publish(AMQPMessage(routingKey: queue, text: "x", messageId: "b\(index)"))
                }
            }
            group.addTask {
                for _ in 0..<20 {
                    let copies = try await publisher.peek(queue: queue, limit: 50)
                    // Always the head of the queue, in order.
                    #expect(copies.map(\.messageId) == (0..<copies.count).map { "b\($0)" })
                }
            }
            try await group.waitForAll()
        }
        #expect(try await publisher.messageCount(queue: queue) == UInt32(count))
        try await fixture.tearDown()
    }
}
