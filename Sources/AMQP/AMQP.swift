import CRabbitMQ
import CShims

enum AMQPPlaceholder {
    static func version() -> String { String(cString: amqp_version()) }
    static func login(_ s: amqp_connection_state_t) -> amqp_rpc_reply_t { cshim_amqp_login_plain(s, "/", 0, 131072, 10, "guest", "guest") }
}
