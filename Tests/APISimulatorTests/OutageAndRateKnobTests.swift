import APISimulator
import Foundation
import Testing
import World

/// The `outages` and `rate_limits` knobs as JSON, flags and environment values.
@Suite struct OutageAndRateKnobTests {
    @Test func theKnobsRoundTripThroughJSON() throws {
        var knobs = SimulatorKnobs()
        knobs.outages = [
            Outage(endpoints: [.tracking, .zipCode], status: 503, startAfterSeconds: 10, durationSeconds: 20),
            Outage(endpoints: [.chipStatus], hang: true),
        ]
        knobs.rateLimits = [.chats: 300, .logistics: 100, .telecom: 0.5]
        let encoded = try JSONEncoder().encode(knobs)
        #expect(try JSONDecoder().decode(SimulatorKnobs.self, from: encoded) == knobs)
        let object = try #require(try JSONSerialization.jsonObject(with: encoded) as? [String: Any])
        let outages = try #require(object["outages"] as? [[String: Any]])
        #expect(outages[0]["endpoints"] as? [String] == ["tracking", "zip_code"])
        #expect(outages[0]["start_after_seconds"] as? Double == 10)
        #expect(outages[0]["duration_seconds"] as? Double == 20)
        #expect(outages[1]["hang"] as? Bool == true)
        #expect(outages[1]["duration_seconds"] is NSNull)
        #expect((object["rate_limits"] as? [String: Any])?["chats"] as? Double == 300)
        // The defaults: no outage, no limit; missing keys keep them.
        let defaults = try JSONDecoder().decode(SimulatorKnobs.self, from: Data("{}".utf8))
        #expect(defaults.outages.isEmpty)
        #expect(defaults.rateLimits.isEmpty)
    }

