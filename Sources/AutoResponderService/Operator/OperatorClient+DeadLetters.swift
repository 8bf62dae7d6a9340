import AMQP
import AutoResponderCore
import Foundation
import PostgreSQL

/// One message of the dead-letter queue, as `autoresponderctl dead-letters` shows it.
public struct DeadLetter: Codable, Sendable {
    /// The message id (the job id).
    public var id: String
    /// The conversation, when the message is a job.
    public var conversationID: String?
    /// Why it is here: the service's reason for a parked conversation, or the broker's (`rejected`,
    /// `delivery_limit`, `expired`, ...).
    public var reason: String
    /// Failed attempts before it was parked (the service's dead letters).
    public var attempts: Int?
    /// The body, as text (at most 4 KB).
    public var body: String

    enum CodingKeys: String, CodingKey {
        case id
        case conversationID = "conversation_id"
        case reason, attempts, body
    }

    init(_ message: AMQPQueuedMessage) {
        id = message.messageId ?? "(no message id)"
        let job = try? Job.decode(message.body)
        conversationID = message.headers["x-autoresponder-conversation-id"]?.stringValue ?? job?.conversationID
        reason = message.headers["x-autoresponder-reason"]?.stringValue
            ?? message.headers["x-first-death-reason"]?.stringValue.map { "broker: \($0)" } ?? "unknown"
        attempts = message.headers["x-autoresponder-attempts"]?.intValue
        body = String(message.text.prefix(4096))
    }
}

extension OperatorClient {
    /// The most dead letters one command reads (each read is a round trip to the broker).
    public static let deadLetterReadLimit = 1000

    /// The dead letters, oldest first (at most `limit`); they stay in the queue.
    public func deadLetters(limit: Int = 100) async throws -> [DeadLetter] {
        try await broker.peek(queue: topology.deadQueue, limit: min(limit, Self.deadLetterReadLimit)).map(DeadLetter.init)
    }

    /// Puts dead letters back to work: each one's conversation is taken out of the park and its job
    /// published again (a fresh attempt), then the dead letter is removed. `ids` empty: all of them.
    /// Returns the replayed conversations. A crash between the publish and the removal replays one
    /// twice, which the reply ledger makes harmless.
    public func replayDeadLetters(ids: Set<String>) async throws -> [String] {
        let letters = try await broker.peek(queue: topology.deadQueue, limit: Self.deadLetterReadLimit)
        let chosen = letters.filter { ids.isEmpty || ids.contains($0.messageId ?? "") }
        var replayed: [String] = []
        for letter in chosen {
            guard let job = try? Job.decode(letter.body), let id = try? ConversationID(job.conversationID) else { continue }
            try await release(id)
            try await broker.publish(try topology.message(for: Job(conversationID: id.rawValue, reason: "replayed")))
            replayed.append(id.rawValue)
        }
        let removable = Set(chosen.compactMap(\.messageId))
        if !removable.isEmpty {
            _ = try await broker.remove(queue: topology.deadQueue, messageIds: removable, limit: Self.deadLetterReadLimit)
        }
        return replayed
    }

    /// Deletes every dead letter; returns how many.
    public func purgeDeadLetters() async throws -> Int {
        Int(try await broker.purgeQueue(topology.deadQueue))
    }
}

extension AMQPFieldValue {
    /// The value as text, when it is a string.
    var stringValue: String? {
        switch self {
        case .string(let text): text
        case .bytes(let bytes): String(decoding: bytes, as: UTF8.self)
        default: nil
        }
    }

    /// The value as an integer, when it is one.
    var intValue: Int? {
        switch self {
        case .int32(let value): Int(value)
        case .int64(let value): Int(value)
        default: nil
        }
    }
}
