import Foundation

/// The sum and count of a merchant's transactions in a time range.
public struct TransactionTotal: Hashable, Sendable {
    /// How many transactions.
    public var count: Int
    /// The sum of their `value`s (zero when there are none).
    public var sum: Decimal

    /// Creates a total.
    public init(count: Int, sum: Decimal) {
        self.count = count
        self.sum = sum
    }

    /// No transactions.
    public static let zero = TransactionTotal(count: 0, sum: 0)
}
