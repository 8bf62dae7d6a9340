import AMQP
import AutoResponderCore
import Foundation
import Logging
import Operations
import ServiceLifecycle
import Resilience

/// The dispatcher: polls the chats API's active list every `POLL_INTERVAL_MS` and publishes, with
/// publisher confirms, one job per conversation that needs work — a conversation not seen before, one
/// back in the active list, or an active one whose re-check time has come (it may have a new client
/// message). Its state lives in PostgreSQL (``DispatcherStore``), so restarts and several dispatchers
/// at once neither lose nor duplicate work. Stops between polls on graceful shutdown; the publisher,
/// the database and the HTTP client are services of their own, earlier in the same group.
public struct DispatcherService: Service {
    let chats: ChatsAPI
    let store: DispatcherStore
    let publisher: AMQPPublisher
    let topology: JobTopology
    let pollInterval: Duration
    let recheck: RecheckPolicy
    /// What other parts of the dispatcher tell the poll loop (the jobs queue's depth, pushed events).
    let signals: DispatcherSignals
    let logger: Logger
    /// When the last poll started (for `/healthz`).
    let lastPoll = Locked<ContinuousClock.Instant?>(nil)

    public func run() async throws {
        logger.info(
            "dispatcher polling",
            metadata: ["poll.interval": "\(pollInterval)", "recheck.first": "\(recheck.first)", "recheck.max": "\(recheck.maximum)"])
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            lastPoll.withLock { $0 = .now }
            await pollOnce()
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: pollInterval) }
        }
        lastPoll.withLock { $0 = nil }
        logger.info("dispatcher stopped")
    }

    /// One poll: the active list → due conversations → confirmed jobs. Failures are logged and the
    /// next poll tries again; conversations whose jobs were not confirmed are due again at once.
    func pollOnce() async {
        await Self.poll(
            chats: chats, store: store, publisher: publisher, topology: topology, recheck: recheck,
            backlog: signals.jobsBacklog, pushed: signals.isPushed(within: recheck.whilePushed), logger: logger)
    }

    /// ``pollOnce()`` over the seams that unit tests fake (``DispatcherSeams.swift``).
    /// - Parameters:
    ///   - backlog: jobs waiting in the jobs queue at the last sample, if known: above the policy's
    ///     limit, re-checks wait (they would pile up behind the jobs that will answer).
    ///   - pushed: events are being pushed: polling is a safety net.
    static func poll(
        chats: some ActiveConversationsSource, store: some DispatcherStoring, publisher: some JobPublishing,
        topology: JobTopology, recheck: RecheckPolicy, backlog: Int?, pushed: Bool, logger: Logger
    ) async {
        let active: [ConversationID]
        do {
            active = try await chats.activeConversations(logger: logger)
        } catch {
            logger.warning("could not read the active conversations", metadata: ["error": "\(error)"])
            return
        }
        let due: [DispatcherStore.Due]
        do {
            try await store.markInactive(except: active)
            let rechecks = (backlog ?? 0) <= recheck.backlogLimit
            if !rechecks { logger.debug("re-checks wait: the jobs queue is backed up", metadata: ["backlog": "\(backlog ?? 0)"]) }
            due = try await store.claimDue(active: active, policy: recheck, rechecks: rechecks, pushed: pushed)
        } catch {
            logger.warning("could not record the active conversations", metadata: ["error": "\(error)"])
            return
        }
        ServiceMetrics.activeConversations(active.count)
        guard !due.isEmpty else { return }
        let jobs = due.map {
            Job(
                conversationID: $0.conversationID.rawValue, reason: $0.isNew ? "new" : "recheck",
                fingerprint: $0.isNew ? nil : $0.fingerprint)
        }
        do {
            try await publisher.publish(try jobs.map { try topology.message(for: $0) })
            let new = jobs.count { $0.reason == "new" }
            if new > 0 { ServiceMetrics.jobsPublished(new, reason: "new") }
            if new < jobs.count { ServiceMetrics.jobsPublished(jobs.count - new, reason: "recheck") }
            for job in jobs where job.reason == "new" {
                logger.info(
                    "new conversation: job published",
                    metadata: ["conversation.id": "\(job.conversationID)", "job.id": "\(job.jobID)"])
            }
            logger.debug("jobs published", metadata: ["count": "\(jobs.count)"])
        } catch {
            logger.warning(
                "could not publish jobs; they are due again at the next poll",
                metadata: ["error": "\(error)", "count": "\(jobs.count)"])
            do {
                try await store.release(due.map(\.conversationID))
            } catch {
                logger.warning(
                    "could not release the conversations; they will be re-checked later",
                    metadata: ["error": "\(error)"])
            }
        }
    }
}

extension DispatcherService {
    /// What the dispatcher reports on its operations port.
    /// - Parameter pollStuckAfter: a poll running longer than this makes `/healthz` fail.
    func healthChecks(pollStuckAfter: Duration) -> HealthChecks {
        HealthChecks(
            liveness: [
                .progress("poll-loop", maximumSilence: pollStuckAfter) { [lastPoll] in lastPoll.withLock { $0 } },
                .amqpThread("amqp-publisher-thread") { [publisher] in publisher.status },
            ],
            readiness: [
                ReadinessCheck("rabbitmq") { [publisher] in
                    guard !publisher.status.isConnected else { return .ok }
                    do {
                        try await publisher.connect()  // connects at once when the broker is back
                        return .ok
                    } catch {
                        return .failing("\(error)")
                    }
                }
            ])
    }
}

extension DispatcherService: CustomStringConvertible {
    /// A short name for logs (swift-service-lifecycle prints its services).
    public var description: String { "DispatcherService(exchange: \(topology.exchange), poll: \(pollInterval))" }
}
