import APISimulator
import Foundation
import Operations
import PostgreSQL
import Testing
import TestSupport
import World

/// A worker *process* as an operator sees it: its `/metrics` counters move by what it did, and
/// `autoresponderctl` reports and acts on the same deployment.
@Suite(.serialized) struct OperationsEndToEndTests {
    /// The original world, held back (no conversation active) until the worker is up.
    static func heldBackOriginalWorld() throws -> (World, SimulatorKnobs) {
        let world = try WorldFile.read(from: TestEnvironment.repositoryRoot.appendingPathComponent("db/worlds/original"))
        var knobs = SimulatorKnobs()
        knobs.initialActive = 0
        knobs.arrivalPerSecond = 0
        return (world, knobs)
    }

    static func scrape(_ port: Int) async throws -> PrometheusText {
        let answer = try await OperationsProbe.get(port: port, path: "/metrics")
        #expect(answer.status == 200)
        return PrometheusText(answer.body)
    }

    static func waitUntilReady(_ port: Int, timeout: Duration = .seconds(30)) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let answer = try? await OperationsProbe.get(port: port, path: "/readyz"), answer.status == 200 { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw EndToEndError("the worker's /readyz did not answer 200 within \(timeout)")
    }

    @Test func workerMetricsMoveByWhatTheWorkerDid() async throws {
        let (world, knobs) = try Self.heldBackOriginalWorld()
        try await EndToEndSystem.run(world: world, knobs: knobs, workers: 0) { system in
            let port = try freeLocalPort()
            let worker = try system.spawnWorkerProcess(instance: "metrics", environment: ["OPS_PORT": "\(port)"])
            defer {
                worker.terminate()
                worker.waitUntilExit()
            }
            try await Self.waitUntilReady(port)
            let before = try await Self.scrape(port)

            var released = knobs
            released.arrivalPerSecond = nil
            try system.simulator.update(knobs: released)
            try await system.waitUntil(timeout: .seconds(30), "five replies") { $0.count >= 5 }
            try await Task.sleep(for: .seconds(1.5))  // re-checks come and find nothing to do
            let after = try await Self.scrape(port)

            func moved(_ name: String, _ labels: [String: String] = [:]) -> Double {
                after.sum(name, labels) - before.sum(name, labels)
            }
            #expect(system.sent.count == 5)
            #expect(moved("autoresponder_replies_sent_total") == 5)
            #expect(moved("autoresponder_replies_sent_total", ["resolver": "logistics"]) == 3)
            #expect(moved("autoresponder_replies_sent_total", ["resolver": "receipt"]) == 1)
            #expect(moved("autoresponder_replies_sent_total", ["resolver": "telecom"]) == 1)
            #expect(moved("autoresponder_jobs_total", ["outcome": "replied"]) == 5)
            #expect(moved("autoresponder_jobs_total", ["outcome": "handed_off"]) == 0)
            #expect(moved("autoresponder_jobs_total", ["outcome": "dead_lettered"]) == 0)
            let consumed = moved("autoresponder_jobs_consumed_total")
            #expect(consumed >= 5)
            #expect(moved("autoresponder_jobs_total") == consumed, "every consumed job ends with one outcome")
            #expect(moved("autoresponder_reply_latency_seconds_count") == 5)
            #expect(moved("autoresponder_upstream_request_duration_seconds_count", ["api": "chats"]) >= 10)
            #expect(moved("autoresponder_upstream_request_duration_seconds_count", ["api": "logistics"]) >= 3)
            #expect(moved("autoresponder_upstream_errors_total") == 0)
            #expect(after.sum("autoresponder_jobs_in_flight") == 0)
        }
    }

    @Test func autoresponderctlReportsAndResolves() async throws {
        let (world, _) = try Self.heldBackOriginalWorld()
        try await EndToEndSystem.run(world: world, workers: 1) { system in
            try await system.waitUntil(timeout: .seconds(30), "five replies") { $0.count >= 5 }
            try await Task.sleep(for: .seconds(0.5))

            let status = try await system.runTool("autoresponderctl", ["status", "--json"])
            #expect(status.status == 0)
            let report = try #require(
                JSONSerialization.jsonObject(with: Data(status.output.utf8)) as? [String: Any], "\(status.output)")
            #expect(report["active_conversations"] as? Int == 5)
            #expect(report["waiting_conversations"] as? Int == 0)
            #expect((report["replies_last_hour"] as? [String: Int])?.values.reduce(0, +) == 5)
            let queues = try #require(report["queues"] as? [[String: Any]])
            let jobs = try #require(queues.first { ($0["name"] as? String)?.hasSuffix(".jobs") == true })
            #expect(jobs["consumers"] as? Int == 1)

            // What the support console shows: each reply's route and facts, the conversation's merchant and label.
            let explained = try await system.query(
                "SELECT count(*)::bigint AS n FROM responder.replies WHERE route LIKE 'receipt (label%' AND facts LIKE 'receipt → %'")
            #expect(try explained.first?.decode(Int.self, "n") == 1)
            #expect(try await system.query("SELECT 1 FROM responder.replies WHERE route IS NULL OR facts IS NULL").isEmpty)
            let conversation = try #require(
                try await system.query("SELECT merchant_id, subject FROM responder.conversations WHERE conversation_id = '754893'").first)
            #expect(try conversation.decode(String?.self, "merchant_id") == "558392")
            #expect(try conversation.decode(String?.self, "subject") == "bank account receipt problem")

            // A hand-off for a person, as the worker records them.
            _ = try await system.query(
                """
                INSERT INTO responder.handoffs (conversation_id, message_id, merchant_id, subject, reason)
                VALUES ('754893', '754893-9', '558392', 'something else', 'unknown_subject')
                """)
            let listed = try await system.runTool("autoresponderctl", ["handoffs", "--json"])
            let open = try #require(JSONSerialization.jsonObject(with: Data(listed.output.utf8)) as? [[String: Any]])
            #expect(open.count == 1)
            #expect(open.first?["reason"] as? String == "unknown_subject")
            let id = try #require(open.first?["id"] as? Int)

            let resolved = try await system.runTool("autoresponderctl", ["handoffs", "resolve", "\(id)", "--by", "alice"])
            #expect(resolved.status == 0)
            let row = try #require(
                try await system.query("SELECT resolved_by, resolved_at IS NOT NULL AS done FROM responder.handoffs").first)
            #expect(try row.decode(String?.self, "resolved_by") == "alice")
            #expect(try row.decode(Bool.self, "done"))
            let again = try await system.runTool("autoresponderctl", ["handoffs", "resolve", "\(id)"])
            #expect(again.status == 1, "a resolved hand-off is not open any more")
            let table = try await system.runTool("autoresponderctl", ["handoffs"])
            #expect(table.output.contains("no open hand-offs"))
        }
    }
}
