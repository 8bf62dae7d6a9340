import AutoResponderCore
import Foundation
import Logging
import PostgreSQL
import Resilience

extension JobProcessor {
    /// Records the failure for the conversation's latest client message and applies the retry policy:
    /// try again after a rung of the ladder (deferrals are not counted), or park the conversation once
    /// upstream failures outlast `RETRY_BUDGET_MS` or persistent ones reach `JOB_MAX_ATTEMPTS`.
    func failed(
        _ error: any Error, doing what: String, _ work: Work, counting: Bool = true, logger: Logger
    ) async -> JobOutcome {
        let message = "\(what): \(error)"
        // A parked conversation is never retried in a loop: its next look comes with
        // PARKED_RECHECK_INTERVAL_MS (also when its due hand-off reply failed).
        if work.state.parkedAt != nil && !counting { return .nothingToDo }
        let kind = Self.kind(of: error)
        if Self.isDatabaseOutage(error) { databaseGuard.record(success: false, probe: false) }
        let retryAfter = (error as? UpstreamError)?.retryAfter
        guard counting else { return .retry(message, after: max(retryPolicy.levels[0], retryAfter ?? .zero)) }
        guard work.state.parkedAt == nil else {
            logger.info("a parked conversation is still failing; looking again later", metadata: ["error": "\(message)"])
            return .nothingToDo
        }
        // The delay this failure will probably get, to put the dispatcher's re-check off beyond it.
        let expected = retryPolicy.decide(
            kind, attempts: work.state.failedAttempts + (kind == .deferred ? 0 : 1), failingFor: .zero,
            retryAfter: retryAfter)
        let putOff = if case .retry(let after) = expected { after * 2 } else { retryPolicy.levels[0] * 2 }
        let record: FailureRecord
        do {
            record = try await ledger.recordFailure(
                work.id, key: work.latestKey, error: message, counts: kind != .deferred, putOffRecheck: putOff)
        } catch {
            // The database is down: the failure cannot even be recorded. Retry; nothing is lost.
            return .retry("\(message) (and recording the failure failed: \(error))", after: retryPolicy.levels[0])
        }
        switch retryPolicy.decide(kind, attempts: record.attempts, failingFor: record.failingFor, retryAfter: retryAfter) {
        case .retry(let after):
            return kind == .deferred ? .deferred(message, after: after) : .retry(message, after: after)
        case .giveUp:
            let why = kind == .persistent
                ? "\(message) (after \(record.attempts) attempts)"
                : "\(message) (upstream failures for \(record.failingFor.roundedDescription), beyond RETRY_BUDGET_MS)"
            return await park(work, reason: why, attempts: record.attempts, logger: logger)
        }
    }

    /// How a failure counts for the retry policy: an upstream that is down, slow or limiting is
    /// transient (bounded by time); an open breaker or a "slow down" is a deferral (not counted); an
    /// answer that is never valid, or a refusal, is persistent (bounded by count).
    static func kind(of error: any Error) -> RetryPolicy.Failure {
        if let upstream = error as? UpstreamError {
            switch upstream.code {
            case .throttled: return .deferred
            case .timeout, .unavailable: return .transient
            default: return .persistent
            }
        }
        if isDatabaseOutage(error) || error is CancellationError { return .transient }
        return .persistent
    }

    /// A database that is down, stalled or unreachable (not a refused statement).
    static func isDatabaseOutage(_ error: any Error) -> Bool {
        if let postgres = error as? PostgresError {
            return postgres.isConnectionLevel || postgres.code == .timeout || postgres.code == .poolTimeout
                || postgres.code == .poolClosed || postgres.code == .connectionFailed
        }
        if let upstream = error as? UpstreamError, upstream.upstream == "database" {
            return upstream.code == .timeout || upstream.code == .unavailable
        }
        return false
    }

    /// Parks the conversation: one hand-off reply if one can still be posted (the client hears that a
    /// person will follow up), a hand-off record with the reason, and no more jobs for it but a rare
    /// look for a new client message (`PARKED_RECHECK_INTERVAL_MS`) or an operator's release.
    func park(_ work: Work, reason: String, attempts: Int, logger: Logger) async -> JobOutcome {
        // Parking first: of two jobs that fail together, only the one that parks goes on (one hand-off,
        // one dead letter). The first look comes soon: it gives the hand-off reply if none could be
        // posted now; later looks come every PARKED_RECHECK_INTERVAL_MS.
        do {
            guard try await ledger.park(work.id, reason: reason, recheckAfter: min(parkedRecheck, .seconds(30))) else {
                return .nothingToDo  // another job parked it
            }
        } catch {
            return .retry("parking failed: \(error)", after: retryPolicy.levels[0])
        }
        logger.error(
            "parking the conversation after failed attempts; a person takes over",
            metadata: ["attempts": "\(attempts)", "reason": "\(reason)"])
        var recorded = false
        if let conversation = work.conversation, let plan = work.plan, plan.needsReply,
            let reply = try? responder.handOffReply(
                to: conversation, plan: plan, reason: .repeatedFailure, detail: "after \(attempts) attempts: \(reason)")
        {
            // Best effort: when the chats API itself is what fails, this fails too (not counted again).
            var handOffWork = work
            handOffWork.state.failedAttempts = 0  // keep the failure record: it says what the park is about
            handOffWork.state.isFailing = false
            if case .replied = await deliver(reply, handOffWork, jobID: "park", countingFailures: false, logger: logger) {
                recorded = true
            }
        }
        if !recorded {
            let ids = (work.plan?.pending.map(\.id)).flatMap { $0.isEmpty ? nil : $0 }
                ?? [(work.latestKey.flatMap { try? MessageID($0) }) ?? Self.subjectOnlyMessageID]
            try? await handOffs.record(
                HandOff(
                    conversationID: work.id, merchantID: work.conversation?.merchantID,
                    subject: work.conversation?.subject ?? "", reason: .repeatedFailure,
                    detail: "after \(attempts) attempts: \(reason)", messageIDs: ids))
        }
        return .parked(reason: reason, attempts: attempts)
    }
}
