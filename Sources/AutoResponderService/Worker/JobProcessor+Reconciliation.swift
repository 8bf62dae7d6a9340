import AutoResponderCore
import Foundation
import Logging
import Synchronization

extension JobProcessor {
    /// Records what the reconciliation found: replies whose own echo shows they were posted (their
    /// worker stopped, or the post's outcome was unknown), and the fact that this chats API echoes.
    /// Returns an outcome when the job must stop here.
    func settle(_ reconciliation: Reconciliation, _ work: inout Work, logger: Logger) async -> JobOutcome? {
        for reply in reconciliation.confirmed {
            do {
                try await ledger.confirmEchoed(work.id, group: reply.group)
                logger.notice(
                    "a reply whose post was not recorded shows in the conversation: recorded it as sent",
                    metadata: ["reply.group": "\(reply.group)", "reply.state": "\(reply.state.rawValue)"])
            } catch {
                return await failed(error, doing: "recording an echoed reply as sent", work, logger: logger)
            }
        }
        if reconciliation.sawOwnEcho, echoFact.needsRecording() {
            do {
                try await ledger.recordEchoEvidence()
                echoFact.recorded()
            } catch {
                logger.debug("could not record that the chats API echoes replies", metadata: ["error": "\(error)"])
            }
        }
        return nil
    }
}

/// Whether this process recorded the echo fact lately (it is refreshed hourly, not per job).
final class EchoFactCache: Sendable {
    private let last = Mutex<ContinuousClock.Instant?>(nil)

    func needsRecording() -> Bool {
        last.withLock { $0.map { ContinuousClock.now - $0 > .seconds(3600) } ?? true }
    }

    func recorded() { last.withLock { $0 = .now } }
}
