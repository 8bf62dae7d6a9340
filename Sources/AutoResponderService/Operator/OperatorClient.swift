import AMQP
import Foundation
import Logging
import PostgreSQL

/// What an operator asks of a running deployment (the `autoresponderctl` command, later the console):
/// queue depths from RabbitMQ itself, the service's state from its own schema. Read-only except
/// ``resolveHandOff(id:by:)``. Connects lazily; call ``close()`` when done.
public struct OperatorClient: Sendable {
    let database: PostgresClient
    let broker: AMQPPublisher
    let topology: JobTopology

    /// A client for the deployment `configuration` describes (no `API_TOKEN` needed).
    public init(configuration: ServiceConfiguration, logger: Logger) throws {
        database = PostgresClient(
            configuration: try PostgresConfiguration(
                url: configuration.databaseURL, poolSize: 2, statementTimeout: .seconds(30),
                applicationName: "autoresponderctl"),
            logger: logger)
        topology = JobTopology(prefix: configuration.amqpPrefix, retryDelay: configuration.retryDelay)
        // No topology: an operator's command never declares queues, it only looks at them.
        broker = AMQPPublisher(configuration: try configuration.amqpConfiguration(), logger: logger)
    }

    /// Closes the connections.
    public func close() async {
        await broker.close()
        await database.close()
    }
}
