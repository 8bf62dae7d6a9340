import Foundation
import Synchronization

/// Loads a world's business tables into PostgreSQL with `psql`: creates the tables if missing
/// (``DatabaseSchema``), truncates them and bulk-loads them with `\copy` from CSV, in one transaction.
/// 10,000 merchants take a few seconds.
public struct WorldDatabaseLoader: Sendable {
    /// A libpq connection URI (`postgresql://user@host:port/db`).
    public var databaseURL: String
    /// A schema to load into (created if missing) instead of the connection's default (`public`).
    public var schema: String?
    /// The psql program (a path, or a name looked up in PATH).
    public var psql: String

    /// A loader for the database at `databaseURL`.
    public init(databaseURL: String, schema: String? = nil, psql: String = "psql") {
        self.databaseURL = databaseURL
        self.schema = schema
        self.psql = psql
    }

    /// Writes the world's CSV files into a temporary directory and loads them.
    public func load(_ world: World) throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("world-csv-\(UUID().uuidString)")
        try WorldCSV.write(world, to: directory)
        defer { try? FileManager.default.removeItem(at: directory) }
        try load(csvDirectory: directory)
    }

    /// Loads `sales.csv`, `transactions.csv` and `receipt.csv` from `csvDirectory`.
    public func load(csvDirectory: URL) throws {
        for entry in WorldCSV.files
        where !FileManager.default.fileExists(atPath: csvDirectory.appendingPathComponent(entry.file).path) {
            throw WorldError(.io, "\(entry.file) is missing in \(csvDirectory.path): run `worldgen csv` first")
        }
        _ = try runPsql(script: script(csvDirectory: csvDirectory))
    }

    /// The psql script that loads the CSV files of `csvDirectory`.
    public func script(csvDirectory: URL) -> String {
        var lines = ["\\set ON_ERROR_STOP on", "set client_min_messages = warning;", "begin;"]
        if let schema {
            lines.append("create schema if not exists \(Self.identifier(schema));")
            lines.append("set local search_path to \(Self.identifier(schema));")
        }
        lines.append(DatabaseSchema.sql)
        lines.append("truncate sales, transactions, receipt;")
        for entry in WorldCSV.files {
            let path = csvDirectory.appendingPathComponent(entry.file).path.replacingOccurrences(of: "'", with: "''")
            lines.append("\\copy \(entry.table) (\(entry.columns)) from '\(path)' with (format csv, header true)")
        }
        lines.append("commit;")
        let tables = WorldCSV.files.map { entry in schema.map { "\(Self.identifier($0)).\(entry.table)" } ?? entry.table }
        lines.append("analyze \(tables.joined(separator: ", "));")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Runs a psql script against the database; returns what psql printed (unaligned, tuples only).
    public func runPsql(script: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [psql, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", databaseURL, "-f", "-"]
        let input = Pipe()
        let output = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw WorldError(.database, "cannot start \(psql): \(error); install PostgreSQL's client (postgresql-client)")
        }
        // Read both pipes while psql runs, so a large output cannot block it.
        let collected = LockedData()
        let readers = DispatchGroup()
        for (pipe, isError) in [(output, false), (errors, true)] {
            readers.enter()
            DispatchQueue.global().async {
                let data = pipe.fileHandleForReading.readDataToEndOfFile()
                collected.store(data, isError: isError)
                readers.leave()
            }
        }
        input.fileHandleForWriting.write(Data(script.utf8))
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        readers.wait()
        let (out, err) = collected.values
        guard process.terminationStatus == 0 else {
            throw WorldError(
                .database,
                "psql exited \(process.terminationStatus): \(String(decoding: err, as: UTF8.self)) "
                    + "(check DATABASE_URL and that the server is running)")
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A double-quoted SQL identifier.
    static func identifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// Two buffers filled by two reader threads.
private final class LockedData: Sendable {
    private let buffers = Mutex((output: Data(), errors: Data()))

    func store(_ data: Data, isError: Bool) {
        buffers.withLock { if isError { $0.errors = data } else { $0.output = data } }
    }

    var values: (Data, Data) { buffers.withLock { ($0.output, $0.errors) } }
}
