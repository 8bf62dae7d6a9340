import AutoResponderCore
import Foundation

/// The original data set loaded into fakes, with the original APIs' known answers
/// (docs/original-data.md).
struct OriginalWorld {
    var merchants = InMemoryMerchantRepository()
    var logistics = FakeLogistics()
    var telecom = FakeTelecom()
    var conversations: [Conversation] = []

    init() throws {
        let decoder = JSONDecoder()
        let database = try decoder.decode(Database.self, from: Data(OriginalData.databaseJSON.utf8))
        merchants.sales = try database.sales.map { row in
            try Sale(
                idSale: row.idSale.value, merchantID: row.merchantID.value, chipID: row.chipID,
                createdAt: try Self.timestamp(row.createdAt), status: row.status, description: row.description)
        }
        merchants.receipts = try database.receipt.map { row in
            Receipt(
                merchantID: try MerchantID(row.merchantID.value), createdAt: try Self.timestamp(row.createdAt),
                status: row.status, description: row.description, value: Self.cents(row.value))
        }
        merchants.transactions = try database.transaction.map { row in
            TransactionRow(
                merchantID: try MerchantID(row.merchantID.value), createdAt: try Self.timestamp(row.createdAt),
                value: Self.cents(row.value))
        }
        let payloads = try decoder.decode([ConversationInfoPayload].self, from: Data(OriginalData.conversationsJSON.utf8))
        conversations = try payloads.map { try $0.validated().conversation }

        let first = try SaleID("123456")
        let third = try SaleID("123458")
        logistics.trackings = [
            first: TrackingInfo(
                saleID: first, status: "On delivery route", deliveryForecast: "01/12/2021",
                destinationZip: try ZipCode("31160550")),
            third: TrackingInfo(
                saleID: third, status: "In transit between distribution centers", deliveryForecast: "01/03/2022",
                destinationZip: try ZipCode("60811340")),
        ]
        logistics.addresses = [
            try ZipCode("31160550"): Address(
                zip: try ZipCode("31160-550"), street: "Rua Professor Patrocínio Filho", neighborhood: "Palmares",
                city: "Belo Horizonte", state: "MG", complement: "")
        ]
        let chip = try ChipID("CHIP37648")
        telecom.statuses = [chip: ChipStatus(chipID: chip, rawStatus: "active", description: "OK")]
    }

    func conversation(_ id: String) -> Conversation {
        conversations.first { $0.id.rawValue == id }!
    }

    var dependencies: ResolverDependencies {
        ResolverDependencies(
            merchants: merchants, logistics: logistics, telecom: telecom, sources: unknowingSources,
            businessTimeZone: saoPaulo, logger: quietLogger)
    }

    private static func timestamp(_ text: String) throws -> Date {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ssXXXXX"
        guard let date = formatter.date(from: text) else { throw CocoaError(.formatting) }
        return date
    }

    private static func cents(_ value: Decimal) -> Decimal {
        var value = value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 2, .plain)
        return rounded
    }

    private struct Number: Decodable {
        let value: String
        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let text = try? container.decode(String.self) { value = text } else { value = String(try container.decode(Int.self)) }
        }
    }

    private struct Database: Decodable {
        struct SaleRow: Decodable {
            let chipID: String?, createdAt: String, description: String?, idSale: Number, merchantID: Number
            let status: String
            enum CodingKeys: String, CodingKey {
                case chipID = "chip_id", createdAt = "created_at", description, idSale = "id_sale"
                case merchantID = "merchant_id", status
            }
        }
        struct ReceiptRow: Decodable {
            let createdAt: String, description: String?, merchantID: Number, status: String, value: Decimal
            enum CodingKeys: String, CodingKey {
                case createdAt = "created_at", description, merchantID = "merchant_id", status, value
            }
        }
        struct TransactionRowJSON: Decodable {
            let createdAt: String, merchantID: Number, value: Decimal
            enum CodingKeys: String, CodingKey {
                case createdAt = "created_at", merchantID = "merchant_id", value
            }
        }
        let sales: [SaleRow]
        let receipt: [ReceiptRow]
        let transaction: [TransactionRowJSON]
    }
}