    @Test func aPatchSetsThemWithDefaultsAndAPINames() throws {
        let knobs = try SimulatorKnobs().applying(
            patch: Data(#"{"outages": [{"endpoints": ["logistics", "/chip_status"]}], "rate_limits": {"telecom": 100}}"#.utf8))
        #expect(knobs.outages == [Outage(endpoints: [.tracking, .zipCode, .chipStatus], status: 503, hang: false)])
        #expect(knobs.rateLimits == [.telecom: 100])
    }

    @Test(arguments: [
        #"{"rate_limits": {"chats": -1}}"#, #"{"rate_limits": {"chats": 0}}"#, #"{"rate_limits": {"shipping": 10}}"#,
        #"{"rate_limits": {"chats": "fast"}}"#, #"{"rate_limits": [300]}"#,
        #"{"outages": [{"endpoints": ["shipping"]}]}"#, #"{"outages": [{"endpoints": []}]}"#,
        #"{"outages": [{"status": 503}]}"#, #"{"outages": [{"endpoints": ["tracking"], "status": 200}]}"#,
        #"{"outages": [{"endpoints": ["tracking"], "duration_seconds": -1}]}"#,
        #"{"outages": [{"endpoints": ["tracking"], "start_after_seconds": -1}]}"#,
        #"{"outages": [{"endpoints": ["tracking"], "duration": 5}]}"#, #"{"outages": {"endpoints": ["tracking"]}}"#,
    ])
    func badValuesAreRejectedWithAMessage(patch: String) throws {
        #expect(throws: SimulatorError.self) { try SimulatorKnobs().applying(patch: Data(patch.utf8)) }
    }

    @Test func messagesNameTheProblem() {
        func message(_ patch: String) -> String {
            do {
                _ = try SimulatorKnobs().applying(patch: Data(patch.utf8))
                return ""
            } catch { return "\(error)" }
        }
        #expect(message(#"{"rate_limits": {"chats": -1}}"#).contains("rate of chats must be a positive number"))
        #expect(message(#"{"rate_limits": {"shipping": 1}}"#).contains("unknown API shipping"))
        #expect(message(#"{"outages": [{"endpoints": ["shipping"]}]}"#).contains("unknown endpoint shipping"))
        #expect(message(#"{"outages": [{"endpoints": ["tracking"], "duration": 5}]}"#).contains("unknown outage key duration"))
    }

    @Test func validateRejectsWhatCodeSets() {
        var knobs = SimulatorKnobs()
        knobs.rateLimits = [.logistics: -100]
        #expect(throws: SimulatorError.self) { try knobs.validate() }
        knobs.rateLimits = [.logistics: .infinity]
        #expect(throws: SimulatorError.self) { try knobs.validate() }
        knobs.rateLimits = [:]
        knobs.outages = [Outage(endpoints: [.tracking], durationSeconds: -5)]
        #expect(throws: SimulatorError.self) { try knobs.validate() }
        #expect(throws: SimulatorError.self) {
            try Simulator(world: try committedOriginalWorld(), token: testToken, knobs: knobs, logger: quietLogger)
        }
    }

    @Test func flagValuesInTheShortFormAndAsJSON() throws {
        #expect(
            try Outage.parseList("tracking,zip_code:503:10:20;chip_status:hang:60:5") == [
                Outage(endpoints: [.tracking, .zipCode], status: 503, startAfterSeconds: 10, durationSeconds: 20),
                Outage(endpoints: [.chipStatus], hang: true, startAfterSeconds: 60, durationSeconds: 5),
            ])
        #expect(try Outage.parseList("logistics") == [Outage(endpoints: [.tracking, .zipCode])])
        #expect(try Outage.parseList("conversations:502::30") == [Outage(endpoints: [.conversations], status: 502, durationSeconds: 30)])
        #expect(
            try Outage.parseList(#"[{"endpoints": ["telecom"], "start_after_seconds": 1, "duration_seconds": 2}]"#)
                == [Outage(endpoints: [.chipStatus], startAfterSeconds: 1, durationSeconds: 2)])
        #expect(try Outage.parseList(#"{"endpoints": ["tracking"]}"#) == [Outage(endpoints: [.tracking])])
        for bad in ["shipping:503", "tracking:down", "tracking:503:soon", "tracking:503:1:2:3", ":503", "tracking:200", "[{}]"] {
            #expect(throws: SimulatorError.self, "\(bad)") { try Outage.parseList(bad) }
        }
        #expect(try SimulatorKnobs.parseRateLimits("chats=300, logistics=100,telecom=0.5") == [.chats: 300, .logistics: 100, .telecom: 0.5])
        #expect(try SimulatorKnobs.parseRateLimits(#"{"logistics": 100}"#) == [.logistics: 100])
        for bad in ["chats=-1", "chats=0", "shipping=10", "chats", "chats=fast", "{\"chats\": \"x\"}"] {
            #expect(throws: SimulatorError.self, "\(bad)") { try SimulatorKnobs.parseRateLimits(bad) }
        }
    }

    @Test func apisimDocumentsAndReadsTheKnobs() async throws {
        let help = try runApisim(["serve", "--help"])
        for text in ["--outages", "--rate-limits", "APISIM_OUTAGES", "APISIM_RATE_LIMITS", "/_sim/outage", "Retry-After",
            "last_outage_ended_at", "outage_refused", "rate_limited"]
        {
            #expect(help.output.contains(text), "\(text) in apisim --help")
        }
        let bad = try runApisim(["--rate-limits", "chats=-1"], environment: ["API_TOKEN": testToken])
        #expect(bad.status != 0)
        #expect(bad.output.contains("rate of chats"))
        let badOutage = try runApisim(["--port", "0"], environment: ["API_TOKEN": testToken, "APISIM_OUTAGES": "shipping:503"])
        #expect(badOutage.status != 0)
        #expect(badOutage.output.contains("unknown endpoint shipping"))
    }

    /// Runs the built `apisim` to its end; its exit status and output (stdout and stderr).
    private func runApisim(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = ExecutableTests.productsDirectory.appendingPathComponent("apisim")
        process.arguments = arguments
        process.environment = environment.merging(["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin"]) { a, _ in a }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
