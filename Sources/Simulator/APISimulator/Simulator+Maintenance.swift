import Foundation
import Synchronization
import World

extension Simulator {
    /// The maintenance API: `/warranty` (static), `/open_service_orders` and `/service_orders` (the
    /// orders of the world and those opened while it runs). A sale without a warranty is a machine
    /// the API does not know: 404 on all three.
    func maintenance(
        _ endpoint: Endpoint, _ request: ParsedRequest, now: Double, _ state: inout SimulatorState
    ) -> (Int, Data) {
        switch (endpoint, request) {
        case (.warranty, .key(let sale)):
            return answers.warranties[sale].map { (200, $0) } ?? machineNotFound(sale)
        case (.openServiceOrders, .key(let sale)):
            guard answers.warranties[sale] != nil else { return machineNotFound(sale) }
            let orders = state.maintenance.open(of: sale).map(Self.answer)
            return (200, Self.encode(["id_sale": sale, "orders": orders]))
        case (.serviceOrders, .serviceOrder(let sale, let key, let problem)):
            guard answers.warranties[sale] != nil else { return machineNotFound(sale) }
            let day = businessDay(now)
            guard let (order, created) = state.maintenance.open(sale: sale, key: key, problem: problem, day: day) else {
                return (422, errorBody("idempotency_key \(key) opened an order of another sale"))
            }
            var answer = Self.answer(order)
            answer["id_sale"] = sale
            answer["created"] = created
            return (200, Self.encode(answer))
        default:
            return (400, errorBody("unexpected body"))
        }
    }

    /// Every service order (the world's and those opened since the start or the last reset), in the
    /// order opened: what `GET /_sim/service_orders` lists.
    public func serviceOrders() -> [ServiceOrder] {
        state.withLock { $0.maintenance.orders }
    }

    /// `YYYY-MM-DD` of the instant `now` (Unix seconds) in the world's business time zone.
    private func businessDay(_ now: Double) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: world.businessTimeZone) ?? TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date(timeIntervalSince1970: now))
    }

    private func machineNotFound(_ sale: String) -> (Int, Data) {
        (404, errorBody("machine of sale \(sale) not found"))
    }

    private static func answer(_ order: ServiceOrder) -> [String: Any] {
        var answer: [String: Any] = [
            "order_id": order.orderId, "status": order.status, "opened_at": order.openedAt, "problem": order.problem,
        ]
        if let key = order.idempotencyKey { answer["idempotency_key"] = key }
        return answer
    }

    private static func encode(_ object: [String: Any]) -> Data {
        (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data("{}".utf8)
    }
}
