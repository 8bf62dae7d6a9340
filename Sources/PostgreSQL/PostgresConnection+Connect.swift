import CLibPQ

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension PostgresConnection {
    /// Opens a `PGconn` with the URI's parameters plus the session settings, or throws `connectionFailed`.
    static func connect(_ configuration: PostgresConfiguration) throws -> OpaquePointer {
        let parameters = connectionParameters(configuration)
        let keywords = parameters.map { strdup($0.keyword) }
        let values = parameters.map { strdup($0.value) }
        defer {
            for pointer in keywords + values { free(pointer) }
        }
        let keywordPointers = keywords.map { UnsafePointer($0) } + [nil]
        let valuePointers = values.map { UnsafePointer($0) } + [nil]
        guard let handle = PQconnectdbParams(keywordPointers, valuePointers, 0) else {
            throw PostgresError(
                code: .connectionFailed,
                message: "could not connect to \(configuration.target): libpq is out of memory")
        }
        guard PQstatus(handle) == CONNECTION_OK else {
            let reason = cleaned(PQerrorMessage(handle))
            PQfinish(handle)
            throw PostgresError(
                code: .connectionFailed,
                message: "could not connect to \(configuration.target): \(reason); "
                    + "check that the server is running and the URL's host, port, user and database")
        }
        return handle
    }

    /// The URI's parameters with `connect_timeout`, `application_name`, `client_encoding`, the TCP
    /// keepalive settings (``PostgresConfiguration/keepalive``; a keyword the URI sets wins) and the session
    /// settings (`-c TimeZone=UTC -c DateStyle=ISO,MDY [-c statement_timeout=…]
    /// [-c client_connection_check_interval=…]`, added to any `options` of the URI) set by the configuration.
    static func connectionParameters(_ configuration: PostgresConfiguration) -> [PostgresConfiguration.Parameter] {
        let overridden: Set<String> = ["connect_timeout", "application_name", "client_encoding", "options"]
        var parameters = configuration.uriParameters.filter { !overridden.contains($0.keyword) }
        let timeoutSeconds = max(2, configuration.connectTimeout.roundedUpSeconds)
        parameters.append(.init(keyword: "connect_timeout", value: String(timeoutSeconds)))
        parameters.append(.init(keyword: "application_name", value: configuration.applicationName))
        parameters.append(.init(keyword: "client_encoding", value: "UTF8"))
        if let keepalive = configuration.keepalive {
            let set = Set(configuration.uriParameters.map(\.keyword))
            parameters += keepalive.parameters.filter { !set.contains($0.keyword) }
        }
        var options = configuration.uriParameters.last { $0.keyword == "options" }?.value ?? ""
        options += " -c TimeZone=UTC -c DateStyle=ISO,MDY"
        if let timeout = configuration.statementTimeout {
            options += " -c statement_timeout=\(max(1, timeout.roundedUpMilliseconds))"
        }
        if let interval = configuration.clientConnectionCheckInterval {
            options += " -c client_connection_check_interval=\(max(1, interval.roundedUpMilliseconds))"
        }
        parameters.append(.init(keyword: "options", value: options))
        return parameters
    }
}
