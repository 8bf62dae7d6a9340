import CivilTime
import Foundation

/// A date pattern (`DateFormatter` syntax, e.g. `MMM d, yyyy 'at' h:mm a`) compiled once, formatted
/// without Foundation's `DateFormatter` on the hot path.
///
/// Formatting two dates per reply through `DateFormatter` cost as much as all the database work of a
/// worker (it re-applies its attributes to ICU on every call). This handles the fields replies use —
/// `y`/`yy`/`yyyy`, `M`/`MM`/`MMM`/`MMMM`, `d`/`dd`, `H`/`HH`, `h`/`hh`, `m`/`mm`, `s`/`ss`, `a`, quoted
/// literals — with the locale's month names and AM/PM symbols read once from `DateFormatter` at start-up.
/// A pattern with any other field keeps using `DateFormatter`, so every configured pattern still works.
struct DatePattern: Sendable {
    enum Token: Sendable, Equatable {
        case literal(String)
        case year(width: Int)
        case month(width: Int)
        case day(width: Int)
        case hour24(width: Int)
        case hour12(width: Int)
        case minute(width: Int)
        case second(width: Int)
        case dayPeriod
    }

    /// The compiled tokens; `nil` when the pattern has a field this type does not handle.
    let tokens: [Token]?
    private let pattern: String
    private let localeIdentifier: String
    private let shortMonths: [String]
    private let months: [String]
    private let am: String
    private let pm: String

    /// Compiles `pattern` for `localeIdentifier`.
    init(_ pattern: String, localeIdentifier: String) {
        self.pattern = pattern
        self.localeIdentifier = localeIdentifier
        tokens = Self.compile(pattern)
        let symbols = DateFormatter()
        symbols.locale = Locale(identifier: localeIdentifier)
        shortMonths = symbols.shortMonthSymbols
        months = symbols.monthSymbols
        am = symbols.amSymbol
        pm = symbols.pmSymbol
    }

    /// `date` in `timeZone`.
    func format(_ date: Date, timeZone: TimeZone) -> String {
        guard let tokens, shortMonths.count == 12, months.count == 12 else { return fallback(date, timeZone: timeZone) }
        let local = Int64((date.timeIntervalSince1970).rounded(.down)) + Int64(timeZone.secondsFromGMT(for: date))
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let second = Int(local - days * 86_400)
        let civil = CivilDate(daysSinceEpoch: days)
        let hour = second / 3600
        var out = ""
        out.reserveCapacity(24)
        for token in tokens {
            switch token {
            case .literal(let text): out += text
            case .year(let width): out += width == 2 ? zeroPadded(civil.year % 100, 2) : zeroPadded(civil.year, width)
            case .month(let width):
                switch width {
                case 1, 2: out += zeroPadded(civil.month, width)
                case 3: out += shortMonths[civil.month - 1]
                default: out += months[civil.month - 1]
                }
            case .day(let width): out += zeroPadded(civil.day, width)
            case .hour24(let width): out += zeroPadded(hour, width)
            case .hour12(let width): out += zeroPadded(hour % 12 == 0 ? 12 : hour % 12, width)
            case .minute(let width): out += zeroPadded(second / 60 % 60, width)
            case .second(let width): out += zeroPadded(second % 60, width)
            case .dayPeriod: out += hour < 12 ? am : pm
            }
        }
        return out
    }

    private func fallback(_ date: Date, timeZone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.calendar = Calendar(identifier: .gregorian)
        formatter.locale = Locale(identifier: localeIdentifier)
        formatter.timeZone = timeZone
        formatter.dateFormat = pattern
        return formatter.string(from: date)
    }

    /// The tokens of `pattern`, or `nil` when it has a field not handled here.
    static func compile(_ pattern: String) -> [Token]? {
        var tokens: [Token] = []
        var literal = ""
        let characters = Array(pattern)
        var index = 0
        func flush() {
            if !literal.isEmpty { tokens.append(.literal(literal)) }
            literal = ""
        }
        while index < characters.count {
            let character = characters[index]
            if character == "'" {
                // 'text' is literal; '' is a quote.
                var end = index + 1
                if end < characters.count, characters[end] == "'" {
                    literal.append("'")
                    index = end + 1
                    continue
                }
                while end < characters.count, characters[end] != "'" {
                    literal.append(characters[end])
                    end += 1
                }
                index = end + 1
                continue
            }
            guard character.isLetter, character.isASCII else {
                literal.append(character)
                index += 1
                continue
            }
            var width = 1
            while index + width < characters.count, characters[index + width] == character { width += 1 }
            flush()
            switch character {
            case "y": tokens.append(.year(width: width))
            case "M", "L": tokens.append(.month(width: width))
            case "d": tokens.append(.day(width: width))
            case "H": tokens.append(.hour24(width: width))
            case "h": tokens.append(.hour12(width: width))
            case "m": tokens.append(.minute(width: width))
            case "s": tokens.append(.second(width: width))
            case "a": tokens.append(.dayPeriod)
            default: return nil
            }
            index += width
        }
        flush()
        return tokens
    }
}
