import APISimulator
import Foundation
import PostgreSQL
import Testing
import TestSupport
import World

/// `/send_message` failing *after* it posted (500, hang past the client's timeout): never two replies
/// to one client message, never none. `AMBIGUOUS_RUN_CONVERSATIONS` sets the size (default 300;
/// the figures of a run are printed).
@Suite(.serialized) struct AmbiguousSendEndToEndTests {
    static var size: Int { ProcessInfo.processInfo.environment["AMBIGUOUS_RUN_CONVERSATIONS"].flatMap(Int.init) ?? 300 }

    static func knobs(echoes: Bool) -> SimulatorKnobs {
        var knobs = SimulatorKnobs()
        knobs.echoReplies = echoes
        knobs.sendErrorAfterShare = 0.025
        knobs.sendHangAfterShare = 0.025
        knobs.hangSeconds = 3
        knobs.closeAfterSeconds = nil  // stay active: re-checks keep coming, and must add nothing
        return knobs
    }

    /// Client messages with no reply, and replies to a message that had one already.
    static func figures(_ system: EndToEndSystem, world: World) -> (lost: [String], duplicates: Int) {
        let stats = system.simulator.stats()
        let replied = Set(system.sent.map(\.conversationId))
        let lost = world.conversations.filter { !$0.messages.isEmpty && !replied.contains($0.conversationId) }
            .map(\.conversationId)
        return (lost, stats.duplicateReplies)
    }

    @Test func echoesOnRecheckGivesExactlyOneReplyPerClientMessage() async throws {
        let world = try WorldGenerator.generate(.init(seed: 41, merchants: Self.size))
        let conversations = world.conversations.filter { !$0.messages.isEmpty }.count
        try await EndToEndSystem.run(
            world: world, knobs: Self.knobs(echoes: true), workers: 2, environment: ["AMBIGUOUS_SEND": "recheck"]
        ) { system in
            try await system.waitUntil(timeout: .seconds(180), "a reply in each of \(conversations) conversations") {
                Set($0.map(\.conversationId)).count >= conversations
            }
            try await Task.sleep(for: .seconds(4))  // settle times and re-checks pass; nothing may be added
            let (lost, duplicates) = Self.figures(system, world: world)
            let afterEffect = system.simulator.stats().endpoints["send_message"]?.injectedAfterEffect ?? 0
            print("ambiguous sends, echoes on: \(conversations) conversations, \(system.sent.count) replies, "
                + "\(afterEffect) sends failed after posting, \(duplicates) duplicates, \(lost.count) lost")
            #expect(afterEffect > 0, "no send failed after posting: the test proves nothing")
            #expect(duplicates == 0)
            #expect(lost.isEmpty, "no reply: \(lost.prefix(10))")
            #expect(system.sent.count == conversations)
        }
    }

