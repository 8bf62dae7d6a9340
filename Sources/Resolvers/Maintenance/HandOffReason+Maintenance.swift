import AutoResponderCore

extension HandOffReason {
    /// The machine is out of warranty: a person sends the merchant a quote for the repair.
    public static let repairQuote = HandOffReason(rawValue: "repair_quote")
    /// The merchant has several machines and nothing says which one fails: a person asks, then opens
    /// the service order.
    public static let machineUnclear = HandOffReason(rawValue: "machine_unclear")
}
