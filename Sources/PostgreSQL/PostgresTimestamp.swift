import CivilTime
import Foundation

/// Formats and parses PostgreSQL's ISO text for `timestamptz`, `timestamp` and `date`
/// (the session runs with `DateStyle=ISO` and `TimeZone=UTC`). Hand-written, with no `DateFormatter`:
/// exact to the microsecond, thread-safe and cheap.
enum PostgresTimestamp {
    /// `2021-12-22 04:00:00.123456+00:00` (UTC); years before 1 get PostgreSQL's ` BC` suffix.
    static func format(_ date: Date) -> String {
        let scaled = (date.timeIntervalSince1970 * 1_000_000).rounded()
        guard let micros = Int64(exactly: scaled), abs(micros) < 200_000 * 366 * 86_400 * 1_000_000 else {
            return scaled > 0 ? "infinity" : "-infinity"
        }
        let (secondsTotal, fraction) = floorDivide(micros, 1_000_000)
        let (days, secondOfDay) = floorDivide(secondsTotal, 86_400)
        let (year, month, day) = CivilDate.civil(fromDays: days)
        let bc = year <= 0
        var text = zeroPadded(bc ? 1 - year : year, 4) + "-" + zeroPadded(month, 2) + "-" + zeroPadded(day, 2)
        text += " " + zeroPadded(secondOfDay / 3600, 2) + ":" + zeroPadded(secondOfDay / 60 % 60, 2) + ":"
        text += zeroPadded(secondOfDay % 60, 2) + "." + zeroPadded(fraction, 6) + "+00:00"
        return bc ? text + " BC" : text
    }

    /// Parses `YYYY-MM-DD[( |T)HH:MM:SS[.f…]][(+|-)HH[:MM[:SS]]|Z][ BC]`, `infinity` and `-infinity`
    /// (as `Date.distantFuture` / `.distantPast`). A value without an offset is taken as UTC.
    static func parse(_ text: String) -> Date? {
        if text == "infinity" { return .distantFuture }
        if text == "-infinity" { return .distantPast }
        var scanner = ByteScanner(Array(text.utf8))
        guard var year = scanner.number(minDigits: 4, maxDigits: 7), scanner.take(UInt8(ascii: "-")),
            let month = scanner.number(minDigits: 2, maxDigits: 2), scanner.take(UInt8(ascii: "-")),
            let day = scanner.number(minDigits: 2, maxDigits: 2),
            (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var secondOfDay: Int64 = 0
        var micros: Int64 = 0
        var offset: Int64 = 0
        if scanner.take(UInt8(ascii: " ")) || scanner.take(UInt8(ascii: "T")) {
            guard let hour = scanner.number(minDigits: 2, maxDigits: 2), scanner.take(UInt8(ascii: ":")),
                let minute = scanner.number(minDigits: 2, maxDigits: 2), scanner.take(UInt8(ascii: ":")),
                let second = scanner.number(minDigits: 2, maxDigits: 2),
                hour <= 24, minute < 60, second <= 60
            else { return nil }
            secondOfDay = hour * 3600 + minute * 60 + second
            if scanner.take(UInt8(ascii: ".")) {
                guard let digits = scanner.digits(), !digits.isEmpty else { return nil }
                for position in 0..<6 {
                    micros = micros * 10 + Int64(position < digits.count ? digits[position] : 0)
                }
                if digits.count > 6 && digits[6] >= 5 { micros += 1 }  // PostgreSQL keeps microseconds
            }
            if scanner.take(UInt8(ascii: "Z")) {
                offset = 0
            } else if let sign = scanner.takeSign() {
                guard let hours = scanner.number(minDigits: 2, maxDigits: 2) else { return nil }
                var seconds = hours * 3600
                if scanner.take(UInt8(ascii: ":")) {
                    guard let minutes = scanner.number(minDigits: 2, maxDigits: 2) else { return nil }
                    seconds += minutes * 60
                    if scanner.take(UInt8(ascii: ":")) {
                        guard let extra = scanner.number(minDigits: 2, maxDigits: 2) else { return nil }
                        seconds += extra
                    }
                } else if let minutes = scanner.number(minDigits: 2, maxDigits: 2) {
                    seconds += minutes * 60  // +0530
                }
                offset = sign * seconds
            }
        }
        if scanner.take(Array(" BC".utf8)) { year = 1 - year }
        guard scanner.isAtEnd else { return nil }
        let seconds = CivilDate.days(fromYear: year, month: month, day: day) * 86_400 + secondOfDay - offset
        // One division of exact integer microseconds: no rounding error from adding a fraction.
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000)
        guard !overflow, scaled < Int64.max - micros else {
            return Date(timeIntervalSince1970: Double(seconds) + Double(micros) / 1_000_000)
        }
        return Date(timeIntervalSince1970: Double(scaled + micros) / 1_000_000)
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
        let quotient = value / divisor
        let remainder = value % divisor
        return remainder < 0 ? (quotient - 1, remainder + divisor) : (quotient, remainder)
    }

}

/// A cursor over ASCII bytes for the timestamp parser.
private struct ByteScanner {
    private let bytes: [UInt8]
    private var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { index == bytes.count }

    mutating func take(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    mutating func take(_ sequence: [UInt8]) -> Bool {
        guard bytes.count - index >= sequence.count, Array(bytes[index..<index + sequence.count]) == sequence
        else { return false }
        index += sequence.count
        return true
    }

    /// `+1` or `-1` if the next byte is a sign.
    mutating func takeSign() -> Int64? {
        if take(UInt8(ascii: "+")) { return 1 }
        if take(UInt8(ascii: "-")) { return -1 }
        return nil
    }

    /// The run of decimal digits at the cursor, as digit values.
    mutating func digits() -> [UInt8]? {
        var result: [UInt8] = []
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
            result.append(bytes[index] - UInt8(ascii: "0"))
            index += 1
        }
        return result
    }

    /// A number of `minDigits...maxDigits` digits; the cursor does not move when there is none.
    mutating func number(minDigits: Int, maxDigits: Int) -> Int64? {
        let start = index
        var value: Int64 = 0
        while index < bytes.count, index - start < maxDigits,
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index])
        {
            value = value * 10 + Int64(bytes[index] - UInt8(ascii: "0"))
            index += 1
        }
        guard index - start >= minDigits else {
            index = start
            return nil
        }
        return value
    }
}
