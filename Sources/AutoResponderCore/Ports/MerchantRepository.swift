import Foundation

/// Read access to the business database (`sales`, `receipt`, `transactions`), one merchant at a time.
///
/// Implemented over PostgreSQL by the service; by in-memory fakes in tests.
/// Failures throw ``UpstreamError``; "nothing found" is an empty answer, not an error.
public protocol MerchantRepository: Sendable {
    /// The merchant's sales, latest first (`created_at` descending). Empty if the merchant has none
    /// (or is unknown). Every sale returned must belong to `merchant`.
    func sales(of merchant: MerchantID) async throws -> [Sale]

    /// The merchant's latest receipt by `created_at`, or `nil` if there is none.
    /// The receipt returned must belong to `merchant`.
    func latestReceipt(of merchant: MerchantID) async throws -> Receipt?

    /// Count and sum of the merchant's transactions with `range.lowerBound <= created_at <
    /// range.upperBound` (a half-open range of instants).
    func transactionTotal(of merchant: MerchantID, in range: Range<Date>) async throws -> TransactionTotal
}
