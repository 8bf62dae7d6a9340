import CivilTime
import Foundation

extension GenerationContext {
    /// Card payments over the last `days` business-zone days, up to the reference time; some near midnight.
    func transactions(_ random: inout SeededRandom) -> [(Timestamp, Money)] {
        var result: [(Timestamp, Money)] = []
        for back in stride(from: parameters.days - 1, through: 0, by: -1) {
            let day = referenceDay.adding(days: -back)
            var times: [Timestamp] = []
            for _ in 0..<random.weighted([(0, 10), (1, 15), (2, 15), (3, 15), (4, 15), (5, 10), (6, 10), (8, 10)]) {
                times.append(calendar.time(day, hour: random.int(in: 8...21), minute: random.below(60), second: random.below(60)))
            }
            if random.chance(0.15) {  // late evening: the next day already in UTC
                times.append(calendar.time(day, hour: 23, minute: random.int(in: 30...59), second: random.below(60)))
            }
            if random.chance(0.10) {  // just after midnight: still the previous day in UTC
                times.append(calendar.time(day, hour: 0, minute: random.below(30), second: random.below(60)))
            }
            for time in times.sorted() where time < reference {
                let cents = random.weighted([(500...6_000, 40), (6_000...40_000, 45), (40_000...300_000, 15)])
                result.append((time, Money(cents: Int64(random.int(in: cents)))))
            }
        }
        return result
    }

    /// One receipt per business-zone day that had transactions, created early the next day.
    func receipts(merchantId: String, transactions: [(Timestamp, Money)], _ random: inout SeededRandom) -> [Receipt] {
        var result: [Receipt] = []
        let days = transactions.map { calendar.day(of: $0.0) }
        for back in stride(from: parameters.days - 2, through: 0, by: -1) {
            let day = referenceDay.adding(days: -back)
            let covered = day.adding(days: -1)
            let coveredValues = zip(days, transactions).filter { $0.0 == covered }.map(\.1.1)
            guard !coveredValues.isEmpty else { continue }
            let total = coveredValues.reduce(Money.zero, +)
            let createdAt = calendar.time(
                day, hour: random.weighted([(1, 60), (2, 15), (4, 15), (6, 10)]), minute: random.below(60),
                second: random.below(60))
            guard createdAt < reference else { continue }
            let status: (String, String) = random.weighted([
                (("success", "OK"), 78), (("failed", random.pick(Vocabulary.receiptFailures)), 15),
                (random.pick(Vocabulary.receiptRare), 7),
            ])
            var value = total
            if random.chance(0.10) {
                value = mismatched(total: total, values: coveredValues, covered: covered, transactions: transactions, &random)
            }
            result.append(Receipt(
                merchantId: merchantId, createdAt: createdAt, status: status.0, description: status.1, value: value,
                coveredDay: covered, previousDayTotal: total))
        }
        return result
    }

    /// A value that differs from `total`: a transaction missing, a fee withheld, the day counted in
    /// UTC, or an extra amount.
    private func mismatched(
        total: Money, values: [Money], covered: CivilDate, transactions: [(Timestamp, Money)],
        _ random: inout SeededRandom
    ) -> Money {
        var value: Money
        let utc = TimeZone(secondsFromGMT: 0)!
        switch random.below(4) {
        case 0 where values.count >= 2:
            value = total - random.pick(values)
        case 2:
            let utcValues = transactions.filter { $0.0.withOffset(in: utc).civil.date == covered }.map(\.1)
            value = utcValues.reduce(Money.zero, +)
        case 3:
            value = total + Money(cents: Int64(random.int(in: 1_000...20_000)))
        default:
            value = total - Money(cents: max(1, total.cents * Int64(random.int(in: 2...5)) / 100))
        }
        if value == total { value = total - Money(cents: max(1, total.cents * 3 / 100)) }
        return value
    }
}
