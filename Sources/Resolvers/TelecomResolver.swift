import AutoResponderCore

/// Answers "my machine does not connect": every chip of the merchant's sales (latest sale first), its
/// status at the operator and, when not active, the reason and a next step (in the template).
///
/// A chip the operator does not know is listed as such; when no chip is known, the conversation is
/// handed off (``HandOffReason/missingData``), as when the merchant has no sale or no chip.
///
/// Options: `max_concurrent_lookups` (default 4): `/chip_status` calls in flight at once.
public struct TelecomResolver: Resolver {
    /// `telecom`.
    public static let name = "telecom"
    /// The chip template.
    public static let templateNames = ["chip_status"]

    private let merchants: any MerchantRepository
    private let telecom: any TelecomPort
    private let maxConcurrentLookups: Int

    /// Creates the resolver.
    /// - Throws: ``ConfigurationError`` if `max_concurrent_lookups` is not a positive integer.
    public init(context: ResolverContext) throws {
        merchants = context.merchants
        telecom = context.telecom
        maxConcurrentLookups = try context.options.positiveInteger("max_concurrent_lookups") ?? 4
    }

    /// Looks up the merchant's chips and their status.
    public func resolve(_ request: ResolutionRequest) async throws -> Resolution {
        let merchant = request.merchantID
        let sales = try await merchants.sales(of: merchant)
        try OwnershipGuard.check(sales, belongTo: merchant)
        guard !sales.isEmpty else {
            return .handOff(.noMerchantData, detail: "merchant \(merchant) has no sales, so no chip")
        }
        var chips: [ChipID] = []
        for sale in sales.sorted(by: Sale.latestFirst) {
            if let chip = sale.chipID, !chips.contains(chip) { chips.append(chip) }
        }
        guard !chips.isEmpty else {
            return .handOff(.missingData, detail: "none of merchant \(merchant)'s \(sales.count) sales has a chip id")
        }
        let statuses = try await lookUp(chips)
        let known = statuses.compactMap { $0 }
        let unknown = zip(chips, statuses).filter { $0.1 == nil }.map(\.0)
        guard !known.isEmpty else {
            return .handOff(
                .missingData,
                detail: "the operator knows none of merchant \(merchant)'s chips: "
                    + chips.map(\.rawValue).joined(separator: ", "),
                facts: [
                    "hasUnknownChips": .flag(true),
                    "unknownChips": .list(unknown.map { ["chipID": .text($0.rawValue)] }),
                ])
        }
        return .reply(template: "chip_status", facts: facts(known: known, unknown: unknown))
    }

    private func lookUp(_ chips: [ChipID]) async throws -> [ChipStatus?] {
        try await boundedConcurrentMap(chips, limit: maxConcurrentLookups) { [telecom] chip in
            let status = try await telecom.chipStatus(of: chip)
            if let status { try OwnershipGuard.check(status, isOf: chip) }
            return status
        }
    }

    private func facts(known: [ChipStatus], unknown: [ChipID]) -> Facts {
        let chips: [Facts] = known.map { status in
            var facts: Facts = [
                "chipID": .text(status.chipID.rawValue),
                "status": .text(status.rawStatus),
                "isActive": .flag(status.state == .active),
                "isInactive": .flag(status.state == .inactive),
                "isWithoutConnection": .flag(status.state == .withoutConnection),
                "isOtherStatus": .flag({ if case .other = status.state { true } else { false } }()),
            ]
            facts.setText("description", status.description)
            return facts
        }
        return [
            "chips": .list(chips),
            "chipCount": .integer(known.count),
            "multipleChips": .flag(known.count + unknown.count > 1),
            "allActive": .flag(known.allSatisfy { $0.state == .active }),
            "unknownChips": .list(unknown.map { ["chipID": .text($0.rawValue)] }),
            "hasUnknownChips": .flag(!unknown.isEmpty),
        ]
    }
}
