extension AMQPPublisher {
    /// Copies of up to `limit` ready messages of a queue, in queue order, without removing them
    /// (e.g. to list dead letters).
    ///
    /// Fetches the messages with `basic.get` (manual ack) on the admin channel, copies them, then
    /// returns them all to the queue with one `basic.nack` (requeue). Meanwhile they are invisible
    /// to the queue's consumers. Afterwards they are marked redelivered, and a quorum queue counts
    /// the peek as a delivery (`x-delivery-count` grows by one; with an `x-delivery-limit`, enough
    /// peeks dead-letter or drop the message). A quorum queue also applies the returns a moment
    /// after the call (its ``messageCount(queue:)`` can lag for a few milliseconds), but the next
    /// peek or remove of this publisher sees them. A peek is a snapshot: messages may change meanwhile.
    /// It takes one round trip per message, during which this publisher's publishes wait: keep
    /// `limit` moderate (hundreds, not millions).
    ///
    /// - Parameters:
    ///   - queue: the queue's name (not empty).
    ///   - limit: at most this many messages (0 returns `[]` without asking the broker).
    /// - Throws: ``AMQPError/Code/declarationFailed`` with reply code 404 when the queue does not
    ///   exist (other calls are not disturbed); a connection-level error (``AMQPError/isConnectionLevel``;
    ///   the next call reconnects and the broker has requeued the messages);
    ///   ``AMQPError/Code/invalidArgument`` or ``AMQPError/Code/closed``.
    public func peek(queue: String, limit: Int) async throws(AMQPError) -> [AMQPQueuedMessage] {
        try Self.validate(queue: queue, limit: limit)
        guard limit > 0 else { return [] }
        return try await request(.peek(queue: queue, limit: limit)).messages
    }

    /// Removes from the first `limit` ready messages of a queue those whose message id is in
    /// `messageIds` (all of them when several share an id), leaves the others where they were, and
    /// returns how many it removed.
    ///
    /// Fetches like ``peek(queue:limit:)`` (the messages kept are redelivered afterwards), acks
    /// the matching ones and returns the others with one `basic.nack` (requeue); returns once the
    /// broker's channel has taken the acks (a quorum queue applies them a moment later).
    ///
    /// To replay dead letters, republish copies first and remove them afterwards: a failure in
    /// between duplicates messages, it never loses one. After a connection-level error the acks
    /// may or may not have been handled: peek again.
    ///
    /// - Throws: as ``peek(queue:limit:)``.
    public func remove(queue: String, messageIds: Set<String>, limit: Int) async throws(AMQPError) -> Int {
        try Self.validate(queue: queue, limit: limit)
        guard limit > 0, !messageIds.isEmpty else { return 0 }
        return try await request(.remove(queue: queue, messageIds: messageIds, limit: limit)).removed
    }

    private static func validate(queue: String, limit: Int) throws(AMQPError) {
        // An empty name would mean "the queue last declared on the channel" to the broker.
        guard !queue.isEmpty, queue.utf8.count <= 255 else {
            throw AMQPError(code: .invalidArgument, message: "the queue name must have 1 to 255 bytes, not \(queue.utf8.count)")
        }
        guard limit >= 0 else {
            throw AMQPError(code: .invalidArgument, message: "the limit must not be negative (got \(limit))")
        }
    }
}
