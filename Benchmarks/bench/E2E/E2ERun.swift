import Foundation
import HTTP
import Logging

/// One end-to-end run: a fresh service state, the simulator and the service started, every
/// conversation activated at once, measured until all are answered (and, in steady mode, over a
/// window with every conversation left open), then everything stopped.
///
/// Order of the samples, so that slow readers do not blur the figures: RabbitMQ's counters take
/// seconds to read (`rabbitmqctl eval`) and pg_stat_statements needs a psql connection, so they are
/// read before the CPU baseline (while nothing is active) and, at the end, after the CPU sample with
/// the service's processes paused (SIGSTOP), so that nothing the service does after the sample is counted.
struct E2ERun {
    let options: E2EOptions
    let logger: Logger

    func run() async throws -> E2EResult {
        let logDir = "\(options.outDir)/\(options.label)"
        try FileManager.default.createDirectory(atPath: logDir, withIntermediateDirectories: true)
        var machine = MachineInfo.current(swiftVersion: options.swiftVersion, commit: options.commit)
        var notes: [String] = []
        let postgres = PostgresProbe(ownerURL: options.databaseURL, serviceRole: options.serviceRole)
        let rabbit = RabbitMQProbe(rabbitmqctl: options.rabbitmqctl.split(separator: " ").map(String.init))

        let statementsProblem = postgres.enableStatementStatistics()
        if let statementsProblem { notes.append(statementsProblem) }
        progress("resetting the service's state (schema responder) and the broker objects \(options.amqpPrefix).*")
        let role = "\"\(options.serviceRole.replacingOccurrences(of: "\"", with: "\"\""))\""
        _ = try postgres.query(
            "set client_min_messages = warning; drop schema if exists responder cascade; create schema responder authorization \(role)")
        try rabbit.deleteTopology(prefix: options.amqpPrefix)
        let postgresPid = try options.postgresPid ?? postgres.postmasterPid()
        let rabbitmqPid = try options.rabbitmqPid ?? rabbit.pid()

        let client = HTTPClient(
            configuration: HTTPClientConfiguration(requestTimeout: .seconds(120), maxBodyBytes: 1 << 30), logger: logger)
        let system: E2ESystem
        do {
            system = try await E2ESystem.start(options, client: client, logDir: logDir)
        } catch {
            await client.shutdown()
            throw error
        }
        let sampler = E2ESampler(system: system, postgres: ProcessTreeCPU(pid: postgresPid), rabbitmq: ProcessTreeCPU(pid: rabbitmqPid))
        var result: E2EResult
        do {
            result = try await measure(system, sampler, postgres: postgres, rabbit: rabbit, statements: statementsProblem == nil, notes: &notes)
        } catch {
            await system.stop()
            await client.shutdown()
            throw error
        }
        progress("stopping the service and the simulator")
        await system.stop()
        await client.shutdown()
        do { try rabbit.deleteTopology(prefix: options.amqpPrefix) } catch { notes.append("deleting the broker objects: \(error)") }
        machine.loadAfter = loadAverages()
        result.machine = machine
        result.notes = notes
        return result
    }

    private func measure(
        _ system: E2ESystem, _ sampler: E2ESampler, postgres: PostgresProbe, rabbit: RabbitMQProbe, statements: Bool,
        notes: inout [String]
    ) async throws -> E2EResult {
        // Let start-up work settle (schema migration, first polls of an empty list).
        try await Task.sleep(for: .seconds(2))
        func readBroker() -> [String: Int]? {
            do { return try rabbit.counters() } catch {
                notes.append("RabbitMQ counters: \(error)")
                return nil
            }
        }
        func readStatements() -> [String: Int]? {
            guard statements else { return nil }
            do { return try postgres.statementCalls() } catch {
                notes.append("pg_stat_statements: \(error)")
                return nil
            }
        }
        if statements { try postgres.resetStatementStatistics() }
        let brokerStart = readBroker()
        let statementsStart = readStatements()
        var start = try await sampler.fastSnapshot()
        start.broker = brokerStart
        start.statements = statementsStart

        // Every conversation active at once.
        progress("activating \(options.conversations) conversations")
        try await system.simulatorProbe.configure(#"{"max_active": null, "initial_active": null}"#)
        let beforeReset = Date().timeIntervalSince1970
        try await system.simulatorProbe.reset()
        let activation = (beforeReset + Date().timeIntervalSince1970) / 2
        start.simulator = try await system.simulatorProbe.stats()  // counters start from the reset
        start.simulator.endpoints = [:]
        if start.simulator.activeConversations != options.conversations {
            notes.append("the world has \(start.simulator.activeConversations) active conversations, not \(options.conversations)")
        }
        let timeline = try await waitForFirstJob(system, since: activation)
        let complete = try await waitForAnswers(system, notes: &notes)

        var end: Snapshot
        var steady: SteadyWindow?
        if options.steadySeconds > 0, complete {
            try await waitForFollowUps(system, notes: &notes)
            if options.steadySettle > 0 {
                progress("settling: \(Int(options.steadySettle)) s with every conversation open and quiet")
                let settled = ContinuousClock.now + .milliseconds(Int64(options.steadySettle * 1000))
                while ContinuousClock.now < settled, system.exited.isEmpty {
                    try await Task.sleep(for: min(.seconds(1), settled - ContinuousClock.now))
                }
            }
            // The window's start: the slow counters first (nothing new is happening), then CPU.
            let brokerW0 = readBroker()
            let statementsW0 = readStatements()
            end = try await sampler.fastSnapshot()
            end.broker = brokerW0
            end.statements = statementsW0
            progress("steady window: \(Int(options.steadySeconds)) s with \(end.simulator.activeConversations) conversations open")
            let windowEnd = ContinuousClock.now + .milliseconds(Int64(options.steadySeconds * 1000))
            while ContinuousClock.now < windowEnd {
                if !system.exited.isEmpty { notes.append("exited during the steady window: \(system.exited.joined(separator: ", "))") }
                try await Task.sleep(for: min(.seconds(1), windowEnd - ContinuousClock.now))
            }
            var windowClose = try await sampler.fastSnapshot()
            system.pauseService(true)
            windowClose.statements = readStatements()
            windowClose.broker = readBroker()
            steady = SteadyWindow(
                costs: Costs(from: end, to: windowClose, conversations: end.simulator.activeConversations),
                openAtStart: end.simulator.activeConversations, openAtEnd: windowClose.simulator.activeConversations,
                clientMessagesInWindow: windowClose.simulator.followUpsWritten - end.simulator.followUpsWritten,
                followUps: nil, followUpsUnanswered: end.simulator.awaitingReply)
        } else {
            end = try await sampler.fastSnapshot()
            system.pauseService(true)
            end.statements = readStatements()
            end.broker = readBroker()
        }
        var peakRSS: [String: Int] = [:]
        for process in system.service + [system.simulator] {
            if let memory = residentMemory(pid: process.pid) { peakRSS[process.name] = memory.peakKB }
        }
        let sent = try await system.simulatorProbe.sent()
        system.pauseService(false)

        let replies = ReplyTimes(sent: sent, followUpDelay: options.followUpDelay)
        steady?.followUps = Percentiles(replies.followUpLatencies)
        let lastReply = replies.lastFirstReply
        let firstPoll = timeline.firstPoll
        let burstSpan = lastReply.flatMap { last in firstPoll.map { last - $0 } }
        return E2EResult(
            mode: options.steadySeconds > 0 ? "steady" : "burst", label: options.label, settings: settings,
            machine: MachineInfo.current(swiftVersion: "", commit: ""), complete: complete, answered: replies.answered,
            duplicateReplies: end.simulator.duplicateReplies, repliesToInactive: end.simulator.repliesToInactive,
            activationToFirstPoll: firstPoll.map { $0 - activation }, activationToFirstJob: timeline.firstJob.map { $0 - activation },
            activationToLastReply: lastReply.map { $0 - activation },
            conversationsPerSecond: burstSpan.map { Double(replies.answered) / max($0, 1e-6) },
            replyLatency: Percentiles(replies.firstReplies.map { $0 - activation }),
            burst: Costs(from: start, to: end, conversations: replies.answered), peakRSSKB: peakRSS, steady: steady, notes: [])
    }

    private var settings: E2ESettings {
        let environment = ProcessInfo.processInfo.environment
        return E2ESettings(
            conversations: options.conversations, workers: options.workers, concurrency: options.concurrency,
            latencyMs: options.latencyMs, jitterMs: options.jitterMs, closeAfter: options.closeAfter,
            followUpShare: options.followUpShare, followUpDelaySeconds: options.followUpDelay, steadySeconds: options.steadySeconds,
            steadySettleSeconds: options.steadySettle > 0 ? options.steadySettle : nil, push: options.push,
            recheckIntervalMs: environment["RECHECK_INTERVAL_MS"], pollIntervalMs: environment["POLL_INTERVAL_MS"],
            logLevel: environment["LOG_LEVEL"] ?? "info", world: options.world,
            servers: "PostgreSQL \(hostPort(options.databaseURL)), RabbitMQ \(hostPort(options.amqpURL))")
    }

    /// When the dispatcher first listed the conversations and a worker first asked for one (polled every 20 ms).
    private func waitForFirstJob(_ system: E2ESystem, since activation: Double) async throws -> (firstPoll: Double?, firstJob: Double?) {
        var firstPoll: Double?
        var firstJob: Double?
        let deadline = ContinuousClock.now + .seconds(60)
        while firstJob == nil, ContinuousClock.now < deadline {
            let stats = try await system.simulatorProbe.stats()
            let now = Date().timeIntervalSince1970
            if firstPoll == nil, stats.requests("conversations") > 0 { firstPoll = now }
            if stats.requests("conversation_info") > 0 {
                firstJob = now
                if firstPoll == nil { firstPoll = now }
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        return (firstPoll, firstJob)
    }

    /// Polls `/_sim/stats` every 250 ms until every conversation has an answer; false on time-out or
    /// when a process exits.
    private func waitForAnswers(_ system: E2ESystem, notes: inout [String]) async throws -> Bool {
        let deadline = ContinuousClock.now + .milliseconds(Int64(options.timeout * 1000))
        var lastReport = ContinuousClock.now
        var sent = SentLog()
        var progressAt = (count: 0, time: ContinuousClock.now)
        while true {
            // Conversations with an answering reply, from the replies recorded since the last look.
            try await sent.refresh(system.simulatorProbe)
            let answered = sent.answeredConversations
            if answered >= options.conversations { return true }
            if !system.exited.isEmpty {
                notes.append("\(system.exited.joined(separator: ", ")) exited before every conversation was answered")
                return false
            }
            if answered > progressAt.count { progressAt = (answered, ContinuousClock.now) }
            if ContinuousClock.now - progressAt.time > .seconds(120) {
                notes.append("no new answer for 120 s: \(answered)/\(options.conversations) answered")
                return false
            }
            if ContinuousClock.now >= deadline {
                notes.append("time limit of \(Int(options.timeout)) s reached with \(answered)/\(options.conversations) answered")
                return false
            }
            if ContinuousClock.now - lastReport > .seconds(5) {
                progress("\(answered)/\(options.conversations) answered")
                lastReport = ContinuousClock.now
            }
            try await Task.sleep(for: .milliseconds(250))
        }
    }

    /// Steady mode: waits until every follow-up due has been written and answered.
    private func waitForFollowUps(_ system: E2ESystem, notes: inout [String]) async throws {
        guard options.followUpShare > 0 else { return }
        let sent = try await system.simulatorProbe.sent()
        let lastFirst = ReplyTimes(sent: sent, followUpDelay: options.followUpDelay).lastFirstReply ?? Date().timeIntervalSince1970
        let due = lastFirst + options.followUpDelay + 0.5
        progress("waiting for the follow-ups (the last one is written \(String(format: "%.1f", max(0, due - Date().timeIntervalSince1970))) s from now) to be answered")
        let deadline = ContinuousClock.now + .milliseconds(Int64(options.timeout * 1000))
        while true {
            let stats = try await system.simulatorProbe.stats()
            if Date().timeIntervalSince1970 >= due, stats.awaitingReply == 0 { return }
            if ContinuousClock.now >= deadline || !system.exited.isEmpty {
                notes.append("follow-ups: \(stats.awaitingReply) still unanswered when the steady window started")
                return
            }
            try await Task.sleep(for: .milliseconds(250))
        }
    }
}

/// `host:port` of a URL, without credentials, path or query.
func hostPort(_ url: String) -> String {
    var rest = Substring(url)
    if let scheme = rest.range(of: "://") { rest = rest[scheme.upperBound...] }
    if let slash = rest.firstIndex(of: "/") { rest = rest[..<slash] }
    if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
    return String(rest)
}

/// The simulator's record of replies, fetched a piece at a time (`/_sim/sent?since=`).
struct SentLog {
    private(set) var messages: [SimSent] = []
    private var answered: Set<String> = []

    mutating func refresh(_ probe: SimulatorProbe) async throws {
        let new = try await probe.sent(since: messages.count)
        messages += new
        for message in new where !message.duplicate { answered.insert(message.conversationId) }
    }

    /// Conversations with at least one reply that answered a waiting client message.
    var answeredConversations: Int { answered.count }
}

/// Reply times from `/_sim/sent`: each conversation's first answering reply, and the follow-ups.
struct ReplyTimes {
    /// `at` of each conversation's first reply that answered a waiting client message.
    var firstReplies: [Double] = []
    /// A follow-up's creation (first reply + delay) to its reply, seconds.
    var followUpLatencies: [Double] = []

    init(sent: [SimSent], followUpDelay: Double) {
        var first: [String: Double] = [:]
        var answeredFollowUp: Set<String> = []
        for message in sent.sorted(by: { $0.sequence < $1.sequence }) where !message.duplicate {
            if let firstAt = first[message.conversationId] {
                // The second answering reply of a conversation answers its follow-up, written
                // exactly `followUpDelay` after the first reply (the simulator schedules it so).
                if answeredFollowUp.insert(message.conversationId).inserted {
                    followUpLatencies.append(message.at - (firstAt + followUpDelay))
                }
            } else {
                first[message.conversationId] = message.at
            }
        }
        firstReplies = Array(first.values)
    }

    var answered: Int { firstReplies.count }
    var lastFirstReply: Double? { firstReplies.max() }
}
