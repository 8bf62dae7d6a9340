import Foundation
import PostgreSQL
import Testing

@Suite("Decoding failures are typed and say which column")
struct DecodingErrorTests {
    private func decodingFailure(_ body: () throws -> Void) -> PostgresError? {
        do {
            try body()
            return nil
        } catch let error as PostgresError {
            return error
        } catch {
            return nil
        }
    }

    @Test func missingColumn() throws {
        let row = try TestDatabase.connect().query("select 1 as present")[0]
        let error = decodingFailure { _ = try row.decode(Int.self, "absent") }
        #expect(error?.code == .decodingFailed)
        #expect(error?.message.contains("\"absent\"") == true)
        #expect(error?.message.contains("present") == true)
        #expect(decodingFailure { _ = try row.decode(Int.self, at: 3) }?.code == .decodingFailed)
        #expect(!row.contains(column: "absent"))
        #expect(row.contains(column: "present"))
    }

    @Test func nullIntoNonOptional() throws {
        let row = try TestDatabase.connect().query("select null::int as missing")[0]
        let error = decodingFailure { _ = try row.decode(Int.self, "missing") }
        #expect(error?.code == .decodingFailed)
        #expect(error?.message.contains("NULL") == true)
        #expect(try row.decode(Int?.self, "missing") == nil)
    }

    @Test func wrongShapeNamesColumnTypeAndValue() throws {
        let row = try TestDatabase.connect().query(
            "select 'abc'::text as word, 177.40::numeric(14,2) as amount, 'maybe' as flag")[0]
        let word = decodingFailure { _ = try row.decode(Int.self, "word") }
        #expect(word?.code == .decodingFailed)
        #expect(word?.message.contains("\"word\" (text)") == true)
        #expect(word?.message.contains("Int") == true)
        #expect(word?.message.contains("\"abc\"") == true)
        let amount = decodingFailure { _ = try row.decode(Int.self, "amount") }
        #expect(amount?.message.contains("(numeric)") == true)
        #expect(try row.decode(Double.self, "amount") == 177.4)
        #expect(decodingFailure { _ = try row.decode(Bool.self, "flag") }?.code == .decodingFailed)
        #expect(decodingFailure { _ = try row.decode(UUID.self, "word") }?.code == .decodingFailed)
        #expect(decodingFailure { _ = try row.decode(Date.self, "word") }?.code == .decodingFailed)
        #expect(decodingFailure { _ = try row.decode(Decimal?.self, "word") }?.code == .decodingFailed)
    }

    @Test func largeValuesAreNotDumpedIntoTheMessage() throws {
        let row = try TestDatabase.connect().query("select repeat('x', 10000) as big")[0]
        let error = decodingFailure { _ = try row.decode(Int.self, "big") }
        #expect(error?.code == .decodingFailed)
        #expect((error?.message.count ?? .max) < 300)
        #expect(error?.message.contains("10000 characters") == true)
    }

    @Test func decimalRejectsWhatItCannotHoldExactly() {
        #expect(Decimal(postgresText: "NaN", type: .numeric) == nil)
        #expect(Decimal(postgresText: "1.2.3", type: .numeric) == nil)
        #expect(Decimal(postgresText: "12abc", type: .numeric) == nil)
        #expect(Decimal(postgresText: String(repeating: "9", count: 39), type: .numeric) == nil)
        #expect(Decimal(postgresText: "-0.01", type: .numeric) == Decimal(string: "-0.01"))
        #expect(Decimal(postgresText: "42", type: .int4) == 42)
    }
}
