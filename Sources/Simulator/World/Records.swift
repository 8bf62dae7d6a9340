import CivilTime

/// A row of the business table `sales`: the sale of a card machine to a merchant.
public struct Sale: Sendable, Hashable, Codable {
    /// `id_sale`, a string of digits.
    public var idSale: String
    /// The merchant who bought the machine.
    public var merchantId: String
    /// The machine's chip, if any.
    public var chipId: String?
    /// When the sale was made.
    public var createdAt: Timestamp
    /// An open vocabulary: `in progress`, `done`, `cancelled`, and rarer ones.
    public var status: String
    /// The status details.
    public var description: String?

    /// A sale row.
    public init(
        idSale: String, merchantId: String, chipId: String?, createdAt: Timestamp, status: String,
        description: String?
    ) {
        self.idSale = idSale
        self.merchantId = merchantId
        self.chipId = chipId
        self.createdAt = createdAt
        self.status = status
        self.description = description
    }

    enum CodingKeys: String, CodingKey {
        case idSale = "id_sale", merchantId = "merchant_id", chipId = "chip_id", createdAt = "created_at"
        case status, description
    }
}

/// A row of the business table `transactions`: one card payment a merchant received.
public struct Transaction: Sendable, Hashable, Codable {
    /// `transaction_id`, a string of digits.
    public var transactionId: String
    /// The merchant paid.
    public var merchantId: String
    /// When the payment happened.
    public var createdAt: Timestamp
    /// The amount.
    public var value: Money

    /// A transaction row.
    public init(transactionId: String, merchantId: String, createdAt: Timestamp, value: Money) {
        self.transactionId = transactionId
        self.merchantId = merchantId
        self.createdAt = createdAt
        self.value = value
    }

    enum CodingKeys: String, CodingKey {
        case transactionId = "transaction_id", merchantId = "merchant_id", createdAt = "created_at", value
    }
}

/// A row of the business table `receipt`: the transfer to the merchant's bank account of the
/// previous day's transactions, with annotations (``coveredDay``, ``previousDayTotal``,
/// ``matchesPreviousDay``) that are not database columns: they are there so tests know the truth.
public struct Receipt: Sendable, Hashable, Codable {
    /// The merchant paid.
    public var merchantId: String
    /// When the transfer was made.
    public var createdAt: Timestamp
    /// An open vocabulary: `success`, `failed`, and rarer ones.
    public var status: String
    /// The status details (the reason of a failure).
    public var description: String?
    /// The amount transferred.
    public var value: Money
    /// Annotation: the business-zone calendar day the receipt covers (the day before `createdAt`'s).
    public var coveredDay: CivilDate
    /// Annotation: the sum of the merchant's transactions on ``coveredDay`` in the business zone.
    public var previousDayTotal: Money
    /// Annotation: `value == previousDayTotal`.
    public var matchesPreviousDay: Bool { value == previousDayTotal }

    /// A receipt row with its annotations.
    public init(
        merchantId: String, createdAt: Timestamp, status: String, description: String?, value: Money,
        coveredDay: CivilDate, previousDayTotal: Money
    ) {
        self.merchantId = merchantId
        self.createdAt = createdAt
        self.status = status
        self.description = description
        self.value = value
        self.coveredDay = coveredDay
        self.previousDayTotal = previousDayTotal
    }

    enum CodingKeys: String, CodingKey {
        case merchantId = "merchant_id", createdAt = "created_at", status, description, value
        case coveredDay = "covered_day", previousDayTotal = "previous_day_total"
        case matchesPreviousDay = "matches_previous_day"
    }

    /// Decodes a receipt (``matchesPreviousDay`` is derived, so it is not read).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        merchantId = try c.decode(String.self, forKey: .merchantId)
        createdAt = try c.decode(Timestamp.self, forKey: .createdAt)
        status = try c.decode(String.self, forKey: .status)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        value = try c.decode(Money.self, forKey: .value)
        coveredDay = try c.decode(CivilDate.self, forKey: .coveredDay)
        previousDayTotal = try c.decode(Money.self, forKey: .previousDayTotal)
    }

    /// Encodes the row and its annotations, ``matchesPreviousDay`` included.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(merchantId, forKey: .merchantId)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(status, forKey: .status)
        try c.encode(description, forKey: .description)
        try c.encode(value, forKey: .value)
        try c.encode(coveredDay, forKey: .coveredDay)
        try c.encode(previousDayTotal, forKey: .previousDayTotal)
        try c.encode(matchesPreviousDay, forKey: .matchesPreviousDay)
    }
}
