import CivilTime
import Foundation

/// Calendar days in the business time zone (`America/Sao_Paulo` by default): which day an instant
/// falls on, and the totals of "the previous day" that a receipt must match.
public struct BusinessCalendar: Sendable {
    /// The business zone.
    public let zone: TimeZone

    /// A calendar in the zone named `identifier`; nil if the system does not know it.
    public init?(identifier: String) {
        guard let zone = TimeZone(identifier: identifier) else { return nil }
        self.zone = zone
    }

    /// The business-zone calendar day of an instant.
    public func day(of timestamp: Timestamp) -> CivilDate { timestamp.withOffset(in: zone).civil.date }

    /// The instant at `hour:minute:second` of `date` in the business zone.
    public func time(_ date: CivilDate, hour: Int, minute: Int = 0, second: Int = 0) -> Timestamp {
        Timestamp(civil: CivilDateTime(date: date, hour: hour, minute: minute, second: second), in: zone)
    }

    /// The sum of `merchantId`'s transactions on `day` (business zone).
    public func total(of transactions: [Transaction], merchantId: String, on day: CivilDate) -> Money {
        transactions.reduce(Money.zero) { sum, t in
            t.merchantId == merchantId && self.day(of: t.createdAt) == day ? sum + t.value : sum
        }
    }
}
