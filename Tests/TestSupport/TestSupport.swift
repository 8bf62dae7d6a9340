#if canImport(Glibc)
import Glibc
#endif
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

    /// The original data set of the assignment (`db/worlds/original/source` in the repository,
    /// or `ORIGINAL_DATA_DIR`).
    public static var originalDataDirectory: URL {
        if let dir = env("ORIGINAL_DATA_DIR") { return URL(fileURLWithPath: dir) }
        return repositoryRoot.appendingPathComponent("db/worlds/original/source")
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
public enum LocalServers {
    /// A server that scripts/servers.sh manages.
    public enum Server: String, Sendable { case rabbitmq, postgres }

    /// Stops the server (by pid) and waits until it is gone.
    public static func stop(_ server: Server) async throws { try await script("stop", server) }
    /// Starts the server (idempotent) and waits until it accepts connections.
    public static func start(_ server: Server) async throws { try await script("start", server) }
    /// Stops and starts the server.
    public static func restart(_ server: Server) async throws { try await script("restart", server) }

    /// Stalls PostgreSQL without stopping it: SIGSTOP of the postmaster and its children (its kernel still
    /// accepts connections and acknowledges data, nothing answers). A watchdog resumes it after `limit`
    /// even if this process dies first. Prefer ``whilePaused(_:atMost:_:)``, which always resumes it.
    public static func pause(_ server: Server, atMost limit: Duration) async throws {
        let seconds = max(1, limit.components.seconds)
        try await script("pause", server, "\(seconds)")
    }

    /// Resumes (SIGCONT) a server that ``pause(_:atMost:)`` stalled.
    public static func resume(_ server: Server) async throws { try await script("resume", server) }

    /// Runs `body` while the server is paused (see ``pause(_:atMost:)``), and resumes the server when
    /// `body` ends, whether it returns or throws.
    public static func whilePaused<T>(
        _ server: Server, atMost limit: Duration, _ body: () async throws -> T
    ) async throws -> T {
        try await pause(server, atMost: limit)
        let result: Result<T, any Error>
        do {
            result = .success(try await body())
        } catch {
            result = .failure(error)
        }
        try await resume(server)
        return try result.get()
    }

    private static func script(_ verb: String, _ server: Server, _ extra: String...) async throws {
        let path = TestEnvironment.repositoryRoot.appendingPathComponent("scripts/servers.sh").path
        try await run(["/bin/bash", path, verb, server.rawValue] + extra)
    }

    /// Runs a command to its end and throws unless it exits 0.
    ///
    /// Not Foundation's `Process`: on Linux it learns that a child exited when a socket handed to the
    /// child closes, and a daemon started by the command (the broker, the database) would hold that
    /// socket for its whole life. Here the command runs through `posix_spawn` with every descriptor above
    /// stderr closed first, and `waitpid` waits on a thread of its own (no cooperative thread blocks).
    public static func run(_ command: [String]) async throws {
        let closeAndRun =
            #"for fd in /proc/$$/fd/*; do n=${fd##*/}; [ "$n" -gt 2 ] && eval "exec $n>&-"; done 2>/dev/null; exec "$0" "$@""#
        let arguments = ["/bin/bash", "-c", closeAndRun] + command
        let what = command.joined(separator: " ")
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
            defer { for pointer in argv { free(pointer) } }
            var pid: pid_t = 0
            let spawned = posix_spawn(&pid, "/bin/bash", nil, nil, &argv, environ)
            guard spawned == 0 else {
                continuation.resume(throwing: LocalServerError(message: "posix_spawn of \(what) failed: \(spawned)"))
                return
            }
            let child = pid
            let waiter = Thread {
                var status: Int32 = 0
                while waitpid(child, &status, 0) == -1 && errno == EINTR {}
                continuation.resume(returning: status)
            }
            waiter.start()
        }
        guard status == 0 else {
            throw LocalServerError(message: "\(what) failed (wait status \(status))")
        }
    }
}

/// A local server could not be started or stopped.
public struct LocalServerError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

/// A TCP port of 127.0.0.1 that nothing listened on a moment ago (bind to port 0, read it, close).
/// Another process could take it in between; tests use it for servers they start at once.
public func freeLocalPort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw LocalServerError(message: "socket() failed: errno \(errno)") }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
            bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
        }
    }
    guard bound else { throw LocalServerError(message: "bind() to a free port failed: errno \(errno)") }
    return Int(UInt16(bigEndian: address.sin_port))
}
