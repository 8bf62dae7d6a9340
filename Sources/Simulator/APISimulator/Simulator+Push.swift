import Digest
import Foundation
import HTTP
import Logging
import ServiceLifecycle
import Synchronization

extension Simulator {
    /// The events to push now (conversations that became active or got a client message since the
    /// last call), with where and how to sign them; brings the world to now first.
    public func takePushEvents() -> (url: String, secret: String, conversations: [String])? {
        let now = clock.now()
        return state.withLock { state in
            advance(&state, to: now)
            guard let url = state.knobs.pushEventsURL, !state.pushQueue.isEmpty else {
                state.pushQueue.removeAll()
                return nil
            }
            defer { state.pushQueue.removeAll() }
            return (url, state.knobs.pushEventsSecret ?? "", state.pushQueue)
        }
    }

    /// Pushes events every `interval` until the task is cancelled: one signed `POST` per conversation
    /// (`{"conversation_id": "..."}`, `X-Timestamp`, `X-Signature: sha256=<HMAC-SHA-256>` of
    /// `"<timestamp>.<body>"`). A failed push is logged and dropped, as a partner's webhook would be.
    public func pushEvents(every interval: Duration = .milliseconds(50)) async {
        let client = HTTPClient(
            configuration: HTTPClientConfiguration(connectTimeout: .seconds(2), requestTimeout: .seconds(5)),
            logger: logger)
        while !Task.isCancelled {
            if let (url, secret, conversations) = takePushEvents() {
                await withTaskGroup(of: Void.self) { group in
                    for id in conversations {
                        group.addTask { await self.push(id, to: url, secret: secret, client: client) }
                    }
                }
            }
            try? await Task.sleep(for: interval)
        }
        await client.shutdown()
    }

    private func push(_ conversation: String, to url: String, secret: String, client: HTTPClient) async {
        let body = Array((try? JSONSerialization.data(withJSONObject: ["conversation_id": conversation])) ?? Data())
        let timestamp = String(Int(Date().timeIntervalSince1970))
        let message = Array(timestamp.utf8) + [UInt8(ascii: ".")] + body
        var request = HTTPRequest(method: .post, url: url, body: body)
        request.headers.add(name: "content-type", value: "application/json")
        request.headers.add(name: "X-Timestamp", value: timestamp)
        request.headers.add(
            name: "X-Signature", value: "sha256=" + Hexadecimal.encode(PBKDF2.hmac(key: Array(secret.utf8), message: message)))
        do {
            let response = try await client.execute(request)
            if !response.isSuccess {
                logger.debug("a pushed event was refused", metadata: ["status": "\(response.status)"])
            }
        } catch {
            logger.debug("could not push an event", metadata: ["error": "\(error)"])
        }
    }
}

/// Pushes the simulator's events while its server runs (``Simulator/pushEvents(every:)``).
struct EventPusher: Service {
    let simulator: Simulator

    func run() async throws {
        await cancelWhenGracefulShutdown { await simulator.pushEvents() }
    }
}