    @Test func echoesOffHandoffModeNeverDuplicatesAndHandsOffTheUnknown() async throws {
        let world = try WorldGenerator.generate(.init(seed: 43, merchants: Self.size))
        let conversations = Set(world.conversations.filter { !$0.messages.isEmpty }.map(\.conversationId))
        try await EndToEndSystem.run(
            world: world, knobs: Self.knobs(echoes: false), workers: 2, environment: ["AMBIGUOUS_SEND": "handoff"]
        ) { system in
            func settled() async throws -> Set<String> {
                let rows = try await system.query(
                    "SELECT DISTINCT conversation_id FROM responder.handoffs WHERE reason = 'send_outcome_unknown'")
                return Set(try rows.map { try $0.decode(String.self, "conversation_id") })
            }
            // Posts whose outcome is not known yet (claimed, or tried without an answer).
            func unsettled() async throws -> Int {
                try await system.query(
                    "SELECT count(*)::bigint AS n FROM responder.replies WHERE status IN ('claimed', 'uncertain')"
                ).first?.decode(Int.self, "n") ?? 0
            }
            // A post that failed after it went out is in `sent` at once, but the service decides about it
            // only at a later look (after the settle times): wait until no post is left undecided.
            let deadline = ContinuousClock.now + .seconds(180)
            var unknown: Set<String> = []
            while ContinuousClock.now < deadline {
                unknown = try await settled()
                if Set(system.sent.map(\.conversationId)).union(unknown).isSuperset(of: conversations),
                    try await unsettled() == 0
                {
                    break
                }
                try await Task.sleep(for: .milliseconds(500))
            }
            try await Task.sleep(for: .seconds(3))
            unknown = try await settled()
            let counts = Dictionary(grouping: system.sent, by: \.conversationId).mapValues(\.count)
            let afterEffect = system.simulator.stats().endpoints["send_message"]?.injectedAfterEffect ?? 0
            print("ambiguous sends, echoes off, handoff: \(conversations.count) conversations, \(system.sent.count) replies, "
                + "\(afterEffect) sends failed after posting, \(unknown.count) handed off send_outcome_unknown, "
                + "\(system.simulator.stats().duplicateReplies) duplicates")
            #expect(afterEffect > 0)
            #expect(system.simulator.stats().duplicateReplies == 0)
            #expect(counts.values.allSatisfy { $0 == 1 })
            #expect(
                conversations.allSatisfy { counts[$0] == 1 || unknown.contains($0) },
                "every conversation is replied once or handed off with send_outcome_unknown")
            #expect(!unknown.isEmpty)
        }
    }

    /// A follow-up whose correct reply is, word for word, the earlier reply (a hand-off), and whose
    /// first post fails: the earlier echo must not pass for it; it is answered exactly once.
    @Test func aRepeatedReplyWhoseFirstPostFailsIsAnsweredExactlyOnce() async throws {
        var world = try WorldFile.read(from: TestEnvironment.repositoryRoot.appendingPathComponent("db/worlds/original"))
        var vague = world.conversations[0]
        vague.subject = "something else"
        vague.messages = [Message(messageId: "\(vague.conversationId)-0", text: "hello, good afternoon", createdAt: "1640197668")]
        vague.truth?.followUp = "hello??"
        world.conversations = [vague]
        var knobs = SimulatorKnobs()
        knobs.followUpShare = 1
        knobs.followUpDelaySeconds = 1
        knobs.closeAfterSeconds = nil
        let normal = knobs
        let followUpID = "\(vague.conversationId)-2"
        try await EndToEndSystem.run(world: world, knobs: normal, workers: 1) { system in
            try await system.waitUntil(timeout: .seconds(30), "the first reply") { $0.count >= 1 }
            var failing = normal
            failing.errorShare = 1  // before the effect: nothing is posted, but the worker cannot know
            failing.faultEndpoints = [.sendMessage]
            try system.simulator.update(knobs: failing)
            try await waitFor(timeout: .seconds(30), "a failed post of the follow-up's reply") {
                (system.simulator.stats().endpoints["send_message"]?.injectedErrors ?? 0) >= 1
            }
            try system.simulator.update(knobs: normal)
            try await system.waitUntil(timeout: .seconds(30), "the follow-up's reply") { $0.count >= 2 }
            try await Task.sleep(for: .seconds(4))
            let sent = system.sent
            #expect(sent.count == 2)
            #expect(sent.first?.message == sent.last?.message, "both replies are the same hand-off text")
            #expect(sent.last?.inReplyTo == followUpID)
            #expect(system.simulator.stats().duplicateReplies == 0)
        }
    }
}

/// Waits until `condition` holds, or fails after `timeout`.
func waitFor(timeout: Duration, _ what: String, _ condition: () async throws -> Bool) async throws {
    let deadline = ContinuousClock.now + timeout
    while try await !condition() {
        guard ContinuousClock.now < deadline else { throw EndToEndError("timed out after \(timeout) waiting for \(what)") }
        try await Task.sleep(for: .milliseconds(100))
    }
}
