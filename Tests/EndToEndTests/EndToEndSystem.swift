import AMQP
import APISimulator
import AutoResponderCore
import AutoResponderService
import Foundation
import Logging
import PostgreSQL
import ServiceLifecycle
import TestSupport
import World

/// The whole system for one test, with real servers: a database of its own (created from
/// TEST_DATABASE_URL's server, filled with `world`, dropped at the end), the API simulator in-process
/// on a free port, broker objects under a prefix of its own, and dispatchers and workers built by the
/// same ``AutoResponder`` factory the executables use, run by a `ServiceGroup`.
struct EndToEndSystem {
    let simulator: Simulator
    let world: World
    let databaseURL: String
    /// The environment the in-process services were built from.
    let environment: [String: String]
    /// The long-lived clients (database pool, HTTP client, AMQP publisher and consumer) of each
    /// in-process dispatcher and worker, by instance id (`dispatcher-0`, `worker-1`, ...).
    let clients: [(instance: String, services: [any Service])]

    static let token = "e2e-token"
    /// The least-privilege role of `serviceRole` runs (cluster-wide; granted per test database).
    static let serviceRoleName = "autoresponder_e2e"

    /// Runs the system while `body` runs; shuts it down gracefully and cleans up afterwards.
    /// - Parameter serviceRole: the service connects as its least-privilege role (db/roles.sql) instead
    ///   of the test server's superuser.
    static func run<T: Sendable>(
        world: World, knobs: SimulatorKnobs = SimulatorKnobs(), dispatchers: Int = 1, workers: Int = 1,
        environment overrides: [String: String] = [:], serviceRole: Bool = false,
        _ body: @Sendable (EndToEndSystem) async throws -> T
    ) async throws -> T {
        let logger = testLogger()
        let database = try await TestDatabase.create()
        do {
            try WorldDatabaseLoader(databaseURL: database.url).load(world)
            if serviceRole {
                try await LocalServers.run(
                    ["/usr/bin/env", "DATABASE_URL=\(database.url)", "bash",
                     TestEnvironment.repositoryRoot.appendingPathComponent("scripts/service-role.sh").path,
                     serviceRoleName])
            }
            let serviceURL =
                serviceRole
                ? database.url.replacingOccurrences(of: "://postgres@", with: "://\(serviceRoleName)@") : database.url
            let simulator = try Simulator(world: world, token: token, knobs: knobs, logger: quietLogger)
            let prefix = uniqueTestName("e2e")
            let result = try await SimulatorServer.withRunning(simulator, logger: quietLogger) { baseURL in
                var environment = [
                    "AMQP_URL": TestEnvironment.amqpURL, "DATABASE_URL": serviceURL,
                    "CHATS_API_URL": baseURL.absoluteString, "LOGISTICS_API_URL": baseURL.absoluteString,
                    "TELECOM_API_URL": baseURL.absoluteString, "API_TOKEN": token,
                    "CONFIG_DIR": TestEnvironment.repositoryRoot.appendingPathComponent("config").path,
                    "AMQP_PREFIX": prefix, "POLL_INTERVAL_MS": "100", "RECHECK_INTERVAL_MS": "1000",
                    "JOB_RETRY_DELAYS_MS": "200,500,1000,2000", "HTTP_TIMEOUT_MS": "2000", "REPLY_CLAIM_TTL_MS": "5000",
                    "WORKER_CONCURRENCY": "16", "DATABASE_POOL_SIZE": "4", "SEND_SETTLE_MS": "2000",
                    "PARKED_RECHECK_INTERVAL_MS": "3000",
                ]
                // Every data source of config/sources.yaml is served by the simulator too.
                let sources = try SourcesConfiguration.load(
                    contentsOf: TestEnvironment.repositoryRoot.appendingPathComponent("config/sources.yaml"))
                for source in sources.sources { environment[source.urlVariable] = baseURL.absoluteString }
                environment.merge(overrides) { _, new in new }
                var services: [any Service] = []
                var clients: [(instance: String, services: [any Service])] = []
                for index in 0..<dispatchers {
                    environment["INSTANCE_ID"] = "dispatcher-\(index)"
                    let process = try await AutoResponder.makeDispatcher(
                        configuration: try ServiceConfiguration(environment: environment), logger: logger)
                    services += process.services()
                    clients.append(("dispatcher-\(index)", process.clients))
                }
                for index in 0..<workers {
                    environment["INSTANCE_ID"] = "worker-\(index)"
                    let process = try await AutoResponder.makeWorker(
                        configuration: try ServiceConfiguration(environment: environment), logger: logger)
                    services += process.services()
                    clients.append(("worker-\(index)", process.clients))
                }
                let group = ServiceGroup(services: services, logger: logger)
                let system = EndToEndSystem(
                    simulator: simulator, world: world, databaseURL: database.url, environment: environment,
                    clients: clients)
                let outcome = try await withThrowingTaskGroup(of: T?.self) { tasks in
                    tasks.addTask {
                        try await group.run()
                        return nil
                    }
                    let result: Result<T, any Error>
                    do {
                        result = .success(try await body(system))
                    } catch {
                        result = .failure(error)
                    }
                    await group.triggerGracefulShutdown()
                    try await tasks.waitForAll()
                    return result
                }
                let delays = (try? ServiceConfiguration(environment: environment).retryDelays) ?? [.milliseconds(200)]
                await deleteBrokerObjects(prefix: prefix, retryDelays: delays, environment: environment)
                return try outcome.get()
            }
            await database.drop()
            return result
        } catch {
            await database.drop()
            throw error
        }
    }

