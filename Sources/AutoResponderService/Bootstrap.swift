import AMQP
import AutoResponderCore
import Foundation
import HTTP
import Logging
import Operations
import PostgreSQL
import Resolvers
import Resilience
import ServiceLifecycle

/// Builds the dispatcher and the worker from a ``ServiceConfiguration``: the one place where the
/// wrappers, the adapters and the domain are wired together (the executables and the end-to-end
/// tests both call it).
public enum AutoResponder {
    /// The resolvers this service knows. Adding a resolver: one `register` line in
    /// `ResolverRegistry.standard` (or here), plus its entry in `config/routing.yaml` and its templates.
    public static let registry: ResolverRegistry = .standard

    /// Builds a worker process: its PostgreSQL pool, HTTP client, AMQP consumer and publisher, and the
    /// ``WorkerService`` that uses them. Connects to PostgreSQL and migrates the service's schema
    /// first, so a misconfiguration fails at start-up.
    public static func makeWorker(
        configuration: ServiceConfiguration, registry: ResolverRegistry = registry, logger: Logger
    ) async throws -> ProcessServices {
        let database = try makeDatabase(configuration, logger: logger)
        do {
            try await SchemaMigrator.migrate(database, logger: logger)
            let http = makeHTTPClient(configuration, logger: logger)
            let apis = UpstreamAPIs(configuration: configuration, client: http, logger: logger)
            let responderConfiguration = try ResponderConfiguration.load(directory: configuration.configDirectory)
            let dependencies = ResolverDependencies(
                merchants: PostgresMerchantRepository(database: database, logger: logger),
                logistics: LogisticsAPI(api: apis.logistics), telecom: TelecomAPI(api: apis.telecom),
                sources: try DataSources.make(
                    responderConfiguration.sources, configuration: configuration, client: http, logger: logger),
                businessTimeZone: configuration.businessTimeZone, logger: logger)
            let responder = try ConversationResponder(
                configuration: responderConfiguration, registry: registry, dependencies: dependencies)
            let topology = JobTopology(prefix: configuration.amqpPrefix, retryDelays: configuration.retryDelays)
            let amqp = try configuration.amqpConfiguration()
            let processor = JobProcessor(
                chats: ChatsAPI(api: apis.chats),
                ledger: PostgresReplyLedger(
                    database: database, instanceID: configuration.instanceID, claimTTL: configuration.replyClaimTTL,
                    firstRecheck: configuration.recheckPolicy.first),
                responder: responder, handOffs: PostgresHandOffRecorder(database: database),
                retryPolicy: RetryPolicy(
                    levels: configuration.retryDelays, budget: configuration.retryBudget,
                    maxAttempts: configuration.maxAttempts),
                databaseGuard: UpstreamGuard(
                    name: "database", breaker: configuration.breakerPolicy, ratePerSecond: nil, logger: logger),
                markSentPatience: configuration.replyClaimTTL / 2,
                ambiguousSend: configuration.ambiguousSend, parkedRecheck: configuration.parkedRecheckInterval)
            let consumer = AMQPConsumer(
                configuration: amqp, topology: topology.amqpTopology, queue: topology.jobsQueue,
                prefetchCount: UInt16(configuration.workerConcurrency), logger: logger)
            let publisher = AMQPPublisher(configuration: amqp, topology: topology.amqpTopology, logger: logger)
            let worker = WorkerService(
                consumer: consumer, publisher: publisher, processor: processor, topology: topology, logger: logger,
                shutdownGrace: configuration.shutdownGrace)
            var checks = worker.healthChecks(jobStuckAfter: configuration.jobStuckAfter)
            checks.readiness.append(.postgres(database))
            return ProcessServices(clients: [database, http, publisher, consumer], main: [worker], checks: checks)
        } catch {
            await database.close()
            throw error
        }
    }

