import APISimulator
import Digest
import Foundation
import HTTP
import Operations
import Testing
import TestSupport
import World

/// The push path: the chats platform posts a signed event when a conversation changes, and the
/// dispatcher publishes its job at once, with polling slowed to a safety net.
@Suite(.serialized) struct PushedEventsEndToEndTests {
    static let secret = "e2e-events-secret"

    @Test func pushedEventsAnswerNewConversationsAndFollowUpsWithoutWaitingForPolls() async throws {
        let world = try WorldGenerator.generate(.init(seed: 81, merchants: 40))
        let conversations = world.conversations.filter { !$0.messages.isEmpty }.count
        let port = try freeLocalPort()
        var knobs = SimulatorKnobs()
        knobs.pushEventsURL = "http://127.0.0.1:\(port)/events"
        knobs.pushEventsSecret = Self.secret
        knobs.followUpShare = 1
        knobs.followUpDelaySeconds = 1
        knobs.closeAfterSeconds = nil
        // Slow polls and slow looks: only the pushed events can explain quick answers.
        let environment = [
            "EVENTS_PORT": "\(port)", "EVENTS_SECRET": Self.secret, "OPS_HOST": "127.0.0.1",
            "POLL_INTERVAL_MS": "20000", "RECHECK_INTERVAL_MS": "30000", "RECHECK_MAX_INTERVAL_MS": "60000",
        ]
        try await EndToEndSystem.run(world: world, knobs: knobs, workers: 1, environment: environment) { system in
            try await system.waitUntil(timeout: .seconds(60), "a reply and a follow-up reply in each conversation") {
                $0.count >= 2 * conversations
            }
            let sent = system.sent
            // The follow-up's reply came soon after it was written (delay 1 s after the first reply).
            let byConversation = Dictionary(grouping: sent, by: \.conversationId)
            var latencies: [Double] = []
            for replies in byConversation.values where replies.count >= 2 {
                let ordered = replies.sorted { $0.at < $1.at }
                latencies.append(ordered[1].at - (ordered[0].at + 1))
            }
            latencies.sort()
            let median = latencies[latencies.count / 2]
            print("pushed events: \(conversations) conversations, follow-up reply p50 \(String(format: "%.2f", median)) s")
            #expect(median < 3, "follow-ups are answered at the push, not at a 30 s look")
            #expect(system.simulator.stats().duplicateReplies == 0)

            // An event without a valid signature is refused.
            let client = HTTPClient(logger: quietLogger)
            var forged = HTTPRequest(method: .post, url: "http://127.0.0.1:\(port)/events", body: Array(#"{"conversation_id":"1"}"#.utf8))
            forged.headers.add(name: "X-Timestamp", value: String(Int(Date().timeIntervalSince1970)))
            forged.headers.add(name: "X-Signature", value: "sha256=" + String(repeating: "0", count: 64))
            let refused = try await client.execute(forged)
            #expect(refused.status == 401)
            await client.shutdown()
        }
    }

    @Test func signaturesAreCheckedInConstantTimeAndAgainstReplays() {
        let body = Array(#"{"conversation_id":"754893"}"#.utf8)
        let now = Date()
        let timestamp = String(Int(now.timeIntervalSince1970))
        let signature = SignedEventServer.signature(secret: Array(Self.secret.utf8), timestamp: timestamp, body: body)
        #expect(SignedEventServer.verify(secret: Array(Self.secret.utf8), timestamp: timestamp, signature: signature, body: body, now: now, maximumSkew: .seconds(300)))
        #expect(!SignedEventServer.verify(secret: Array("other".utf8), timestamp: timestamp, signature: signature, body: body, now: now, maximumSkew: .seconds(300)))
        #expect(!SignedEventServer.verify(secret: Array(Self.secret.utf8), timestamp: timestamp, signature: signature, body: body + [32], now: now, maximumSkew: .seconds(300)))
        #expect(!SignedEventServer.verify(secret: Array(Self.secret.utf8), timestamp: timestamp, signature: signature, body: body, now: now.addingTimeInterval(600), maximumSkew: .seconds(300)), "a replay")
    }
}
