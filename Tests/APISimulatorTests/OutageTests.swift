import APISimulator
import Foundation
import Testing
import World

/// Requests of each endpoint that answer 200 in the original world.
let okBodies: [Endpoint: Data] = [
    .conversations: Data(), .conversationInfo: Data(#"{"conversation_id": "754893"}"#.utf8),
    .tracking: Data(#"{"id_sale": "123456"}"#.utf8), .zipCode: Data(#"{"zip_code": "31160550"}"#.utf8),
    .chipStatus: Data(#"{"chip_id": "CHIP37648"}"#.utf8),
    .sendMessage: Data(#"{"conversation_id": "754893", "message": "hi"}"#.utf8),
    .warranty: Data(#"{"id_sale": "34853"}"#.utf8), .openServiceOrders: Data(#"{"id_sale": "34854"}"#.utf8),
    .serviceOrders: Data(#"{"id_sale": "34853", "idempotency_key": "754900:1", "problem": "it does not turn on"}"#.utf8),
]

extension Simulator {
    /// Answers one authorized request of `endpoint` that answers 200 in the original world.
    func call(_ endpoint: Endpoint, token: String = testToken) -> SimulatorReply {
        handle(endpoint, body: okBodies[endpoint]!, authorization: token)
    }
}

/// Outages: the `outages` knob (windows at an offset) and `/_sim/outage` (now).
@Suite struct OutageTests {
    private let logistics = Outage(endpoints: [.tracking, .zipCode], status: 503, startAfterSeconds: 10, durationSeconds: 20)

    @Test func aWindowStartsAndEndsAtItsOffsetsOnTheSimulatorsClock() throws {
        let clock = ManualClock()
        let start = clock.now()
        var knobs = SimulatorKnobs()
        knobs.outages = [logistics]
        let simulator = try makeSimulator(try committedOriginalWorld(), knobs: knobs, clock: clock)
        clock.advance(by: 9.5)
        #expect(simulator.call(.tracking).status == 200)
        #expect(simulator.stats().outageActive == false)
        #expect(simulator.stats().lastOutageStartedAt == nil)
        clock.advance(by: 0.5)
        let refused = simulator.call(.tracking)
        #expect(refused.status == 503)
        #expect(refused.fault == .outage)
        #expect(refused.delayMilliseconds == 0)
        #expect(simulator.call(.zipCode).status == 503)
        let during = simulator.stats()
        #expect(during.outageActive)
        #expect(during.outageEndpoints == ["tracking", "zip_code"])
        #expect(during.lastOutageStartedAt == start + 10)
        #expect(during.lastOutageEndedAt == nil)
        clock.advance(by: 19.5)
        #expect(simulator.call(.tracking).status == 503)
        clock.advance(by: 0.5)
        #expect(simulator.call(.tracking).status == 200)
        #expect(simulator.call(.zipCode).status == 200)
        let after = simulator.stats()
        #expect(after.outageActive == false)
        #expect(after.lastOutageEndedAt == start + 30)
        #expect(after.endpoints["tracking"]?.outageRefused == 2)
        #expect(after.endpoints["tracking"]?.requests == 4)
        #expect(after.endpoints["tracking"]?.ok == 2)
        #expect(after.endpoints["zip_code"]?.outageRefused == 1)
    }

    @Test func onlyTheChosenEndpointsAreOut() throws {
        var knobs = SimulatorKnobs()
        knobs.outages = [Outage(endpoints: [.tracking, .zipCode], status: 502)]
        let simulator = try makeSimulator(try committedOriginalWorld(), knobs: knobs, clock: ManualClock())
        for endpoint in Endpoint.allCases {
            let expected = endpoint.api == .logistics ? 502 : 200
            #expect(simulator.call(endpoint).status == expected, "\(endpoint)")
        }
        let stats = simulator.stats()
        #expect(stats.endpoints["chip_status"]?.outageRefused == 0)
        #expect(stats.endpoints["conversations"]?.outageRefused == 0)
    }

    @Test func aHangingOutageHangsUntilItsWindowEndsAtMost() throws {
        let clock = ManualClock()
        var knobs = SimulatorKnobs()
        knobs.hangSeconds = 120
        knobs.outages = [
            Outage(endpoints: [.chipStatus], hang: true, durationSeconds: 30),
            Outage(endpoints: [.tracking], hang: true),
        ]
        let simulator = try makeSimulator(try committedOriginalWorld(), knobs: knobs, clock: clock)
        clock.advance(by: 10)
        let reply = simulator.call(.chipStatus)
        #expect(reply.action == .hang(seconds: 20))
        #expect(reply.fault == .outage)
        #expect(simulator.call(.tracking).action == .hang(seconds: 120), "open-ended: hang_seconds")
        #expect(simulator.stats().endpoints["chip_status"]?.outageRefused == 1)
    }

    @Test func aSendMessageDuringAnOutagePostsNothing() throws {
        let clock = ManualClock()
        var knobs = SimulatorKnobs()
        knobs.outages = [Outage(endpoints: [.sendMessage], durationSeconds: 5)]
        let simulator = try makeSimulator(try committedOriginalWorld(), knobs: knobs, clock: clock)
        #expect(simulator.call(.sendMessage).status == 503)
        #expect(simulator.call(.sendMessage, token: "wrong").status == 503, "an outage answers before authorization")
        #expect(simulator.sentMessages().isEmpty)
        #expect(simulator.conversation("754893")?.messages.count == 1)
        #expect(simulator.stats().endpoints["send_message"]?.unauthorized == 0)
        clock.advance(by: 5)
        #expect(simulator.call(.sendMessage).status == 200)
        #expect(simulator.sentMessages().count == 1)
    }

    @Test func settingTheKnobCountsTheWindowFromThatMoment() throws {
        let clock = ManualClock()
        let simulator = try makeSimulator(try committedOriginalWorld(), clock: clock)
        clock.advance(by: 100)
        let set = clock.now()
        try simulator.applyKnobPatch(
            Data(#"{"outages": [{"endpoints": ["logistics"], "start_after_seconds": 5, "duration_seconds": 10}]}"#.utf8))
        clock.advance(by: 4)
        #expect(simulator.call(.tracking).status == 200)
        clock.advance(by: 1)
        #expect(simulator.call(.tracking).status == 503)
        // The same knob set again starts over from now.
        try simulator.applyKnobPatch(
            Data(#"{"outages": [{"endpoints": ["logistics"], "start_after_seconds": 5, "duration_seconds": 10}]}"#.utf8))
        #expect(simulator.call(.tracking).status == 200)
        #expect(simulator.stats().lastOutageEndedAt == set + 5, "the outage in progress ended when replaced")
        // Another knob leaves the schedule alone.
        try simulator.applyKnobPatch(Data(#"{"error_share": 0}"#.utf8))
        clock.advance(by: 5)
        #expect(simulator.call(.zipCode).status == 503)
        clock.advance(by: 10)
        #expect(simulator.call(.zipCode).status == 200)
        #expect(simulator.stats().lastOutageEndedAt == set + 20)
    }

    @Test func resetCountsTheKnobFromTheResetAndDropsControlOutages() throws {
        let clock = ManualClock()
        var knobs = SimulatorKnobs()
        knobs.outages = [Outage(endpoints: [.tracking], startAfterSeconds: 10, durationSeconds: 10)]
        let simulator = try makeSimulator(try committedOriginalWorld(), knobs: knobs, clock: clock)
        try simulator.startOutage(Outage(endpoints: [.chipStatus]))
        clock.advance(by: 15)
        #expect(simulator.call(.tracking).status == 503)
        simulator.reset()
        #expect(simulator.call(.tracking).status == 200)
        #expect(simulator.call(.chipStatus).status == 200)
        #expect(simulator.stats().lastOutageEndedAt == nil)
        clock.advance(by: 10)
        #expect(simulator.call(.tracking).status == 503)
    }

    @Test func theControlStartsAnOutageNowAndStopsItEarly() throws {
        let clock = ManualClock()
        var knobs = SimulatorKnobs()
        knobs.outages = [Outage(endpoints: [.conversations], startAfterSeconds: 100, durationSeconds: 10)]
        let simulator = try makeSimulator(try committedOriginalWorld(), knobs: knobs, clock: clock)
        let started = try simulator.startOutage(Outage(endpoints: [.chipStatus], status: 500, durationSeconds: 60))
        #expect(started.outageActive)
        #expect(started.outageEndpoints == [.chipStatus])
        #expect(started.outages.count == 2)
        #expect(simulator.call(.chipStatus).status == 500)
        clock.advance(by: 7)
        let stopped = simulator.stopOutages()
        #expect(stopped.stopped == 1)
        #expect(stopped.outageActive == false)
        #expect(stopped.lastOutageEndedAt == clock.now())
        #expect(stopped.outages.map(\.source) == ["knob"], "the knob's window to come is kept")
        #expect(simulator.call(.chipStatus).status == 200)
        #expect(throws: SimulatorError.self) { try simulator.startOutage(Outage(endpoints: [])) }
        #expect(throws: SimulatorError.self) { try simulator.startOutage(Outage(endpoints: [.tracking], status: 200)) }
    }

    @Test func theControlEndpointOverHTTP() async throws {
        let simulator = try makeSimulator(try committedOriginalWorld())
        try await serve(simulator) { (base: URL) async throws in
            let none = try await get(base, "/_sim/outage")
            #expect(none.object?["outage_active"] as? Bool == false)
            #expect(none.object?["last_outage_ended_at"] is NSNull)
            let started = try await post(
                base, "_sim/outage", #"{"endpoints": ["tracking", "zip_code"], "status": 503, "duration_seconds": 60}"#, token: nil)
            #expect(started.status == 200)
            #expect(started.object?["outage_active"] as? Bool == true)
            #expect(started.object?["outage_endpoints"] as? [String] == ["tracking", "zip_code"])
            #expect(try await post(base, "tracking", #"{"id_sale": "123456"}"#).status == 503)
            #expect(try await post(base, "chip_status", #"{"chip_id": "CHIP37648"}"#).status == 200)
            let stats = try await get(base, "/_sim/stats")
            #expect(stats.object?["outage_active"] as? Bool == true)
            let tracking = (stats.object?["endpoints"] as? [String: Any])?["tracking"] as? [String: Any]
            #expect(tracking?["outage_refused"] as? Int == 1)
            let stopped = try await delete(base, "/_sim/outage")
            #expect(stopped.status == 200)
            #expect(stopped.object?["stopped"] as? Int == 1)
            #expect(stopped.object?["outage_active"] as? Bool == false)
            #expect(stopped.object?["last_outage_ended_at"] as? Double != nil)
            #expect(try await post(base, "tracking", #"{"id_sale": "123456"}"#).status == 200)
            // An open-ended one, stopped with POST /_sim/outage/stop.
            #expect(try await post(base, "_sim/outage", #"{"endpoints": ["chats"], "status": 502}"#, token: nil).status == 200)
            #expect(try await post(base, "conversations").status == 502)
            #expect(try await post(base, "_sim/outage/stop", token: nil).object?["stopped"] as? Int == 1)
            #expect(try await post(base, "conversations").status == 200)
            let after = try await get(base, "/_sim/stats")
            #expect(after.object?["outage_active"] as? Bool == false)
            #expect(after.object?["last_outage_ended_at"] as? Double != nil)
            // Bad outages.
            #expect(try await post(base, "_sim/outage", #"{"endpoints": ["shipping"]}"#, token: nil).status == 400)
            #expect(try await post(base, "_sim/outage", #"{"endpoints": ["tracking"], "status": 99}"#, token: nil).status == 400)
            #expect(try await post(base, "_sim/outage", #"{"endpoints": ["tracking"], "duration": 5}"#, token: nil).status == 400)
            #expect(try await post(base, "_sim/outage", "not json", token: nil).status == 400)
        }
    }
}
