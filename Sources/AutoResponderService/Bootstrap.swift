import AMQP
import AutoResponderCore
import Foundation
import HTTP
import Logging
import PostgreSQL
import Resolvers

/// Builds the dispatcher and the worker from a ``ServiceConfiguration``: the one place where the
/// wrappers, the adapters and the domain are wired together (the executables and the end-to-end
/// tests both call it).
public enum AutoResponder {
    /// The resolvers this service knows. Adding a resolver: one `register` line in
    /// `ResolverRegistry.standard` (or here), plus its entry in `config/routing.yaml` and its templates.
    public static let registry: ResolverRegistry = .standard

    /// Builds the worker service. Connects to PostgreSQL and migrates the service's schema first, so a
    /// misconfiguration fails at start-up.
    public static func makeWorker(
        configuration: ServiceConfiguration, registry: ResolverRegistry = registry, logger: Logger
    ) async throws -> WorkerService {
        let database = try makeDatabase(configuration, logger: logger)
        do {
            try await SchemaMigrator.migrate(database, logger: logger)
            let http = makeHTTPClient(configuration, logger: logger)
            let apis = UpstreamAPIs(configuration: configuration, client: http)
            let dependencies = ResolverDependencies(
                merchants: PostgresMerchantRepository(database: database, logger: logger),
                logistics: LogisticsAPI(api: apis.logistics), telecom: TelecomAPI(api: apis.telecom),
                businessTimeZone: configuration.businessTimeZone, logger: logger)
            let responder = try ConversationResponder(
                configuration: try ResponderConfiguration.load(directory: configuration.configDirectory),
                registry: registry, dependencies: dependencies)
            let topology = JobTopology(prefix: configuration.amqpPrefix, retryDelay: configuration.retryDelay)
            let amqp = try AMQPConfiguration(url: configuration.amqpURL)
            let processor = JobProcessor(
                chats: ChatsAPI(api: apis.chats),
                ledger: ReplyLedger(
                    database: database, instanceID: configuration.instanceID, claimTTL: configuration.replyClaimTTL),
                responder: responder, handOffs: PostgresHandOffRecorder(database: database),
                maxAttempts: configuration.maxAttempts, markSentPatience: configuration.replyClaimTTL / 2)
            return WorkerService(
                consumer: AMQPConsumer(
                    configuration: amqp, topology: topology.amqpTopology, queue: topology.jobsQueue,
                    prefetchCount: UInt16(configuration.workerConcurrency), logger: logger),
                publisher: AMQPPublisher(configuration: amqp, topology: topology.amqpTopology, logger: logger),
                processor: processor, topology: topology, logger: logger,
                onStop: {
                    await http.shutdown()
                    await database.close()
                })
        } catch {
            await database.close()
            throw error
        }
    }

    /// Builds the dispatcher service (migrating the service's schema first).
    public static func makeDispatcher(configuration: ServiceConfiguration, logger: Logger) async throws
        -> DispatcherService
    {
        let database = try makeDatabase(configuration, logger: logger, poolSize: 2)
        do {
            try await SchemaMigrator.migrate(database, logger: logger)
            let http = makeHTTPClient(configuration, logger: logger)
            let topology = JobTopology(prefix: configuration.amqpPrefix, retryDelay: configuration.retryDelay)
            let publisher = AMQPPublisher(
                configuration: try AMQPConfiguration(url: configuration.amqpURL), topology: topology.amqpTopology,
                logger: logger)
            return DispatcherService(
                chats: ChatsAPI(api: UpstreamAPIs(configuration: configuration, client: http).chats),
                store: DispatcherStore(database: database), publisher: publisher, topology: topology,
                pollInterval: configuration.pollInterval, recheckInterval: configuration.recheckInterval,
                logger: logger,
                onStop: {
                    await http.shutdown()
                    await database.close()
                })
        } catch {
            await database.close()
            throw error
        }
    }

    static func makeDatabase(_ configuration: ServiceConfiguration, logger: Logger, poolSize: Int? = nil) throws
        -> PostgresClient
    {
        let postgres = try PostgresConfiguration(
            url: configuration.databaseURL, poolSize: poolSize ?? configuration.databasePoolSize,
            statementTimeout: .seconds(30), applicationName: "autoresponder-\(configuration.instanceID)")
        return PostgresClient(configuration: postgres, logger: logger)
    }

    static func makeHTTPClient(_ configuration: ServiceConfiguration, logger: Logger) -> HTTPClient {
        HTTPClient(
            configuration: HTTPClientConfiguration(
                connectTimeout: configuration.httpConnectTimeout, requestTimeout: configuration.httpTimeout),
            logger: logger)
    }
}

/// The three upstream APIs over one HTTP client.
struct UpstreamAPIs: Sendable {
    let chats: UpstreamAPI
    let logistics: UpstreamAPI
    let telecom: UpstreamAPI

    init(configuration: ServiceConfiguration, client: HTTPClient) {
        chats = UpstreamAPI(name: "chats", baseURL: configuration.chatsAPIURL, token: configuration.apiToken, client: client)
        logistics = UpstreamAPI(
            name: "logistics", baseURL: configuration.logisticsAPIURL, token: configuration.apiToken, client: client)
        telecom = UpstreamAPI(
            name: "telecom", baseURL: configuration.telecomAPIURL, token: configuration.apiToken, client: client)
    }
}
