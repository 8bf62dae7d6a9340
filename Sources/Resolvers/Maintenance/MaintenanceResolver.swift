import AutoResponderCore
import Foundation
import Logging

/// Answers "my machine does not work" (it does not turn on, keeps restarting, the screen, the battery,
/// the card reader): finds the merchant's machine (its delivered sale), asks the maintenance API for
/// its warranty and open service orders, and replies with
/// - the open service order's number and status, when there is one;
/// - else, under warranty: a new service order's number (`POST /service_orders` with an idempotency
///   key made of the conversation and its first unanswered message, so a retry never opens two);
/// - else, out of warranty: a hand-off for a quote (``HandOffReason/repairQuote``).
///
/// No delivered machine: a hand-off (``HandOffReason/missingData``); a machine the maintenance API
/// does not know: the same; several delivered machines: their warranties and open orders, and a
/// hand-off so that a person asks which one fails (``HandOffReason/machineUnclear``). Every reply and
/// hand-off uses the `maintenance` template.
///
/// Source: the JSON API `maintenance` (`config/sources.yaml`). Options: `machine_statuses` (sale
/// statuses of a delivered machine; compared normalized), `max_machines` (default 3: machines looked
/// up for one reply), `max_problem_length` (default 500: characters of the client's words sent as
/// the order's `problem`).
public struct MaintenanceResolver: Resolver {
    /// `maintenance`.
    public static let name = "maintenance"
    /// The maintenance template (replies and hand-offs).
    public static let templateNames = [template]
    /// The maintenance API.
    public static let sources: [SourceRequirement] = [.jsonAPI(sourceName)]
    /// The name of the source in `config/sources.yaml`.
    public static let sourceName = "maintenance"
    /// The template's name.
    public static let template = "maintenance"
    /// Sale statuses of a machine the merchant has, unless configured.
    public static let defaultMachineStatuses = [
        "done", "delivered", "completed", "complete", "finished", "concluido", "entregue",
    ]

    private let merchants: any MerchantRepository
    private let api: MaintenanceAPI
    private let machineStatuses: Set<String>
    private let maxMachines: Int
    private let maxProblemLength: Int

    /// Creates the resolver.
    /// - Throws: ``ConfigurationError`` if the `maintenance` source is missing or an option has the
    ///   wrong type.
    public init(context: ResolverContext) throws {
        merchants = context.merchants
        api = MaintenanceAPI(source: try context.jsonSource(Self.sourceName), timeZone: context.businessTimeZone)
        let statuses = try context.options.strings("machine_statuses") ?? Self.defaultMachineStatuses
        machineStatuses = Set(statuses.map(TextNormalizer.normalize))
        maxMachines = try context.options.positiveInteger("max_machines") ?? 3
        maxProblemLength = try context.options.positiveInteger("max_problem_length") ?? 500
    }

    /// Looks up the machine, its warranty and service orders; opens an order when it should.
    public func resolve(_ request: ResolutionRequest) async throws -> Resolution {
        let merchant = request.merchantID
        let sales = try await merchants.sales(of: merchant)
        if let stray = sales.first(where: { $0.merchantID != merchant }) {
            throw UpstreamError(
                code: .mismatchedData, upstream: "database sales",
                message: "asked for merchant \(merchant)'s sales, got sale \(stray.id) of another merchant")
        }
        guard !sales.isEmpty else {
            return .handOff(.noMerchantData, detail: "merchant \(merchant) has no sales, so no machine")
        }
        let machines = sales.sorted(by: Sale.latestFirst)
            .filter { machineStatuses.contains(TextNormalizer.normalize($0.status)) }.prefix(maxMachines)
        guard let machine = machines.first else {
            return handOff(
                .missingData, "none of merchant \(merchant)'s \(sales.count) sales is a delivered machine",
                facts: ["noMachine": true])
        }
        guard machines.count == 1 else { return try await several(Array(machines), merchant: merchant) }
        return try await one(machine.id, request: request)
    }

