import CivilTime
import Foundation

/// An instant with the UTC offset it is written with, as the business database stores it
/// (`timestamptz` text such as `2021-12-22 01:00:00-03:00`).
///
/// Encoded in JSON as an ISO-8601 string with its offset (`2021-12-22T01:00:00-03:00`); two
/// timestamps are equal when both the instant and the written offset are.
public struct Timestamp: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z.
    public var unixSeconds: Int64
    /// The offset from UTC the instant is written with, in seconds (São Paulo: -10800).
    public var utcOffsetSeconds: Int

    /// An instant written with the given offset.
    public init(unixSeconds: Int64, utcOffsetSeconds: Int = 0) {
        self.unixSeconds = unixSeconds
        self.utcOffsetSeconds = utcOffsetSeconds
    }

    /// The instant written with the offset that `zone` has at that instant.
    public init(unixSeconds: Int64, in zone: TimeZone) {
        let offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(unixSeconds)))
        self.init(unixSeconds: unixSeconds, utcOffsetSeconds: offset)
    }

    /// The local wall-clock time `civil` in `zone` (the offset in force then).
    public init(civil: CivilDateTime, in zone: TimeZone) {
        let naive = civil.secondsAsIfUTC
        var offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(naive)))
        // A second look settles instants near an offset change.
        offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(naive - Int64(offset))))
        self.init(unixSeconds: naive - Int64(offset), utcOffsetSeconds: offset)
    }

    /// The same instant written with another offset.
    public func withOffset(in zone: TimeZone) -> Timestamp { Timestamp(unixSeconds: unixSeconds, in: zone) }

    /// The wall-clock date and time at this timestamp's own offset.
    public var civil: CivilDateTime { CivilDateTime(secondsAsIfUTC: unixSeconds + Int64(utcOffsetSeconds)) }

    /// The same timestamp moved by `seconds` (same written offset).
    public func adding(seconds: Int64) -> Timestamp {
        Timestamp(unixSeconds: unixSeconds + seconds, utcOffsetSeconds: utcOffsetSeconds)
    }

    /// ISO-8601 with a `T` and the offset: `2021-12-22T01:00:00-03:00`.
    public var iso8601: String { format(separator: "T") }

    /// PostgreSQL's text form: `2021-12-22 01:00:00-03:00`.
    public var sqlText: String { format(separator: " ") }

    /// The same as ``iso8601``.
    public var description: String { iso8601 }

    private func format(separator: String) -> String {
        let c = civil
        let sign = utcOffsetSeconds < 0 ? "-" : "+"
        let off = abs(utcOffsetSeconds)
        let offset = "\(sign)\(zeroPadded(off / 3600, 2)):\(zeroPadded(off % 3600 / 60, 2))"
        return "\(c.date.iso8601)\(separator)\(zeroPadded(c.hour, 2)):\(zeroPadded(c.minute, 2)):\(zeroPadded(c.second, 2))\(offset)"
    }

    /// Parses `YYYY-MM-DD[T ]HH:MM:SS` followed by `Z`, `±HH`, `±HHMM` or `±HH:MM`.
    public init?(parsing text: String) {
        let chars = Array(text.utf8)
        guard chars.count >= 19, chars[4] == UInt8(ascii: "-"), chars[7] == UInt8(ascii: "-"),
            chars[10] == UInt8(ascii: "T") || chars[10] == UInt8(ascii: " "),
            chars[13] == UInt8(ascii: ":"), chars[16] == UInt8(ascii: ":"),
            let year = digits(chars, 0, 4), let month = digits(chars, 5, 2), let day = digits(chars, 8, 2),
            let hour = digits(chars, 11, 2), let minute = digits(chars, 14, 2), let second = digits(chars, 17, 2),
            (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        var offset = 0
        let rest = Array(chars[19...])
        if rest == [UInt8(ascii: "Z")] || rest.isEmpty {
            offset = 0
        } else if let signChar = rest.first, signChar == UInt8(ascii: "+") || signChar == UInt8(ascii: "-") {
            let body = rest.dropFirst().filter { $0 != UInt8(ascii: ":") }
            guard body.count == 2 || body.count == 4, let hours = digits(Array(body), 0, 2) else { return nil }
            let minutes = body.count == 4 ? (digits(Array(body), 2, 2) ?? 0) : 0
            offset = (hours * 3600 + minutes * 60) * (signChar == UInt8(ascii: "-") ? -1 : 1)
        } else {
            return nil
        }
        let civil = CivilDateTime(
            date: CivilDate(year: year, month: month, day: day), hour: hour, minute: minute, second: second)
        self.init(unixSeconds: civil.secondsAsIfUTC - Int64(offset), utcOffsetSeconds: offset)
    }

    /// Orders by instant, then by offset.
    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        (lhs.unixSeconds, lhs.utcOffsetSeconds) < (rhs.unixSeconds, rhs.utcOffsetSeconds)
    }

    /// Decodes the ISO-8601 string form.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = Timestamp(parsing: text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "not a timestamp: \(text)"))
        }
        self = value
    }

    /// Encodes the ISO-8601 string form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso8601)
    }
}

private func digits(_ chars: [UInt8], _ start: Int, _ count: Int) -> Int? {
    guard start + count <= chars.count else { return nil }
    var value = 0
    for c in chars[start..<(start + count)] {
        guard c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") else { return nil }
        value = value * 10 + Int(c - UInt8(ascii: "0"))
    }
    return value
}
