#if canImport(Glibc)
import Glibc
#endif
import Foundation
import TestSupport

/// The local RabbitMQ for the disruptive tests: stop, start and restart through `LocalServers`, and
/// freezing it or raising an alarm.
enum BrokerControl {
    static func stop() async throws { try await LocalServers.stop(.rabbitmq) }
    static func start() async throws { try await LocalServers.start(.rabbitmq) }
    static func restart() async throws { try await LocalServers.restart(.rabbitmq) }

    /// Freezes the broker (SIGSTOP): its sockets stay open but it answers nothing, as behind a
    /// network partition. Always ``resume()`` it.
    static func pause() throws { try signal(SIGSTOP) }
    /// Unfreezes the broker (SIGCONT).
    static func resume() throws { try signal(SIGCONT) }

    private static func signal(_ signal: Int32) throws {
        let pidFile = TestEnvironment.repositoryRoot.appendingPathComponent(".run/rabbitmq/rabbitmq.pid")
        let text = try String(contentsOf: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let pid = pid_t(text), kill(pid, signal) == 0 else {
            throw BrokerControlError(message: "cannot signal the broker (pid file \(pidFile.path): '\(text)')")
        }
    }

    /// Runs `rabbitmqctl` against the local node (e.g. to raise a memory alarm).
    static func rabbitmqctl(_ arguments: String...) async throws {
        let port = ProcessInfo.processInfo.environment["LOCAL_AMQP_PORT"] ?? "5682"
        let home = TestEnvironment.repositoryRoot.appendingPathComponent(".run/rabbitmq/home").path
        try await LocalServers.run(
            ["/usr/bin/env", "HOME=\(home)", "/usr/lib/rabbitmq/bin/rabbitmqctl", "-q", "-n", "autoresponder-\(port)@localhost"]
                + arguments)
    }
}

/// The broker could not be signalled.
struct BrokerControlError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
