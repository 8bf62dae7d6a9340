import Foundation

/// Where the integration tests find the real servers that `make test` starts (scripts/servers.sh).
/// Addresses come from the environment, with the project's local defaults.
public enum TestEnvironment {
    /// RabbitMQ started by scripts/servers.sh (`TEST_AMQP_URL`, then `AMQP_URL`).
    public static var amqpURL: String {
        env("TEST_AMQP_URL") ?? env("AMQP_URL") ?? "amqp://guest:guest@127.0.0.1:5682/%2f"
    }

    /// A database for tests only (`TEST_DATABASE_URL`); tests may create and drop tables in it.
    public static var databaseURL: String {
        env("TEST_DATABASE_URL") ?? "postgresql://postgres@127.0.0.1:5442/autoresponder_test"
    }

    /// The repository's root folder (for scripts/, config/, db/).
    public static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // TestSupport.swift
            .deletingLastPathComponent()  // TestSupport
            .deletingLastPathComponent()  // Tests
    }

    /// The original data set of the assignment (`../shared/data/original` beside the repository,
    /// or `ORIGINAL_DATA_DIR`).
    public static var originalDataDirectory: URL {
        if let dir = env("ORIGINAL_DATA_DIR") { return URL(fileURLWithPath: dir) }
        return repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/data/original")
    }

    private static func env(_ name: String) -> String? {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else { return nil }
        return value
    }
}

/// A name no other test (or earlier run) uses: for queues, exchanges and tables.
public func uniqueTestName(_ prefix: String) -> String {
    "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())"
}

/// Stops, starts and restarts the local servers through scripts/servers.sh.
/// Only tests in suites whose name ends in `DisruptiveTests` may call these: `make test` runs those
/// suites alone, after the others, so a restart never breaks a test that is running beside it.
///
/// The wait is a termination handler resuming a continuation (no cooperative thread blocks).
/// scripts/servers.sh closes the descriptors it inherits before starting a daemon: Foundation's
/// `Process` on Linux learns that a child exited when a socket it passes down closes, and a daemon
/// holding that socket would make the wait endless.
public enum LocalServers {
    /// A server that scripts/servers.sh manages.
    public enum Server: String, Sendable { case rabbitmq, postgres }

    /// Stops the server (by pid) and waits until it is gone.
    public static func stop(_ server: Server) async throws { try await run("stop", server) }
    /// Starts the server (idempotent) and waits until it accepts connections.
    public static func start(_ server: Server) async throws { try await run("start", server) }
    /// Stops and starts the server.
    public static func restart(_ server: Server) async throws { try await run("restart", server) }

    private static func run(_ verb: String, _ server: Server) async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [
            TestEnvironment.repositoryRoot.appendingPathComponent("scripts/servers.sh").path, verb,
            server.rawValue,
        ]
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { process in continuation.resume(returning: process.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        guard status == 0 else {
            throw LocalServerError(message: "scripts/servers.sh \(verb) \(server.rawValue) exited \(status)")
        }
    }
}

/// A local server could not be started or stopped.
public struct LocalServerError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
