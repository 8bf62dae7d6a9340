/// Where and how to connect to RabbitMQ.
///
/// Build it from an `amqp://` URL with ``init(url:)`` or field by field. The password never
/// appears in ``description``.
public struct AMQPConfiguration: Sendable, Hashable, CustomStringConvertible {
    /// Host name or IP address of the broker.
    public var host: String
    /// TCP port of the broker.
    public var port: Int
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
        frameMax: Int = 131_072, connectionName: String? = nil
    ) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.virtualHost = virtualHost
        self.heartbeat = heartbeat
        self.connectionTimeout = connectionTimeout
        self.requestTimeout = requestTimeout
        self.frameMax = frameMax
        self.connectionName = connectionName
    }

    /// The configuration as a URL with the password masked, e.g.
    /// `amqp://guest:***@localhost:5672/%2f?heartbeat=10`.
    public var description: String {
        let vhost = virtualHost.addingAMQPPercentEncoding()
        let user = username.addingAMQPPercentEncoding()
        let hostPart = host.contains(":") ? "[\(host)]" : host
        return "amqp://\(user):***@\(hostPart):\(port)/\(vhost)?heartbeat=\(heartbeat.wholeSeconds)"
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
