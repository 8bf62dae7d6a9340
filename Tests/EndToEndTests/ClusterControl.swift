import Foundation
import TestSupport

/// The three-node RabbitMQ cluster of scripts/cluster.sh (AMQP 5701-5703), for the cluster test.
enum ClusterControl {
    /// The AMQP port of node `n` (`CLUSTER_AMQP_BASE` + n).
    static func port(_ node: Int) -> Int {
        (ProcessInfo.processInfo.environment["CLUSTER_AMQP_BASE"].flatMap(Int.init) ?? 5700) + node
    }

    /// The service's AMQP_URL for the cluster: the three nodes, in order.
    static var amqpURL: String {
        "amqp://guest:guest@" + (1...3).map { "127.0.0.1:\(port($0))" }.joined(separator: ",") + "/%2f"
    }

    /// Starts the nodes that are not running and joins them (idempotent).
    static func start() async throws { try await script("start") }
    /// Stops node `n` cleanly (`rabbitmqctl stop`).
    static func stopNode(_ node: Int) async throws { try await script("stop-node", "\(node)") }
    /// Kills node `n` (SIGKILL), as in a crash.
    static func killNode(_ node: Int) async throws { try await script("kill-node", "\(node)") }
    /// Starts node `n` again; it rejoins the cluster.
    static func startNode(_ node: Int) async throws { try await script("start-node", "\(node)") }

    /// The queues whose names start with `prefix`: type, replicas (members) and leader.
    static func queues(prefix: String) throws -> [QueueInfo] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [scriptPath, "queues"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw EndToEndError("scripts/cluster.sh queues failed: is the cluster running?") }
        return try JSONDecoder().decode([QueueInfo].self, from: data).filter { $0.name.hasPrefix(prefix) }
    }

    /// One queue as `rabbitmqctl list_queues` sees it.
    struct QueueInfo: Decodable {
        let name: String
        let type: String
        let members: [String]?
        let leader: String?
    }

    private static var scriptPath: String {
        TestEnvironment.repositoryRoot.appendingPathComponent("scripts/cluster.sh").path
    }

    private static func script(_ arguments: String...) async throws {
        try await LocalServers.run(["/bin/bash", scriptPath] + arguments)
    }
}
