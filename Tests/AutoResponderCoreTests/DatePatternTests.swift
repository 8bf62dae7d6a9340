import Foundation
import Testing

@testable import AutoResponderCore

/// The compiled date patterns give, byte for byte, what `DateFormatter` gives.
@Suite struct DatePatternTests {
    static let cases: [(pattern: String, locale: String)] = [
        ("MMM d, yyyy", "en_US"), ("MMM d, yyyy 'at' h:mm a", "en_US"), ("dd/MM/yyyy", "pt_BR"),
        ("dd/MM/yyyy 'às' HH:mm", "pt_BR"), ("d MMMM yy, hh:mm:ss a", "en_US"), ("MMMM d 'de' yyyy", "pt_BR"),
        ("''h'' H:m:s", "en_US"),
    ]

    @Test(arguments: cases.indices)
    func matchesDateFormatterOverYearsOfInstants(_ index: Int) throws {
        let (pattern, locale) = Self.cases[index]
        let compiled = DatePattern(pattern, localeIdentifier: locale)
        #expect(compiled.tokens != nil, "\(pattern) is handled without DateFormatter")
        for zoneName in ["America/Sao_Paulo", "UTC", "Asia/Kolkata"] {
            let zone = try #require(TimeZone(identifier: zoneName))
            let formatter = DateFormatter()
            formatter.calendar = Calendar(identifier: .gregorian)
            formatter.locale = Locale(identifier: locale)
            formatter.timeZone = zone
            formatter.dateFormat = pattern
            // Every 7 h 13 min 17 s over 2015–2023: every hour of the day, both daylight-saving regimes
            // São Paulo had (until 2019), month ends, leap days.
            var seconds: TimeInterval = 1_420_070_400
            while seconds < 1_704_067_200 {
                let date = Date(timeIntervalSince1970: seconds)
                let expected = formatter.string(from: date)
                let got = compiled.format(date, timeZone: zone)
                if got != expected {
                    Issue.record("\(pattern) \(zoneName) \(date): got \(got), DateFormatter gives \(expected)")
                    return
                }
                seconds += 25_997
            }
        }
    }

    @Test func anUnhandledFieldFallsBackToDateFormatter() {
        let pattern = DatePattern("EEEE, d MMM", localeIdentifier: "en_US")
        #expect(pattern.tokens == nil)
        let date = Date(timeIntervalSince1970: 1_640_142_000)  // 2021-12-22 03:00 UTC
        #expect(pattern.format(date, timeZone: TimeZone(identifier: "UTC")!) == "Wednesday, 22 Dec")
    }
}
