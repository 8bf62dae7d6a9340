import APISimulator
import Foundation
import PostgreSQL
import Testing
import TestSupport
import World

/// A conversation that fails for good is parked once: it does not loop through the dead-letter queue
/// on re-checks; `autoresponderctl` lists it and replays it, and it is then answered.
@Suite(.serialized) struct ParkingEndToEndTests {
    @Test func aPermanentlyFailingConversationIsParkedListedReplayedAndAnswered() async throws {
        let world = try WorldFile.read(from: TestEnvironment.repositoryRoot.appendingPathComponent("db/worlds/original"))
        let broken = "754895"
        var knobs = SimulatorKnobs()
        knobs.brokenConversations = [broken]
        knobs.closeAfterSeconds = nil
        let start = knobs
        let environment = ["JOB_MAX_ATTEMPTS": "3", "PARKED_RECHECK_INTERVAL_MS": "60000", "RECHECK_INTERVAL_MS": "500"]
        try await EndToEndSystem.run(world: world, knobs: start, workers: 1, environment: environment) { system in
            try await system.waitUntil(timeout: .seconds(30), "the four other replies") { $0.count >= 4 }
            try await waitFor(timeout: .seconds(30), "the broken conversation to be parked") {
                try await system.query("SELECT 1 FROM responder.conversations WHERE parked_at IS NOT NULL").count == 1
            }
            // Many re-check periods later: still one dead letter, no reply, one hand-off for a person.
            try await Task.sleep(for: .seconds(5))
            let letters = try await Self.json(system, ["dead-letters", "--json"]) as? [[String: Any]] ?? []
            #expect(letters.count == 1, "\(letters)")
            #expect(letters.first?["conversation_id"] as? String == broken)
            #expect((letters.first?["attempts"] as? Int) == 3)
            #expect((letters.first?["reason"] as? String)?.contains("reading the conversation") == true)
            #expect(!system.sent.contains { $0.conversationId == broken })
            let handOffs = try await system.query(
                "SELECT reason FROM responder.handoffs WHERE conversation_id = '\(broken)'")
            #expect(try handOffs.map { try $0.decode(String.self, "reason") } == ["repeated_failure"])

            let parked = try await Self.json(system, ["parked", "--json"]) as? [[String: Any]] ?? []
            #expect(parked.map { $0["conversation_id"] as? String } == [broken])
            let status = try await Self.json(system, ["status", "--json"]) as? [String: Any]
            #expect(status?["parked_conversations"] as? Int == 1)

            // The upstream is mended; the operator replays the dead letter.
            var mended = start
            mended.brokenConversations = []
            try system.simulator.update(knobs: mended)
            let replay = try await system.runTool("autoresponderctl", ["dead-letters", "replay", "--all"])
            #expect(replay.status == 0, "\(replay.output)")
            try await system.waitUntil(timeout: .seconds(30), "the replayed conversation's reply") { sent in
                sent.contains { $0.conversationId == broken }
            }
            #expect(system.sent.filter { $0.conversationId == broken }.first?.message.contains("123456") == true)
            let after = try await Self.json(system, ["dead-letters", "--json"]) as? [Any] ?? []
            #expect(after.isEmpty)
            let stillParked = try await Self.json(system, ["parked", "--json"]) as? [Any] ?? []
            #expect(stillParked.isEmpty)
            #expect(system.simulator.stats().duplicateReplies == 0)
        }
    }

    static func json(_ system: EndToEndSystem, _ arguments: [String]) async throws -> Any {
        let result = try await system.runTool("autoresponderctl", arguments)
        #expect(result.status == 0, "autoresponderctl \(arguments.joined(separator: " ")): \(result.output)")
        return try JSONSerialization.jsonObject(with: Data(result.output.utf8))
    }
}
