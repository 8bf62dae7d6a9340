/// Settings of an ``HTTPClient``; every field has a default fit for the upstream APIs.
public struct HTTPClientConfiguration: Sendable {
    /// Longest wait for a TCP (and TLS) connection to be set up.
    public var connectTimeout: Duration
    /// Longest a whole request may take, connection included, unless the request overrides it. The
    /// time a request waits for a free connection (see ``maxConnectionsPerHost``) counts too: libcurl
    /// starts the clock when the request is handed to it.
    public var requestTimeout: Duration
    /// Largest response body accepted; a longer one fails with ``HTTPError/Code/bodyTooLarge``.
    public var maxBodyBytes: Int
    /// Most connections open to one host at once; further requests wait for a free connection.
    public var maxConnectionsPerHost: Int
    /// Most connections open at once over all hosts (and the size of the keep-alive cache).
    public var maxConnections: Int
    /// The `user-agent` header sent with every request.
    public var userAgent: String

    /// Settings; the defaults suit small JSON APIs on a local network.
    public init(
        connectTimeout: Duration = .seconds(3),
        requestTimeout: Duration = .seconds(10),
        maxBodyBytes: Int = 4 * 1024 * 1024,
        maxConnectionsPerHost: Int = 32,
        maxConnections: Int = 128,
        userAgent: String = "autoresponder"
    ) {
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
        self.maxBodyBytes = maxBodyBytes
        self.maxConnectionsPerHost = maxConnectionsPerHost
        self.maxConnections = maxConnections
        self.userAgent = userAgent
    }
}

/// Counters of an ``HTTPClient`` since it was created.
public struct HTTPClientStatistics: Sendable, Equatable {
    /// Transfers that ended, successfully or not (cancelled ones excluded).
    public var requestsCompleted: Int = 0
    /// New connections that those transfers opened (the rest reused a kept-alive connection).
    public var connectionsOpened: Int = 0

    /// Counters; zero unless given.
    public init(requestsCompleted: Int = 0, connectionsOpened: Int = 0) {
        self.requestsCompleted = requestsCompleted
        self.connectionsOpened = connectionsOpened
    }
}

extension Duration {
    /// Whole milliseconds, at least 1 (libcurl reads 0 as "no timeout").
    var curlMilliseconds: Int {
        let (seconds, attoseconds) = components
        let millis = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        return Int(max(1, min(millis, Int64(Int32.max))))
    }
}
