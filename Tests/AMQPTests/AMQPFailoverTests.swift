#if canImport(Glibc)
import AMQP
import Testing
import TestSupport

/// Several nodes in one configuration, against the local broker reached through proxies that stand
/// for a cluster's nodes: a node that refuses is skipped, and a publisher or consumer whose node goes
/// away carries on through the next one.
@Suite struct AMQPFailoverTests {
    /// A port of 127.0.0.1 where nothing listens (a node that is down).
    static func deadNode() throws -> AMQPEndpoint { AMQPEndpoint(host: "127.0.0.1", port: try freeLocalPort()) }

    @Test func aNodeThatRefusesIsSkipped() async throws {
        let queue = uniqueTestName("amqp-failover-skip")
        let topology = AMQPTopology(queues: [AMQPQueue(name: queue)])
        let fixture = try AMQPFixture(topology: topology)
        let broker = try AMQPTest.configuration
        var configuration = broker
        configuration.host = "127.0.0.1"
        configuration.port = try Self.deadNode().port
        configuration.additionalEndpoints = [try Self.deadNode(), AMQPEndpoint(host: broker.host, port: broker.port)]
        let publisher = AMQPPublisher(configuration: configuration, topology: topology, logger: AMQPTest.logger)
        try await publisher.publish(AMQPMessage(routingKey: queue, text: "through the third node"))
        #expect(try await fixture.publisher.messageCount(queue: queue) == 1)
        await publisher.close()
        try await fixture.tearDown()
    }

    @Test func everyNodeDownListsEachFailure() async throws {
        var configuration = try AMQPTest.configuration
        let nodes = [try Self.deadNode(), try Self.deadNode()]
        configuration.host = nodes[0].host
        configuration.port = nodes[0].port
        configuration.additionalEndpoints = [nodes[1]]
        let publisher = AMQPPublisher(configuration: configuration, logger: AMQPTest.logger)
        do {
            try await publisher.connect()
            Issue.record("expected connectionFailed")
        } catch {
            #expect(error.code == .connectionFailed)
            #expect(error.isRetryable)
            #expect(error.message.contains("any of the 2 RabbitMQ nodes"))
            for node in nodes { #expect(error.message.contains("\(node)")) }
        }
        await publisher.close()
    }

    @Test func publisherAndConsumerMoveToTheNextNodeWhenTheirsGoesAway() async throws {
        let queue = uniqueTestName("amqp-failover")
        let topology = AMQPTopology(queues: [AMQPQueue(name: queue)])
        let fixture = try AMQPFixture(topology: topology)
        let broker = try AMQPTest.configuration
        let first = try CuttableProxy(upstreamHost: broker.host, upstreamPort: broker.port)
        let second = try CuttableProxy(upstreamHost: broker.host, upstreamPort: broker.port)
        defer { second.close() }
        var configuration = broker
        configuration.host = "127.0.0.1"
        configuration.port = first.port
        configuration.additionalEndpoints = [AMQPEndpoint(host: "127.0.0.1", port: second.port)]
        let publisher = AMQPPublisher(configuration: configuration, topology: topology, logger: AMQPTest.logger)
        let consumer = AMQPConsumer(configuration: configuration, topology: topology, queue: queue, logger: AMQPTest.logger)
        let deliveries = try await consumer.deliveries()
        try await publisher.publish(AMQPMessage(routingKey: queue, text: "1", messageId: "before"))
        let before = try await take(1, from: deliveries)
        try await before[0].ack()

        first.close()  // the first node goes away: its connections drop, it accepts no more

        // The consumer's sequence ends with a connection-level error; asking again connects to the second.
        let ended = try await withTimeout(.seconds(30), "the lost connection") { () -> AMQPError? in
            do {
                for try await _ in deliveries {}
                return nil
            } catch {
                return error as? AMQPError
            }
        }
        #expect(ended?.isConnectionLevel == true, "\(String(describing: ended))")
        let again = try await consumer.deliveries()
        // The publisher notices the loss (on its socket, or at the latest on this publish: then it
        // fails once) and reconnects to the second node.
        if (try? await publisher.publish(AMQPMessage(routingKey: queue, text: "2", messageId: "after"))) == nil {
            try await publisher.publish(AMQPMessage(routingKey: queue, text: "2", messageId: "after"))
        }
        // "before" may come again: its ack can be lost with the first node.
        let after = try await withTimeout(.seconds(30), "the message published after the failover") {
            for try await delivery in again {
                try await delivery.ack()
                if delivery.messageId == "after" { return delivery }
            }
            throw TestTimeout(what: "after (sequence ended)")
        }
        #expect(after.text == "2")
        await consumer.close()
        await publisher.close()
        try await fixture.tearDown()
    }
}
#endif
