import AutoResponderCore

/// Answers "where is my machine / when does it arrive / to which address": every sale of the merchant,
/// latest first. A sale in delivery (status not settled) is tracked (`/tracking`, then `/zip_code`):
/// status, forecast, street, neighborhood, city, state; an unknown zip code still gives status and
/// forecast; an unknown sale at the logistics API is answered from the database. A settled sale
/// (done, delivered, cancelled, …) is answered from the database's status and description.
///
/// Options: `settled_statuses` (list; compared normalized), `max_concurrent_lookups` (default 4):
/// sales tracked at once.
public struct LogisticsResolver: Resolver {
    /// `logistics`.
    public static let name = "logistics"
    /// The delivery template.
    public static let templateNames = ["delivery"]
    /// Sale statuses for which nothing is on its way, unless configured.
    public static let defaultSettledStatuses = [
        "done", "delivered", "completed", "complete", "finished", "cancelled", "canceled", "returned", "refunded",
        "concluido", "entregue", "cancelado", "devolvido",
    ]

    private let merchants: any MerchantRepository
    private let logistics: any LogisticsPort
    private let settledStatuses: StatusSet
    private let maxConcurrentLookups: Int

    /// Creates the resolver.
    /// - Throws: ``ConfigurationError`` if `settled_statuses` is not a list of strings or
    ///   `max_concurrent_lookups` not a positive integer.
    public init(context: ResolverContext) throws {
        merchants = context.merchants
        logistics = context.logistics
        settledStatuses = StatusSet(try context.options.strings("settled_statuses") ?? Self.defaultSettledStatuses)
        maxConcurrentLookups = try context.options.positiveInteger("max_concurrent_lookups") ?? 4
    }

    /// Looks up the merchant's sales and their deliveries.
    public func resolve(_ request: ResolutionRequest) async throws -> Resolution {
        let merchant = request.merchantID
        let sales = try await merchants.sales(of: merchant)
        try OwnershipGuard.check(sales, belongTo: merchant)
        guard !sales.isEmpty else {
            return .handOff(.noMerchantData, detail: "merchant \(merchant) has no sales")
        }
        let ordered = sales.sorted(by: Sale.latestFirst)
        let items = try await boundedConcurrentMap(ordered, limit: maxConcurrentLookups) { sale in
            try await facts(for: sale)
        }
        return .reply(
            template: "delivery",
            facts: [
                "sales": .list(items), "saleCount": .integer(items.count), "multipleSales": .flag(items.count > 1),
            ])
    }

    private func facts(for sale: Sale) async throws -> Facts {
        var facts: Facts = [
            "saleID": .text(sale.id.rawValue),
            "saleStatus": .text(sale.status),
            "saleCreatedAt": .date(sale.createdAt),
        ]
        facts.setText("saleDescription", sale.description)
        guard !settledStatuses.contains(sale.status) else {
            facts["settled"] = .flag(true)
            return facts
        }
        facts["inDelivery"] = .flag(true)
        guard let tracking = try await logistics.tracking(of: sale.id) else {
            facts["trackingUnavailable"] = .flag(true)
            return facts
        }
        try OwnershipGuard.check(tracking, isOf: sale.id)
        facts["tracked"] = .flag(true)
        facts["trackingStatus"] = .text(tracking.status)
        facts.setText("forecast", tracking.deliveryForecast)
        guard let zip = tracking.destinationZip else {
            facts["addressUnknown"] = .flag(true)
            return facts
        }
        facts["destinationZip"] = .text(zip.formatted)
        guard let address = try await logistics.address(of: zip) else {
            facts["addressUnknown"] = .flag(true)
            return facts
        }
        try OwnershipGuard.check(address, isOf: zip)
        var place: Facts = ["zip": .text((address.zip ?? zip).formatted)]
        place.setText("street", address.street)
        place.setText("neighborhood", address.neighborhood)
        place.setText("city", address.city)
        place.setText("state", address.state)
        place.setText("complement", address.complement)
        facts["address"] = .group(place)
        return facts
    }
}
