/// Work handed to the consumer's thread.
enum ConsumerCommand: Sendable {
    /// Start consuming into a new delivery sequence.
    case start(UInt64, AMQPDeliveries.Continuation, CheckedContinuation<Result<Void, AMQPError>, Never>)
    /// Settle a delivery received on connection `generation`.
    case settle(tag: UInt64, generation: UInt64, Settlement, CheckedContinuation<Result<Void, AMQPError>, Never>)
    /// The iterating task dropped sequence `id`: stop consuming if it is still the current one.
    case streamEnded(UInt64)
    case cancel(CheckedContinuation<Void, Never>)
    case close(CheckedContinuation<Void, Never>)
    /// The consumer was deinitialised.
    case shutdown
}

/// Hands settlements of the deliveries of one connection to the consumer's thread.
final class DeliverySettler: Sendable {
    private let mailbox: Mailbox<ConsumerCommand>
    private let generation: UInt64

    init(mailbox: Mailbox<ConsumerCommand>, generation: UInt64) {
        self.mailbox = mailbox
        self.generation = generation
    }

    func settle(_ tag: UInt64, _ settlement: Settlement) async throws(AMQPError) {
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<Void, AMQPError>, Never>) in
            if !mailbox.post(.settle(tag: tag, generation: generation, settlement, continuation)) {
                continuation.resume(
                    returning: .failure(
                        AMQPError(
                            code: .staleDelivery,
                            message: "delivery \(tag) cannot be settled: its consumer is closed; the broker redelivers it")))
            }
        }
        try result.get()
    }
}
