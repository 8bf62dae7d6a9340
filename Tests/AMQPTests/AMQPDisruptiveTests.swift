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

        try await BrokerControl.restart()

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
                // An ack racing the loss may fail (staleDelivery): the sequence's own error is what counts.
                for try await delivery in deliveries { try? await delivery.ack() }
                return nil
            } catch {
                return error
            }
        }
        try await Task.sleep(for: .milliseconds(300))  // let traffic flow (not asserted)

        try await BrokerControl.stop()

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

        try await BrokerControl.start()

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

/// Heartbeats: a frozen broker is noticed by missed heartbeats, not by a hang.
@Suite(.serialized) struct AMQPHeartbeatDisruptiveTests {
    @Test func aFrozenBrokerIsDetectedByMissedHeartbeats() async throws {
        let queue = uniqueTestName("amqp-frozen")
        let topology = AMQPTopology(queues: [AMQPQueue(name: queue)])
        var configuration = try AMQPTest.configuration
        configuration.heartbeat = .seconds(1)
        configuration.connectionTimeout = .seconds(3)
        let publisher = AMQPPublisher(configuration: configuration, topology: topology, logger: AMQPTest.logger)
        let consumer = AMQPConsumer(configuration: configuration, topology: topology, queue: queue, logger: AMQPTest.logger)
        let deliveries = try await consumer.deliveries()
        try await publisher.connect()

        try BrokerControl.pause()
        let publishError: AMQPError?
        let streamError: (any Error)?
        do {
            defer { try? BrokerControl.resume() }
            // The publish is written but never confirmed; the missed heartbeats end it (the
            // confirm timeout is 30 s), and end the consumer's sequence with an error.
            publishError = try await withTimeout(.seconds(20), "the publish to fail") { () -> AMQPError? in
                do throws(AMQPError) {
                    try await publisher.publish(AMQPMessage(routingKey: queue, text: "frozen", messageId: "frozen"))
                    return nil
                } catch {
                    return error
                }
            }
            streamError = try await withTimeout(.seconds(20), "the sequence to fail") { () -> (any Error)? in
                do {
                    for try await _ in deliveries {}
                    return nil
                } catch {
                    return error
                }
            }
        }
        #expect(publishError?.code == .connectionLost, "\(String(describing: publishError))")
        #expect((streamError as? AMQPError)?.code == .connectionLost, "\(String(describing: streamError))")

        // Once the broker answers again, both recover. (The unconfirmed "frozen" message may
        // have reached the queue after all: a failed publish means "maybe", never "no".)
        try await publisher.publish(AMQPMessage(routingKey: queue, text: "thawed", messageId: "thawed"))
        let again = try await consumer.deliveries()
        let ids = try await withTimeout(.seconds(30), "the thawed message") {
            var ids: [String?] = []
            for try await delivery in again {
                ids.append(delivery.messageId)
                try await delivery.ack()
                if delivery.messageId == "thawed" { break }
            }
            return ids
        }
        #expect(ids.last == "thawed")
        #expect(Set(ids).isSubset(of: ["frozen", "thawed"]))
        try await publisher.deleteQueue(queue)
        await consumer.close()
        await publisher.close()
    }
}

/// A resource alarm blocks publishing connections: publishes must time out, not hang the
/// publisher's thread, and succeed again once the alarm clears.
@Suite(.serialized) struct AMQPAlarmDisruptiveTests {
    @Test func publishesTimeOutWhileTheBrokerBlocksAndResumeAfterwards() async throws {
        let queue = uniqueTestName("amqp-alarm")
        let topology = AMQPTopology(queues: [AMQPQueue(name: queue)])
        let publisher = AMQPPublisher(
            configuration: try AMQPTest.configuration, topology: topology, confirmTimeout: .seconds(3),
            logger: AMQPTest.logger)
        try await publisher.connect()

        try await BrokerControl.rabbitmqctl("set_vm_memory_high_watermark", "0.000001")
        var errors: [AMQPError] = []
        let blocked: Result<Void, any Error>
        do {
            // The first publish is written (the broker then stops reading); later ones are held
            // back once connection.blocked arrives. All of them fail in time.
            for index in 0..<3 {
                let error = try await withTimeout(.seconds(30), "a blocked publish to end") { () -> AMQPError? in
                    do throws(AMQPError) {
                        try await publisher.publish(AMQPMessage(routingKey: queue, text: "blocked", messageId: "blocked-\(index)"))
                        return nil
                    } catch {
                        return error
                    }
                }
                if let error { errors.append(error) }
            }
            blocked = .success(())
        } catch {
            blocked = .failure(error)
        }
        try await BrokerControl.rabbitmqctl("set_vm_memory_high_watermark", "0.2")
        try blocked.get()
        #expect(errors.count == 3)
        #expect(errors.allSatisfy { $0.code == .timeout }, "\(errors)")

        // After the alarm, publishing works again (on the same or a new connection).
        try await publisher.publish(AMQPMessage(routingKey: queue, text: "unblocked", messageId: "unblocked"))
        try await publisher.deleteQueue(queue)
        await publisher.close()
    }
}
