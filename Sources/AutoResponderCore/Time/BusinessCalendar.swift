import Foundation

/// Calendar days in the business time zone, as half-open ranges of instants.
///
/// Computed with a Gregorian calendar in the zone, from noon to noon, so days of 23 or 25 hours
/// (daylight-saving changes, including zones whose clocks skip midnight) come out right.
public struct BusinessCalendar: Sendable {
    /// The business time zone.
    public let timeZone: TimeZone

    /// Creates a calendar for `timeZone`.
    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
    }

    /// The business time zone named by `BUSINESS_TIMEZONE`, e.g. `America/Sao_Paulo`.
    /// - Throws: ``ConfigurationError`` (`invalidValue`) for an unknown zone name.
    public static func timeZone(named name: String) throws(ConfigurationError) -> TimeZone {
        guard let zone = TimeZone(identifier: name) else {
            throw ConfigurationError(
                code: .invalidValue, message: "unknown time zone `\(name)`; use an IANA name like America/Sao_Paulo")
        }
        return zone
    }

    /// The calendar day (in the business zone) that contains `instant`: `[its midnight, next midnight)`.
    public func day(containing instant: Date) -> Range<Date> {
        let calendar = self.calendar
        let noon = self.noon(of: instant)
        let next = calendar.date(byAdding: .day, value: 1, to: noon) ?? noon.addingTimeInterval(86_400)
        return calendar.startOfDay(for: noon)..<calendar.startOfDay(for: next)
    }

    /// The calendar day before the one containing `instant`: for a receipt created at
    /// `2021-12-22 01:00-03:00`, `[2021-12-21 00:00-03:00, 2021-12-22 00:00-03:00)`.
    public func previousDay(before instant: Date) -> Range<Date> {
        let calendar = self.calendar
        let noon = self.noon(of: instant)
        let previous = calendar.date(byAdding: .day, value: -1, to: noon) ?? noon.addingTimeInterval(-86_400)
        return calendar.startOfDay(for: previous)..<calendar.startOfDay(for: noon)
    }

    private var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    /// Noon of the calendar day of `instant` (noon exists on every day, whatever the DST rules).
    private func noon(of instant: Date) -> Date {
        let calendar = self.calendar
        var components = calendar.dateComponents([.year, .month, .day], from: instant)
        components.hour = 12
        return calendar.date(from: components) ?? instant
    }
}
