import Foundation

/// What the benchmark asks PostgreSQL, through `psql` as the database's owner (the benchmark's own
/// queries run under that role, so filtering by the service's role leaves them out).
struct PostgresProbe: Sendable {
    /// The owner's URL of the benchmark database.
    let ownerURL: String
    /// The role the service connects as (its statements are the ones counted).
    let serviceRole: String

    /// Runs SQL and returns psql's unaligned, tuples-only output (fields separated by a unit separator).
    func query(_ sql: String) throws -> String {
        try runCommand("/usr/bin/env", ["psql", "-X", "-q", "-A", "-t", "-F", "\u{1f}", "-v", "ON_ERROR_STOP=1", "-d", ownerURL, "-c", sql])
    }

    /// The postmaster's pid: the parent of this connection's backend (the server must run on this machine).
    func postmasterPid() throws -> Int32 {
        let text = try query("select pg_backend_pid()").trimmingCharacters(in: .whitespacesAndNewlines)
        guard let backend = Int32(text), let parent = parentPid(of: backend) else {
            throw BenchError("cannot find PostgreSQL's postmaster (backend pid \(text)); is the server on this machine?")
        }
        return parent
    }

    /// Whether pg_stat_statements is loaded and installed in the database (installs it if loaded).
    func enableStatementStatistics() -> String? {
        do {
            let loaded = try query("show shared_preload_libraries")
            guard loaded.contains("pg_stat_statements") else {
                return "pg_stat_statements is not loaded (shared_preload_libraries = '\(loaded.trimmingCharacters(in: .whitespacesAndNewlines))'); "
                    + "restart PostgreSQL with it: scripts/servers.sh restart postgres"
            }
            _ = try query("create extension if not exists pg_stat_statements")
            return nil
        } catch {
            return "pg_stat_statements: \(error)"
        }
    }

    /// Empties pg_stat_statements (every database), so its table holds only this run's statements.
    func resetStatementStatistics() throws { _ = try query("select pg_stat_statements_reset()") }

    /// Calls per statement of the service's role in this database so far, by query text.
    func statementCalls() throws -> [String: Int] {
        let sql = """
            select regexp_replace(s.query, '\\s+', ' ', 'g'), sum(s.calls)::bigint
            from pg_stat_statements s join pg_roles r on r.oid = s.userid
            where s.dbid = (select oid from pg_database where datname = current_database()) and r.rolname = '\(serviceRole)'
            group by 1
            """
        var calls: [String: Int] = [:]
        for line in try query(sql).split(separator: "\n") {
            let fields = line.split(separator: "\u{1f}", omittingEmptySubsequences: false)
            guard fields.count == 2, let count = Int(fields[1]) else { continue }
            calls[String(fields[0]), default: 0] += count
        }
        return calls
    }
}

/// What the benchmark asks RabbitMQ, through `scripts/servers.sh rabbitmqctl` (no plugin needed).
struct RabbitMQProbe: Sendable {
    /// The command that runs rabbitmqctl against the benchmark's broker, e.g. `bash scripts/servers.sh rabbitmqctl`.
    let rabbitmqctl: [String]

    private func eval(_ expression: String) throws -> String {
        try runCommand("/usr/bin/env", rabbitmqctl + ["eval", expression])
    }

    /// The broker's OS pid (beam.smp).
    func pid() throws -> Int32 {
        let text = try eval("list_to_integer(os:getpid()).").trimmingCharacters(in: .whitespacesAndNewlines)
        guard let pid = Int32(text) else { throw BenchError("rabbitmqctl eval os:getpid() answered \(text)") }
        return pid
    }

    /// The broker's global message counters (`rabbit_global_counters`, RabbitMQ ≥ 3.9), summed over
    /// protocols and queue types: messages received (published), routed, confirmed, delivered,
    /// acknowledged, redelivered, dead-lettered.
    func counters() throws -> [String: Int] {
        let names = [
            "messages_received_total", "messages_received_confirm_total", "messages_routed_total",
            "messages_confirmed_total", "messages_delivered_total", "messages_acknowledged_total",
            "messages_redelivered_total", "messages_dead_lettered_rejected_total",
            "messages_dead_lettered_expired_total", "messages_dead_lettered_delivery_limit_total",
            "messages_unroutable_dropped_total", "messages_unroutable_returned_total",
        ]
        let expression = """
            M = rabbit_global_counters:overview(), \
            S = fun(K) -> lists:sum([maps:get(K, C, 0) || {_, C} <- maps:to_list(M)]) end, \
            [{K, S(K)} || K <- [\(names.joined(separator: ", "))]].
            """
        let text = try eval(expression)
        var counters: [String: Int] = [:]
        let pattern = try NSRegularExpression(pattern: #"\{(\w+),\s*(\d+)\}"#)
        for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            guard let name = Range(match.range(at: 1), in: text), let value = Range(match.range(at: 2), in: text) else { continue }
            counters[String(text[name])] = Int(text[value])
        }
        guard !counters.isEmpty else { throw BenchError("unexpected answer of rabbit_global_counters: \(text.prefix(300))") }
        return counters
    }

    /// Deletes the queues and exchanges named `prefix` or `prefix.…` (the service's topology of one
    /// run); returns how many objects were deleted.
    @discardableResult
    func deleteTopology(prefix: String) throws -> Int {
        let expression = """
            P = <<"\(prefix)">>, D = <<"\(prefix).">>, \
            Mine = fun(N) -> N =:= P orelse binary:longest_common_prefix([N, D]) =:= byte_size(D) end, \
            Qs = [Q || Q <- rabbit_amqqueue:list(<<"/">>), Mine(element(4, amqqueue:get_name(Q)))], \
            [rabbit_amqqueue:delete(Q, false, false, <<"bench">>) || Q <- Qs], \
            Xs = [element(2, X) || X <- rabbit_exchange:list(<<"/">>), Mine(element(4, element(2, X)))], \
            [rabbit_exchange:delete(N, false, <<"bench">>) || N <- Xs], \
            length(Qs) + length(Xs).
            """
        let text = try eval(expression).trimmingCharacters(in: .whitespacesAndNewlines)
        return Int(text) ?? 0
    }
}
