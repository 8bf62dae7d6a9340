extension PostgresConfiguration {
    /// TCP settings that make a connection fail, instead of hanging, when the server's host or the
    /// network between stops answering: libpq's `keepalives`, `keepalives_idle`, `keepalives_interval`,
    /// `keepalives_count` and `tcp_user_timeout` (TCP connections only; libpq ignores them on a Unix socket).
    ///
    /// What they buy:
    /// - **Keepalives** find a peer that vanished while the connection is silent (idle in the pool, or
    ///   waiting for a long statement's answer): the host crashed or lost power, a network partition, a
    ///   NAT or firewall that dropped the flow. After ``idle`` of silence the kernel sends a probe, then
    ///   ``count`` probes ``interval`` apart; with no answer it closes the connection, and the client
    ///   reopens it on its next use. The defaults (30 s, 10 s, 3) find a dead peer in about a minute,
    ///   instead of the kernel's default of more than two hours.
    /// - **``userTimeout``** (`tcp_user_timeout`) bounds how long data sent may stay unacknowledged
    ///   before the kernel closes the connection (a black hole while sending), instead of about 15
    ///   minutes of retransmissions.
    ///
    /// What they do not: a server that is alive at the TCP level but does not answer (stopped with
    /// SIGSTOP, stuck on I/O, overloaded) still has a kernel that acknowledges data and probes, so
    /// neither setting fires. ``PostgresConfiguration/queryTimeout`` (a client-side deadline) covers
    /// that case, and ``PostgresConfiguration/connectTimeout`` covers reconnecting to it.
    public struct TCPKeepalive: Sendable, Hashable {
        /// `keepalives_idle`: silence before the first probe. Whole seconds, at least 1.
        public var idle: Duration
        /// `keepalives_interval`: time between unanswered probes. Whole seconds, at least 1.
        public var interval: Duration
        /// `keepalives_count`: unanswered probes before the connection is considered dead. At least 1.
        public var count: Int
        /// `tcp_user_timeout`: how long sent data may stay unacknowledged before the connection is closed
        /// (Linux; also shortens the keepalive verdict when lower than `idle + interval × count`).
        /// `nil` keeps the kernel's default.
        public var userTimeout: Duration?

        /// Keepalive settings; the defaults find a dead peer in about a minute.
        public init(
            idle: Duration = .seconds(30), interval: Duration = .seconds(10), count: Int = 3,
            userTimeout: Duration? = .seconds(60)
        ) {
            self.idle = idle
            self.interval = interval
            self.count = count
            self.userTimeout = userTimeout
        }

        /// 30 s of silence, then 3 probes 10 s apart; unacknowledged data for 60 s closes the connection.
        public static let `default` = TCPKeepalive()

        /// The libpq keywords and values.
        var parameters: [Parameter] {
            var parameters: [Parameter] = [
                .init(keyword: "keepalives", value: "1"),
                .init(keyword: "keepalives_idle", value: String(max(1, idle.roundedUpSeconds))),
                .init(keyword: "keepalives_interval", value: String(max(1, interval.roundedUpSeconds))),
                .init(keyword: "keepalives_count", value: String(max(1, count))),
            ]
            if let userTimeout {
                parameters.append(
                    .init(keyword: "tcp_user_timeout", value: String(max(1, userTimeout.roundedUpMilliseconds))))
            }
            return parameters
        }
    }
}

extension Duration {
    /// Whole milliseconds, rounded up (a positive duration never becomes 0).
    var roundedUpMilliseconds: Int64 {
        let (seconds, attoseconds) = components
        let milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        return attoseconds % 1_000_000_000_000_000 > 0 ? milliseconds + 1 : milliseconds
    }

    /// Whole nanoseconds, rounded up.
    var roundedUpNanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        guard !overflow else { return seconds > 0 ? .max : .min }
        return scaled + (attoseconds + 999_999_999) / 1_000_000_000
    }

    /// Whole seconds, rounded up.
    var roundedUpSeconds: Int64 {
        let (seconds, attoseconds) = components
        return attoseconds > 0 ? seconds + 1 : seconds
    }

    /// A short rendering for messages: `250 ms`, `2 s`, `1.5 s`.
    var shortDescription: String {
        let milliseconds = roundedUpMilliseconds
        if milliseconds < 1000 { return "\(milliseconds) ms" }
        if milliseconds % 1000 == 0 { return "\(milliseconds / 1000) s" }
        return "\(Double(milliseconds) / 1000) s"
    }
}
