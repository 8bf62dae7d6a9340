import CivilTime

/// The maintenance API's answer to `POST /warranty` for one machine (a sale), in the API's own JSON
/// shape; a sale without one answers 404 on every maintenance endpoint.
public struct Warranty: Sendable, Hashable, Codable {
    /// The sale (`id_sale`).
    public var idSale: String
    /// Whether the machine is under warranty (`under_warranty`).
    public var underWarranty: Bool
    /// The warranty's last day, `YYYY-MM-DD` (`warranty_until`).
    public var warrantyUntil: String

    /// A warranty answer.
    public init(idSale: String, underWarranty: Bool, warrantyUntil: String) {
        self.idSale = idSale
        self.underWarranty = underWarranty
        self.warrantyUntil = warrantyUntil
    }

    enum CodingKeys: String, CodingKey {
        case idSale = "id_sale", underWarranty = "under_warranty", warrantyUntil = "warranty_until"
    }
}

/// A service order (a repair) of one machine, as the maintenance API lists it.
public struct ServiceOrder: Sendable, Hashable, Codable {
    /// `SO-700000`, ... (`order_id`).
    public var orderId: String
    /// The machine (`id_sale`).
    public var idSale: String
    /// `open`, `awaiting parts`, `in repair`, `awaiting pickup`; `closed` ones are not listed as open.
    public var status: String
    /// The day it was opened, `YYYY-MM-DD` (`opened_at`).
    public var openedAt: String
    /// What the merchant reported.
    public var problem: String
    /// The key it was opened with through `POST /service_orders` (`idempotency_key`), if any.
    public var idempotencyKey: String?

    /// A service order.
    public init(
        orderId: String, idSale: String, status: String, openedAt: String, problem: String, idempotencyKey: String? = nil
    ) {
        self.orderId = orderId
        self.idSale = idSale
        self.status = status
        self.openedAt = openedAt
        self.problem = problem
        self.idempotencyKey = idempotencyKey
    }

    /// Whether it counts as open (every status but `closed`, `done`, `cancelled`).
    public var isOpen: Bool { !["closed", "done", "cancelled", "canceled"].contains(status) }

    enum CodingKeys: String, CodingKey {
        case orderId = "order_id", idSale = "id_sale", status, openedAt = "opened_at", problem
        case idempotencyKey = "idempotency_key"
    }
}
