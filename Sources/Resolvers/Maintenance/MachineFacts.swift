import AutoResponderCore

/// What the reply says of one machine: its warranty, its open service orders, the order opened now.
struct MachineFacts: Sendable {
    let saleID: SaleID
    /// `nil`: the maintenance API does not know the machine.
    let warranty: Warranty?
    let openOrders: [ServiceOrder]
    /// The key this conversation opens orders with: an open order opened with it is this
    /// conversation's (an earlier attempt whose answer was lost), told as opened now.
    let idempotencyKey: String?
    /// The order this reply opened.
    var newOrder: ServiceOrder?

    init(saleID: SaleID, warranty: Warranty?, openOrders: [ServiceOrder], idempotencyKey: String?) {
        self.saleID = saleID
        self.warranty = warranty
        self.idempotencyKey = idempotencyKey
        if let idempotencyKey, let ours = openOrders.first(where: { $0.idempotencyKey == idempotencyKey }) {
            self.newOrder = ours
            self.openOrders = openOrders.filter { $0 != ours }
        } else {
            self.openOrders = openOrders
        }
    }

    /// The template's facts: `saleID`, `underWarranty` | `outOfWarranty` (+ `warrantyUntil`) |
    /// `unknownMachine`, `openOrders` (`orderID`, `status`, `openedAt`) + `hasOpenOrders`, `newOrder`
    /// (`orderID`, `status`); for one machine, at the top: `machines`, `oneMachine`, `orderOpened`.
    func facts(multiple: Bool) -> Facts {
        var machine: Facts = ["saleID": .text(saleID.rawValue)]
        if let warranty {
            machine[warranty.isActive ? "underWarranty" : "outOfWarranty"] = .flag(true)
            if let until = warranty.until { machine["warrantyUntil"] = .date(until) }
        } else {
            machine["unknownMachine"] = .flag(true)
        }
        machine["hasOpenOrders"] = .flag(!openOrders.isEmpty)
        machine["openOrders"] = .list(openOrders.map(Self.facts))
        if let newOrder { machine["newOrder"] = .group(Self.facts(newOrder)) }
        guard !multiple else { return machine }
        return ["machines": .list([machine]), "oneMachine": true, "orderOpened": .flag(newOrder != nil)]
    }

    /// For the person who takes over: `34853: under warranty, open SO-1 (in repair)`.
    var summary: String {
        let state = warranty.map { $0.isActive ? "under warranty" : "out of warranty" } ?? "unknown to the maintenance API"
        let orders = openOrders.map { "open \($0.id) (\($0.status))" }
        return ([saleID.rawValue + ": " + state] + orders).joined(separator: ", ")
    }

    private static func facts(_ order: ServiceOrder) -> Facts {
        var facts: Facts = ["orderID": .text(order.id), "status": .text(order.status)]
        if let openedAt = order.openedAt { facts["openedAt"] = .date(openedAt) }
        return facts
    }
}
