import Foundation
import PostgreSQL

/// What the service has been doing lately, from its reply ledger and hand-offs (the console's overview).
public struct ReplyActivity: Sendable {
    /// Replies sent in one minute, by resolver.
    public struct Minute: Sendable {
        /// The minute's start.
        public var start: Date
        /// Replies (reply groups) sent in it, by resolver.
        public var byResolver: [String: Int]
    }

    /// One reply sent.
    public struct RecentReply: Sendable {
        /// The conversation.
        public var conversationID: String
        /// The resolvers of the reply.
        public var resolver: String
        /// Its language.
        public var language: String
        /// When the chats API accepted it.
        public var sentAt: Date
        /// The route decision and its reason, when recorded.
        public var route: String?
    }

    /// The last ``OperatorClient/activityMinutes`` minutes, oldest first, the current one last
    /// (minutes without replies included).
    public var minutes: [Minute]
    /// Replies sent in the last hour.
    public var repliesLastHour: Int
    /// Hand-offs recorded in the last hour.
    public var handOffsLastHour: Int
    /// The latest replies sent, newest first.
    public var recent: [RecentReply]
}

extension OperatorClient {
    /// Minutes of ``ReplyActivity/minutes``.
    public static let activityMinutes = 15

    /// Replies per minute by resolver, the last hour's replies and hand-offs, and the `recent` latest replies.
    public func replyActivity(recent: Int = 20) async throws -> ReplyActivity {
        let perMinute = try await database.query(
            """
            SELECT date_trunc('minute', sent_at) AS minute, resolver, count(DISTINCT reply_group)::bigint AS n
            FROM responder.replies
            WHERE status = 'sent' AND sent_at >= date_trunc('minute', now()) - $1::int * interval '1 minute'
            GROUP BY 1, 2
            """, [Self.activityMinutes - 1])
        let totals = try await database.query(
            """
            SELECT date_trunc('minute', now()) AS now_minute,
              (SELECT count(DISTINCT reply_group) FROM responder.replies
               WHERE status = 'sent' AND sent_at > now() - interval '1 hour')::bigint AS replies,
              (SELECT count(*) FROM responder.handoffs WHERE created_at > now() - interval '1 hour')::bigint AS handoffs
            """
        ).first
        let nowMinute = try totals?.decode(Date.self, "now_minute") ?? Date()
        var minutes = (0..<Self.activityMinutes).reversed().map {
            ReplyActivity.Minute(start: nowMinute.addingTimeInterval(-60 * Double($0)), byResolver: [:])
        }
        for row in perMinute {
            let start = try row.decode(Date.self, "minute")
            guard let index = minutes.firstIndex(where: { abs($0.start.timeIntervalSince(start)) < 1 }) else { continue }
            minutes[index].byResolver[try row.decode(String.self, "resolver")] = try row.decode(Int.self, "n")
        }
        return ReplyActivity(
            minutes: minutes, repliesLastHour: try totals?.decode(Int.self, "replies") ?? 0,
            handOffsLastHour: try totals?.decode(Int.self, "handoffs") ?? 0,
            recent: try await recentReplies(Self.bounded(recent)))
    }

    /// The latest `count` replies sent, newest first (one per reply group).
    func recentReplies(_ count: Int) async throws -> [ReplyActivity.RecentReply] {
        let rows = try await database.query(
            """
            SELECT conversation_id, reply_group, resolver, language, sent_at, route FROM responder.replies
            WHERE status = 'sent' AND sent_at IS NOT NULL ORDER BY sent_at DESC, reply_group LIMIT $1
            """, [count * 4])
        var seen = Set<String>()
        var replies: [ReplyActivity.RecentReply] = []
        for row in rows where replies.count < count {
            guard seen.insert(try row.decode(String.self, "reply_group")).inserted else { continue }
            replies.append(
                .init(
                    conversationID: try row.decode(String.self, "conversation_id"),
                    resolver: try row.decode(String.self, "resolver"), language: try row.decode(String.self, "language"),
                    sentAt: try row.decode(Date.self, "sent_at"), route: try row.decode(String?.self, "route")))
        }
        return replies
    }
}
