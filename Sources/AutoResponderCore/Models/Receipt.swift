import Foundation

/// A row of `receipt`: the transfer to the merchant's bank account of the previous day's transactions.
public struct Receipt: Hashable, Sendable {
    /// `merchant_id`.
    public var merchantID: MerchantID
    /// `created_at`: its calendar day (business time zone) is the day after the transactions it covers.
    public var createdAt: Date
    /// `status`, as the database has it (open vocabulary: `success`, `failed`, …).
    public var status: String
    /// `description`, as the database has it.
    public var description: String?
    /// `value`: what was (or should have been) transferred.
    public var value: Decimal

    /// Creates a receipt.
    public init(merchantID: MerchantID, createdAt: Date, status: String, description: String?, value: Decimal) {
        self.merchantID = merchantID
        self.createdAt = createdAt
        self.status = status
        self.description = description
        self.value = value
    }
}
