import Foundation
import PostgreSQL
import Testing

@Suite("Encoding and decoding every supported type")
struct RoundTripTests {
    @Test func everyTypeRoundTripsThroughATable() throws {
        let connection = try TestDatabase.connect()
        let text = "O'Brien said \"hi\" \\ back\\slash ünïcødé 🎉 '; DROP TABLE x; --"
        let date = Date(timeIntervalSince1970: 1_640_197_668.123456)
        let uuid = UUID()
        let amount = Decimal(string: "177.40")!
        try TestDatabase.withTable(
            "pg_types",
            columns: """
                id int primary key, s text, i bigint, i32 int, i16 smallint, b bool, d float8,
                n numeric(14,2), ts timestamptz, u uuid
                """,
            on: connection
        ) { table in
            try connection.query(
                "insert into \(table) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                [1, text, Int64.max, Int32.min, Int16(-7), true, 0.1 + 0.2, amount, date, uuid])
            let noText: String? = nil
            let noInt: Int? = nil
            try connection.query(
                "insert into \(table) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                [2, noText, noInt, nil, nil, Bool?.none, Double?.none, Decimal?.none, Date?.none, UUID?.none])

            let rows = try connection.query("select * from \(table) order by id")
            #expect(rows.count == 2)
            let full = rows[0]
            #expect(try full.decode(String.self, "s") == text)
            #expect(try full.decode(Int64.self, "i") == Int64.max)
            #expect(try full.decode(Int.self, "i") == Int.max)
            #expect(try full.decode(Int32.self, "i32") == Int32.min)
            #expect(try full.decode(Int16.self, "i16") == -7)
            #expect(try full.decode(Bool.self, "b") == true)
            #expect(try full.decode(Double.self, "d") == 0.1 + 0.2)
            #expect(try full.decode(Decimal.self, "n") == amount)
            #expect(try full.decode(String.self, "n") == "177.40")
            let decodedDate = try full.decode(Date.self, "ts")
            #expect(abs(decodedDate.timeIntervalSince1970 - date.timeIntervalSince1970) < 0.000_001)
            #expect(try full.decode(String.self, "ts") == "2021-12-22 18:27:48.123456+00")
            #expect(try full.decode(UUID.self, "u") == uuid)
            #expect(try full.decode(String?.self, "s") == text)

            let empty = rows[1]
            #expect(try empty.decode(String?.self, "s") == nil)
            #expect(try empty.decode(Int?.self, "i") == nil)
            #expect(try empty.decode(Int32?.self, "i32") == nil)
            #expect(try empty.decode(Bool?.self, "b") == nil)
            #expect(try empty.decode(Double?.self, "d") == nil)
            #expect(try empty.decode(Decimal?.self, "n") == nil)
            #expect(try empty.decode(Date?.self, "ts") == nil)
            #expect(try empty.decode(UUID?.self, "u") == nil)
            #expect(try empty.text("s") == nil)
        }
    }

    @Test func injectionTextIsOnlyAValue() throws {
        let connection = try TestDatabase.connect()
        let victim = TestDatabase.uniqueTable("pg_victim")
        try connection.execute("create table \(victim) (v text)")
        defer { _ = try? connection.execute("drop table if exists \(victim)") }
        let hostile = "x'); DROP TABLE \(victim); --"
        try connection.query("insert into \(victim) (v) values ($1)", [hostile])
        try connection.query("select * from \(victim) where v = $1", ["'; DROP TABLE \(victim); --"])
        let stillThere = try connection.query("select to_regclass($1) is not null as present", [victim])
        #expect(try stillThere[0].decode(Bool.self, "present"))
        let rows = try connection.query("select v from \(victim)")
        #expect(rows.count == 1)
        #expect(try rows[0].decode(String.self, "v") == hostile)
    }

    @Test func parametersInferTheirTypeFromTheStatement() throws {
        let connection = try TestDatabase.connect()
        let row = try connection.query(
            "select $1::int + 1 as n, $2::text as t, $3::bool as b, $4::numeric * 2 as m, $5::timestamptz as ts",
            [41, "plain", false, Decimal(string: "0.05")!, Date(timeIntervalSince1970: 0)])[0]
        #expect(try row.decode(Int.self, "n") == 42)
        #expect(try row.decode(String.self, "t") == "plain")
        #expect(try row.decode(Bool.self, "b") == false)
        #expect(try row.decode(Decimal.self, "m") == Decimal(string: "0.10")!)
        #expect(try row.decode(Date.self, "ts") == Date(timeIntervalSince1970: 0))
        #expect(try row.decode(Int.self, at: 0) == 42)
        #expect(row.columns.map(\.name) == ["n", "t", "b", "m", "ts"])
        #expect(row.columns[0].type == .int4)
        #expect(row.columns[4].type == .timestamptz)
    }

    @Test func doublesKeepEveryBitIncludingSpecialValues() throws {
        let connection = try TestDatabase.connect()
        let values: [Double] = [0.1 + 0.2, 1e-300, -2.5e300, .pi, .infinity, -.infinity, 0]
        for value in values {
            let decoded = try connection.query("select $1::float8 as d", [value])[0].decode(Double.self, "d")
            #expect(decoded == value)
        }
        let nan = try connection.query("select $1::float8 as d", [Double.nan])[0].decode(Double.self, "d")
        #expect(nan.isNaN)
    }

    @Test func stringWithNulCharacterIsRejectedNotTruncated() throws {
        let connection = try TestDatabase.connect()
        #expect {
            try connection.query("select $1::text", ["abc\u{0}def"])
        } throws: { error in
            (error as? PostgresError)?.code == .encodingFailed
        }
    }
}
