import AutoResponderCore
import Foundation
import Logging
import PostgreSQL

/// The business tables (`sales`, `receipt`, `transactions`) as the domain's ``MerchantRepository``.
/// Read-only; every statement is filtered by the merchant and uses bound parameters.
struct PostgresMerchantRepository: MerchantRepository {
    let database: PostgresClient
    let logger: Logger

    /// At most this many sales per merchant are read (the business has 1–3; the cap guards replies).
    static let salesLimit = 10

    func sales(of merchant: MerchantID) async throws -> [Sale] {
        let rows: PostgresResult
        do {
            rows = try await database.query(
                """
                SELECT id_sale, merchant_id, chip_id, created_at, status, description
                FROM sales WHERE merchant_id = $1
                ORDER BY created_at DESC, id_sale DESC LIMIT $2
                """, [merchant.rawValue, Self.salesLimit])
        } catch {
            throw UpstreamError.database(error, doing: "reading the sales of merchant \(merchant)")
        }
        var sales: [Sale] = []
        for row in rows {
            do {
                let sale = try Sale(
                    idSale: try row.decode(String.self, "id_sale"),
                    merchantID: try row.decode(String.self, "merchant_id"),
                    chipID: try row.decode(String?.self, "chip_id"),
                    createdAt: try row.decode(Date.self, "created_at"),
                    status: try row.decode(String.self, "status"),
                    description: try row.decode(String?.self, "description"))
                guard sale.merchantID == merchant else { continue }
                sales.append(sale)
            } catch {
                logger.warning(
                    "skipping a sales row that cannot be used",
                    metadata: ["merchant.id": "\(merchant)", "error": "\(error)"])
            }
        }
        return sales.sorted(by: Sale.latestFirst)
    }

    func latestReceipt(of merchant: MerchantID) async throws -> Receipt? {
        let rows: PostgresResult
        do {
            rows = try await database.query(
                """
                SELECT created_at, status, description, value FROM receipt
                WHERE merchant_id = $1 ORDER BY created_at DESC LIMIT 1
                """, [merchant.rawValue])
        } catch {
            throw UpstreamError.database(error, doing: "reading the latest receipt of merchant \(merchant)")
        }
        guard let row = rows.first else { return nil }
        do {
            return Receipt(
                merchantID: merchant, createdAt: try row.decode(Date.self, "created_at"),
                status: try row.decode(String.self, "status"), description: try row.decode(String?.self, "description"),
                value: try row.decode(Decimal.self, "value"))
        } catch {
            throw UpstreamError(
                code: .invalidResponse, upstream: "database", message: "a receipt row cannot be read: \(error)")
        }
    }

    func transactionTotal(of merchant: MerchantID, in range: Range<Date>) async throws -> TransactionTotal {
        do {
            let rows = try await database.query(
                """
                SELECT count(*)::bigint AS count, coalesce(sum(value), 0)::numeric AS total FROM transactions
                WHERE merchant_id = $1 AND created_at >= $2 AND created_at < $3
                """, [merchant.rawValue, range.lowerBound, range.upperBound])
            guard let row = rows.first else { return TransactionTotal(count: 0, sum: 0) }
            return TransactionTotal(count: try row.decode(Int.self, "count"), sum: try row.decode(Decimal.self, "total"))
        } catch {
            throw UpstreamError.database(error, doing: "summing the transactions of merchant \(merchant)")
        }
    }
}
