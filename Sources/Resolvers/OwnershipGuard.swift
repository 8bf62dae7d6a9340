import AutoResponderCore

/// Rejects facts that belong to another merchant, sale or chip than the one asked for, so that no
/// reply ever carries another merchant's data (contract, section 4).
enum OwnershipGuard {
    /// Throws if any sale is not `merchant`'s.
    static func check(_ sales: [Sale], belongTo merchant: MerchantID) throws(UpstreamError) {
        if let stray = sales.first(where: { $0.merchantID != merchant }) {
            throw UpstreamError(
                code: .mismatchedData, upstream: "database sales",
                message: "asked for merchant \(merchant)'s sales, got sale \(stray.id) of another merchant")
        }
    }

    /// Throws if the receipt is not `merchant`'s.
    static func check(_ receipt: Receipt, belongsTo merchant: MerchantID) throws(UpstreamError) {
        guard receipt.merchantID == merchant else {
            throw UpstreamError(
                code: .mismatchedData, upstream: "database receipt",
                message: "asked for merchant \(merchant)'s receipt, got another merchant's")
        }
    }

    /// Throws if the tracking is not of `sale`.
    static func check(_ tracking: TrackingInfo, isOf sale: SaleID) throws(UpstreamError) {
        guard tracking.saleID == sale else {
            throw UpstreamError(
                code: .mismatchedData, upstream: "logistics /tracking",
                message: "asked for sale \(sale), got tracking of sale \(tracking.saleID)")
        }
    }

    /// Throws if the status is not of `chip`.
    static func check(_ status: ChipStatus, isOf chip: ChipID) throws(UpstreamError) {
        guard status.chipID == chip else {
            throw UpstreamError(
                code: .mismatchedData, upstream: "telecom /chip_status",
                message: "asked for chip \(chip), got the status of chip \(status.chipID)")
        }
    }

    /// Throws if the address is of another zip code than `zip`.
    static func check(_ address: Address, isOf zip: ZipCode) throws(UpstreamError) {
        if let answered = address.zip, answered != zip {
            throw UpstreamError(
                code: .mismatchedData, upstream: "logistics /zip_code",
                message: "asked for zip code \(zip), got the address of \(answered)")
        }
    }
}
