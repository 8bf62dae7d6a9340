#if canImport(Glibc)
import Glibc
#endif
import Foundation
import TestSupport

/// Stops, starts and restarts the local RabbitMQ through scripts/servers.sh, like
/// `LocalServers` — which cannot be used for starting it yet: Foundation's `Process` learns that a
/// child exited when a socket it hands to the child closes, and the broker that `servers.sh start`
/// leaves running inherits that socket, so `waitUntilExit()` hangs until the broker stops.
/// This spawns the script with `posix_spawn`, closes every descriptor above 2 before the script
/// runs (the broker must not hold the test runner's pipes either), and waits with `waitpid`.
enum BrokerControl {
    static func stop() throws { try run("stop") }
    static func start() throws { try run("start") }
    static func restart() throws { try run("restart") }

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
    static func rabbitmqctl(_ arguments: String...) throws {
        let port = ProcessInfo.processInfo.environment["LOCAL_AMQP_PORT"] ?? "5682"
        let home = TestEnvironment.repositoryRoot.appendingPathComponent(".run/rabbitmq/home").path
        try spawn(
            ["/usr/bin/env", "HOME=\(home)", "/usr/lib/rabbitmq/bin/rabbitmqctl", "-q", "-n", "autoresponder-\(port)@localhost"]
                + arguments, "rabbitmqctl \(arguments.joined(separator: " "))")
    }

    private static func run(_ verb: String) throws {
        let script = TestEnvironment.repositoryRoot.appendingPathComponent("scripts/servers.sh").path
        try spawn(["/bin/bash", script, verb, "rabbitmq"], "scripts/servers.sh \(verb) rabbitmq")
    }

    private static func spawn(_ command: [String], _ what: String) throws {
        let closeAndRun = #"for fd in /proc/$$/fd/*; do n=${fd##*/}; [ "$n" -gt 2 ] && eval "exec $n>&-"; done 2>/dev/null; exec "$0" "$@""#
        let arguments = ["/bin/bash", "-c", closeAndRun] + command
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/bash", nil, nil, &argv, environ)
        guard spawned == 0 else { throw BrokerControlError(message: "posix_spawn failed: \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        guard status == 0 else {
            throw BrokerControlError(message: "\(what) failed (wait status \(status))")
        }
    }
}

/// scripts/servers.sh failed.
struct BrokerControlError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
