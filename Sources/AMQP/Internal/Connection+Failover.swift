import Logging

extension Connection {
    /// Opens a connection to the first node, in `rotation`'s order, that accepts one (TCP or TLS,
    /// login, working channel), and records it in `rotation`. A node that fails is logged and the
    /// next one tried.
    ///
    /// - Throws: the node's own error when there is one node; otherwise an error listing why each
    ///   node failed, with their common code (e.g. ``AMQPError/Code/tlsFailed`` when every node
    ///   refused the certificate), or ``AMQPError/Code/connectionFailed``.
    static func open(
        _ configuration: AMQPConfiguration, name: String, rotation: inout EndpointRotation, logger: Logger
    ) throws(AMQPError) -> Connection {
        let endpoints = configuration.endpoints
        var failures: [AMQPError] = []
        for index in rotation.order {
            do {
                let connection = try open(configuration, endpoint: endpoints[index], name: name)
                rotation.connected(to: index)
                return connection
            } catch {
                failures.append(error)
                if endpoints.count > 1 {
                    logger.info(
                        "AMQP node unavailable; trying the next one",
                        metadata: ["amqp.node": "\(endpoints[index])", "amqp.error": "\(error)"])
                }
            }
        }
        guard failures.count > 1 else { throw failures[0] }
        let codes = Set(failures.map(\.code))
        throw AMQPError(
            code: codes.count == 1 ? failures[0].code : .connectionFailed,
            message: "cannot connect to any of the \(failures.count) RabbitMQ nodes: "
                + failures.map(\.message).joined(separator: "; "))
    }
}
