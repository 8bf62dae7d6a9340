import Foundation
import Testing

@testable import AutoResponderCore

@Suite struct BusinessCalendarTests {
    let calendar = BusinessCalendar(timeZone: saoPaulo)

    @Test func theContractsExample() {
        // A receipt created at 2021-12-22 01:00-03:00 covers 2021-12-21 in São Paulo.
        let day = calendar.previousDay(before: instant("2021-12-22T01:00:00-03:00"))
        #expect(day.lowerBound == instant("2021-12-21T00:00:00-03:00"))
        #expect(day.upperBound == instant("2021-12-22T00:00:00-03:00"))
    }

    @Test func theDayIsTheBusinessZonesNotUTCs() {
        // 2021-12-22 01:00 UTC is still 2021-12-21 22:00 in São Paulo: the previous day is the 20th.
        let day = calendar.previousDay(before: instant("2021-12-22T01:00:00Z"))
        #expect(day.lowerBound == instant("2021-12-20T00:00:00-03:00"))
        #expect(day.upperBound == instant("2021-12-21T00:00:00-03:00"))
    }

    @Test func midnightBelongsToTheNewDay() {
        let day = calendar.previousDay(before: instant("2021-12-22T00:00:00-03:00"))
        #expect(day.lowerBound == instant("2021-12-21T00:00:00-03:00"))
        let lastSecond = calendar.previousDay(before: instant("2021-12-21T23:59:59-03:00"))
        #expect(lastSecond.lowerBound == instant("2021-12-20T00:00:00-03:00"))
    }

    @Test func daylightSavingStartSkippedMidnightInSaoPaulo() {
        // 2018-11-04: clocks jumped from 00:00 to 01:00 (-02:00); that day had 23 hours.
        let day = calendar.previousDay(before: instant("2018-11-05T10:00:00-02:00"))
        #expect(day.lowerBound == instant("2018-11-04T01:00:00-02:00"))
        #expect(day.upperBound == instant("2018-11-05T00:00:00-02:00"))
        #expect(day.upperBound.timeIntervalSince(day.lowerBound) == 23 * 3600)
    }

    @Test func daylightSavingEndInSaoPaulo() {
        // 2019-02-17 00:00 -02:00 became 2019-02-16 23:00 -03:00: the 16th had 25 hours.
        let day = calendar.previousDay(before: instant("2019-02-17T08:00:00-03:00"))
        #expect(day.lowerBound == instant("2019-02-16T00:00:00-02:00"))
        #expect(day.upperBound == instant("2019-02-17T00:00:00-03:00"))
        #expect(day.upperBound.timeIntervalSince(day.lowerBound) == 25 * 3600)
    }

    @Test func anotherZoneWithItsOwnDaylightSaving() throws {
        let newYork = BusinessCalendar(timeZone: try BusinessCalendar.timeZone(named: "America/New_York"))
        // 2021-03-14 had 23 hours in New York.
        let spring = newYork.previousDay(before: instant("2021-03-15T00:30:00-04:00"))
        #expect(spring.lowerBound == instant("2021-03-14T00:00:00-05:00"))
        #expect(spring.upperBound == instant("2021-03-15T00:00:00-04:00"))
        #expect(spring.upperBound.timeIntervalSince(spring.lowerBound) == 23 * 3600)
        // 2021-11-07 had 25.
        let autumn = newYork.previousDay(before: instant("2021-11-08T12:00:00-05:00"))
        #expect(autumn.upperBound.timeIntervalSince(autumn.lowerBound) == 25 * 3600)
    }

    @Test func dayContaining() {
        let day = calendar.day(containing: instant("2021-12-21T13:00:00-03:00"))
        #expect(day == instant("2021-12-21T00:00:00-03:00")..<instant("2021-12-22T00:00:00-03:00"))
    }

    @Test func unknownZoneNamesAreConfigurationErrors() {
        #expect(throws: ConfigurationError.self) { try BusinessCalendar.timeZone(named: "Mars/Olympus_Mons") }
    }
}
