@testable import AMQP
import Testing

@Suite struct ConfirmTrackerTests {
    let clock = ContinuousClock()

    private func message(_ id: String?, key: String = "q", mandatory: Bool = false) -> AMQPMessage {
        AMQPMessage(routingKey: key, body: [], messageId: id, mandatory: mandatory)
    }

    @Test func numbersPublishesFromOneAndConfirmsSingleAcks() {
        var tracker = ConfirmTracker<String>()
        let later = clock.now.advanced(by: .seconds(30))
        #expect(tracker.register("a", message: message("a"), deadline: later) == 1)
        #expect(tracker.register("b", message: message("b"), deadline: later) == 2)
        let confirmed = tracker.acked(2, multiple: false)
        #expect(confirmed.map(\.0) == ["b"])
        #expect(tracker.count == 1)
        #expect(tracker.acked(1, multiple: false).map(\.0) == ["a"])
        #expect(tracker.isEmpty)
    }

    @Test func multipleAckConfirmsEverythingUpToTheTag() {
        var tracker = ConfirmTracker<Int>()
        let later = clock.now.advanced(by: .seconds(30))
        for token in 1...5 { tracker.register(token, message: message("\(token)"), deadline: later) }
        #expect(tracker.acked(3, multiple: true).map(\.0) == [1, 2, 3])
        #expect(tracker.acked(5, multiple: true).map(\.0) == [4, 5])
        #expect(tracker.isEmpty)
    }

    @Test func multipleNackFailsEverythingUpToTheTag() {
        var tracker = ConfirmTracker<Int>()
        let later = clock.now.advanced(by: .seconds(30))
        for token in 1...3 { tracker.register(token, message: message("\(token)"), deadline: later) }
        let nacked = tracker.nacked(2, multiple: true)
        #expect(nacked.map(\.0) == [1, 2])
        #expect(nacked.allSatisfy { $0.1.code == .nacked })
        #expect(tracker.count == 1)
    }

    @Test func returnMarksTheMatchingMandatoryPublishUnroutable() {
        var tracker = ConfirmTracker<String>()
        let later = clock.now.advanced(by: .seconds(30))
        tracker.register("routed", message: message("m1", key: "jobs", mandatory: true), deadline: later)
        tracker.register("lost", message: message("m2", key: "nowhere", mandatory: true), deadline: later)
        tracker.register("plain", message: message("m2", key: "nowhere", mandatory: false), deadline: later)
        let matched = tracker.returned(messageId: "m2", exchange: "", routingKey: "nowhere", replyCode: 312, replyText: "NO_ROUTE")
        #expect(matched)
        let outcomes = tracker.acked(3, multiple: true)
        #expect(outcomes.count == 3)
        for (token, outcome) in outcomes {
            switch (token, outcome) {
            case ("lost", .failed(let error)):
                #expect(error.code == .unroutable)
                #expect(error.replyCode == 312)
            case ("routed", .confirmed), ("plain", .confirmed):
                break
            default:
                Issue.record("unexpected outcome for \(token): \(outcome)")
            }
        }
    }

    @Test func returnWithoutAMatchingPublishIsReported() {
        var tracker = ConfirmTracker<String>()
        tracker.register("x", message: message("m1", mandatory: false), deadline: clock.now.advanced(by: .seconds(1)))
        let matched = tracker.returned(messageId: "m1", exchange: "", routingKey: "q", replyCode: 312, replyText: "NO_ROUTE")
        #expect(!matched)
    }

    @Test func expiresOnlyPublishesPastTheirDeadline() {
        var tracker = ConfirmTracker<Int>()
        let start = clock.now
        tracker.register(1, message: message("1"), deadline: start.advanced(by: .seconds(1)))
        tracker.register(2, message: message("2"), deadline: start.advanced(by: .seconds(2)))
        tracker.register(3, message: message("3"), deadline: start.advanced(by: .seconds(3)))
        #expect(tracker.nextDeadline == start.advanced(by: .seconds(1)))
        #expect(tracker.expired(at: start.advanced(by: .milliseconds(2500))) == [1, 2])
        #expect(tracker.nextDeadline == start.advanced(by: .seconds(3)))
        // A late ack of an expired publish is ignored; the live one is still confirmed.
        #expect(tracker.acked(3, multiple: true).map(\.0) == [3])
    }

    @Test func resetReturnsPendingInOrderAndRestartsNumbering() {
        var tracker = ConfirmTracker<Int>()
        let later = clock.now.advanced(by: .seconds(30))
        for token in 1...3 { tracker.register(token, message: message("\(token)"), deadline: later) }
        _ = tracker.acked(2, multiple: false)
        #expect(tracker.reset() == [1, 3])
        #expect(tracker.register(9, message: message("9"), deadline: later) == 1)
    }
}
