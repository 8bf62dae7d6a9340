import Foundation

/// Formats fact values for one language: money as Brazilian reals, dates in the business time zone.
public struct FactFormatter: Sendable {
    /// The language's format.
    public let format: FactFormat
    /// The business time zone.
    public let timeZone: TimeZone
    private let datePattern: DatePattern
    private let dateTimePattern: DatePattern

    /// Creates a formatter (compiles its date patterns: create it once, not per reply).
    public init(format: FactFormat, timeZone: TimeZone) {
        self.format = format
        self.timeZone = timeZone
        datePattern = DatePattern(format.dateFormat, localeIdentifier: format.localeIdentifier)
        dateTimePattern = DatePattern(format.dateTimeFormat, localeIdentifier: format.localeIdentifier)
    }

    /// `R$ 1,240.00` (English) or `R$ 1.240,00` (Portuguese), rounded half away from zero to cents,
    /// exact from `Decimal`; negative amounts as `-R$ 12.50`.
    public func money(_ amount: Decimal) -> String {
        var value = amount
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 2, .plain)
        let isNegative = rounded < 0
        let magnitude = isNegative ? -rounded : rounded
        let parts = magnitude.description.split(separator: ".", maxSplits: 1)
        let units = parts.first.map(String.init) ?? "0"
        var cents = parts.count > 1 ? String(parts[1]) : ""
        cents = String((cents + "00").prefix(2))
        var grouped = ""
        for (index, digit) in units.reversed().enumerated() {
            if index > 0, index % 3 == 0 { grouped = format.groupingSeparator + grouped }
            grouped = String(digit) + grouped
        }
        return (isNegative ? "-" : "") + format.currencySymbol + " " + grouped + format.decimalSeparator + cents
    }

    /// The calendar date of `date` in the business time zone.
    public func date(_ date: Date) -> String { datePattern.format(date, timeZone: timeZone) }

    /// The date and time of `date` in the business time zone.
    public func dateTime(_ date: Date) -> String { dateTimePattern.format(date, timeZone: timeZone) }

    /// The value Mustache renders for `value`: strings for text, money and dates, `Bool` for flags,
    /// dictionaries and arrays for groups and lists.
    func mustacheValue(_ value: FactValue) -> Any {
        switch value {
        case .text(let text): Self.sanitize(text)
        case .money(let amount): money(amount)
        case .date(let instant): date(instant)
        case .dateTime(let instant): dateTime(instant)
        case .integer(let number): number
        case .flag(let flag): flag
        case .group(let facts): mustacheContext(facts)
        case .list(let list): list.map(mustacheContext)
        }
    }

    /// The longest text fact shown (upstream descriptions are not trusted to be short).
    public static let maxTextLength = 300

    /// `text` on one line: control characters (newlines, tabs, …) become spaces, format characters
    /// (bidi overrides and isolates, zero-width spaces and joiners, the BOM: general category `Cf`, which
    /// could reorder or hide what the client reads) are dropped, runs of spaces become one space, and
    /// more than ``maxTextLength`` characters are cut with `…`.
    public static func sanitize(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .control: scalars.append(" ")
            case .format: continue
            default: scalars.append(scalar)
            }
        }
        let flat = String(scalars)
        let single = flat.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        return single.count > maxTextLength ? single.prefix(maxTextLength - 1) + "…" : single
    }

    /// The Mustache context of `facts`.
    func mustacheContext(_ facts: Facts) -> [String: Any] {
        facts.values.mapValues(mustacheValue)
    }
}
