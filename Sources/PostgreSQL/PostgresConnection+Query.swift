import CLibPQ
import Logging

extension PostgresConnection {
    /// Runs one statement with bound parameters (`$1`, `$2`, … in `sql`) and returns its rows.
    ///
    /// Parameters travel apart from the SQL text (libpq's `PQsendQueryParams`, text format), so no value
    /// can change the statement: `try connection.query("select name from t where id = $1", [id])`.
    /// `nil` (or an `Optional` holding `nil`) binds SQL NULL.
    ///
    /// Blocks the calling thread until the answer comes, at most ``PostgresConfiguration/queryTimeout``.
    ///
    /// - Throws: ``PostgresError``: ``PostgresError/Code/queryFailed`` (see ``PostgresError/sqlState``),
    ///   ``PostgresError/Code/timeout`` (the server's statement timeout; or, with no SQLSTATE, the
    ///   client's query timeout: the connection was closed, ``PostgresError/isClientTimeout``),
    ///   ``PostgresError/Code/connectionLost`` (the connection broke; ``resetIfBroken()`` reconnects),
    ///   ``PostgresError/Code/encodingFailed``.
    @discardableResult
    public func query(_ sql: String, _ parameters: [(any PostgresEncodable)?] = []) throws -> PostgresResult {
        let texts = try parameters.enumerated().map { index, parameter -> String? in
            guard let text = parameter?.postgresText else { return nil }
            guard !text.utf8.contains(0) else {
                throw PostgresError(
                    code: .encodingFailed,
                    message: "parameter $\(index + 1) contains a NUL character, which PostgreSQL text cannot hold")
            }
            return text
        }
        var buffer: [CChar] = []
        var offsets: [Int] = []
        offsets.reserveCapacity(texts.count)
        for text in texts {
            guard let text else {
                offsets.append(-1)
                continue
            }
            offsets.append(buffer.count)
            buffer.append(contentsOf: text.utf8.map { CChar(bitPattern: $0) })
            buffer.append(0)
        }
        return try buffer.withUnsafeBufferPointer { base in
            let pointers: [UnsafePointer<CChar>?] = offsets.map { $0 < 0 ? nil : base.baseAddress! + $0 }
            guard configuration.preparesStatements else {
                return try runWithDeadline(sql) {
                    PQsendQueryParams(handle, sql, Int32(pointers.count), nil, pointers, nil, nil, 0)
                }
            }
            let name = try prepared(sql, parameterCount: pointers.count)
            do {
                return try runWithDeadline(sql) {
                    PQsendQueryPrepared(handle, name, Int32(pointers.count), pointers, nil, nil, 0)
                }
            } catch let error as PostgresError where error.sqlState == "0A000" || error.sqlState == "26000" {
                // The plan no longer fits (the schema changed under it), or the session lost it: prepare again.
                preparedStatements[sql] = nil
                _ = try? execute("DEALLOCATE \(name)")
                let again = try prepared(sql, parameterCount: pointers.count)
                return try runWithDeadline(sql) {
                    PQsendQueryPrepared(handle, again, Int32(pointers.count), pointers, nil, nil, 0)
                }
            }
        }
    }

    /// The name of `sql` prepared on this session, preparing it (one more round trip) the first time.
    /// The server then parses and plans it once per session instead of once per call.
    private func prepared(_ sql: String, parameterCount: Int) throws -> String {
        if let name = preparedStatements[sql] { return name }
        let name = "s\(preparedStatements.count + 1)_\(UInt32(truncatingIfNeeded: sql.hashValue))"
        _ = try runWithDeadline(sql) { PQsendPrepare(handle, name, sql, Int32(parameterCount), nil) }
        preparedStatements[sql] = name
        return name
    }

    /// Runs a script of one or more SQL statements separated by `;`, with no parameters (libpq's
    /// `PQsendQuery`, the simple query protocol): for schema set-up and migrations written by the project.
    ///
    /// **Never put user input in `sql`**: nothing is escaped. Values go through ``query(_:_:)``.
    /// Statements of a script without explicit `BEGIN`/`COMMIT` run as one implicit transaction; the script
    /// stops at the first error.
    ///
    /// ``PostgresConfiguration/queryTimeout`` applies to the whole script (the server sends a script's
    /// results together, at its end), while `statement_timeout` applies to each of its statements: give a
    /// long migration a configuration with a longer query timeout.
    ///
    /// - Throws: ``PostgresError`` as ``query(_:_:)``.
    public func execute(_ sql: String) throws {
        _ = try runWithDeadline(sql) { PQsendQuery(handle, sql) }
    }

