import AutoResponderCore
import Foundation
import Logging

extension JobProcessor {
    /// Counts the failure for the conversation's latest client message; retries below `maxAttempts`,
    /// parks the conversation at it.
    func failed(
        _ error: any Error, doing what: String, _ work: Work, counting: Bool = true, logger: Logger
    ) async -> JobOutcome {
        let message = "\(what): \(error)"
        // A parked conversation is never retried in a loop: its next look comes with
        // PARKED_RECHECK_INTERVAL_MS (also when its due hand-off reply failed).
        if work.state.parkedAt != nil && !counting { return .nothingToDo }
        guard counting else { return .retry(message) }
        guard work.state.parkedAt == nil else {
            // A parked conversation is not retried: its next look comes with PARKED_RECHECK_INTERVAL_MS.
            logger.info("a parked conversation is still failing; looking again later", metadata: ["error": "\(message)"])
            return .nothingToDo
        }
        let attempts: Int
        do {
            attempts = try await ledger.recordFailure(
                work.id, key: work.latestKey, error: message, putOffRecheck: retryDelay * 2)
        } catch {
            // The database is down: the failure cannot even be counted. Retry; nothing is lost.
            return .retry("\(message) (and counting the failure failed: \(error))")
        }
        guard attempts >= maxAttempts else { return .retry(message) }
        return await park(work, reason: message, attempts: attempts, logger: logger)
    }

    /// Parks the conversation: one hand-off reply if one can still be posted (the client hears that a
    /// person will follow up), a hand-off record with the reason, and no more jobs for it but a rare
    /// look for a new client message (`PARKED_RECHECK_INTERVAL_MS`) or an operator's release.
    func park(_ work: Work, reason: String, attempts: Int, logger: Logger) async -> JobOutcome {
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
            handOffWork.state.failedAttempts = 0
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
        do {
            // Without a hand-off reply yet, the first look comes soon: it gives the reply.
            try await ledger.park(
                work.id, reason: reason, recheckAfter: recorded ? parkedRecheck : min(parkedRecheck, .seconds(30)))
        } catch {
            return .retry("parking failed: \(error)")
        }
        return .parked(reason: reason, attempts: attempts)
    }
}
