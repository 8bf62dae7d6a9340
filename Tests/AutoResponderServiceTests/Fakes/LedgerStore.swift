import AutoResponderCore
import Foundation
import Synchronization

/// The tables behind ``FakeReplyLedger``: `responder.replies`, the ledger columns of
/// `responder.conversations` and `responder.facts`, in memory. Shared by the ledgers of several
/// fake workers (one ``FakeReplyLedger`` per instance id), like the database is.
///
/// Time is the wall clock (the worker's policy reads `Date()`); ``age(by:)`` moves every stored
/// instant back, which is how a test lets time pass.
final class LedgerStore: Sendable {
    /// One row of `responder.replies`.
    struct Row: Sendable, Equatable {
        var status: RecordedReply.State
        var group: String
        var text: String
        var resolver: String
        var jobID: String
        var claimedBy: String
        var claimedAt: Date
        var expiresAt: Date
        var triedAt: Date?
        var sentAt: Date?
        var attempts = 1
    }

    /// The ledger's columns of one row of `responder.conversations`.
    struct ConversationRow: Sendable, Equatable {
        var failedAttempts = 0
        var failingKey: String?
        var failingSince: Date?
        var lastError: String?
        var parkedAt: Date?
        var parkedReason: String?
        var nextCheckAt: Date
        var waitingSince: Date?
        var lastReplyAt: Date?
    }

    struct Key: Hashable, Sendable {
        let conversation: String
        let message: String
    }

    struct Tables: Sendable {
        var replies: [Key: Row] = [:]
        var conversations: [String: ConversationRow] = [:]
        var echoObservedAt: Date?
        /// `conversations.fingerprint`, by conversation.
        var fingerprints: [String: String] = [:]
    }

    /// Operations a test can make fail (the database is down).
    enum Operation: Hashable, Sendable {
        case state, claim, markSent, markUncertain, release, confirmEchoed, handOver, recordFailure, park, unpark
    }

    let tables = Mutex(Tables())
    private let failing = Mutex<[Operation: Int]>([:])
    private let beforeClaimHook = Mutex<(@Sendable () -> Void)?>(nil)
    private let calls = Mutex<[Operation]>([])

    // MARK: What a test arranges.

    /// The next `times` calls of `operation` throw.
    func fail(_ operation: Operation, times: Int = 1) { failing.withLock { $0[operation, default: 0] += times } }

    /// Runs `hook` once, at the start of the next claim (another worker acting in between a job's
    /// read of the ledger and its claim).
    func beforeNextClaim(_ hook: @escaping @Sendable () -> Void) { beforeClaimHook.withLock { $0 = hook } }

    /// The row the dispatcher inserts when it first sees a conversation.
    func seedConversation(_ id: String) {
        tables.withLock { $0.conversations[id] = $0.conversations[id] ?? ConversationRow(nextCheckAt: Date()) }
    }

    /// Moves every stored instant `seconds` back: as if that much time had passed.
    func age(by seconds: TimeInterval) {
        tables.withLock { tables in
            for key in tables.replies.keys {
                tables.replies[key]!.claimedAt -= seconds
                tables.replies[key]!.expiresAt -= seconds
                tables.replies[key]!.triedAt? -= seconds
                tables.replies[key]!.sentAt? -= seconds
            }
            for key in tables.conversations.keys {
                tables.conversations[key]!.parkedAt? -= seconds
                tables.conversations[key]!.failingSince? -= seconds
                tables.conversations[key]!.nextCheckAt -= seconds
            }
            tables.echoObservedAt? -= seconds
        }
    }

    // MARK: What a test reads.

    func row(_ conversation: String, _ message: String) -> Row? {
        tables.withLock { $0.replies[Key(conversation: conversation, message: message)] }
    }

    func rows(of conversation: String) -> [String: Row] {
        tables.withLock { tables in
            Dictionary(uniqueKeysWithValues: tables.replies.filter { $0.key.conversation == conversation }
                .map { ($0.key.message, $0.value) })
        }
    }

    func conversation(_ id: String) -> ConversationRow? { tables.withLock { $0.conversations[id] } }

    var echoObservedAt: Date? { tables.withLock { $0.echoObservedAt } }

    /// Every ledger operation called, in order.
    var operations: [Operation] { calls.withLock { $0 } }

    // MARK: For the fake ledger.

    func enter(_ operation: Operation) throws {
        calls.withLock { $0.append(operation) }
        let fails = failing.withLock { failing -> Bool in
            guard let left = failing[operation], left > 0 else { return false }
            failing[operation] = left - 1
            return true
        }
        if fails { throw FakeDatabaseError(operation: operation) }
    }

    func takeBeforeClaimHook() -> (@Sendable () -> Void)? { beforeClaimHook.withLock { hook in defer { hook = nil }; return hook } }
}

/// What a failing fake database throws.
struct FakeDatabaseError: Error, CustomStringConvertible {
    let operation: LedgerStore.Operation
    var description: String { "fake database down during \(operation)" }
}