    /// Builds a dispatcher process (migrating the service's schema first): its PostgreSQL pool, HTTP
    /// client and AMQP publisher, the ``DispatcherService`` and the queue-depth sampler.
    public static func makeDispatcher(configuration: ServiceConfiguration, logger: Logger) async throws
        -> ProcessServices
    {
        let database = try makeDatabase(configuration, logger: logger, poolSize: 2)
        do {
            try await SchemaMigrator.migrate(database, logger: logger)
            let http = makeHTTPClient(configuration, logger: logger)
            let topology = JobTopology(prefix: configuration.amqpPrefix, retryDelays: configuration.retryDelays)
            let publisher = AMQPPublisher(
                configuration: try configuration.amqpConfiguration(), topology: topology.amqpTopology,
                logger: logger)
            let signals = DispatcherSignals()
            let dispatcher = DispatcherService(
                chats: ChatsAPI(api: UpstreamAPIs(configuration: configuration, client: http, logger: logger).chats),
                store: DispatcherStore(database: database, parkedRecheck: configuration.parkedRecheckInterval),
                publisher: publisher, topology: topology,
                pollInterval: configuration.pollInterval, recheck: configuration.recheckPolicy, signals: signals,
                logger: logger)
            let sampler = QueueDepthSampler(
                publisher: publisher, queues: topology.allQueues, interval: .seconds(2), jobsQueue: topology.jobsQueue,
                signals: signals, logger: logger)
            var checks = dispatcher.healthChecks(pollStuckAfter: configuration.pollStuckAfter)
            checks.readiness.append(.postgres(database))
            var main: [any Service] = [sampler, dispatcher]
            if let port = configuration.eventsPort {
                let intake = EventIntake(
                    store: DispatcherStore(database: database, parkedRecheck: configuration.parkedRecheckInterval),
                    publisher: publisher, topology: topology, policy: configuration.recheckPolicy, signals: signals,
                    logger: logger)
                main.append(
                    SignedEventServer(
                        configuration: .init(host: configuration.opsHost, port: port, secret: configuration.eventsSecret),
                        logger: logger, handle: intake.handle))
            }
            return ProcessServices(clients: [database, http, publisher], main: main, checks: checks)
        } catch {
            await database.close()
            throw error
        }
    }

    static func makeDatabase(_ configuration: ServiceConfiguration, logger: Logger, poolSize: Int? = nil) throws
        -> PostgresClient
    {
        var postgres = try PostgresConfiguration(
            url: configuration.databaseURL, poolSize: poolSize ?? configuration.databasePoolSize,
            statementTimeout: configuration.databaseStatementTimeout,
            applicationName: "autoresponder-\(configuration.instanceID)")
        postgres.poolWaitTimeout = configuration.databasePoolWait
        return PostgresClient(configuration: postgres, logger: logger)
    }

    static func makeHTTPClient(_ configuration: ServiceConfiguration, logger: Logger) -> HTTPClient {
        HTTPClient(
            configuration: HTTPClientConfiguration(
                connectTimeout: configuration.httpConnectTimeout, requestTimeout: configuration.httpTimeout),
            logger: logger)
    }
}

/// What one process runs: long-lived clients first, then its own work, and what it reports on its
/// operations port. ``ServiceRunner`` runs them in one `ServiceGroup`, in this order (the operations
/// server between the two), and shuts them down in the reverse order.
public struct ProcessServices: Sendable {
    /// Connections and pools (database, HTTP, broker), in start order.
    public var clients: [any Service]
    /// The process's own work, after the clients it uses.
    public var main: [any Service]
    /// Liveness and readiness checks for `/healthz` and `/readyz`.
    public var checks: HealthChecks

    /// Everything to run, in order, with `operations` (if any) between the clients and the work.
    public func services(with operations: (any Service)? = nil) -> [any Service] {
        clients + (operations.map { [$0] } ?? []) + main
    }
}

/// The three upstream APIs over one HTTP client, each with its guard.
struct UpstreamAPIs: Sendable {
    let chats: UpstreamAPI
    let logistics: UpstreamAPI
    let telecom: UpstreamAPI

    init(configuration: ServiceConfiguration, client: HTTPClient, logger: Logger) {
        func api(_ name: String, _ url: String, rate: Double?) -> UpstreamAPI {
            UpstreamAPI(
                name: name, baseURL: url, token: configuration.apiToken, client: client,
                guard: UpstreamGuard(name: name, breaker: configuration.breakerPolicy, ratePerSecond: rate, logger: logger))
        }
        chats = api("chats", configuration.chatsAPIURL, rate: configuration.chatsAPIRate)
        logistics = api("logistics", configuration.logisticsAPIURL, rate: configuration.logisticsAPIRate)
        telecom = api("telecom", configuration.telecomAPIURL, rate: configuration.telecomAPIRate)
    }
}
