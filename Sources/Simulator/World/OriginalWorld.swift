import CivilTime
import Foundation

/// The assignment's original data (`db/worlds/original/source`: `conversations.json`, `database.json`; see docs/original-data.md)
/// as a ``World``, with the known upstream answers of its README and invented, consistent answers
/// for the ids the original data gives none for (listed in ``World/notes``).
public enum OriginalWorld {
    /// Reads `conversations.json` and `database.json` from `directory` and builds the world.
    public static func load(from directory: URL) throws -> World {
        func read(_ name: String) throws -> Data {
            let file = directory.appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: file.path) else {
                throw WorldError(.io, "cannot read \(file.path): give the original data directory (db/worlds/original/source)")
            }
            return data
        }
        let conversations: [Conversation]
        let database: OriginalDatabase
        do {
            conversations = try JSONDecoder().decode([Conversation].self, from: read("conversations.json"))
            database = try JSONDecoder().decode(OriginalDatabase.self, from: read("database.json"))
        } catch let error as WorldError {
            throw error
        } catch {
            throw WorldError(.invalidData, "the original data does not have the expected shape: \(error)")
        }
        return try build(conversations: conversations, database: database)
    }

    /// "Now" in the original world: just after its last conversation (2021-12-22 15:27:57 -03:00).
    public static let referenceTime = Timestamp(parsing: "2021-12-22T15:30:00-03:00")!

    private static func build(conversations: [Conversation], database: OriginalDatabase) throws -> World {
        guard let calendar = BusinessCalendar(identifier: "America/Sao_Paulo") else {
            throw WorldError(.invalidData, "the system does not know America/Sao_Paulo: install tzdata")
        }
        func timestamp(_ text: String) throws -> Timestamp {
            guard let value = Timestamp(parsing: text) else { throw WorldError(.invalidData, "bad time \(text)") }
            return value
        }
        let sales = try database.sales.map {
            Sale(idSale: $0.id_sale.text, merchantId: $0.merchant_id.text, chipId: $0.chip_id,
                createdAt: try timestamp($0.created_at), status: $0.status, description: $0.description)
        }
        let transactions = try database.transaction.map {
            Transaction(transactionId: $0.transaction_id.text, merchantId: $0.merchant_id.text,
                createdAt: try timestamp($0.created_at), value: Money($0.value))
        }
        let receipts = try database.receipt.map { row -> Receipt in
            let createdAt = try timestamp(row.created_at)
            let covered = calendar.day(of: createdAt).adding(days: -1)
            return Receipt(merchantId: row.merchant_id.text, createdAt: createdAt, status: row.status,
                description: row.description, value: Money(row.value), coveredDay: covered,
                previousDayTotal: calendar.total(of: transactions, merchantId: row.merchant_id.text, on: covered))
        }
        var annotated = conversations
        for index in annotated.indices {
            annotated[index].truth = truths[annotated[index].conversationId]
        }
        var merchants: [String] = []
        for id in annotated.map(\.merchantId) + sales.map(\.merchantId) + transactions.map(\.merchantId)
            + receipts.map(\.merchantId) where !merchants.contains(id) {
            merchants.append(id)
        }
        return World(
            name: "original", referenceTime: referenceTime, merchantIds: merchants, sales: sales,
            transactions: transactions, receipts: receipts, conversations: annotated, tracking: tracking,
            addresses: addresses, chips: chips, warranties: warranties, serviceOrders: serviceOrders, notes: notes)
    }
}

/// `database.json`: ids are numbers there.
private struct OriginalDatabase: Decodable {
    struct SaleRow: Decodable {
        let id_sale: Identifier, merchant_id: Identifier, chip_id: String?, created_at: String
        let status: String, description: String?
    }
    struct TransactionRow: Decodable {
        let transaction_id: Identifier, merchant_id: Identifier, created_at: String, value: Double
    }
    struct ReceiptRow: Decodable {
        let merchant_id: Identifier, created_at: String, status: String, description: String?, value: Double
    }
    let sales: [SaleRow]
    let transaction: [TransactionRow]
    let receipt: [ReceiptRow]
}

/// An id written as a JSON number or string.
private struct Identifier: Decodable {
    let text: String
    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int64.self) {
            text = String(number)
        } else {
            text = try container.decode(String.self)
        }
    }
}