    /// One machine: its open order, or a new one under warranty, or a quote.
    private func one(_ sale: SaleID, request: ResolutionRequest) async throws -> Resolution {
        guard let warranty = try await api.warranty(of: sale) else {
            return handOff(
                .missingData, "the maintenance API does not know sale \(sale)",
                facts: ["unknownMachine": true, "machines": .list([["saleID": .text(sale.rawValue)]])])
        }
        let key = Self.idempotencyKey(request)
        let orders = try await api.openOrders(of: sale) ?? []
        var machine = MachineFacts(saleID: sale, warranty: warranty, openOrders: orders, idempotencyKey: key)
        if !orders.isEmpty {
            request.logger.debug("open service order found", metadata: ["sale.id": "\(sale)", "order.id": "\(orders[0].id)"])
            return .reply(template: Self.template, facts: machine.facts(multiple: false))
        }
        guard warranty.isActive else {
            return handOff(
                .repairQuote, "sale \(sale) is out of warranty: send a quote for the repair",
                facts: machine.facts(multiple: false).merging(["needsQuote": true]))
        }
        guard let order = try await api.openOrder(for: sale, key: key, problem: problem(request)) else {
            return handOff(
                .missingData, "the maintenance API did not open a service order for sale \(sale)",
                facts: ["unknownMachine": true, "machines": .list([["saleID": .text(sale.rawValue)]])])
        }
        request.logger.info("service order opened", metadata: ["sale.id": "\(sale)", "order.id": "\(order.id)"])
        machine.newOrder = order
        return .reply(template: Self.template, facts: machine.facts(multiple: false))
    }

    /// Several machines: what each one has, and a person asks which one fails.
    private func several(_ sales: [Sale], merchant: MerchantID) async throws -> Resolution {
        let machines = try await withThrowingTaskGroup(of: (Int, MachineFacts).self) { group in
            for (index, sale) in sales.enumerated() {
                group.addTask { [api] in
                    let warranty = try await api.warranty(of: sale.id)
                    let orders = warranty == nil ? [] : try await api.openOrders(of: sale.id) ?? []
                    return (index, MachineFacts(saleID: sale.id, warranty: warranty, openOrders: orders, idempotencyKey: nil))
                }
            }
            var found = [MachineFacts?](repeating: nil, count: sales.count)
            for try await (index, machine) in group { found[index] = machine }
            return found.compactMap { $0 }
        }
        return handOff(
            .machineUnclear,
            "merchant \(merchant) has \(machines.count) machines (" + machines.map(\.summary).joined(separator: "; ")
                + "): ask which one fails",
            facts: [
                "whichMachine": true, "machines": .list(machines.map { $0.facts(multiple: true) }),
            ])
    }

    private func handOff(_ reason: HandOffReason, _ detail: String, facts: Facts) -> Resolution {
        .handOff(HandOffDecision(reason: reason, detail: detail, facts: facts, template: Self.template))
    }

    /// The client's words for the service order (its unanswered messages), shortened.
    private func problem(_ request: ResolutionRequest) -> String {
        let text = request.texts.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
            .joined(separator: " / ")
        let clean = String(text.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) }.map(Character.init))
        return clean.isEmpty ? "reported through the support chat" : String(clean.prefix(maxProblemLength))
    }

    /// The idempotency key of the service order a conversation opens: the conversation and its first
    /// unanswered client message, the same on every attempt of this reply (a retry, a redelivery,
    /// another worker), and new for a later message.
    public static func idempotencyKey(_ request: ResolutionRequest) -> String {
        let message = request.messages.first.map { ":\($0.id.rawValue)" } ?? ""
        return "conversation:\(request.conversationID.rawValue)\(message)"
    }
}

extension Facts {
    /// These facts with `other`'s added (a repeated name keeps `other`'s).
    func merging(_ other: Facts) -> Facts {
        var merged = self
        for (key, value) in other.values { merged[key] = value }
        return merged
    }
}
