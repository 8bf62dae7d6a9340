import Foundation
import Logging
import PostgreSQL
import TestSupport

/// Connections and throwaway tables for the tests, against the server scripts/servers.sh started.
enum TestDatabase {
    static let logger: Logger = {
        var logger = Logger(label: "PostgreSQLTests")
        logger.logLevel = .info
        return logger
    }()

    static func configuration(
        poolSize: Int = 4, statementTimeout: Duration? = nil, queryTimeout: Duration? = nil,
        poolWaitTimeout: Duration = .seconds(10), connectTimeout: Duration = .seconds(3), connectionRetries: Int = 1
    ) throws -> PostgresConfiguration {
        try PostgresConfiguration(
            url: TestEnvironment.databaseURL, poolSize: poolSize, connectTimeout: connectTimeout,
            statementTimeout: statementTimeout, queryTimeout: queryTimeout, poolWaitTimeout: poolWaitTimeout,
            applicationName: "PostgreSQLTests", connectionRetries: connectionRetries)
    }

    static func connect(statementTimeout: Duration? = nil, queryTimeout: Duration? = nil) throws -> PostgresConnection {
        try PostgresConnection(
            configuration: configuration(statementTimeout: statementTimeout, queryTimeout: queryTimeout),
            logger: logger)
    }

    /// A table name no other test uses (letters, digits and underscores, so it needs no quoting).
    static func uniqueTable(_ prefix: String) -> String {
        uniqueTestName(prefix).replacingOccurrences(of: "-", with: "_")
    }

    /// Creates a table from `columns` (the part inside `create table t (…)`), runs `body`, drops the table.
    static func withTable<T>(
        _ prefix: String, columns: String, on connection: PostgresConnection, _ body: (String) throws -> T
    ) throws -> T {
        let table = uniqueTable(prefix)
        try connection.execute("create table \(table) (\(columns))")
        defer { _ = try? connection.execute("drop table if exists \(table)") }
        return try body(table)
    }
}

/// A counter shared between a test and bodies that run on pool threads.
/// `@unchecked Sendable`: `value` is only touched while holding `lock`.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    @discardableResult
    func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }

    var current: Int {
        lock.lock()
        defer { lock.unlock() }
        return value
    }
}

/// An error thrown by test bodies on purpose.
struct PlannedFailure: Error {}
