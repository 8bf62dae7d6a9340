import Foundation

/// Everything the simulated upstream APIs serve and the business database holds, so that both
/// agree: the rows of `sales`, `transactions` and `receipt`, the chats API's conversations, and
/// the logistics, telecom and maintenance APIs' answers. Written to and read from one JSON file (`world.json`,
/// see ``WorldFile``); the database is loaded from it (``WorldCSV``, ``WorldDatabaseLoader``).
public struct World: Sendable, Hashable, Codable {
    /// The file format's version (1).
    public var formatVersion: Int
    /// `original`, or `generated`.
    public var name: String
    /// The generator's seed (nil for the original world).
    public var seed: UInt64?
    /// "Now" in this world: every time in it is before this instant.
    public var referenceTime: Timestamp
    /// The zone of "the previous day" (`America/Sao_Paulo`).
    public var businessTimeZone: String
    /// Every merchant of the world, including some with no row in the database.
    public var merchantIds: [String]
    /// Rows of `sales`.
    public var sales: [Sale]
    /// Rows of `transactions`.
    public var transactions: [Transaction]
    /// Rows of `receipt`, annotated.
    public var receipts: [Receipt]
    /// The chats API's conversations (in the order they become active), annotated.
    public var conversations: [Conversation]
    /// The logistics API's `/tracking` answers; a sale without one answers 404.
    public var tracking: [Tracking]
    /// The logistics API's `/zip_code` answers; a zip code without one answers 404.
    public var addresses: [Address]
    /// The telecom API's `/chip_status` answers; a chip without one answers 404.
    public var chips: [ChipStatus]
    /// The maintenance API's `/warranty` answers; a sale without one is a machine it does not know (404).
    public var warranties: [Warranty]
    /// The maintenance API's service orders at the world's start (new ones are opened while it runs).
    public var serviceOrders: [ServiceOrder]
    /// Free notes, e.g. which answers were invented.
    public var notes: [String]

    /// A world from its parts.
    public init(
        formatVersion: Int = 1, name: String, seed: UInt64? = nil, referenceTime: Timestamp,
        businessTimeZone: String = "America/Sao_Paulo", merchantIds: [String], sales: [Sale],
        transactions: [Transaction], receipts: [Receipt], conversations: [Conversation], tracking: [Tracking],
        addresses: [Address], chips: [ChipStatus], warranties: [Warranty] = [], serviceOrders: [ServiceOrder] = [],
        notes: [String] = []
    ) {
        self.formatVersion = formatVersion
        self.name = name
        self.seed = seed
        self.referenceTime = referenceTime
        self.businessTimeZone = businessTimeZone
        self.merchantIds = merchantIds
        self.sales = sales
        self.transactions = transactions
        self.receipts = receipts
        self.conversations = conversations
        self.tracking = tracking
        self.addresses = addresses
        self.chips = chips
        self.warranties = warranties
        self.serviceOrders = serviceOrders
        self.notes = notes
    }

    enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version", name, seed, referenceTime = "reference_time"
        case businessTimeZone = "business_time_zone", merchantIds = "merchant_ids", sales, transactions
        case receipts, conversations, tracking, addresses, chips, warranties, serviceOrders = "service_orders", notes
    }

    /// Decodes a world; one written before the maintenance API (no `warranties`, `service_orders`)
    /// has none.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        formatVersion = try c.decode(Int.self, forKey: .formatVersion)
        name = try c.decode(String.self, forKey: .name)
        seed = try c.decodeIfPresent(UInt64.self, forKey: .seed)
        referenceTime = try c.decode(Timestamp.self, forKey: .referenceTime)
        businessTimeZone = try c.decode(String.self, forKey: .businessTimeZone)
        merchantIds = try c.decode([String].self, forKey: .merchantIds)
        sales = try c.decode([Sale].self, forKey: .sales)
        transactions = try c.decode([Transaction].self, forKey: .transactions)
        receipts = try c.decode([Receipt].self, forKey: .receipts)
        conversations = try c.decode([Conversation].self, forKey: .conversations)
        tracking = try c.decode([Tracking].self, forKey: .tracking)
        addresses = try c.decode([Address].self, forKey: .addresses)
        chips = try c.decode([ChipStatus].self, forKey: .chips)
        warranties = try c.decodeIfPresent([Warranty].self, forKey: .warranties) ?? []
        serviceOrders = try c.decodeIfPresent([ServiceOrder].self, forKey: .serviceOrders) ?? []
        notes = try c.decode([String].self, forKey: .notes)
    }
}

extension World {
    /// Merchants that have at least one row in the business database.
    public var merchantIdsInDatabase: Set<String> {
        Set(sales.map(\.merchantId)).union(transactions.map(\.merchantId)).union(receipts.map(\.merchantId))
    }

    /// A short summary: row counts.
    public var summary: String {
        "world \(name)\(seed.map { " seed \($0)" } ?? ""): \(merchantIds.count) merchants, \(sales.count) sales, "
            + "\(transactions.count) transactions, \(receipts.count) receipts, \(conversations.count) conversations, "
            + "\(tracking.count) tracking, \(addresses.count) addresses, \(chips.count) chips, "
            + "\(warranties.count) warranties, \(serviceOrders.count) service orders"
    }
}
