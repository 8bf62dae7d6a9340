import AMQP
import Foundation
import PostgreSQL

/// The answer of `autoresponderctl status`.
public struct DeploymentStatus: Codable, Sendable {
    /// One queue of the service.
    public struct Queue: Codable, Sendable {
        /// Its name.
        public var name: String
        /// Ready messages, or `nil` when it could not be read (see ``error``).
        public var messages: UInt32?
        /// Consumers attached.
        public var consumers: UInt32?
        /// Why it could not be read (absent queue, broker down).
        public var error: String?
    }

    /// The service's queues.
    public var queues: [Queue]
    /// Conversations in the chats API's active list at the last poll.
    public var activeConversations: Int
    /// Active conversations with a client message not answered yet.
    public var waitingConversations: Int
    /// Conversations parked after failed attempts (`autoresponderctl parked`).
    public var parkedConversations: Int
    /// The oldest unanswered client message's `created_at`, among active conversations.
    public var oldestWaitingSince: Date?
    /// Replies sent in the last hour, by resolver.
    public var repliesLastHour: [String: Int]
    /// Hand-offs no person has resolved yet.
    public var openHandOffs: Int

    enum CodingKeys: String, CodingKey {
        case queues
        case activeConversations = "active_conversations"
        case waitingConversations = "waiting_conversations"
        case parkedConversations = "parked_conversations"
        case oldestWaitingSince = "oldest_waiting_since"
        case repliesLastHour = "replies_last_hour"
        case openHandOffs = "open_handoffs"
    }
}

extension OperatorClient {
    /// Queue depths and consumers (passive declares), and the service's state.
    public func status() async throws -> DeploymentStatus {
        var queues: [DeploymentStatus.Queue] = []
        for name in topology.allQueues {
            do {
                let status = try await broker.queueStatus(queue: name)
                queues.append(.init(name: name, messages: status.messages, consumers: status.consumers))
            } catch {
                queues.append(.init(name: name, error: "\(error)"))
            }
        }
        let row = try await database.query(
            """
            SELECT
              (SELECT count(*) FROM responder.conversations WHERE active)::bigint AS active,
              (SELECT count(*) FROM responder.conversations WHERE active AND waiting_since IS NOT NULL)::bigint AS waiting,
              (SELECT min(waiting_since) FROM responder.conversations WHERE active) AS oldest,
              (SELECT count(*) FROM responder.conversations WHERE parked_at IS NOT NULL)::bigint AS parked,
              (SELECT count(*) FROM responder.handoffs WHERE resolved_at IS NULL)::bigint AS handoffs
            """
        ).first
        let replies = try await database.query(
            """
            SELECT resolver, count(DISTINCT reply_group)::bigint AS replies FROM responder.replies
            WHERE status = 'sent' AND sent_at > now() - interval '1 hour' GROUP BY resolver
            """)
        var byResolver: [String: Int] = [:]
        for reply in replies {
            byResolver[try reply.decode(String.self, "resolver")] = try reply.decode(Int.self, "replies")
        }
        return DeploymentStatus(
            queues: queues, activeConversations: try row?.decode(Int.self, "active") ?? 0,
            waitingConversations: try row?.decode(Int.self, "waiting") ?? 0,
            parkedConversations: try row?.decode(Int.self, "parked") ?? 0,
            oldestWaitingSince: try row?.decode(Date?.self, "oldest"), repliesLastHour: byResolver,
            openHandOffs: try row?.decode(Int.self, "handoffs") ?? 0)
    }
}
