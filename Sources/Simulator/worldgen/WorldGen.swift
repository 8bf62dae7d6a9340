import ArgumentParser
import Foundation
import World

/// `worldgen`: writes worlds (world.json + CSV files) and loads them into PostgreSQL.
@main
struct WorldGen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worldgen",
        abstract: "Generate simulator worlds and load them into the business database.",
        discussion: """
            A world directory holds world.json (everything the simulated APIs serve and the database holds,
            with truth annotations for tests) and sales.csv, transactions.csv, receipt.csv (the business
            tables). The same world feeds `apisim --world DIR` and the database, so both agree.
            See db/README.md.
            """,
        subcommands: [Generate.self, Original.self, CSV.self, Load.self, Schema.self])
}

extension WorldGen {
    /// `worldgen generate`.
    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generate a world deterministically from a seed and a number of merchants.")

        @Option(help: "The seed: the same seed and sizes give the same world, byte for byte.")
        var seed: UInt64 = 1
        @Option(help: "How many merchants.")
        var merchants: Int = 1000
        @Option(help: "How many conversations (default: as many as merchants).")
        var conversations: Int?
        @Option(help: "Days of transactions, up to and including the reference day (2...30).")
        var days: Int = 4
        @Option(help: "The world's \"now\", ISO-8601 with offset (default 2021-12-22T15:30:00-03:00).")
        var referenceTime: String?
        @Flag(help: "Use the current time as the reference time (not deterministic).")
        var now = false
        @Option(help: "The output directory.")
        var out: String
        @Flag(help: "Write world.json only, no CSV files.")
        var noCSV = false

        func run() throws {
            var reference = WorldGenerator.Parameters.defaultReferenceTime
            if now {
                reference = Timestamp(unixSeconds: Int64(Date().timeIntervalSince1970))
            } else if let referenceTime {
                guard let parsed = Timestamp(parsing: referenceTime) else {
                    throw ValidationError("--reference-time must look like 2021-12-22T15:30:00-03:00")
                }
                reference = parsed
            }
            let started = Date()
            let world = try WorldGenerator.generate(.init(
                seed: seed, merchants: merchants, conversations: conversations, referenceTime: reference, days: days))
            let directory = URL(fileURLWithPath: out)
            try WorldFile.write(world, to: directory)
            if !noCSV { try WorldCSV.write(world, to: directory) }
            print("\(world.summary) -> \(directory.path) in \(elapsed(since: started))")
        }
    }

    /// `worldgen original`.
    struct Original: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build the original world from the assignment's data (db/worlds/original/source).")

        @Option(help: "The original data directory (conversations.json, database.json).")
        var from: String = "db/worlds/original/source"
        @Option(help: "The output directory.")
        var out: String = "db/worlds/original"

        func run() throws {
            let world = try OriginalWorld.load(from: URL(fileURLWithPath: from))
            let directory = URL(fileURLWithPath: out)
            try WorldFile.write(world, to: directory)
            try WorldCSV.write(world, to: directory)
            print("\(world.summary) -> \(directory.path)")
        }
    }

    /// `worldgen csv`.
    struct CSV: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write a world's CSV files from its world.json.")

        @Option(help: "The world directory (or world.json).")
        var world: String
        @Option(help: "The output directory (default: the world directory).")
        var out: String?

        func run() throws {
            let loaded = try WorldFile.read(from: URL(fileURLWithPath: world))
            let directory = URL(fileURLWithPath: out ?? worldDirectory(world))
            try WorldCSV.write(loaded, to: directory)
            print("\(loaded.summary) -> \(directory.path)")
        }
    }

    /// `worldgen load`.
    struct Load: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create the business tables if missing, truncate them and load a world (psql + \\copy).")

        @Option(help: "The world directory (or world.json).")
        var world: String = "db/worlds/original"
        @Option(help: "The database (default: DATABASE_URL).")
        var databaseURL: String?
        @Option(help: "Load into this schema (created if missing) instead of the default search path.")
        var schema: String?

        func run() throws {
            guard let url = databaseURL ?? ProcessInfo.processInfo.environment["DATABASE_URL"], !url.isEmpty else {
                throw ValidationError("set DATABASE_URL or give --database-url")
            }
            let started = Date()
            let loaded = try WorldFile.read(from: URL(fileURLWithPath: world))
            try WorldDatabaseLoader(databaseURL: url, schema: schema).load(loaded)
            print("loaded \(loaded.summary) in \(elapsed(since: started))")
        }
    }

    /// `worldgen schema`.
    struct Schema: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the business tables' SQL (db/schema.sql).")

        func run() { print(DatabaseSchema.sql, terminator: "") }
    }
}

private func worldDirectory(_ path: String) -> String {
    path.hasSuffix(".json") ? URL(fileURLWithPath: path).deletingLastPathComponent().path : path
}

private func elapsed(since start: Date) -> String {
    String(format: "%.2f s", Date().timeIntervalSince(start))
}
