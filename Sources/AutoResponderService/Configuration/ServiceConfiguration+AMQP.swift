import AMQP
import Foundation

extension ServiceConfiguration {
    /// The broker configuration: `AMQP_URL` (one node or several) with the TLS files of ``amqpTLS``.
    ///
    /// - Throws: ``ServiceConfigurationError`` naming `AMQP_URL` when it is malformed, or the
    ///   `AMQP_TLS_*` variable at fault: a TLS file given for an `amqp://` URL (a plain connection,
    ///   which is almost certainly not what was meant), a certificate without its key (or the
    ///   reverse), or a file that cannot be read.
    public func amqpConfiguration() throws(ServiceConfigurationError) -> AMQPConfiguration {
        var configuration: AMQPConfiguration
        do {
            configuration = try AMQPConfiguration(url: amqpURL)
        } catch {
            throw ServiceConfigurationError(variable: "AMQP_URL", message: error.message)
        }
        let files = [
            ("AMQP_TLS_CA_FILE", amqpTLS.caFile), ("AMQP_TLS_CERT_FILE", amqpTLS.certificateFile),
            ("AMQP_TLS_KEY_FILE", amqpTLS.keyFile),
        ]
        guard configuration.tls != nil else {
            if let (variable, _) = files.first(where: { $0.1 != nil }) {
                throw ServiceConfigurationError(
                    variable: variable, message: "is set but AMQP_URL is amqp:// (no TLS): use amqps:// or unset it")
            }
            return configuration
        }
        if (amqpTLS.certificateFile == nil) != (amqpTLS.keyFile == nil) {
            let (missing, given) =
                amqpTLS.certificateFile == nil
                ? ("AMQP_TLS_CERT_FILE", "AMQP_TLS_KEY_FILE") : ("AMQP_TLS_KEY_FILE", "AMQP_TLS_CERT_FILE")
            throw ServiceConfigurationError(
                variable: missing, message: "is required when \(given) is set (a client certificate goes with its key)")
        }
        for case let (variable, path?) in files where !FileManager.default.isReadableFile(atPath: path) {
            throw ServiceConfigurationError(variable: variable, message: "names a file that does not exist or cannot be read: \(path)")
        }
        configuration.tls = amqpTLS
        return configuration
    }
}
