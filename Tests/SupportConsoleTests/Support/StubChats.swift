import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// A chats API in-process: `POST /conversation_info` answers the conversations set with
/// ``set(_:merchant:subject:messages:)`` (404 for others). It also plays a worker's operations port
/// (`/healthz` 200, `/readyz` 503, `/metrics` with an open breaker) for the overview.
final class StubChats: Sendable {
    /// One message of a conversation.
    struct Message: Sendable {
        let id: String
        let text: String
        let createdAt: Int
    }

    private let conversations = Mutex<[String: (merchant: String, subject: String, messages: [Message])]>([:])

    /// Makes the chats API know conversation `id`.
    func set(_ id: String, merchant: String, subject: String, messages: [Message]) {
        conversations.withLock { $0[id] = (merchant, subject, messages) }
    }

    /// The server, as a service.
    func server(port: Int) -> some Service {
        let router = Router()
        router.post("/conversation_info") { request, context -> Response in
            let body = try await request.body.collect(upTo: 1 << 20)
            let asked = (try? JSONSerialization.jsonObject(with: Data(String(buffer: body).utf8)) as? [String: Any])?["conversation_id"]
            guard let id = asked.map({ "\($0)" }), let found = self.conversations.withLock({ $0[id] }) else {
                return Response(status: .notFound)
            }
            let payload: [String: Any] = [
                "conversation_id": id, "merchant_id": found.merchant, "subject": found.subject,
                "messages": found.messages.map { ["message_id": $0.id, "text": $0.text, "created_at": "\($0.createdAt)"] },
            ]
            let data = try JSONSerialization.data(withJSONObject: payload)
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
        }
        router.get("/healthz") { _, _ in Response(status: .ok) }
        router.get("/readyz") { _, _ in
            Response(
                status: .serviceUnavailable,
                body: ResponseBody(byteBuffer: ByteBuffer(string: #"{"status":"not ready","checks":{"rabbitmq":"down: refused"}}"#)))
        }
        router.get("/metrics") { _, _ in
            Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(string: Self.metrics)))
        }
        return Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)),
            logger: Logger(label: "stub-chats", factory: { _ in SwiftLogNoOpLogHandler() }))
    }

    static let metrics = """
        autoresponder_jobs_in_flight 2
        autoresponder_replies_sent_total{resolver="logistics",language="en"} 41
        autoresponder_upstream_errors_total{api="logistics",class="timeout"} 3
        autoresponder_circuit_breaker_state{api="logistics"} 2
        autoresponder_reply_latency_seconds_bucket{resolver="logistics",le="1.0"} 30
        autoresponder_reply_latency_seconds_bucket{resolver="logistics",le="+Inf"} 41
        autoresponder_reply_latency_seconds_count{resolver="logistics"} 41
        autoresponder_reply_latency_seconds_sum{resolver="logistics"} 35.5

        """
}
