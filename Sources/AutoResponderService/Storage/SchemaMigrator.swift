import Logging
import PostgreSQL

/// Creates and migrates the service's own schema (``ServiceSchema``) at start-up.
enum SchemaMigrator {
    /// Applies the migrations not yet applied, in order, in one transaction under an advisory lock:
    /// processes starting at once wait for each other, and the second finds nothing left to do.
    /// - Returns: the versions applied by this call.
    @discardableResult
    static func migrate(_ database: PostgresClient, logger: Logger) async throws -> [Int] {
        let applied = try await database.withTransaction { connection in
            try connection.query("SELECT pg_advisory_xact_lock($1::bigint)", [ServiceSchema.advisoryLockKey])
            try connection.execute(ServiceSchema.bootstrap)
            let done = Set(
                try connection.query("SELECT version FROM responder.schema_migrations").map {
                    try $0.decode(Int.self, "version")
                })
            var applied: [Int] = []
            for migration in ServiceSchema.migrations where !done.contains(migration.version) {
                try connection.execute(migration.sql)
                try connection.query(
                    "INSERT INTO responder.schema_migrations (version, summary) VALUES ($1, $2)",
                    [migration.version, migration.summary])
                applied.append(migration.version)
            }
            return applied
        }
        if applied.isEmpty {
            logger.debug("service schema is up to date")
        } else {
            logger.info("service schema migrated", metadata: ["migrations": "\(applied)"])
        }
        return applied
    }
}
