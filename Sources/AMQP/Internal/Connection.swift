import CRabbitMQ
import CShims
#if canImport(CDispatch)
import CDispatch  // struct timeval is attributed to CDispatch on Linux (MemberImportVisibility)
#endif

/// One rabbitmq-c connection with its channels: opened, used and destroyed on a single
/// connection thread (rabbitmq-c is not thread-safe). Not `Sendable` on purpose.
///
/// Channel 1 carries the work (publishing with confirms, or consuming); channel 2 is opened on
/// demand for administrative requests, so that a refused request (e.g. a passive declare of a
/// missing queue, which closes its channel) does not disturb channel 1.
final class Connection {
    /// The working channel.
    static let workChannel: amqp_channel_t = 1
    /// The channel for administrative requests.
    static let adminChannel: amqp_channel_t = 2

    let state: amqp_connection_state_t
    let configuration: AMQPConfiguration
    /// The node this connection is open to.
    let endpoint: AMQPEndpoint
    /// Scratch C memory for the current call.
    let arena = CArena()
    /// False once the socket failed or a connection.close was exchanged: only destroy it then.
    private(set) var isUsable = true
    private var openChannels: Set<amqp_channel_t> = []

    private init(state: amqp_connection_state_t, configuration: AMQPConfiguration, endpoint: AMQPEndpoint) {
        self.state = state
        self.configuration = configuration
        self.endpoint = endpoint
    }

    deinit {
        // Frees the socket, the buffers and every pool of the connection.
        amqp_destroy_connection(state)
    }

    /// Opens the TCP (or TLS) connection to one node, logs in and opens the working channel.
    static func open(_ configuration: AMQPConfiguration, endpoint: AMQPEndpoint, name: String) throws(AMQPError)
        -> Connection
    {
        guard let state = amqp_new_connection() else {
            throw AMQPError(code: .connectionFailed, message: "rabbitmq-c could not allocate a connection (out of memory)")
        }
        let connection = Connection(state: state, configuration: configuration, endpoint: endpoint)
        let socket: OpaquePointer
        do {
            socket = try makeSocket(state, tls: configuration.tls, endpoint: endpoint)
        } catch {
            connection.isUsable = false
            throw error
        }
        var connectTimeout = timeval(configuration.connectionTimeout)
        let status = amqp_socket_open_noblock(socket, endpoint.host, Int32(endpoint.port), &connectTimeout)
        guard status == AMQP_STATUS_OK.rawValue else {
            connection.isUsable = false
            throw openFailure(status, endpoint: endpoint, tls: configuration.tls)
        }
        var requestTimeout = timeval(configuration.requestTimeout)
        amqp_set_handshake_timeout(state, &connectTimeout)
        amqp_set_rpc_timeout(state, &requestTimeout)
        try connection.login(name: name)
        try connection.openChannel(workChannel)
        return connection
    }

    private func login(name: String) throws(AMQPError) {
        arena.recycle()
        let capabilities: [String: AMQPFieldValue] = [
            "consumer_cancel_notify": true, "connection.blocked": true, "basic.nack": true,
            "publisher_confirms": true, "authentication_failure_close": true,
        ]
        var properties = arena.table([
            "connection_name": .string(configuration.connectionName ?? name),
            "capabilities": .table(capabilities),
        ])
        let heartbeat = Int32(clamping: configuration.heartbeat.wholeSeconds)
        let reply = cshim_amqp_login_plain_with_properties(
            state, arena.cString(configuration.virtualHost), 0, Int32(clamping: configuration.frameMax), heartbeat,
            &properties, arena.cString(configuration.username), arena.cString(configuration.password))
        if configuration.tls != nil, reply.reply_type == AMQP_RESPONSE_LIBRARY_EXCEPTION,
            reply.library_error == AMQP_STATUS_SSL_ERROR.rawValue
        {
            // TLS 1.3: a broker that refuses the client's certificate (or its absence) says so after
            // the handshake, as the first read fails.
            markBroken()
            throw AMQPError(
                code: .tlsFailed,
                message: "RabbitMQ at \(endpoint) closed the TLS connection before the login: it probably requires a client certificate it trusts (AMQP_TLS_CERT_FILE, AMQP_TLS_KEY_FILE)")
        }
        try check(
            reply, "logging in to RabbitMQ at \(endpoint) as '\(configuration.username)', virtual host '\(configuration.virtualHost)' (check user, password and virtual host)",
            channel: 0, lost: .connectionFailed, refused: .connectionFailed)
    }

    /// Opens a channel unless it is open already.
    func openChannel(_ channel: amqp_channel_t) throws(AMQPError) {
        guard !openChannels.contains(channel) else { return }
        amqp_channel_open(state, channel)
        try check(amqp_get_rpc_reply(state), "opening channel \(channel)", channel: channel, lost: .connectionFailed, refused: .connectionFailed)
        openChannels.insert(channel)
    }

    /// The socket to poll for input, or nil once the connection is unusable.
    var socket: Int32? {
        guard isUsable else { return nil }
        let fd = amqp_get_sockfd(state)
        return fd >= 0 ? fd : nil
    }

    /// True when frames are already read from the socket: handle them before polling it.
    var hasBufferedInput: Bool {
        amqp_frames_enqueued(state) != 0 || amqp_data_in_buffer(state) != 0
    }

    /// The next frame if one is ready, without waiting; also sends a heartbeat when one is due
    /// and detects a silent broker (no frame for two heartbeat intervals).
    func nextFrame() throws(AMQPError) -> amqp_frame_t? {
        var frame = amqp_frame_t()
        // Not zero: rabbitmq-c checks the receive-heartbeat deadline only for a non-zero timeout.
        var timeout = timeval(.microseconds(1))
        let status = amqp_simple_wait_frame_noblock(state, &frame, &timeout)
        if status == AMQP_STATUS_OK.rawValue { return frame }
        if status == AMQP_STATUS_TIMEOUT.rawValue { return nil }
        isUsable = false
        throw AMQPError(code: .connectionLost, message: "connection to RabbitMQ lost while reading: \(Connection.describe(status))")
    }

    /// Releases the memory of frames already handled (their decoded payloads become invalid).
    func releaseBuffers() { amqp_maybe_release_buffers(state) }

    /// Marks the connection unusable after a failed write.
    func markBroken() { isUsable = false }

    /// Answers a connection.close from the broker; the connection is unusable afterwards.
    func answerConnectionClose() {
        var ok = amqp_connection_close_ok_t()
        _ = amqp_send_method(state, 0, AMQP_CONNECTION_CLOSE_OK_METHOD, &ok)
        isUsable = false
    }

    /// Answers a channel.close from the broker.
    func answerChannelClose(_ channel: amqp_channel_t) {
        var ok = amqp_channel_close_ok_t()
        if amqp_send_method(state, channel, AMQP_CHANNEL_CLOSE_OK_METHOD, &ok) != AMQP_STATUS_OK.rawValue {
            isUsable = false
        }
        openChannels.remove(channel)
    }

    /// Closes the connection politely (connection.close, waiting for close-ok up to the request
    /// timeout). The broker requeues unacknowledged deliveries.
    func close() {
        guard isUsable else { return }
        isUsable = false
        _ = amqp_connection_close(state, AMQP_REPLY_SUCCESS)
    }

    static func describe(_ status: Int32) -> String {
        String(cString: amqp_error_string2(status))
    }
}

extension timeval {
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self.init()
        tv_sec = Int(seconds)
        tv_usec = Int(attoseconds / 1_000_000_000_000)
    }
}
