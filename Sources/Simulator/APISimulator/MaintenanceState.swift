import World

/// The maintenance API's service orders while the simulator runs: the world's, plus those opened
/// through `POST /service_orders`, which is idempotent by its key.
struct MaintenanceState {
    /// Every order, in the order opened.
    private(set) var orders: [ServiceOrder]
    /// Which order each idempotency key opened (an index into ``orders``).
    private var byKey: [String: Int] = [:]
    private var next: Int

    init(_ orders: [ServiceOrder]) {
        self.orders = orders
        for (index, order) in orders.enumerated() {
            if let key = order.idempotencyKey { byKey[key] = index }
        }
        let numbers = orders.compactMap { Int($0.orderId.drop { !$0.isNumber }) }
        next = max(700_000, (numbers.max() ?? 0) + 1)
    }

    /// The open orders of `sale`, latest first.
    func open(of sale: String) -> [ServiceOrder] {
        orders.filter { $0.idSale == sale && $0.isOpen }.reversed()
    }

    /// The order `key` opened, or a new one for `sale` (`created`); `nil` when `key` opened an order
    /// of another sale.
    mutating func open(sale: String, key: String, problem: String, day: String) -> (ServiceOrder, created: Bool)? {
        if let index = byKey[key] {
            return orders[index].idSale == sale ? (orders[index], false) : nil
        }
        let order = ServiceOrder(
            orderId: "SO-\(next)", idSale: sale, status: "open", openedAt: day, problem: String(problem.prefix(1000)),
            idempotencyKey: key)
        next += 1
        byKey[key] = orders.count
        orders.append(order)
        return (order, true)
    }
}
