import Foundation
import HTTP

/// `GET /_sim/stats` of the simulator (the fields the benchmark reads).
struct SimStats: Decodable, Sendable {
    /// Requests per endpoint (`conversations`, `conversation_info`, `send_message`, `tracking`, …).
    struct Counters: Decodable, Sendable {
        var requests: Int
    }
    var endpoints: [String: Counters]
    var sentMessages: Int
    var duplicateReplies: Int
    var repliesToInactive: Int
    var followUpsWritten: Int
    var activeConversations: Int
    var pendingConversations: Int
    var closedConversations: Int
    var awaitingReply: Int

    enum CodingKeys: String, CodingKey {
        case endpoints, sentMessages = "sent_messages", duplicateReplies = "duplicate_replies"
        case repliesToInactive = "replies_to_inactive", followUpsWritten = "follow_ups_written"
        case activeConversations = "active_conversations", pendingConversations = "pending_conversations"
        case closedConversations = "closed_conversations", awaitingReply = "awaiting_reply"
    }

    /// Requests of one endpoint.
    func requests(_ endpoint: String) -> Int { endpoints[endpoint]?.requests ?? 0 }

    /// Replies that answered a waiting client message (not duplicates).
    var answeringReplies: Int { sentMessages - duplicateReplies }
}

/// One `/send_message` the simulator recorded (`GET /_sim/sent`).
struct SimSent: Decodable, Sendable {
    var sequence: Int
    var conversationId: String
    /// When the simulator processed the post (Unix seconds; before its added latency).
    var at: Double
    var inReplyTo: String?
    var duplicate: Bool

    enum CodingKeys: String, CodingKey {
        case sequence, conversationId = "conversation_id", at, inReplyTo = "in_reply_to", duplicate
    }
}

/// Talks to the simulator's inspection and control endpoints (no token needed).
struct SimulatorProbe: Sendable {
    let client: HTTPClient
    let baseURL: String

    private struct SentReport: Decodable {
        var sent: [SimSent]
    }

    func stats() async throws -> SimStats {
        try await get("/_sim/stats", as: SimStats.self)
    }

    /// The `/send_message` calls recorded since the last reset after the first `since`, oldest first.
    func sent(since: Int = 0) async throws -> [SimSent] {
        try await get("/_sim/sent?since=\(since)", as: SentReport.self).sent
    }

    /// Applies knobs (`POST /_sim/config`, a JSON object).
    func configure(_ json: String) async throws {
        try await post("/_sim/config", body: json)
    }

    /// Back to the world's start with the knobs in force (`POST /_sim/reset`).
    func reset() async throws {
        try await post("/_sim/reset", body: "")
    }

    /// Whether it answers `/_sim/health`.
    func isUp() async -> Bool {
        (try? await client.execute(HTTPRequest(method: .get, url: baseURL + "/_sim/health", timeout: .seconds(2))))?.isSuccess ?? false
    }

    private func get<T: Decodable>(_ path: String, as type: T.Type) async throws -> T {
        let response = try await client.execute(HTTPRequest(method: .get, url: baseURL + path, timeout: .seconds(60)))
        guard response.isSuccess else { throw BenchError("GET \(path): \(response.status) \(response.bodyText.prefix(200))") }
        return try JSONDecoder().decode(T.self, from: Data(response.body))
    }

    private func post(_ path: String, body: String) async throws {
        let response = try await client.execute(HTTPRequest(
            method: .post, url: baseURL + path, headers: ["content-type": "application/json"], body: Array(body.utf8),
            timeout: .seconds(30)))
        guard response.isSuccess else { throw BenchError("POST \(path): \(response.status) \(response.bodyText.prefix(200))") }
    }
}

/// Reads a service process's operations port (`/readyz`, `/metrics`).
struct OpsProbe: Sendable {
    let client: HTTPClient
    let port: Int

    /// Whether `/readyz` answers 200.
    func isReady() async -> Bool {
        let request = HTTPRequest(method: .get, url: "http://127.0.0.1:\(port)/readyz", timeout: .seconds(2))
        return (try? await client.execute(request))?.status == 200
    }

    /// The Prometheus text of `/metrics`, as `name{labels}` → value (comments left out); empty on failure.
    func metrics() async -> [String: Double] {
        let request = HTTPRequest(method: .get, url: "http://127.0.0.1:\(port)/metrics", timeout: .seconds(5))
        guard let response = try? await client.execute(request), response.isSuccess else { return [:] }
        var values: [String: Double] = [:]
        for line in response.bodyText.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { continue }
            values[String(line[..<space]), default: 0] += value
        }
        return values
    }
}

extension [String: Double] {
    /// The sum of the series of metric `name` whose labels contain every `labels` pair (`key="value"`).
    func total(_ name: String, _ labels: [String] = []) -> Double {
        reduce(0) { sum, entry in
            let key = entry.key
            guard key == name || key.hasPrefix(name + "{") else { return sum }
            return labels.allSatisfy { key.contains($0) } ? sum + entry.value : sum
        }
    }
}
