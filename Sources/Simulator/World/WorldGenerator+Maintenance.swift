import CivilTime

extension GenerationContext {
    /// The maintenance API's data of the delivered (`done`) sales: a warranty of 6 or 12 months from
    /// the delivery (some over by the reference day), 3 % of machines unknown to the API, and 12 % with
    /// an open service order. Each sale draws from its own stream (kind 3), so the rest of the world
    /// is the same as without it.
    func maintenance(of sales: [Sale]) -> (warranties: [Warranty], orders: [ServiceOrder]) {
        var warranties: [Warranty] = []
        var orders: [ServiceOrder] = []
        for (index, sale) in sales.enumerated() where sale.status == "done" {
            var random = random(3, index)
            guard !random.chance(0.03) else { continue }
            let delivered = calendar.day(of: sale.createdAt).adding(days: random.int(in: 3...10))
            let months = random.weighted([(6, 30), (12, 70)])
            let until = delivered.adding(days: months * 365 / 12)
            warranties.append(Warranty(idSale: sale.idSale, underWarranty: until >= referenceDay, warrantyUntil: until.iso8601))
            if random.chance(0.12) {
                orders.append(
                    ServiceOrder(
                        orderId: "SO-\(700_000 + orders.count)", idSale: sale.idSale,
                        status: random.pick(["open", "awaiting parts", "in repair", "awaiting pickup"]),
                        openedAt: referenceDay.adding(days: -random.int(in: 0...20)).iso8601,
                        problem: random.pick([
                            "does not turn on", "keeps restarting", "cracked screen", "battery does not hold a charge",
                            "card reader error",
                        ])))
            }
        }
        return (warranties, orders)
    }
}
