import AMQP
import AutoResponderService
import Foundation
import HTTP
import PostgreSQL
import Logging
import Testing
import TestSupport

/// Dead letters through the console, against the real RabbitMQ: listed, inspected, replayed (the
/// conversation un-parked and its job published), purged.
@Suite(.serialized) struct ConsoleDeadLetterTests {
    @Test func aDeadLetterIsListedReplayedAndThePurgeEmptiesTheQueue() async throws {
        try await ConsoleHarness.run { console in
            let topology = JobTopology(prefix: console.prefix, retryDelays: [.seconds(2)])
            let broker = AMQPPublisher(
                configuration: try AMQPConfiguration(url: TestEnvironment.amqpURL), topology: topology.amqpTopology,
                logger: ConsoleHarness.quiet)
            do {
                try await Self.exercise(console, topology: topology, broker: broker)
                await Self.delete(topology, broker)
            } catch {
                await Self.delete(topology, broker)
                throw error
            }
        }
    }

    static func exercise(_ console: ConsoleHarness, topology: JobTopology, broker: AMQPPublisher) async throws {
        do {
            try await console.query(
                """
                INSERT INTO responder.conversations (conversation_id, next_check_at, failed_attempts, parked_at, parked_reason)
                VALUES ('754895', now() + interval '1 hour', 2, now(), 'reading the conversation: <b>broken</b>')
                """)
            try await broker.publish(
                try topology.deadLetter(for: Job(conversationID: "754895", reason: "recheck"), reason: "reading the conversation failed", attempts: 2))
            try await broker.publish(
                try topology.deadLetter(for: Job(conversationID: "754896", reason: "recheck"), reason: "another", attempts: 2))
            let me = try await console.signIn()

            let page = try await console.get("/dead-letters", cookie: me.cookie)
            #expect(page.status == 200)
            #expect(page.bodyText.contains("id=\"dead-letter-count\">2<"))
            #expect(page.bodyText.contains("reading the conversation failed"))
            #expect(page.bodyText.contains("&quot;conversation_id&quot;:&quot;754895&quot;"), "the body to inspect")
            let overview = try await console.get("/overview", cookie: me.cookie).bodyText
            #expect(overview.contains("href=\"/conversations/754895\""), "the parked conversation")
            #expect(overview.contains("&lt;b&gt;broken&lt;/b&gt;"))

            let letterID = try #require(
                page.bodyText.components(separatedBy: "name=\"id\" value=\"").dropFirst().first.map { String($0.prefix { $0 != "\"" }) })
            let replay = try await console.post("/dead-letters/replay", form: [("csrf", me.csrf), ("id", letterID)], cookie: me.cookie)
            #expect(replay.status == 303)
            #expect(replay.headers["location"] == "/dead-letters?replayed=1")
            let parked = try await console.query("SELECT parked_at IS NOT NULL AS parked FROM responder.conversations")
            #expect(try parked.first?.decode(Bool.self, "parked") == false, "un-parked")
            #expect(try await broker.messageCount(queue: topology.jobsQueue) == 1, "its job published again")
            #expect(try await broker.messageCount(queue: topology.deadQueue) == 1)

            #expect(try await console.post("/dead-letters/purge", form: [("csrf", me.csrf)], cookie: me.cookie).status == 400, "confirm=yes")
            let purge = try await console.post("/dead-letters/purge", form: [("csrf", me.csrf), ("confirm", "yes")], cookie: me.cookie)
            #expect(purge.headers["location"] == "/dead-letters?purged=1")
            #expect(try await broker.messageCount(queue: topology.deadQueue) == 0)
            let after = try await console.get("/dead-letters?purged=1", cookie: me.cookie)
            #expect(after.bodyText.contains("1 dead letter(s) deleted."))
            #expect(after.bodyText.contains("No dead letters."))
        }
    }

    static func delete(_ topology: JobTopology, _ broker: AMQPPublisher) async {
        for queue in topology.allQueues { _ = try? await broker.deleteQueue(queue) }
        try? await broker.deleteExchange(topology.exchange)
        try? await broker.deleteExchange(topology.deadLetterExchange)
        await broker.close()
    }
}
