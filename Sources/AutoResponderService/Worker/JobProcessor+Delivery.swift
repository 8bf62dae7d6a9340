import AutoResponderCore
import Foundation
import Logging
import Resilience

extension JobProcessor {
    /// Claims, records a hand-off, posts, and records the post. A post that provably had no effect
    /// releases the claim (retry); one whose outcome is unknown leaves it `uncertain`, so that the next
    /// job reads the conversation back before anything is posted again.
    /// - Parameter countingFailures: false for the hand-off reply of a park (its failure must not park again).
    func deliver(
        _ reply: PlannedReply, _ work: Work, jobID: String, countingFailures: Bool = true, logger: Logger
    ) async -> JobOutcome {
        let pending = work.plan?.pending ?? []
        let waitingSince = pending.lazy.filter { $0.id != Self.subjectOnlyMessageID }.map(\.createdAt).min()
        let claim = ReplyClaim(
            conversationID: reply.conversationID, messageIDs: reply.answering, group: UUID().uuidString.lowercased(),
            text: reply.text, resolver: reply.resolverName, language: "\(reply.language)", waitingSince: waitingSince,
            route: reply.route.description, facts: reply.factsDigest,
            merchantID: work.conversation?.merchantID?.rawValue, subject: work.conversation?.subject)
        do {
            switch try await ledger.claim(claim, jobID: jobID, takingOver: work.takingOver) {
            case .claimed: break
            case .alreadySent: return .nothingToDo
            case .heldByAnother:
                return .deferred("another worker is answering these messages", after: retryPolicy.levels[0])
            }
        } catch {
            return await failed(error, doing: "claiming the messages", work, counting: countingFailures, logger: logger)
        }
        if let handOff = reply.handOff {
            do {
                try await handOffs.record(handOff)
            } catch {
                try? await ledger.release(claim)
                return await failed(error, doing: "recording the hand-off", work, counting: countingFailures, logger: logger)
            }
        }
        // Posting and recording the post run to their end even if the job is cancelled (shutdown's
        // grace is over): a post cut in the middle would leave its outcome unknown for nothing.
        let chats = self.chats
        let posted: Result<Void, UpstreamError> = await Task { () async -> Result<Void, UpstreamError> in
            do throws(UpstreamError) {
                try await chats.send(reply.text, to: reply.conversationID)
                return .success(())
            } catch {
                return .failure(error)
            }
        }.value
        if case .failure(let error) = posted {
            if error.hadNoEffect {
                try? await ledger.release(claim)
                return await failed(error, doing: "posting the reply (nothing was posted)", work, counting: countingFailures, logger: logger)
            }
            // The chats API may have posted it: never post blindly again.
            let kept = (try? await ledger.markUncertain(claim)) ?? false
            logger.warning(
                "posting the reply ended with an unknown outcome; the conversation is read back before anything is posted again",
                metadata: ["reply.group": "\(claim.group)", "error": "\(error)", "claim.kept": "\(kept)"])
            return await failed(error, doing: "posting the reply (outcome unknown)", work, counting: countingFailures, logger: logger)
        }
        let owned = await Task { await markSent(claim, logger: logger) }.value
        Self.recordReplyMetrics(reply, pending: pending)
        if work.state.isFailing { try? await ledger.clearFailures(work.id) }
        guard owned else {
            ServiceMetrics.lostClaim()
            logger.error(
                "incident: a reply was posted after its claim had been taken over by another worker; it may have been answered twice",
                metadata: ["reply.group": "\(claim.group)"])
            return .lostClaim(resolver: reply.route.resolver)
        }
        logger.info(
            "replied",
            metadata: [
                "reply.group": "\(claim.group)", "route": "\(Self.briefRoute(reply.route))",
                "language": "\(reply.language)",
            ])
        return .replied(resolver: reply.route.resolver, handedOff: reply.handOff != nil)
    }

    /// `receipt by keywords, label overridden`: the route and its reason, without the keyword lists.
    static func briefRoute(_ route: RouteDecision) -> String {
        "\(route.resolver) by \(route.reason.rawValue)" + (route.overridesLabel ? ", label overridden" : "")
    }

    /// Replies sent, and how long each answered client message waited for its reply.
    static func recordReplyMetrics(_ reply: PlannedReply, pending: [ChatMessage]) {
        let resolver = reply.route.resolver
        ServiceMetrics.replySent(resolver: resolver, language: "\(reply.language)")
        let answered = Set(reply.answering)
        let now = Date()
        for message in pending where answered.contains(message.id) && message.id != subjectOnlyMessageID {
            ServiceMetrics.replyLatency(.seconds(now.timeIntervalSince(message.createdAt)), resolver: resolver)
        }
    }

    /// Records the posted reply, retrying through short database outages (giving up would leave the
    /// claim to expire). Returns false when the claim was lost (another worker took it over).
    func markSent(_ claim: ReplyClaim, logger: Logger) async -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + markSentPatience
        var backoff = Backoff(initial: .milliseconds(100), maximum: .seconds(2), jitter: .none)
        while true {
            let delay = backoff.next()
            do {
                return try await ledger.markSent(claim)
            } catch {
                guard clock.now + delay < deadline else {
                    logger.error(
                        "the reply was posted but could not be recorded; its echo will show it was posted",
                        metadata: ["reply.group": "\(claim.group)", "error": "\(error)"])
                    return true
                }
                logger.warning("recording a posted reply failed; trying again", metadata: ["error": "\(error)"])
                try? await Task.sleep(for: delay)
            }
        }
    }
}
