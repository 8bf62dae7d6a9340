/// Where and how to connect to RabbitMQ.
///
/// Build it from an `amqp://` or `amqps://` URL with ``init(url:)`` or field by field. The password
/// never appears in ``description``.
///
/// A cluster's nodes are ``endpoints``: ``host`` and ``port`` (the first) then
/// ``additionalEndpoints``. A connection tries them in order and takes the first that accepts it;
/// after losing a connection, it tries the next node first, and the one it lost last.
public struct AMQPConfiguration: Sendable, Hashable, CustomStringConvertible {
    /// Host name or IP address of the broker (the first node).
    public var host: String
    /// TCP port of the broker (the first node).
    public var port: Int
    /// Other nodes of the same cluster, tried in order after ``host``:``port``.
    public var additionalEndpoints: [AMQPEndpoint]
    /// TLS settings; `nil` for a plain TCP connection (`amqp://`).
    public var tls: AMQPTLSConfiguration?
    /// User name (SASL PLAIN).
    public var username: String
    /// Password (SASL PLAIN). Never logged.
    public var password: String
    /// Virtual host; `/` is the broker's default one (`%2f` in a URL).
    public var virtualHost: String
    /// Heartbeat interval negotiated with the broker; `.zero` disables heartbeats (not advised:
    /// a dead peer would then only be noticed by TCP).
    public var heartbeat: Duration
    /// Limit for opening the TCP connection, and separately for the AMQP handshake.
    public var connectionTimeout: Duration
    /// Limit for a synchronous request to the broker (declare, channel open, close, ...).
    public var requestTimeout: Duration
    /// Largest frame size proposed to the broker.
    public var frameMax: Int
    /// Name shown for the connection in the broker's management tools.
    public var connectionName: String?

    /// Creates a configuration; every parameter has the local broker's default.
    public init(
        host: String = "localhost", port: Int = 5672, username: String = "guest",
        password: String = "guest", virtualHost: String = "/", heartbeat: Duration = .seconds(10),
        connectionTimeout: Duration = .seconds(10), requestTimeout: Duration = .seconds(10),
        frameMax: Int = 131_072, connectionName: String? = nil, additionalEndpoints: [AMQPEndpoint] = [],
        tls: AMQPTLSConfiguration? = nil
    ) {
        self.host = host
        self.port = port
        self.additionalEndpoints = additionalEndpoints
        self.tls = tls
        self.username = username
        self.password = password
        self.virtualHost = virtualHost
        self.heartbeat = heartbeat
        self.connectionTimeout = connectionTimeout
        self.requestTimeout = requestTimeout
        self.frameMax = frameMax
        self.connectionName = connectionName
    }

    /// Every node, in the order they are tried: ``host``:``port``, then ``additionalEndpoints``.
    public var endpoints: [AMQPEndpoint] { [AMQPEndpoint(host: host, port: port)] + additionalEndpoints }

    /// The configuration as a URL with the password masked, e.g.
    /// `amqp://guest:***@localhost:5672/%2F?heartbeat=10` or
    /// `amqps://app:***@rabbit-1:5671,rabbit-2:5671/%2F?heartbeat=10`.
    public var description: String {
        let vhost = virtualHost.addingAMQPPercentEncoding()
        let user = username.addingAMQPPercentEncoding()
        let hosts = endpoints.map(\.description).joined(separator: ",")
        return "\(tls == nil ? "amqp" : "amqps")://\(user):***@\(hosts)/\(vhost)?heartbeat=\(heartbeat.wholeSeconds)"
    }
}

extension Duration {
    /// Whole seconds, rounded down.
    var wholeSeconds: Int64 { components.seconds }

    /// Milliseconds, rounded down, at least 0.
    var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return max(0, seconds * 1000 + attoseconds / 1_000_000_000_000_000)
    }
}
