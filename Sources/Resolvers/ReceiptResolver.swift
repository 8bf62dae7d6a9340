import AutoResponderCore
import Foundation
import Logging

/// Answers "my money has not landed": the merchant's latest receipt (status, description, value) and
/// whether its value matches the sum of the merchant's transactions of the previous calendar day in
/// the business time zone.
///
/// Options: `success_statuses`, `failure_statuses` (lists; other statuses are quoted as they are).
public struct ReceiptResolver: Resolver {
    /// `receipt`.
    public static let name = "receipt"
    /// The receipt template.
    public static let templateNames = ["receipt"]
    /// Statuses of a transfer that went through, unless configured.
    public static let defaultSuccessStatuses = ["success", "succeeded", "successful", "ok", "paid", "completed", "done", "sucesso", "pago"]
    /// Statuses of a transfer that did not go through, unless configured.
    public static let defaultFailureStatuses = ["failed", "failure", "error", "rejected", "refused", "returned", "falha", "erro", "recusado"]

    private let merchants: any MerchantRepository
    private let calendar: BusinessCalendar
    private let successStatuses: StatusSet
    private let failureStatuses: StatusSet

    /// Creates the resolver.
    /// - Throws: ``ConfigurationError`` if an option has the wrong type.
    public init(context: ResolverContext) throws {
        merchants = context.merchants
        calendar = BusinessCalendar(timeZone: context.businessTimeZone)
        successStatuses = StatusSet(try context.options.strings("success_statuses") ?? Self.defaultSuccessStatuses)
        failureStatuses = StatusSet(try context.options.strings("failure_statuses") ?? Self.defaultFailureStatuses)
    }

    /// Looks up the latest receipt and the previous day's transactions.
    public func resolve(_ request: ResolutionRequest) async throws -> Resolution {
        let merchant = request.merchantID
        guard let receipt = try await merchants.latestReceipt(of: merchant) else {
            return .handOff(.noMerchantData, detail: "merchant \(merchant) has no receipt")
        }
        try OwnershipGuard.check(receipt, belongsTo: merchant)
        let day = calendar.previousDay(before: receipt.createdAt)
        let total = try await merchants.transactionTotal(of: merchant, in: day)
        request.logger.debug(
            "receipt looked up",
            metadata: ["receipt.status": "\(receipt.status)", "receipt.value": "\(receipt.value)",
                       "transactions.sum": "\(total.sum)", "transactions.count": "\(total.count)"])
        return .reply(template: "receipt", facts: facts(receipt, day: day, total: total))
    }

    private func facts(_ receipt: Receipt, day: Range<Date>, total: TransactionTotal) -> Facts {
        let matches = Self.cents(receipt.value) == Self.cents(total.sum)
        let difference = receipt.value - total.sum
        var facts: Facts = [
            "status": .text(receipt.status),
            "value": .money(receipt.value),
            "createdAt": .dateTime(receipt.createdAt),
            "previousDay": .date(day.lowerBound),
            "transactionsTotal": .money(total.sum),
            "transactionCount": .integer(total.count),
            "hasTransactions": .flag(total.count > 0),
            "singleTransaction": .flag(total.count == 1),
            "matches": .flag(matches),
            "mismatch": .flag(!matches),
            "difference": .money(difference < 0 ? -difference : difference),
            "receiptAboveTransactions": .flag(difference > 0),
            "receiptBelowTransactions": .flag(difference < 0),
        ]
        facts.setText("description", receipt.description)
        let isSuccess = successStatuses.contains(receipt.status)
        let isFailure = !isSuccess && failureStatuses.contains(receipt.status)
        facts["isSuccess"] = .flag(isSuccess)
        facts["isFailure"] = .flag(isFailure)
        facts["isOtherStatus"] = .flag(!isSuccess && !isFailure)
        return facts
    }

    /// The amount rounded to cents, for comparison.
    static func cents(_ amount: Decimal) -> Decimal {
        var value = amount
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 2, .plain)
        return rounded
    }
}
