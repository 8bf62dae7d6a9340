/// One row of a ``PostgresResult``: a value copied out of libpq, safe to keep and send anywhere.
///
/// Values are read by column name or index with a type:
/// `let value = try row.decode(Decimal.self, "value")`, `let note = try row.decode(String?.self, "note")`.
public struct PostgresRow: Sendable {
    /// The result's columns (shared by all its rows).
    let header: PostgresColumns
    /// The text of each value, `nil` for SQL NULL.
    let values: [String?]

    init(header: PostgresColumns, values: [String?]) {
        self.header = header
        self.values = values
    }

    /// The columns of the row, in order.
    public var columns: [PostgresColumn] { header.columns }

    /// Whether the row has a column of that name.
    public func contains(column name: String) -> Bool { header.index(of: name) != nil }

    /// Decodes the value of the first column named `column`.
    ///
    /// - Throws: ``PostgresError`` with code ``PostgresError/Code/decodingFailed`` when there is no such
    ///   column, the value is NULL and `T` is not optional, or the text is not a `T`.
    public func decode<T: PostgresDecodable>(_ type: T.Type = T.self, _ column: String) throws -> T {
        guard let index = header.index(of: column) else {
            let names = header.columns.map(\.name).joined(separator: ", ")
            throw PostgresError(
                code: .decodingFailed,
                message: "no column \"\(column)\" in the result (columns: \(names)); check the select list")
        }
        return try decode(type, at: index)
    }

    /// Decodes the value of the column at `index` (0-based).
    ///
    /// - Throws: ``PostgresError`` with code ``PostgresError/Code/decodingFailed`` when the index is out of
    ///   range, the value is NULL and `T` is not optional, or the text is not a `T`.
    public func decode<T: PostgresDecodable>(_ type: T.Type = T.self, at index: Int) throws -> T {
        guard values.indices.contains(index) else {
            throw PostgresError(
                code: .decodingFailed,
                message: "no column at index \(index): the result has \(values.count) columns")
        }
        let column = header.columns[index]
        guard let text = values[index] else {
            if let null = T.postgresNull { return null }
            throw PostgresError(
                code: .decodingFailed,
                message: "column \"\(column.name)\" (\(column.type)) is NULL and cannot be decoded as \(T.self); "
                    + "decode \(T.self)? to accept NULL")
        }
        guard let value = T(postgresText: text, type: column.type) else {
            throw PostgresError(
                code: .decodingFailed,
                message: "column \"\(column.name)\" (\(column.type)) cannot be decoded as \(T.self): "
                    + "got \(Self.preview(text))")
        }
        return value
    }

    /// The raw text of the first column named `column`, `nil` for SQL NULL.
    ///
    /// - Throws: ``PostgresError`` with code ``PostgresError/Code/decodingFailed`` when there is no such column.
    public func text(_ column: String) throws -> String? {
        try decode(String?.self, column)
    }

    /// A short, safe rendering of a value for an error message: at most 32 characters, and its length.
    static func preview(_ text: String) -> String {
        let count = text.count
        guard count > 32 else { return "\"\(text)\" (\(count) characters)" }
        return "\"\(text.prefix(32))…\" (\(count) characters)"
    }
}

/// A column of a result: its name and type.
public struct PostgresColumn: Sendable, Hashable {
    /// The column's name (its alias in the select list).
    public let name: String
    /// The column's type.
    public let type: PostgresDataType

    /// Creates a column description.
    public init(name: String, type: PostgresDataType) {
        self.name = name
        self.type = type
    }
}

/// The columns of one result, shared by its rows (immutable, so sharing it is safe).
final class PostgresColumns: Sendable {
    let columns: [PostgresColumn]

    init(_ columns: [PostgresColumn]) { self.columns = columns }

    /// The index of the first column named `name` (results rarely have more than a few columns, so a scan
    /// beats hashing).
    func index(of name: String) -> Int? { columns.firstIndex { $0.name == name } }
}
