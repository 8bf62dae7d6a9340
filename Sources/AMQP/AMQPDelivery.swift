/// A message received by an ``AMQPConsumer``.
///
/// Settle every delivery exactly once with ``ack()``, ``nack(requeue:)`` or ``reject(requeue:)``;
/// until then it counts against the consumer's prefetch. Settling is handed to the consumer's
/// connection thread and returns once the frame is written. A delivery from a connection that has
/// since been lost can no longer be settled (``AMQPError/Code/staleDelivery``): the broker
/// redelivers it anyway.
public struct AMQPDelivery: Sendable {
    /// Message body.
    public let body: [UInt8]
    /// The `message-id` property.
    public let messageId: String?
    /// The `content-type` property.
    public let contentType: String?
    /// The `correlation-id` property.
    public let correlationId: String?
    /// Application headers.
    public let headers: [String: AMQPFieldValue]
    /// True when the message was delivered before (to this or another consumer) and not acked.
    public let redelivered: Bool
    /// How many times a quorum queue delivered the message before and got it back (the
    /// `x-delivery-count` header); `nil` on a first delivery and for classic queues.
    public let deliveryCount: Int64?
    /// True when published persistent (delivery mode 2).
    public let persistent: Bool
    /// Exchange the message was published to (`""` for the default exchange).
    public let exchange: String
    /// Routing key it was published with.
    public let routingKey: String
    /// Delivery tag on the consumer's channel (for logs; settle through the methods below).
    public let deliveryTag: UInt64

    let settler: DeliverySettler

    /// The body decoded as UTF-8 (invalid bytes replaced).
    public var text: String { String(decoding: body, as: UTF8.self) }

    /// Acknowledges the message: the broker forgets it.
    public func ack() async throws(AMQPError) {
        try await settler.settle(deliveryTag, .ack)
    }

    /// Negatively acknowledges the message: back to the queue (`requeue: true`, redelivered with
    /// ``redelivered`` set) or dead-lettered/dropped (`requeue: false`).
    public func nack(requeue: Bool) async throws(AMQPError) {
        try await settler.settle(deliveryTag, .nack(requeue: requeue))
    }

    /// Rejects the message; same effect as ``nack(requeue:)`` for one message.
    public func reject(requeue: Bool) async throws(AMQPError) {
        try await settler.settle(deliveryTag, .reject(requeue: requeue))
    }
}

/// How a delivery is settled.
enum Settlement: Sendable, Equatable {
    case ack
    case nack(requeue: Bool)
    case reject(requeue: Bool)
}