    /// Copies a `PGresult` into a ``PostgresResult`` (and frees it), or throws the error it carries.
    func consume(_ result: OpaquePointer?, sql: String) throws -> PostgresResult {
        guard let result else { throw failure(result: nil, sql: sql) }
        defer { PQclear(result) }
        let status = PQresultStatus(result)
        switch status {
        case PGRES_TUPLES_OK, PGRES_COMMAND_OK, PGRES_EMPTY_QUERY:
            return copy(result)
        case PGRES_COPY_IN, PGRES_COPY_OUT, PGRES_COPY_BOTH:
            needsReset = true
            throw PostgresError(
                code: .invalidUsage,
                message: "COPY is not supported by this wrapper (statement: \(Self.excerpt(sql))); "
                    + "the connection will be reset before its next use")
        default:
            throw failure(result: result, sql: sql)
        }
    }

    private func copy(_ result: OpaquePointer) -> PostgresResult {
        let rowCount = Int(PQntuples(result))
        let columnCount = Int(PQnfields(result))
        var columns: [PostgresColumn] = []
        columns.reserveCapacity(columnCount)
        for column in 0..<Int32(columnCount) {
            let name = PQfname(result, column).map { String(cString: $0) } ?? ""
            columns.append(PostgresColumn(name: name, type: PostgresDataType(oid: PQftype(result, column))))
        }
        let header = PostgresColumns(columns)
        var rows: [PostgresRow] = []
        rows.reserveCapacity(rowCount)
        for row in 0..<Int32(rowCount) {
            var values: [String?] = []
            values.reserveCapacity(columnCount)
            for column in 0..<Int32(columnCount) {
                if PQgetisnull(result, row, column) == 1 {
                    values.append(nil)
                } else {
                    values.append(String(cString: PQgetvalue(result, row, column)))
                }
            }
            rows.append(PostgresRow(header: header, values: values))
        }
        let tag = PQcmdStatus(result).map { String(cString: $0) } ?? ""
        let affected = PQcmdTuples(result).flatMap { Int(String(cString: $0)) } ?? 0
        return PostgresResult(columns: columns, rows: rows, commandTag: tag, affectedRows: affected)
    }

    /// The error a failed statement carries; marks the connection for reset when the failure is
    /// connection-level.
    func failure(result: OpaquePointer?, sql: String) -> PostgresError {
        func field(_ code: Int32) -> String? {
            guard let result, let value = PQresultErrorField(result, code) else { return nil }
            return String(cString: value)
        }
        let sqlState = field(PostgresDiagnosticField.sqlState)
        var primary = field(PostgresDiagnosticField.messagePrimary)
        if primary == nil, let result, let text = PQresultErrorMessage(result), text.pointee != 0 {
            primary = Self.cleaned(text)
        }
        let reason = primary ?? Self.cleaned(PQerrorMessage(handle))
        let probe = PostgresError(code: .queryFailed, message: "", sqlState: sqlState)
        let code: PostgresError.Code
        let message: String
        if PQstatus(handle) != CONNECTION_OK || probe.isConnectionLevel {
            needsReset = true
            code = .connectionLost
            message =
                "the connection to \(configuration.target) was lost: \(reason); "
                + "it is reopened on its next use (statement: \(Self.excerpt(sql)))"
        } else if sqlState == "57014" {
            code = .timeout
            message = "the statement was cancelled: \(reason) (statement: \(Self.excerpt(sql)))"
        } else {
            code = .queryFailed
            message = "\(reason) (statement: \(Self.excerpt(sql)))"
        }
        logger.debug(
            "PostgreSQL statement failed",
            metadata: ["postgres.sqlstate": "\(sqlState ?? "none")", "postgres.error.code": "\(code)"])
        return PostgresError(
            code: code, message: message, sqlState: sqlState, detail: field(PostgresDiagnosticField.messageDetail),
            hint: field(PostgresDiagnosticField.messageHint),
            constraint: field(PostgresDiagnosticField.constraintName))
    }

    /// The statement's first line, at most 80 characters, for error messages.
    static func excerpt(_ sql: String) -> String {
        let line = sql.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return line.count <= 80 ? line : String(line.prefix(80)) + "…"
    }
}
