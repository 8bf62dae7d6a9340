import Foundation

/// The outcome of one end-to-end run (`bench e2e`), as written to its JSON file and read back by
/// `bench e2e-report`.
struct E2EResult: Codable, Sendable {
    /// `burst` (every conversation active at once, until all are answered) or `steady` (then a
    /// window with every conversation left open).
    var mode: String
    /// The run's name (file names, tables).
    var label: String
    var settings: E2ESettings
    var machine: MachineInfo
    /// Whether every conversation was answered within the time limit.
    var complete: Bool
    /// Conversations with at least one reply that answered a waiting client message.
    var answered: Int
    /// Replies posted when no client message was waiting (a second reply to the same message).
    var duplicateReplies: Int
    /// Replies posted to conversations that were not on the active list.
    var repliesToInactive: Int
    /// Seconds from the activation of the conversations (`POST /_sim/reset`) to the dispatcher's
    /// first `/conversations` call that listed them, as seen by polling `/_sim/stats` every 20 ms.
    var activationToFirstPoll: Double?
    /// … to the first `/conversation_info` call (a worker started on a job).
    var activationToFirstJob: Double?
    /// … to the last first reply (the chats API receiving it).
    var activationToLastReply: Double?
    /// Answered conversations ÷ (last first reply − the dispatcher's first poll).
    var conversationsPerSecond: Double?
    /// From the activation to the chats API receiving the conversation's first reply, in seconds.
    var replyLatency: Percentiles?
    /// Costs from just before the activation to the moment every conversation was answered (burst),
    /// or to the start of the steady window (steady: first replies and follow-ups).
    var burst: Costs
    /// Peak resident memory (`VmHWM`, kB) per process, read just before stopping it.
    var peakRSSKB: [String: Int]
    /// The steady window (steady mode only).
    var steady: SteadyWindow?
    /// What went wrong or could not be measured.
    var notes: [String]
}

/// The conditions of a run.
struct E2ESettings: Codable, Sendable {
    var conversations: Int
    var workers: Int
    var concurrency: Int
    var latencyMs: Int
    var jitterMs: Int
    /// The simulator's `close_after_seconds` (`never` or seconds).
    var closeAfter: String
    var followUpShare: Double
    var followUpDelaySeconds: Double
    var steadySeconds: Double
    /// Seconds between the last follow-up's reply and the window's start (absent in older results: 0).
    var steadySettleSeconds: Double?
    /// Whether the simulator pushed events to the dispatcher (`--push`).
    var push: Bool?
    /// `RECHECK_INTERVAL_MS` and `POLL_INTERVAL_MS` of the service when set in the environment (else its defaults).
    var recheckIntervalMs: String?
    var pollIntervalMs: String?
    var logLevel: String
    var world: String
    /// Where PostgreSQL and RabbitMQ listened (host:port, no credentials).
    var servers: String?
}

/// Where and when a run happened.
struct MachineInfo: Codable, Sendable {
    var cores: Int
    var cpuModel: String
    var memoryMB: Int
    var kernel: String
    var swiftVersion: String
    var commit: String
    var date: String
    /// `/proc/loadavg` (1, 5, 15 min) at the start and the end of the run.
    var loadBefore: String
    var loadAfter: String

    /// This machine now (the Swift version and the commit are given by the caller).
    static func current(swiftVersion: String, commit: String) -> MachineInfo {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let model = cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }
            .flatMap { $0.split(separator: ":", maxSplits: 1).last }.map { $0.trimmingCharacters(in: .whitespaces) } ?? "unknown"
        let meminfo = (try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8)) ?? ""
        let memoryKB = meminfo.split(separator: "\n").first { $0.hasPrefix("MemTotal:") }
            .flatMap { $0.split(separator: " ").dropFirst().first }.flatMap { Int($0) } ?? 0
        let kernel = ((try? String(contentsOfFile: "/proc/sys/kernel/osrelease", encoding: .utf8)) ?? "unknown")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let date = ISO8601DateFormatter().string(from: Date())
        return MachineInfo(
            cores: Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))), cpuModel: model, memoryMB: memoryKB / 1024, kernel: kernel,
            swiftVersion: swiftVersion, commit: commit, date: date, loadBefore: loadAverages(), loadAfter: "")
    }
}