    /// Starts the built `worker` executable (from this build's products folder) with this system's
    /// environment, logging to this process's stderr. Its operations server is off unless
    /// `environment` sets `OPS_PORT`.
    func spawnWorkerProcess(instance: String, environment extra: [String: String] = [:]) throws -> Process {
        var environment = ["INSTANCE_ID": instance, "OPS_PORT": "0"]
        environment["LOG_LEVEL"] = ProcessInfo.processInfo.environment["E2E_LOG_LEVEL"] ?? "error"
        environment.merge(extra) { _, new in new }
        let process = try Self.process("worker", environment: self.environment.merging(environment) { _, new in new })
        try process.run()
        return process
    }

    /// Runs a built executable of this package (`autoresponderctl`, ...) with this system's environment
    /// and `arguments`, and returns its exit status and standard output.
    func runTool(_ name: String, _ arguments: [String]) async throws -> (status: Int32, output: String) {
        let process = try Self.process(name, environment: environment)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = try await Task.detached { try output.fileHandleForReading.readToEnd() ?? Data() }.value
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// A `Process` of the built executable `name` (beside the test bundle) with `environment` over this
    /// process's own.
    static func process(_ name: String, environment: [String: String]) throws -> Process {
        let products = Bundle.main.bundleURL
        let executable = [products, products.deletingLastPathComponent()].map { $0.appendingPathComponent(name) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
        guard let executable else {
            throw EndToEndError("no built \(name) executable beside \(products.path): run swift build --build-tests")
        }
        let process = Process()
        process.executableURL = executable
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        return process
    }

    /// Every reply the simulator recorded.
    var sent: [SentMessage] { simulator.sentMessages() }

    /// Waits until `condition` holds for the recorded replies, or fails after `timeout`.
    func waitUntil(
        timeout: Duration = .seconds(60), _ what: String, _ condition: ([SentMessage]) -> Bool
    ) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while !condition(sent) {
            guard clock.now < deadline else {
                throw EndToEndError("timed out after \(timeout) waiting for \(what); \(sent.count) replies so far")
            }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// Rows of the service's own tables in this test's database.
    func query(_ sql: String) async throws -> PostgresResult {
        let client = PostgresClient(configuration: try PostgresConfiguration(url: databaseURL, poolSize: 1), logger: quietLogger)
        do {
            let result = try await client.query(sql)
            await client.close()
            return result
        } catch {
            await client.close()
            throw error
        }
    }

    /// Deletes the test's queues and exchanges from the broker the services used (`AMQP_URL` and its
    /// TLS files, as the services read them).
    private static func deleteBrokerObjects(prefix: String, retryDelays: [Duration], environment: [String: String]) async {
        guard let configuration = try? ServiceConfiguration(environment: environment).amqpConfiguration() else { return }
        let publisher = AMQPPublisher(configuration: configuration, logger: quietLogger)
        for queue in JobTopology(prefix: prefix, retryDelays: retryDelays).allQueues {
            _ = try? await publisher.deleteQueue(queue)
        }
        try? await publisher.deleteExchange(prefix)
        try? await publisher.deleteExchange("\(prefix).dlx")
        await publisher.close()
    }
}

/// A database of one test, on the test server.
struct TestDatabase {
    let name: String
    let url: String

    static func create() async throws -> TestDatabase {
        let name = uniqueTestName("e2e").replacingOccurrences(of: "-", with: "_")
        let admin = PostgresClient(
            configuration: try PostgresConfiguration(url: TestEnvironment.databaseURL, poolSize: 1), logger: quietLogger)
        // An identifier cannot be a bound parameter; `name` is made here of [a-z0-9_] only.
        try await admin.execute("CREATE DATABASE \(name)")
        await admin.close()
        guard let slash = TestEnvironment.databaseURL.range(of: "/", options: .backwards) else {
            throw EndToEndError("TEST_DATABASE_URL has no database path: \(TestEnvironment.databaseURL)")
        }
        return TestDatabase(name: name, url: TestEnvironment.databaseURL[..<slash.upperBound] + name)
    }

    func drop() async {
        guard let admin = try? PostgresClient(
            configuration: PostgresConfiguration(url: TestEnvironment.databaseURL, poolSize: 1), logger: quietLogger)
        else { return }
        try? await admin.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
        await admin.close()
    }
}

/// An end-to-end expectation that could not be met.
struct EndToEndError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Silent.
let quietLogger = Logger(label: "e2e-quiet", factory: { _ in SwiftLogNoOpLogHandler() })

/// The service's log lines at warning and above (E2E_LOG_LEVEL to see more), to stderr.
func testLogger() -> Logger {
    let level = ProcessInfo.processInfo.environment["E2E_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .error
    var logger = Logger(label: "e2e", factory: { StreamLogHandler.standardError(label: $0) })
    logger.logLevel = level
    return logger
}
