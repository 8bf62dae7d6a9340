/// The isolation level of a transaction (`BEGIN ISOLATION LEVEL …`).
public struct PostgresIsolationLevel: Hashable, Sendable, CustomStringConvertible {
    /// The SQL words, e.g. `SERIALIZABLE`.
    public let sql: String
    private init(_ sql: String) { self.sql = sql }

    /// `READ COMMITTED`, PostgreSQL's default: each statement sees what was committed before it began.
    public static let readCommitted = PostgresIsolationLevel("READ COMMITTED")
    /// `REPEATABLE READ`: the whole transaction sees one snapshot.
    public static let repeatableRead = PostgresIsolationLevel("REPEATABLE READ")
    /// `SERIALIZABLE`: as if transactions ran one at a time; may fail with SQLSTATE 40001
    /// (``PostgresError/isSerializationFailure``), and then must be run again.
    public static let serializable = PostgresIsolationLevel("SERIALIZABLE")

    /// The SQL words.
    public var description: String { sql }
}
