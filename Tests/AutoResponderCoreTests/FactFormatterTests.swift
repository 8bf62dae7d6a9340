import Foundation
import Testing

@testable import AutoResponderCore

@Suite struct FactFormatterTests {
    let english: FactFormatter
    let portuguese: FactFormatter

    init() throws {
        let languages = try loadLanguages()
        english = FactFormatter(format: languages.format(for: .english), timeZone: saoPaulo)
        portuguese = FactFormatter(format: languages.format(for: .portuguese), timeZone: saoPaulo)
    }

    @Test(arguments: [
        ("1240", "R$ 1,240.00", "R$ 1.240,00"),
        ("177.4", "R$ 177.40", "R$ 177,40"),
        ("0", "R$ 0.00", "R$ 0,00"),
        ("0.005", "R$ 0.01", "R$ 0,01"),
        ("999.994", "R$ 999.99", "R$ 999,99"),
        ("1234567.89", "R$ 1,234,567.89", "R$ 1.234.567,89"),
        ("999999999999.99", "R$ 999,999,999,999.99", "R$ 999.999.999.999,99"),
        ("-12.5", "-R$ 12.50", "-R$ 12,50"),
        ("-1000", "-R$ 1,000.00", "-R$ 1.000,00"),
    ])
    func moneyIsBrazilianRealsInTheLanguagesFormat(_ amount: String, en: String, pt: String) throws {
        let value = try #require(Decimal(string: amount, locale: Locale(identifier: "en_US_POSIX")))
        #expect(english.money(value) == en)
        #expect(portuguese.money(value) == pt)
    }

    @Test func moneyIsExactForSumsThatBinaryFloatsGetWrong() {
        let sum = Decimal(string: "0.1")! + Decimal(string: "0.2")!
        #expect(english.money(sum) == "R$ 0.30")
        #expect(english.money(Decimal(string: "127.4")! + Decimal(50)) == "R$ 177.40")
    }

    @Test func datesAreInTheBusinessTimeZone() {
        // 02:30 UTC on the 22nd is still the 21st in São Paulo.
        let date = instant("2021-12-22T02:30:00Z")
        #expect(english.date(date) == "Dec 21, 2021")
        #expect(portuguese.date(date) == "21/12/2021")
        #expect(english.dateTime(instant("2021-12-22T01:00:00-03:00")) == "Dec 22, 2021 at 1:00 AM")
        #expect(portuguese.dateTime(instant("2021-12-22T01:00:00-03:00")) == "22/12/2021 às 01:00")
    }

    @Test func upstreamTextLosesControlAndFormatCharacters() {
        let hostile = "In\u{202E}transit\u{200B} to\ncustomer\u{2066}\u{FEFF}\t ok"
        #expect(FactFormatter.sanitize(hostile) == "Intransit to customer ok")
        #expect(FactFormatter.sanitize(String(repeating: "a", count: 400)).count == FactFormatter.maxTextLength)
    }
}
