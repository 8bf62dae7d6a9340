import AutoResponderCore
import Foundation

/// A machine's warranty, as the maintenance API answers `POST /warranty`.
struct Warranty: Hashable, Sendable {
    /// The sale (the machine) it is of.
    var saleID: SaleID
    /// Whether the machine is under warranty now.
    var isActive: Bool
    /// The last day of the warranty, when the API says.
    var until: Date?
}

/// A service order (a repair) of one machine.
struct ServiceOrder: Hashable, Sendable {
    /// The order's number, e.g. `SO-100042`.
    var id: String
    /// Its status, quoted as the API has it (`open`, `awaiting parts`, `in repair`, ...).
    var status: String
    /// The day it was opened, when the API says.
    var openedAt: Date?
    /// The idempotency key it was opened with, when it was opened through the API with one.
    var idempotencyKey: String?
}
