import Foundation

/// CPU time of every measured process at one instant.
struct CPUSample: Sendable {
    var service: [String: Duration]
    var postgres: Duration?
    var rabbitmq: Duration?
    var apisim: Duration?
    /// The whole machine (all cores): busy and total CPU time.
    var machine: (busy: Duration, total: Duration)?
    /// Wall clock, Unix seconds.
    var at: Double
}

/// Everything counted at one instant (the slow counters, pg_stat_statements and RabbitMQ's, are read
/// while the service is paused or idle; see `E2ERun`).
struct Snapshot: Sendable {
    var cpu: CPUSample
    var simulator: SimStats
    var metrics: [String: Double]
    var statements: [String: Int]?
    var broker: [String: Int]?
}

/// Reads CPU times from /proc: the service's processes one by one, the servers as process trees.
struct E2ESampler: Sendable {
    let system: E2ESystem
    let postgres: ProcessTreeCPU
    let rabbitmq: ProcessTreeCPU

    func cpu() -> CPUSample {
        var service: [String: Duration] = [:]
        for process in system.service { service[process.name] = processCPU(pid: process.pid) ?? .zero }
        return CPUSample(
            service: service, postgres: postgres.sample(), rabbitmq: rabbitmq.sample(),
            apisim: processCPU(pid: system.simulator.pid), machine: machineCPU(), at: Date().timeIntervalSince1970)
    }

    /// CPU, the simulator's counters and the service's metrics, now (the fast part of a snapshot).
    func fastSnapshot() async throws -> Snapshot {
        let cpu = self.cpu()
        let simulator = try await system.simulatorProbe.stats()
        let metrics = await system.serviceMetrics()
        return Snapshot(cpu: cpu, simulator: simulator, metrics: metrics, statements: nil, broker: nil)
    }
}

extension Costs {
    /// The costs between two snapshots, divided among `conversations`.
    init(from start: Snapshot, to end: Snapshot, conversations: Int) {
        func ms(_ a: Duration?, _ b: Duration?) -> Double? {
            guard let a, let b else { return nil }
            return (b - a).seconds * 1000
        }
        var service: [String: Double] = [:]
        for (name, cpu) in end.cpu.service { service[name] = ms(start.cpu.service[name] ?? .zero, cpu) }
        var upstream: [String: Int] = [:]
        for (endpoint, counters) in end.simulator.endpoints {
            upstream[endpoint] = counters.requests - start.simulator.requests(endpoint)
        }
        func difference(_ a: [String: Int]?, _ b: [String: Int]?) -> [String: Int]? {
            guard let a, let b else { return nil }
            var result: [String: Int] = [:]
            for (key, value) in b where value - (a[key] ?? 0) != 0 { result[key] = value - (a[key] ?? 0) }
            return result
        }
        var counters: [String: Double] = [
            "jobs published (new)": end.metrics.total("autoresponder_dispatcher_jobs_published_total", [#"reason="new""#])
                - start.metrics.total("autoresponder_dispatcher_jobs_published_total", [#"reason="new""#]),
            "jobs published (recheck)": end.metrics.total("autoresponder_dispatcher_jobs_published_total", [#"reason="recheck""#])
                - start.metrics.total("autoresponder_dispatcher_jobs_published_total", [#"reason="recheck""#]),
            "jobs consumed": end.metrics.total("autoresponder_jobs_consumed_total")
                - start.metrics.total("autoresponder_jobs_consumed_total"),
            "replies sent": end.metrics.total("autoresponder_replies_sent_total")
                - start.metrics.total("autoresponder_replies_sent_total"),
        ]
        for outcome in Self.outcomes(in: end.metrics) {
            let label = #"outcome="\#(outcome)""#
            counters["jobs \(outcome)"] = end.metrics.total("autoresponder_jobs_total", [label])
                - start.metrics.total("autoresponder_jobs_total", [label])
        }
        let queued = end.metrics.total("autoresponder_dispatcher_jobs_published_total")
            - end.metrics.total("autoresponder_jobs_consumed_total")
        counters["jobs left in the queue at the end"] = max(0, queued)
        var machineBusy: Double?
        var machineTotal: Double?
        if let a = start.cpu.machine, let b = end.cpu.machine {
            machineBusy = (b.busy - a.busy).seconds * 1000
            machineTotal = (b.total - a.total).seconds * 1000
        }
        self.init(
            seconds: end.cpu.at - start.cpu.at, conversations: conversations, serviceCPUMs: service,
            postgresCPUMs: ms(start.cpu.postgres, end.cpu.postgres), rabbitmqCPUMs: ms(start.cpu.rabbitmq, end.cpu.rabbitmq),
            apisimCPUMs: ms(start.cpu.apisim, end.cpu.apisim), machineBusyMs: machineBusy, machineTotalMs: machineTotal,
            upstreamRequests: upstream,
            statements: difference(start.statements, end.statements), broker: difference(start.broker, end.broker),
            serviceCounters: counters)
    }

    /// The `outcome` labels of `autoresponder_jobs_total` present in these metrics.
    private static func outcomes(in metrics: [String: Double]) -> Set<String> {
        var outcomes: Set<String> = []
        for key in metrics.keys where key.hasPrefix("autoresponder_jobs_total{") {
            guard let range = key.range(of: #"outcome=""#) else { continue }
            let rest = key[range.upperBound...]
            if let quote = rest.firstIndex(of: "\"") { outcomes.insert(String(rest[..<quote])) }
        }
        return outcomes
    }
}
