import AMQP
import Operations
import PostgreSQL

extension LivenessCheck {
    /// Fails when an AMQP connection thread has not turned its loop for 10 s (it turns at least every
    /// second): the thread is stuck in a C call.
    static func amqpThread(_ name: String, _ status: @escaping @Sendable () -> AMQPConnectionStatus) -> LivenessCheck {
        .progress(name, maximumSilence: .seconds(10)) {
            let current = status()
            return current.isClosed ? nil : current.lastLoop
        }
    }
}

extension ReadinessCheck {
    /// `SELECT 1` through the pool: ok when PostgreSQL answers.
    static func postgres(_ database: PostgresClient) -> ReadinessCheck {
        ReadinessCheck("postgresql") {
            do {
                try await database.query("SELECT 1")
                return .ok
            } catch {
                return .failing("\(error)")
            }
        }
    }
}
