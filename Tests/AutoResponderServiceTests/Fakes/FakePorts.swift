import AutoResponderCore
import Foundation
import Synchronization

/// The hand-off table in memory: one row per (conversation, message), the first one kept, like
/// ``PostgresHandOffRecorder`` (`ON CONFLICT DO NOTHING`).
final class FakeHandOffs: HandOffRecorder {
    struct Row: Sendable, Equatable {
        let conversation: String
        let message: String
        let reason: HandOffReason
        let detail: String
    }

    private let rows = Mutex<[Row]>([])
    private let failures = Mutex(0)

    /// The next `times` records throw.
    func fail(times: Int = 1) { failures.withLock { $0 += times } }

    func record(_ handOff: HandOff) async throws {
        let fails = failures.withLock { left in
            guard left > 0 else { return false }
            left -= 1
            return true
        }
        if fails { throw FakeHandOffError() }
        rows.withLock { rows in
            for message in handOff.messageIDs
            where !rows.contains(where: { $0.conversation == handOff.conversationID.rawValue && $0.message == message.rawValue }) {
                rows.append(
                    Row(
                        conversation: handOff.conversationID.rawValue, message: message.rawValue, reason: handOff.reason,
                        detail: handOff.detail))
            }
        }
    }

    /// Every row recorded.
    var all: [Row] { rows.withLock { $0 } }

    /// The reasons recorded for a conversation's messages, by message id.
    func reasons(in conversation: String) -> [String: String] {
        Dictionary(uniqueKeysWithValues: all.filter { $0.conversation == conversation }.map { ($0.message, $0.reason.rawValue) })
    }
}

struct FakeHandOffError: Error, CustomStringConvertible {
    var description: String { "fake hand-off table down" }
}

/// The business database: the merchant's sales (with chips), nothing else.
struct FakeMerchants: MerchantRepository {
    let sales: [Sale]

    func sales(of merchant: MerchantID) async throws -> [Sale] { sales.filter { $0.merchantID == merchant } }
    func latestReceipt(of merchant: MerchantID) async throws -> Receipt? { nil }
    func transactionTotal(of merchant: MerchantID, in range: Range<Date>) async throws -> TransactionTotal {
        TransactionTotal(count: 0, sum: 0)
    }
}

/// The telecom API: one status per chip, and scripted failures (the next calls throw them, in order).
final class FakeTelecom: TelecomPort {
    private let statuses: [ChipID: ChipStatus]
    private let failures = Mutex<[UpstreamError]>([])
    private let alwaysFailing = Mutex<UpstreamError?>(nil)

    init(statuses: [ChipStatus]) {
        self.statuses = Dictionary(uniqueKeysWithValues: statuses.map { ($0.chipID, $0) })
    }

    /// The next lookups throw these, in order.
    func fail(_ errors: UpstreamError...) { failures.withLock { $0 += errors } }

    /// Every lookup throws `error` until set back to `nil`.
    func failAlways(_ error: UpstreamError?) { alwaysFailing.withLock { $0 = error } }

    func chipStatus(of chip: ChipID) async throws -> ChipStatus? {
        if let error = alwaysFailing.withLock({ $0 }) { throw error }
        if let error = failures.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) { throw error }
        return statuses[chip]
    }
}

/// The logistics API: knows nothing (404 for everything).
struct FakeLogistics: LogisticsPort {
    func tracking(of sale: SaleID) async throws -> TrackingInfo? { nil }
    func address(of zip: ZipCode) async throws -> Address? { nil }
}

/// A JSON source that knows nothing (every lookup is "unknown id"), standing in for the data sources
/// of `config/sources.yaml` (the maintenance API), which these tests do not use.
struct UnknowingSource: JSONSource {
    let name: String

    func post(_ path: String, body: [String: String], call: JSONCall) async throws(UpstreamError) -> Data? { nil }
}
