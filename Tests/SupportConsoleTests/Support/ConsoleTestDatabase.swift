import Foundation
import Logging
import PostgreSQL
import TestSupport

/// A database of one test on the test server (TEST_DATABASE_URL's), dropped by ``drop()``.
struct ConsoleTestDatabase {
    let name: String
    let url: String

    static func create() async throws -> ConsoleTestDatabase {
        let quiet = Logger(label: "console-test-db", factory: { _ in SwiftLogNoOpLogHandler() })
        let name = uniqueTestName("console").replacingOccurrences(of: "-", with: "_")
        let admin = PostgresClient(
            configuration: try PostgresConfiguration(url: TestEnvironment.databaseURL, poolSize: 1), logger: quiet)
        // An identifier cannot be a bound parameter; `name` is made here of [a-z0-9_] only.
        do {
            try await admin.execute("CREATE DATABASE \(name)")
        } catch {
            await admin.close()
            throw error
        }
        await admin.close()
        guard let slash = TestEnvironment.databaseURL.range(of: "/", options: .backwards) else {
            throw ConsoleTestError("TEST_DATABASE_URL has no database path: \(TestEnvironment.databaseURL)")
        }
        return ConsoleTestDatabase(name: name, url: TestEnvironment.databaseURL[..<slash.upperBound] + name)
    }

    func drop() async {
        let quiet = Logger(label: "console-test-db", factory: { _ in SwiftLogNoOpLogHandler() })
        guard let admin = try? PostgresClient(
            configuration: PostgresConfiguration(url: TestEnvironment.databaseURL, poolSize: 1), logger: quiet)
        else { return }
        try? await admin.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
        await admin.close()
    }
}
