import AMQP
import Foundation
import Logging
import PostgreSQL

/// What an operator asks of a running deployment (the `autoresponderctl` command and the console):
/// queue depths from RabbitMQ itself, the service's state from its own schema. Read-only except
/// ``resolveHandOff(id:by:)`` and the dead-letter and parking actions. Connects lazily; call
/// ``close()`` when done.
public struct OperatorClient: Sendable {
    let database: PostgresClient
    let broker: AMQPPublisher
    let topology: JobTopology

    /// A client for the deployment `configuration` describes (no `API_TOKEN` needed).
    /// - Parameters:
    ///   - applicationName: how its PostgreSQL connections name themselves (`pg_stat_activity`).
    ///   - poolSize: PostgreSQL connections (the console serves several people at once).
    public init(
        configuration: ServiceConfiguration, logger: Logger, applicationName: String = "autoresponderctl",
        poolSize: Int = 2
    ) throws {
        database = PostgresClient(
            configuration: try PostgresConfiguration(
                url: configuration.databaseURL, poolSize: poolSize, statementTimeout: .seconds(30),
                applicationName: applicationName),
            logger: logger)
        topology = JobTopology(prefix: configuration.amqpPrefix, retryDelays: configuration.retryDelays)
        // No topology: an operator's command never declares queues, it only looks at them.
        broker = AMQPPublisher(configuration: try configuration.amqpConfiguration(), logger: logger)
    }

    /// Creates or migrates the service's schema `responder` (idempotent; what the service does at
    /// start-up), for a reader that may start before any dispatcher or worker (the console).
    public func prepareSchema(logger: Logger) async throws {
        try await SchemaMigrator.migrate(database, logger: logger)
    }

    /// Closes the connections.
    public func close() async {
        await broker.close()
        await database.close()
    }
}
