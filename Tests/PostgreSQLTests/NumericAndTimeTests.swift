import Foundation
import PostgreSQL
import Testing

@Suite("numeric is exact, timestamps decode to the right instant")
struct NumericAndTimeTests {
    /// 2021-12-22T04:00:00Z
    let instant = Date(timeIntervalSince1970: 1_640_145_600)

    @Test func numericIsExactBothWays() throws {
        let connection = try TestDatabase.connect()
        try TestDatabase.withTable("pg_money", columns: "value numeric(14,2) not null", on: connection) { table in
            for text in ["0.10", "0.20", "177.40", "999999999999.99", "-0.01"] {
                try connection.query("insert into \(table) values ($1)", [Decimal(string: text)!])
            }
            let sum = try connection.query("select sum(value) as total from \(table)")[0]
            #expect(try sum.decode(Decimal.self, "total") == Decimal(string: "1000000000177.68")!)
            let small = try connection.query(
                "select sum(value) as total from \(table) where value in ($1, $2)",
                [Decimal(string: "0.10")!, Decimal(string: "0.20")!])[0]
            #expect(try small.decode(Decimal.self, "total") == Decimal(string: "0.3")!)
            #expect(try small.decode(String.self, "total") == "0.30")
            let big = try connection.query("select value from \(table) where value > 1000")[0]
            #expect(try big.decode(Decimal.self, "value") == Decimal(string: "999999999999.99")!)
            #expect(try big.decode(Decimal.self, "value").description == "999999999999.99")
        }
    }

    @Test func decimalParameterIsSentWithoutDoubleRounding() throws {
        let connection = try TestDatabase.connect()
        let value = Decimal(string: "12345678901234567890.123456789")!
        let row = try connection.query("select $1::numeric::text as t", [value])[0]
        #expect(try row.decode(String.self, "t") == "12345678901234567890.123456789")
    }

    @Test func timestamptzWithOffsetsDecodesToTheSameInstant() throws {
        let connection = try TestDatabase.connect()
        let row = try connection.query(
            """
            select '2021-12-22 01:00:00-03:00'::timestamptz as sao_paulo,
                   '2021-12-22 09:30:00+05:30'::timestamptz as kolkata,
                   '2021-12-22 04:00:00.250000+00'::timestamptz as fractional,
                   '2021-12-22 04:00:00'::timestamp as naive,
                   '2021-12-22'::date as day
            """)[0]
        #expect(try row.decode(Date.self, "sao_paulo") == instant)
        #expect(try row.decode(Date.self, "kolkata") == instant)
        #expect(try row.decode(Date.self, "fractional") == instant.addingTimeInterval(0.25))
        #expect(try row.decode(Date.self, "naive") == instant)
        #expect(try row.decode(Date.self, "day") == instant.addingTimeInterval(-4 * 3600))
    }

    @Test func sessionInAnotherTimeZoneStillDecodesTheSameInstant() throws {
        let connection = try TestDatabase.connect()
        for zone in ["America/Sao_Paulo", "Asia/Kolkata", "Asia/Kathmandu"] {
            try connection.query("select set_config('TimeZone', $1, false)", [zone])
            let row = try connection.query("select $1::timestamptz as ts, $1::timestamptz::text as t", [instant])[0]
            #expect(try row.decode(Date.self, "ts") == instant, "zone \(zone)")
            #expect(try !row.decode(String.self, "t").hasSuffix("+00"), "zone \(zone) prints its own offset")
        }
    }

    @Test func timestampTextForms() {
        func parse(_ text: String) -> Date? { Date(postgresText: text, type: .timestamptz) }
        #expect(parse("2021-12-22 01:00:00-03") == instant)
        #expect(parse("2021-12-22 09:30:00+05:30") == instant)
        #expect(parse("2021-12-22T04:00:00Z") == instant)
        #expect(parse("2021-12-22 04:00:00.5+00") == instant.addingTimeInterval(0.5))
        // Date keeps seconds since 2001 in a Double: about 0.1 µs of resolution around 1970.
        let justBefore = parse("1969-12-31 23:59:59.999999+00")?.timeIntervalSince1970 ?? 0
        #expect(abs(justBefore + 0.000_001) < 0.000_000_2)
        #expect(parse("infinity") == .distantFuture)
        #expect(parse("-infinity") == .distantPast)
        #expect(parse("0001-01-01 00:00:00+00 BC") == parse("0000-01-01 00:00:00+00"))
        #expect(parse("yesterday") == nil)
        #expect(parse("2021-13-22 04:00:00+00") == nil)
        #expect(parse("2021-12-22 04:00:00+00 trailing") == nil)
    }

    @Test func datesBeforeTheEpochAndBCRoundTrip() throws {
        let connection = try TestDatabase.connect()
        for seconds in [-1.5, -86_400.000_001, -62_135_596_800.0 - 86_400 * 366, 253_402_300_799.999_999] {
            let date = Date(timeIntervalSince1970: seconds)
            let decoded = try connection.query("select $1::timestamptz as ts", [date])[0].decode(Date.self, "ts")
            #expect(abs(decoded.timeIntervalSince1970 - seconds) < 0.001, "\(seconds)")
        }
    }
}

@Suite("Timestamp text edge cases")
struct TimestampEdgeTests {
    @Test func absurdYearsDoNotCrash() {
        #expect(Date(postgresText: "99999999-12-31 00:00:00+00", type: .timestamptz) == nil)
        #expect(Date(postgresText: "9999999-12-31 00:00:00+00", type: .timestamptz) != nil)
        #expect(Date(postgresText: "294276-12-31 23:59:59.999999+00", type: .timestamptz) != nil)
        #expect(
            Date(postgresText: "2021-12-22 04:00:00.1234567+00", type: .timestamptz)
                == Date(postgresText: "2021-12-22 04:00:00.123457+00", type: .timestamptz))
    }
}
