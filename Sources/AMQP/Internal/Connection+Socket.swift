import CRabbitMQ
import Foundation

extension Connection {
    /// Creates the socket of a new connection: plain TCP, or rabbitmq-c's OpenSSL socket with the
    /// CA file, the optional client certificate, TLS 1.2 or later, and both the certificate chain and
    /// the host name verified. The socket belongs to `state` (freed with it).
    static func makeSocket(_ state: amqp_connection_state_t, tls: AMQPTLSConfiguration?, endpoint: AMQPEndpoint)
        throws(AMQPError) -> OpaquePointer
    {
        guard let tls else {
            guard let socket = amqp_tcp_socket_new(state) else {
                throw AMQPError(code: .connectionFailed, message: "rabbitmq-c could not create a TCP socket for \(endpoint)")
            }
            return socket
        }
        guard let socket = amqp_ssl_socket_new(state) else {
            throw AMQPError(
                code: .tlsFailed, message: "rabbitmq-c could not create a TLS socket for \(endpoint) (OpenSSL failed to initialise)")
        }
        let caFile = try tls.resolvedCAFile()
        guard amqp_ssl_socket_set_cacert(socket, caFile) == AMQP_STATUS_OK.rawValue else {
            throw AMQPError(code: .tlsFailed, message: "cannot load the TLS CA file \(caFile): it must hold PEM certificates")
        }
        switch (tls.certificateFile, tls.keyFile) {
        case (nil, nil):
            break
        case (let certificate?, let key?):
            try requireReadable(certificate, what: "TLS client certificate file")
            try requireReadable(key, what: "TLS client key file")
            // An empty password: a password-protected key then fails to load, instead of OpenSSL
            // asking for its password on the terminal (which would block this thread).
            amqp_ssl_socket_set_key_passwd(socket, "")
            guard amqp_ssl_socket_set_key(socket, certificate, key) == AMQP_STATUS_OK.rawValue else {
                throw AMQPError(
                    code: .tlsFailed,
                    message: "cannot load the TLS client certificate \(certificate) with the key \(key): both must be PEM, the key without a password, and the key must be the certificate's")
            }
        default:
            throw AMQPError(
                code: .tlsFailed, message: "a TLS client certificate needs both a certificate file and a key file; one is missing")
        }
        amqp_ssl_socket_set_verify_peer(socket, 1)
        amqp_ssl_socket_set_verify_hostname(socket, 1)
        guard amqp_ssl_socket_set_ssl_versions(socket, AMQP_TLSv1_2, AMQP_TLSvLATEST) == AMQP_STATUS_OK.rawValue else {
            throw AMQPError(code: .tlsFailed, message: "OpenSSL refused TLS 1.2 or later as the protocol versions")
        }
        return socket
    }

    /// The error of a failed `amqp_socket_open`: what failed at `endpoint` and what to check.
    static func openFailure(_ status: Int32, endpoint: AMQPEndpoint, tls: AMQPTLSConfiguration?) -> AMQPError {
        let ca = tls?.caFile ?? "the system's CA bundle"
        switch status {
        case AMQP_STATUS_SSL_PEER_VERIFY_FAILED.rawValue:
            return AMQPError(
                code: .tlsFailed,
                message: "the TLS certificate of RabbitMQ at \(endpoint) is not trusted: no CA of \(ca) signed it (or it expired); give the CA that signed the broker's certificate (AMQP_TLS_CA_FILE)")
        case AMQP_STATUS_SSL_HOSTNAME_VERIFY_FAILED.rawValue:
            return AMQPError(
                code: .tlsFailed,
                message: "the TLS certificate of RabbitMQ at \(endpoint) does not name the host '\(endpoint.host)'; connect with a host name the certificate lists (its subject alternative names)")
        case AMQP_STATUS_SSL_CONNECTION_FAILED.rawValue, AMQP_STATUS_SSL_ERROR.rawValue:
            return AMQPError(
                code: .tlsFailed,
                message: "the TLS handshake with RabbitMQ at \(endpoint) failed (\(describe(status))): is it a TLS port (usually 5671)? does the broker require a client certificate (AMQP_TLS_CERT_FILE, AMQP_TLS_KEY_FILE)?")
        default:
            return AMQPError(
                code: .connectionFailed,
                message: "cannot connect to RabbitMQ at \(endpoint): \(describe(status)); check that the broker runs and AMQP_URL is right")
        }
    }

    private static func requireReadable(_ path: String, what: String) throws(AMQPError) {
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw AMQPError(code: .tlsFailed, message: "the \(what) \(path) does not exist or cannot be read")
        }
    }
}

extension AMQPTLSConfiguration {
    /// The CA file to load: ``caFile`` if readable, else the first system bundle that exists.
    func resolvedCAFile() throws(AMQPError) -> String {
        if let caFile {
            guard FileManager.default.isReadableFile(atPath: caFile) else {
                throw AMQPError(code: .tlsFailed, message: "the TLS CA file \(caFile) does not exist or cannot be read")
            }
            return caFile
        }
        guard let system = Self.systemCAFiles.first(where: { FileManager.default.isReadableFile(atPath: $0) }) else {
            throw AMQPError(
                code: .tlsFailed,
                message: "no CA file to verify the broker's TLS certificate: install the system's CA bundle (ca-certificates) or give one (AMQP_TLS_CA_FILE)")
        }
        return system
    }
}
