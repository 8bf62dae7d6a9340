import AMQP
import Logging
import TestSupport

/// Shared set-up of the integration tests: the broker of scripts/servers.sh, a quiet logger.
enum AMQPTest {
    static var configuration: AMQPConfiguration {
        get throws { try AMQPConfiguration(url: TestEnvironment.amqpURL) }
    }

    static var logger: Logger {
        var logger = Logger(label: "amqp-tests")
        logger.logLevel = .warning
        return logger
    }
}

/// A test gave up waiting (instead of hanging the run).
struct TestTimeout: Error, CustomStringConvertible {
    let what: String
    var description: String { "timed out waiting for \(what)" }
}

/// Runs `body`, failing with ``TestTimeout`` if it has not finished after `limit`.
func withTimeout<T: Sendable>(
    _ limit: Duration = .seconds(30), _ what: String, _ body: @escaping @Sendable () async throws -> T
) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: limit)
            throw TestTimeout(what: what)
        }
        defer { group.cancelAll() }
        return try await group.next()!
    }
}

/// The next `count` deliveries of a sequence (fails instead of hanging).
func take(_ count: Int, from deliveries: AMQPDeliveries, limit: Duration = .seconds(30)) async throws -> [AMQPDelivery] {
    try await withTimeout(limit, "\(count) deliveries") {
        var received: [AMQPDelivery] = []
        for try await delivery in deliveries {
            received.append(delivery)
            if received.count == count { break }
        }
        return received
    }
}

/// A publisher and consumer on fresh queues, deleted again by ``tearDown()``.
struct AMQPFixture {
    let publisher: AMQPPublisher
    let queues: [String]

    init(topology: AMQPTopology) throws {
        publisher = AMQPPublisher(configuration: try AMQPTest.configuration, topology: topology, logger: AMQPTest.logger)
        queues = topology.queues.map(\.name)
    }

    func consumer(_ queue: String, topology: AMQPTopology = AMQPTopology(), prefetch: UInt16 = 32) throws -> AMQPConsumer {
        AMQPConsumer(
            configuration: try AMQPTest.configuration, topology: topology, queue: queue, prefetchCount: prefetch,
            logger: AMQPTest.logger)
    }

    func tearDown() async throws {
        for queue in queues { try await publisher.deleteQueue(queue) }
        await publisher.close()
    }
}
