import Foundation

/// What the dispatcher publishes for a conversation that needs work, and what a worker consumes.
///
/// A job carries only what the worker needs to do its work idempotently: the worker re-reads the
/// conversation from the chats API and decides from the reply ledger what is still unanswered, so a
/// duplicate or a stale job is harmless.
public struct Job: Codable, Sendable, Equatable {
    /// The conversation to look at (validated digits-and-letters id from the chats API).
    public var conversationID: String
    /// Unique id of this job; also the AMQP message id.
    public var jobID: String
    /// When the dispatcher enqueued it.
    public var enqueuedAt: Date
    /// How many times this job was tried before (0 for a fresh job); retries republish it with +1.
    public var attempt: Int
    /// Why the dispatcher enqueued it (`new`, `recheck`, `reactivated`), for logs.
    public var reason: String
    /// For a re-check: the conversation as a worker last saw it (message count and last message). A
    /// worker that reads the same needs nothing else: nothing new was written.
    public var fingerprint: String?

    /// Creates a job.
    public init(
        conversationID: String, jobID: String = UUID().uuidString.lowercased(), enqueuedAt: Date = Date(),
        attempt: Int = 0, reason: String, fingerprint: String? = nil
    ) {
        self.fingerprint = fingerprint
        self.conversationID = conversationID
        self.jobID = jobID
        self.enqueuedAt = enqueuedAt
        self.attempt = attempt
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey {
        case conversationID = "conversation_id"
        case jobID = "job_id"
        case enqueuedAt = "enqueued_at"
        case attempt
        case reason
        case fingerprint
    }

    /// The JSON body of the AMQP message.
    public func encoded() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .millisecondsSince1970
        return Array(try encoder.encode(self))
    }

    /// Decodes a job from an AMQP message body.
    /// - Throws: ``JobDecodingError`` when the body is not a job (the message is dead-lettered).
    public static func decode(_ body: [UInt8]) throws(JobDecodingError) -> Job {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        do {
            return try decoder.decode(Job.self, from: Data(body))
        } catch {
            let excerpt = String(decoding: body.prefix(120), as: UTF8.self)
            throw JobDecodingError(message: "message body is not a job (\(error)); starts with: \(excerpt)")
        }
    }
}

/// An AMQP message on the jobs queue is not a job.
public struct JobDecodingError: Error, CustomStringConvertible {
    /// What was wrong with the body.
    public let message: String
    /// The explanation, for the log line that dead-letters the message.
    public var description: String { message }
}
