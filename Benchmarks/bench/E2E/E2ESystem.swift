import Foundation
import HTTP

#if canImport(Glibc)
    import Glibc
#endif

/// The processes of one run: the API simulator, a dispatcher and the workers, each with its own
/// operations port, all on the run's `AMQP_PREFIX`.
struct E2ESystem: Sendable {
    let simulator: ChildProcess
    let simulatorProbe: SimulatorProbe
    /// The dispatcher first, then `worker-1` … `worker-W`.
    let service: [ChildProcess]
    let ops: [String: OpsProbe]

    /// Starts the simulator (no conversation active yet: `max_active` 0 until the activation) and the service, and waits until every
    /// service process is ready (`/readyz`).
    static func start(_ options: E2EOptions, client: HTTPClient, logDir: String) async throws -> E2ESystem {
        let bin = try options.bin ?? executableDirectory()
        let token = "bench-e2e-token"
        let environment = ProcessInfo.processInfo.environment

        let simPort = try freeLocalPort()
        let simURL = "http://127.0.0.1:\(simPort)"
        progress("starting apisim on \(simURL) with \(options.world)")
        let simulator = try ChildProcess(
            name: "apisim", executable: "\(bin)/apisim",
            arguments: [
                "--host", "127.0.0.1", "--port", "\(simPort)", "--world", options.world, "--token", token,
                "--latency-ms", "\(options.latencyMs)", "--jitter-ms", "\(options.jitterMs)", "--max-active", "0",
                "--close-after-seconds", options.closeAfter, "--follow-up-share", "\(options.followUpShare)",
                "--follow-up-delay-seconds", "\(options.followUpDelay)", "--log-level", "warning",
            ],
            environment: environment, logPath: "\(logDir)/apisim.log")
        let probe = SimulatorProbe(client: client, baseURL: simURL)
        try await waitUntil("apisim answers", timeout: .seconds(180), processes: [simulator]) { await probe.isUp() }

        var common = environment
        common["AMQP_URL"] = options.amqpURL
        common["DATABASE_URL"] = options.serviceDatabaseURL
        for api in ["CHATS_API_URL", "LOGISTICS_API_URL", "TELECOM_API_URL"] { common[api] = simURL }
        common["API_TOKEN"] = token
        common["CONFIG_DIR"] = options.configDir
        common["WORKER_CONCURRENCY"] = "\(options.concurrency)"
        common["AMQP_PREFIX"] = options.amqpPrefix
        common["OPS_HOST"] = "127.0.0.1"
        common["LOG_LEVEL"] = environment["LOG_LEVEL"] ?? "info"

        // Pushed events: the dispatcher listens on a port of its own; the simulator is told where.
        let eventsSecret = "bench-e2e-events-secret"
        let eventsPort = options.push ? try freeLocalPort() : nil
        if let eventsPort {
            try await probe.configure(
                #"{"push_events_url": "http://127.0.0.1:\#(eventsPort)/events", "push_events_secret": "\#(eventsSecret)"}"#)
        }

        var service: [ChildProcess] = []
        var ops: [String: OpsProbe] = [:]
        func launch(_ name: String, _ executable: String) throws {
            let port = try freeLocalPort()
            var env = common
            env["OPS_PORT"] = "\(port)"
            env["INSTANCE_ID"] = "bench-\(name)"
            if name == "dispatcher", let eventsPort {
                env["EVENTS_PORT"] = "\(eventsPort)"
                env["EVENTS_SECRET"] = eventsSecret
            }
            service.append(try ChildProcess(
                name: name, executable: "\(bin)/\(executable)", arguments: [], environment: env, logPath: "\(logDir)/\(name).log"))
            ops[name] = OpsProbe(client: client, port: port)
        }
        progress("starting a dispatcher and \(options.workers) worker(s), WORKER_CONCURRENCY=\(options.concurrency), AMQP_PREFIX=\(options.amqpPrefix)")
        do {
            try launch("dispatcher", "dispatcher")
            for index in 1...options.workers { try launch("worker-\(index)", "worker") }
            let probes = Array(ops.values)
            try await waitUntil("the service is ready (/readyz)", timeout: .seconds(180), processes: service + [simulator]) {
                for probe in probes where !(await probe.isReady()) { return false }
                return true
            }
        } catch {
            for process in service { await process.stop(grace: .seconds(10)) }
            await simulator.stop()
            throw error
        }
        return E2ESystem(simulator: simulator, simulatorProbe: probe, service: service, ops: ops)
    }

    /// Every service process's `/metrics`, summed by series.
    func serviceMetrics() async -> [String: Double] {
        var total: [String: Double] = [:]
        for probe in ops.values {
            for (key, value) in await probe.metrics() { total[key, default: 0] += value }
        }
        return total
    }

    /// Names of the service processes that are no longer running.
    var exited: [String] { (service + [simulator]).filter { !$0.isRunning }.map(\.name) }

    /// Stops (SIGSTOP) or resumes (SIGCONT) the service's processes.
    func pauseService(_ pause: Bool) {
        for process in service { process.signal(pause ? SIGSTOP : SIGCONT) }
    }

    /// SIGTERM to the workers and the dispatcher (they finish what is in flight), then the simulator.
    func stop() async {
        for process in service.reversed() { process.signal(SIGCONT) }
        await withTaskGroup(of: Void.self) { group in
            for process in service { group.addTask { await process.stop() } }
        }
        await simulator.stop(grace: .seconds(10))
    }
}

/// The directory of the running executable (`/proc/self/exe`).
func executableDirectory() throws -> String {
    let path = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
    return URL(fileURLWithPath: path).deletingLastPathComponent().path
}

/// Polls `condition` every 200 ms until it holds; throws after `timeout` or when one of `processes` exits.
func waitUntil(
    _ what: String, timeout: Duration, processes: [ChildProcess], _ condition: () async -> Bool
) async throws {
    let deadline = ContinuousClock.now + timeout
    while !(await condition()) {
        if let dead = processes.first(where: { !$0.isRunning }) {
            throw BenchError("\(dead.name) exited while waiting until \(what); its log (\(dead.logPath)) ends with:\n\(dead.logTail())")
        }
        guard ContinuousClock.now < deadline else { throw BenchError("timed out waiting until \(what)") }
        try await Task.sleep(for: .milliseconds(200))
    }
}
