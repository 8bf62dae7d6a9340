import CivilTime
import Testing

@Suite struct CivilDateTests {
    @Test func knownDaysRoundTrip() {
        #expect(CivilDate(daysSinceEpoch: 0) == CivilDate(year: 1970, month: 1, day: 1))
        #expect(CivilDate(year: 2021, month: 12, day: 21).daysSinceEpoch == 18_982)
        #expect(CivilDate(year: 2000, month: 2, day: 29).adding(days: 1) == CivilDate(year: 2000, month: 3, day: 1))
        #expect(CivilDate(daysSinceEpoch: -1) == CivilDate(year: 1969, month: 12, day: 31))
    }

    @Test func everyDayOfFourCenturiesRoundTrips() {
        let start = CivilDate(year: 1800, month: 1, day: 1).daysSinceEpoch
        var expected = CivilDate(year: 1800, month: 1, day: 1)
        for days in start..<(start + 146_097) {
            let date = CivilDate(daysSinceEpoch: days)
            #expect(date == expected)
            #expect(date.daysSinceEpoch == days)
            expected = Self.nextDay(after: expected)
        }
    }

    @Test func formats() {
        let date = CivilDate(year: 2021, month: 1, day: 5)
        #expect(date.iso8601 == "2021-01-05")
        #expect(date.dayMonthYear == "05/01/2021")
        #expect(zeroPadded(7, 3) == "007")
        #expect(zeroPadded(12345, 3) == "12345")
    }

    /// The day after `date`, by counting month lengths (an algorithm independent of the one tested).
    static func nextDay(after date: CivilDate) -> CivilDate {
        let leap = date.year % 4 == 0 && (date.year % 100 != 0 || date.year % 400 == 0)
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        if date.day < lengths[date.month - 1] { return CivilDate(year: date.year, month: date.month, day: date.day + 1) }
        if date.month < 12 { return CivilDate(year: date.year, month: date.month + 1, day: 1) }
        return CivilDate(year: date.year + 1, month: 1, day: 1)
    }
}