/// p50 / p95 / p99 / max of a list of seconds (nearest rank).
struct Percentiles: Codable, Sendable {
    var count: Int
    var p50: Double
    var p95: Double
    var p99: Double
    var max: Double

    init?(_ values: [Double]) {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        func rank(_ q: Double) -> Double { sorted[Swift.max(0, Int((q * Double(sorted.count)).rounded(.up)) - 1)] }
        count = sorted.count
        p50 = rank(0.50)
        p95 = rank(0.95)
        p99 = rank(0.99)
        max = sorted[sorted.count - 1]
    }
}

/// What a stretch of time cost, everything as totals (divide by `conversations` for per-conversation figures).
struct Costs: Codable, Sendable {
    /// Wall seconds between the two samples.
    var seconds: Double
    /// The divisor of the per-conversation figures: answered conversations (burst) or open ones (steady).
    var conversations: Int
    /// CPU ms (utime + stime, all threads) per service process (`dispatcher`, `worker-1`, …).
    var serviceCPUMs: [String: Double]
    /// CPU ms of PostgreSQL's postmaster and all its descendants (backends that came and went included).
    var postgresCPUMs: Double?
    /// CPU ms of RabbitMQ (beam.smp and its descendants).
    var rabbitmqCPUMs: Double?
    /// CPU ms of the API simulator (not the service; for scale).
    var apisimCPUMs: Double?
    /// CPU ms the whole machine was busy (all cores) and could have been (cores × wall time).
    var machineBusyMs: Double?
    var machineTotalMs: Double?
    /// Requests the simulator received, per endpoint.
    var upstreamRequests: [String: Int]
    /// Calls per statement of the service's role (pg_stat_statements; nil when not available).
    var statements: [String: Int]?
    /// RabbitMQ's global counters over the stretch (nil when not available).
    var broker: [String: Int]?
    /// The service's own counters over the stretch (`/metrics`: jobs published by reason, consumed, outcomes).
    var serviceCounters: [String: Double]

    var serviceCPUTotalMs: Double { serviceCPUMs.values.reduce(0, +) }
    /// CPU ms of every other process of the machine (other sessions' builds and tests, the
    /// benchmark itself): the machine's busy time minus the measured processes'.
    var otherCPUMs: Double? {
        guard let machineBusyMs else { return nil }
        return max(0, machineBusyMs - serviceCPUTotalMs - (postgresCPUMs ?? 0) - (rabbitmqCPUMs ?? 0) - (apisimCPUMs ?? 0))
    }
    /// "busy 93 % of 2 cores, of which other processes 12 %".
    var machineLoadText: String {
        guard let machineBusyMs, let machineTotalMs, machineTotalMs > 0, let other = otherCPUMs else { return "–" }
        return String(format: "machine busy %.0f %%, other processes %.0f %% (of all cores over the %.1f s)",
            machineBusyMs / machineTotalMs * 100, other / machineTotalMs * 100, seconds)
    }
    var upstreamTotal: Int { upstreamRequests.values.reduce(0, +) }
    var statementsTotal: Int? { statements.map { $0.values.reduce(0, +) } }
    /// Messages published to the broker (received by it).
    var brokerPublished: Int? { broker?["messages_received_total"] }
    /// `total / conversations`.
    func per(_ total: Double) -> Double { conversations > 0 ? total / Double(conversations) : .nan }
}

/// The steady window of a long-lived run.
struct SteadyWindow: Codable, Sendable {
    /// Costs over the window; `conversations` = open conversations.
    var costs: Costs
    /// Conversations on the active list at the start and the end of the window.
    var openAtStart: Int
    var openAtEnd: Int
    /// Client messages written during the window (should be 0: nothing new).
    var clientMessagesInWindow: Int
    /// Follow-ups answered, and the time from a follow-up's creation to its reply (seconds).
    var followUps: Percentiles?
    /// Follow-ups written but not answered when the window started.
    var followUpsUnanswered: Int

    /// `total` per open conversation per minute.
    func perConversationMinute(_ total: Double) -> Double {
        costs.per(total) * 60 / max(costs.seconds, 1e-9)
    }
}
