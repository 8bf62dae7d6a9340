import Foundation
import Testing

import APISimulator

@Suite struct PushKnobTests {
    @Test func theSecretIsNeverShownAndSurvivesLaterPatches() throws {
        let pushing = try SimulatorKnobs().applying(
            patch: Data(#"{"push_events_url": "http://127.0.0.1:9/events", "push_events_secret": "s3cr3t"}"#.utf8))
        let shown = String(decoding: try JSONEncoder().encode(pushing), as: UTF8.self)
        #expect(!shown.contains("s3cr3t"))
        let patched = try pushing.applying(patch: Data(#"{"max_active": null}"#.utf8))
        #expect(patched.pushEventsSecret == "s3cr3t")
        #expect(patched.pushEventsURL == "http://127.0.0.1:9/events")
        let cleared = try patched.applying(patch: Data(#"{"push_events_secret": null}"#.utf8))
        #expect(cleared.pushEventsSecret == nil)
    }
}
