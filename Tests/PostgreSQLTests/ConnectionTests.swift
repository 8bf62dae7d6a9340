import Foundation
import PostgreSQL
import Testing

@Suite("A single connection: transactions, errors, scripts")
struct ConnectionTests {
    @Test func transactionRolledBackOnThrownErrorLeavesNothing() throws {
        let connection = try TestDatabase.connect()
        try TestDatabase.withTable("pg_tx", columns: "id int primary key", on: connection) { (table: String) throws in
            #expect(throws: PlannedFailure.self) {
                try connection.withTransaction { connection in
                    try connection.query("insert into \(table) values ($1)", [1])
                    try connection.query("insert into \(table) values ($1)", [2])
                    throw PlannedFailure()
                }
            }
            #expect(try connection.query("select count(*) as n from \(table)")[0].decode(Int.self, "n") == 0)

            let value = try connection.withTransaction(isolation: .serializable) { connection in
                try connection.query("insert into \(table) values ($1)", [3])
                return try connection.query("show transaction_isolation")[0].decode(String.self, at: 0)
            }
            #expect(value == "serializable")
            #expect(try connection.query("select id from \(table)").map { try $0.decode(Int.self, "id") } == [3])
        }
    }

    @Test func caughtStatementErrorInsideTransactionRollsBackInsteadOfCommitting() throws {
        let connection = try TestDatabase.connect()
        try TestDatabase.withTable("pg_tx_caught", columns: "id int primary key", on: connection) {
            (table: String) throws in
            #expect {
                try connection.withTransaction { connection in
                    try connection.query("insert into \(table) values ($1)", [1])
                    _ = try? connection.query("insert into \(table) values ($1)", [1])
                }
            } throws: { error in
                (error as? PostgresError)?.code == .queryFailed
            }
            #expect(try connection.query("select count(*) as n from \(table)")[0].decode(Int.self, "n") == 0)
            // The connection is usable again, outside any transaction.
            #expect(try connection.query("select 1 as one")[0].decode(Int.self, "one") == 1)
        }
    }

    @Test func nestedTransactionIsRefused() throws {
        let connection = try TestDatabase.connect()
        #expect {
            try connection.withTransaction { connection in
                try connection.withTransaction { _ in }
            }
        } throws: { error in
            (error as? PostgresError)?.code == .invalidUsage
        }
        #expect(try connection.query("select 2 as two")[0].decode(Int.self, "two") == 2)
    }

    @Test func uniqueViolationIsRecognised() throws {
        let connection = try TestDatabase.connect()
        try TestDatabase.withTable("pg_unique", columns: "key text primary key", on: connection) {
            (table: String) throws in
            try connection.query("insert into \(table) values ($1)", ["k"])
            do {
                try connection.query("insert into \(table) values ($1)", ["k"])
                Issue.record("the second insert should fail")
            } catch let error as PostgresError {
                #expect(error.isUniqueViolation)
                #expect(error.sqlState == "23505")
                #expect(error.code == .queryFailed)
                #expect(!error.isConnectionLevel)
                #expect(!error.isSerializationFailure)
                #expect(error.constraint == "\(table)_pkey")
                #expect(error.detail?.contains("already exists") == true)
            }
        }
    }

    @Test func syntaxErrorIsAQueryFailureWithSQLState() throws {
        let connection = try TestDatabase.connect()
        #expect {
            try connection.query("selec 1")
        } throws: { error in
            guard let error = error as? PostgresError else { return false }
            return error.code == .queryFailed && error.sqlState == "42601" && error.description.contains("selec 1")
        }
    }

    @Test func statementTimeoutIsATypedTimeout() throws {
        let connection = try TestDatabase.connect(statementTimeout: .milliseconds(100))
        #expect {
            try connection.query("select pg_sleep(5)")
        } throws: { error in
            guard let error = error as? PostgresError else { return false }
            return error.code == .timeout && error.sqlState == "57014"
        }
        #expect(try connection.query("show statement_timeout")[0].decode(String.self, at: 0) == "100ms")
    }

    @Test func sessionSettingsAreDeterministic() throws {
        let connection = try TestDatabase.connect()
        let row = try connection.query(
            "select current_setting('TimeZone') as tz, current_setting('DateStyle') as ds, "
                + "current_setting('application_name') as app")[0]
        #expect(try row.decode(String.self, "tz") == "UTC")
        #expect(try row.decode(String.self, "ds") == "ISO, MDY")
        #expect(try row.decode(String.self, "app") == "PostgreSQLTests")
    }

    @Test func executeRunsAMultiStatementScript() throws {
        let connection = try TestDatabase.connect()
        let schema = TestDatabase.uniqueTable("t_schema")
        try connection.execute(
            """
            create schema \(schema);
            create table \(schema).items (id int primary key, name text not null);
            insert into \(schema).items values (1, 'one'), (2, 'two');
            """)
        defer { _ = try? connection.execute("drop schema \(schema) cascade") }
        let result = try connection.query("select name from \(schema).items order by id")
        #expect(try result.map { try $0.decode(String.self, "name") } == ["one", "two"])
        let update = try connection.query("update \(schema).items set name = upper(name)")
        #expect(update.affectedRows == 2)
        #expect(update.commandTag == "UPDATE 2")
    }

    @Test func unreachableServerIsATypedConnectionFailureWithoutThePassword() throws {
        let configuration = try PostgresConfiguration(
            url: "postgresql://postgres:sekret@127.0.0.1:1/nowhere", connectTimeout: .seconds(2))
        #expect(configuration.description == "postgresql://postgres@127.0.0.1:1/nowhere")
        do {
            _ = try PostgresConnection(configuration: configuration, logger: TestDatabase.logger)
            Issue.record("connecting to port 1 should fail")
        } catch let error as PostgresError {
            #expect(error.code == .connectionFailed)
            #expect(error.isConnectionLevel)
            #expect(!error.description.contains("sekret"))
            #expect(error.description.contains("127.0.0.1:1"))
        }
    }

    @Test func malformedURLIsAConfigurationError() {
        #expect {
            try PostgresConfiguration(url: "postgresql://host/db?no_such_option=1")
        } throws: { error in
            (error as? PostgresError)?.code == .invalidConfiguration
        }
        #expect {
            try PostgresConfiguration(url: "postgresql://host/db", poolSize: 0)
        } throws: { error in
            (error as? PostgresError)?.code == .invalidConfiguration
        }
    }
}
