import AMQP
import Testing
import TestSupport

/// Tests that stop and restart the local RabbitMQ; `make test` runs them alone, after the others.
@Suite(.serialized) struct AMQPDisruptiveTests {
    @Test func persistentMessageSurvivesABrokerRestartAndThePublisherReconnects() async throws {
        let queue = uniqueTestName("amqp-restart")
        let topology = AMQPTopology(queues: [AMQPQueue(name: queue)])
        let fixture = try AMQPFixture(topology: topology)
        try await fixture.publisher.publish(AMQPMessage(routingKey: queue, text: "kept", messageId: "before"))

        try BrokerControl.restart()

        // The publisher saw the broker close its connection; this publish reconnects.
        try await fixture.publisher.publish(AMQPMessage(routingKey: queue, text: "new", messageId: "after"))
        let consumer = try fixture.consumer(queue, topology: topology)
        let received = try await take(2, from: try await consumer.deliveries())
        #expect(received.map(\.messageId) == ["before", "after"])
        #expect(received.first?.text == "kept")
        #expect(received.first?.persistent == true)
        for delivery in received { try await delivery.ack() }
        await consumer.close()
        try await fixture.tearDown()
    }

    @Test func stoppingTheBrokerEndsTheSequenceAndFailsPendingPublishes() async throws {
        let queue = uniqueTestName("amqp-stop")
        let topology = AMQPTopology(queues: [AMQPQueue(name: queue)])
        let fixture = try AMQPFixture(topology: topology)
        let publisher = fixture.publisher
        try await publisher.publish(AMQPMessage(routingKey: queue, text: "held", messageId: "held"))
        let consumer = try fixture.consumer(queue, topology: topology, prefetch: 1000)
        let deliveries = try await consumer.deliveries()
        let held = try #require(try await take(1, from: deliveries).first)

        // Publish continuously from 20 tasks, and consume (ack) everything but `held`, until failure.
        let publishing = Task {
            try await withThrowingTaskGroup(of: AMQPError.self) { group in
                for task in 0..<20 {
                    group.addTask {
                        var index = 0
                        while true {
                            do throws(AMQPError) {
                                try await publisher.publish(AMQPMessage(routingKey: queue, text: "load", messageId: "\(task)-\(index)"))
                            } catch {
                                return error
                            }
                            index += 1
                        }
                    }
                }
                var errors: [AMQPError] = []
                for try await error in group { errors.append(error) }
                return errors
            }
        }
        let consuming = Task { () -> (any Error)? in
            do {
                for try await delivery in deliveries { try await delivery.ack() }
                return nil
            } catch {
                return error
            }
        }
        try await Task.sleep(for: .milliseconds(300))  // let traffic flow (not asserted)

        try BrokerControl.stop()

        let consumerError = try await withTimeout(.seconds(30), "the consumer to fail") { await consuming.value }
        let amqpError = try #require(consumerError as? AMQPError, "the sequence must throw, not end: \(String(describing: consumerError))")
        #expect(amqpError.code == .connectionLost)
        #expect(amqpError.isConnectionLevel)

        let publishErrors = try await withTimeout(.seconds(30), "the publishers to fail") { try await publishing.value }
        #expect(publishErrors.count == 20)
        for error in publishErrors {
            #expect(error.isConnectionLevel, "\(error)")
            #expect([AMQPError.Code.connectionLost, .connectionFailed].contains(error.code), "\(error)")
        }
        do {
            try await held.ack()
            Issue.record("expected staleDelivery")
        } catch {
            #expect(error.code == .staleDelivery)
        }

        try BrokerControl.start()

        // Both reconnect: the publisher on its next publish, the consumer on deliveries().
        try await publisher.publish(AMQPMessage(routingKey: queue, text: "back", messageId: "back"))
        let again = try await consumer.deliveries()
        let redelivered = try await withTimeout(.seconds(60), "the held message again") {
            for try await delivery in again {
                try await delivery.ack()
                if delivery.messageId == "held" { return delivery }
            }
            throw TestTimeout(what: "held (sequence ended)")
        }
        #expect(redelivered.redelivered)
        await consumer.close()
        try await fixture.tearDown()
    }
}
