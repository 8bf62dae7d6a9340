/// What a statement returned: its rows (copied out of libpq), their columns, and the command tag.
///
/// A collection of ``PostgresRow``: `for row in result { … }`, `result.first`, `result.count`.
public struct PostgresResult: Sendable, RandomAccessCollection {
    /// The result's columns, in order (empty for a statement that returns no rows).
    public let columns: [PostgresColumn]
    /// The rows, in the order the server sent them.
    public let rows: [PostgresRow]
    /// The command tag, e.g. `SELECT 2`, `INSERT 0 1`, `UPDATE 3`.
    public let commandTag: String
    /// Rows affected by an `INSERT`, `UPDATE`, `DELETE`, `MERGE`, `SELECT`, `MOVE`, `FETCH` or `COPY`
    /// (libpq's `PQcmdTuples`), 0 for other statements.
    public let affectedRows: Int

    /// Creates a result; the connection builds these.
    init(columns: [PostgresColumn], rows: [PostgresRow], commandTag: String, affectedRows: Int) {
        self.columns = columns
        self.rows = rows
        self.commandTag = commandTag
        self.affectedRows = affectedRows
    }

    /// The index of the first row (0).
    public var startIndex: Int { rows.startIndex }
    /// One past the last row's index.
    public var endIndex: Int { rows.endIndex }
    /// The row at `position`.
    public subscript(position: Int) -> PostgresRow { rows[position] }
}
