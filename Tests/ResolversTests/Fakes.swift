import AutoResponderCore
import Foundation

/// A thread-safe list of what a fake was asked. `@unchecked Sendable`: every access to `items` holds
/// `lock`.
final class CallLog<Item: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Item] = []

    func append(_ item: Item) { lock.withLock { items.append(item) } }
    var all: [Item] { lock.withLock { items } }
}

/// A transaction row.
struct TransactionRow: Sendable {
    let merchantID: MerchantID
    let createdAt: Date
    let value: Decimal
}

/// The business database in memory; filters like the SQL adapter should.
struct InMemoryMerchantRepository: MerchantRepository {
    var sales: [Sale] = []
    var receipts: [Receipt] = []
    var transactions: [TransactionRow] = []
    /// When set, every call throws it.
    var failure: UpstreamError?
    /// A broken adapter that forgets the merchant filter (for the cross-merchant guard).
    var ignoresMerchant = false
    let askedRanges = CallLog<Range<Date>>()

    func sales(of merchant: MerchantID) async throws -> [Sale] {
        if let failure { throw failure }
        return sales.filter { ignoresMerchant || $0.merchantID == merchant }.sorted(by: Sale.latestFirst)
    }

    func latestReceipt(of merchant: MerchantID) async throws -> Receipt? {
        if let failure { throw failure }
        return receipts.filter { ignoresMerchant || $0.merchantID == merchant }.max { $0.createdAt < $1.createdAt }
    }

    func transactionTotal(of merchant: MerchantID, in range: Range<Date>) async throws -> TransactionTotal {
        if let failure { throw failure }
        askedRanges.append(range)
        let rows = transactions.filter { $0.merchantID == merchant && range.contains($0.createdAt) }
        return TransactionTotal(count: rows.count, sum: rows.reduce(Decimal(0)) { $0 + $1.value })
    }
}

/// The logistics API in memory: unknown ids answer `nil` (a 404).
struct FakeLogistics: LogisticsPort {
    var trackings: [SaleID: TrackingInfo] = [:]
    var addresses: [ZipCode: Address] = [:]
    var trackingFailure: UpstreamError?
    var addressFailure: UpstreamError?
    let askedSales = CallLog<SaleID>()

    func tracking(of sale: SaleID) async throws -> TrackingInfo? {
        askedSales.append(sale)
        if let trackingFailure { throw trackingFailure }
        return trackings[sale]
    }

    func address(of zip: ZipCode) async throws -> Address? {
        if let addressFailure { throw addressFailure }
        return addresses[zip]
    }
}

/// The telecom API in memory: unknown chips answer `nil` (a 404).
struct FakeTelecom: TelecomPort {
    var statuses: [ChipID: ChipStatus] = [:]
    var failure: UpstreamError?
    let askedChips = CallLog<ChipID>()

    func chipStatus(of chip: ChipID) async throws -> ChipStatus? {
        askedChips.append(chip)
        if let failure { throw failure }
        return statuses[chip]
    }
}

/// A hand-off table in memory.
struct InMemoryHandOffRecorder: HandOffRecorder {
    let records = CallLog<HandOff>()
    func record(_ handOff: HandOff) async throws { records.append(handOff) }
}

let unavailable = UpstreamError(code: .unavailable, upstream: "fake", message: "503 Service Unavailable")

/// A JSON source that knows nothing (every lookup is "unknown id"), standing in for the data sources
/// of `config/sources.yaml` (the maintenance API) where a test does not use them.
struct UnknowingSource: JSONSource {
    let name: String

    func post(_ path: String, body: [String: String], call: JSONCall) async throws(UpstreamError) -> Data? { nil }
}

/// The sources of the repository's `config/sources.yaml`, over ``UnknowingSource``s.
let unknowingSources = DataSources().adding(UnknowingSource(name: "maintenance"))
