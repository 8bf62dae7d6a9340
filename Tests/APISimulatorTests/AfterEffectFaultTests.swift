import APISimulator
import Foundation
import Testing
import World

/// The `send_*_after_share` knobs: `/send_message` posts the reply, *then* fails.
@Suite struct AfterEffectFaultTests {
    private let send = Data(#"{"conversation_id": "754893", "message": "your transfer failed"}"#.utf8)

    @Test func anErrorAfterTheEffectPostsAndEchoesTheMessageYetAnswers500() throws {
        var knobs = SimulatorKnobs()
        knobs.sendErrorAfterShare = 1
        let simulator = try makeSimulator(try committedOriginalWorld(), knobs: knobs)
        let reply = simulator.handle(.sendMessage, body: send, authorization: testToken)
        #expect(reply.status == 500)
        #expect(reply.fault == .errorAfterEffect)
        #expect(simulator.sentMessages().map(\.message) == ["your transfer failed"])
        #expect(simulator.conversation("754893")?.messages.last?.text == "your transfer failed")
        #expect(simulator.stats().endpoints["send_message"]?.injectedAfterEffect == 1)
    }

    @Test func aHangOrAResetAfterTheEffectPostsTheMessage() throws {
        for (fault, set) in [
            (InjectedFault.hangAfterEffect, { (knobs: inout SimulatorKnobs) in knobs.sendHangAfterShare = 1 }),
            (.resetAfterEffect, { (knobs: inout SimulatorKnobs) in knobs.sendResetAfterShare = 1 }),
        ] {
            var knobs = SimulatorKnobs()
            set(&knobs)
            let simulator = try makeSimulator(try committedOriginalWorld(), knobs: knobs)
            let reply = simulator.handle(.sendMessage, body: send, authorization: testToken)
            #expect(reply.fault == fault)
            #expect(reply.status == nil, "no answer is given")
            #expect(simulator.sentMessages().count == 1)
        }
    }

    @Test func otherEndpointsAreNotTouched() throws {
        var knobs = SimulatorKnobs()
        knobs.sendErrorAfterShare = 1
        let simulator = try makeSimulator(try committedOriginalWorld(), knobs: knobs)
        #expect(simulator.handle(.tracking, body: Data(#"{"id_sale": "123456"}"#.utf8), authorization: testToken).status == 200)
    }

    @Test func aDroppedConnectionReachesTheClientAsNoAnswer() async throws {
        var knobs = SimulatorKnobs()
        knobs.sendResetAfterShare = 1
        let simulator = try makeSimulator(try committedOriginalWorld(), knobs: knobs)
        _ = try await SimulatorServer.withRunning(simulator, logger: quietLogger) { base in
            await #expect(throws: (any Error).self) {
                _ = try await post(base, "send_message", #"{"conversation_id": "754893", "message": "hi"}"#, timeout: 5)
            }
        }
        #expect(simulator.sentMessages().count == 1)
    }

    @Test func theSharesMustAddUpToAtMostOne() {
        var knobs = SimulatorKnobs()
        knobs.sendErrorAfterShare = 0.6
        knobs.sendHangAfterShare = 0.6
        #expect(throws: SimulatorError.self) { try knobs.validate() }
    }
}
