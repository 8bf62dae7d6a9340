import Foundation

/// A row of `sales`: a card machine sold to a merchant.
public struct Sale: Hashable, Sendable {
    /// `id_sale`.
    public var id: SaleID
    /// `merchant_id`.
    public var merchantID: MerchantID
    /// `chip_id`: the machine's chip, if known.
    public var chipID: ChipID?
    /// `created_at`.
    public var createdAt: Date
    /// `status`, as the database has it (open vocabulary: `in progress`, `done`, …).
    public var status: String
    /// `description`, as the database has it.
    public var description: String?

    /// Creates a sale from validated parts.
    public init(
        id: SaleID, merchantID: MerchantID, chipID: ChipID?, createdAt: Date, status: String,
        description: String?
    ) {
        self.id = id
        self.merchantID = merchantID
        self.chipID = chipID
        self.createdAt = createdAt
        self.status = status
        self.description = description
    }

    /// Creates a sale from a database row's text columns, validating the ids.
    /// An empty `chip_id` counts as none.
    /// - Throws: ``IdentifierError`` if an id is not valid.
    public init(
        idSale: String, merchantID: String, chipID: String?, createdAt: Date, status: String,
        description: String?
    ) throws(IdentifierError) {
        let chip: ChipID? =
            if let chipID, !chipID.isEmpty { try ChipID(chipID) } else { nil }
        self.init(
            id: try SaleID(idSale), merchantID: try MerchantID(merchantID), chipID: chip,
            createdAt: createdAt, status: status, description: description)
    }

    /// Latest first: `created_at` descending, then id descending (a stable, total order).
    public static func latestFirst(_ lhs: Sale, _ rhs: Sale) -> Bool {
        if lhs.createdAt != rhs.createdAt { return lhs.createdAt > rhs.createdAt }
        return rhs.id < lhs.id
    }
}
