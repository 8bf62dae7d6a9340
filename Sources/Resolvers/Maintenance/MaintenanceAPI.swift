import AutoResponderCore
import Foundation

/// The maintenance API (`config/sources.yaml`, source `maintenance`; docs/contract.md §8) over the
/// ``JSONSource`` the service built: warranty, open service orders, and opening one.
///
/// Answers about another sale than the one asked are rejected (`mismatchedData`); bodies that are not
/// the documented shape are failures (`invalidResponse`), never data.
struct MaintenanceAPI: Sendable {
    let source: any JSONSource
    /// The business time zone: the API's days (`YYYY-MM-DD`) are days there.
    let timeZone: TimeZone

    /// The warranty of `sale`, or `nil` if the API does not know the machine.
    func warranty(of sale: SaleID) async throws(UpstreamError) -> Warranty? {
        let path = "/warranty"
        guard let body = try await source.post(path, body: ["id_sale": sale.rawValue]) else { return nil }
        let decoded = try decode(WarrantyBody.self, body, path)
        try check(decoded.idSale, is: sale, path)
        return Warranty(saleID: sale, isActive: decoded.underWarranty, until: try day(decoded.warrantyUntil, path))
    }

    /// The open service orders of `sale`, latest first; `nil` if the API does not know the machine.
    func openOrders(of sale: SaleID) async throws(UpstreamError) -> [ServiceOrder]? {
        let path = "/open_service_orders"
        guard let body = try await source.post(path, body: ["id_sale": sale.rawValue]) else { return nil }
        let decoded = try decode(OrdersBody.self, body, path)
        try check(decoded.idSale, is: sale, path)
        var orders: [ServiceOrder] = []
        for order in decoded.orders { orders.append(try serviceOrder(order, path)) }
        return orders
    }

    /// Opens a service order for `sale`, or returns the one already opened with `key` (the API's
    /// idempotency: a retry never opens two); `nil` if the API does not know the machine.
    func openOrder(for sale: SaleID, key: String, problem: String) async throws(UpstreamError) -> ServiceOrder? {
        let path = "/service_orders"
        let body = ["id_sale": sale.rawValue, "idempotency_key": key, "problem": problem]
        // Safe to send twice (the key makes it idempotent), so a lost answer is simply asked again.
        guard let answer = try await source.post(path, body: body, call: .lookup) else { return nil }
        let decoded = try decode(OrderBody.self, answer, path)
        try check(decoded.idSale, is: sale, path)
        var order = try serviceOrder(decoded.order, path)
        order.idempotencyKey = order.idempotencyKey ?? key
        return order
    }

    // MARK: Decoding

    private struct WarrantyBody: Decodable {
        let idSale: LenientString
        let underWarranty: Bool
        let warrantyUntil: String?
        enum CodingKeys: String, CodingKey {
            case idSale = "id_sale", underWarranty = "under_warranty", warrantyUntil = "warranty_until"
        }
    }

    private struct OrderFields: Decodable {
        let orderID: LenientString
        let status: String
        let openedAt: String?
        let idempotencyKey: String?
        enum CodingKeys: String, CodingKey {
            case orderID = "order_id", status, openedAt = "opened_at", idempotencyKey = "idempotency_key"
        }
    }

    private struct OrdersBody: Decodable {
        let idSale: LenientString
        let orders: [OrderFields]
        enum CodingKeys: String, CodingKey { case idSale = "id_sale", orders }
    }

    private struct OrderBody: Decodable {
        let idSale: LenientString
        let order: OrderFields
        enum CodingKeys: String, CodingKey { case idSale = "id_sale" }
        init(from decoder: any Decoder) throws {
            idSale = try decoder.container(keyedBy: CodingKeys.self).decode(LenientString.self, forKey: .idSale)
            order = try OrderFields(from: decoder)
        }
    }

    private func decode<T: Decodable>(_ type: T.Type, _ body: Data, _ path: String) throws(UpstreamError) -> T {
        do {
            return try JSONDecoder().decode(T.self, from: body)
        } catch {
            throw failure(.invalidResponse, path, "the body is not the documented shape (\(error))")
        }
    }

    private func check(_ answered: LenientString, is sale: SaleID, _ path: String) throws(UpstreamError) {
        guard answered.value == sale.rawValue else {
            throw failure(.mismatchedData, path, "asked about sale \(sale), got an answer about \(answered.value)")
        }
    }

    private func serviceOrder(_ fields: OrderFields, _ path: String) throws(UpstreamError) -> ServiceOrder {
        let id = fields.orderID.value.trimmingCharacters(in: .whitespacesAndNewlines)
        let status = fields.status.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !id.isEmpty, id.count <= 64, !status.isEmpty else {
            throw failure(.invalidResponse, path, "a service order without a number or a status")
        }
        return ServiceOrder(
            id: id, status: status, openedAt: try day(fields.openedAt, path), idempotencyKey: fields.idempotencyKey)
    }

    /// `YYYY-MM-DD` as noon of that day in the business time zone (rendered as that day).
    private func day(_ text: String?, _ path: String) throws(UpstreamError) -> Date? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        let parts = text.split(separator: "-").map { Int($0) }
        guard parts.count == 3, let year = parts[0], let month = parts[1], let day = parts[2], text.count == 10 else {
            throw failure(.invalidResponse, path, "`\(text)` is not a day as YYYY-MM-DD")
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let components = DateComponents(year: year, month: month, day: day, hour: 12)
        guard components.isValidDate(in: calendar), let date = calendar.date(from: components) else {
            throw failure(.invalidResponse, path, "`\(text)` is not a day as YYYY-MM-DD")
        }
        return date
    }

    private func failure(_ code: UpstreamError.Code, _ path: String, _ message: String) -> UpstreamError {
        UpstreamError(code: code, upstream: "\(source.name) \(path)", message: message)
    }
}
