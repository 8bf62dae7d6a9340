extension PublisherEngine {
    /// Writes the publishes held back while the connection was blocked.
    func releaseHeld() {
        let released = held
        held = []
        for entry in released {
            do { try publish(entry.messages, waiter: entry.waiter) } catch { entry.waiter.fail(error) }
        }
    }

    func failHeld(_ error: AMQPError) {
        for entry in held { entry.waiter.fail(error) }
        held = []
    }

    func failExpiredPublishes() {
        let now = clock.now
        let expired = tracker.expired(at: now)
        if !expired.isEmpty {
            let error = AMQPError(
                code: .timeout,
                message: "RabbitMQ did not confirm the publish within \(confirmTimeout); it may or may not have the message: retry (consumers deduplicate)")
            for waiter in expired { waiter.fail(error) }
        }
        while let first = held.first, first.deadline <= now {
            held.removeFirst()
            first.waiter.fail(
                AMQPError(
                    code: .timeout,
                    message: "RabbitMQ blocked publishing (memory or disk alarm) for longer than \(confirmTimeout); the message was not sent: retry later"))
        }
    }

    func waitTimeout() -> Duration {
        guard connection != nil else { return closeDeadline == nil ? .seconds(1) : .milliseconds(50) }
        var timeout = Duration.milliseconds(200)  // keeps heartbeats flowing
        for deadline in [tracker.nextDeadline, held.first?.deadline].compactMap({ $0 }) {
            timeout = min(timeout, max(.zero, deadline - clock.now))
        }
        return timeout
    }
}
