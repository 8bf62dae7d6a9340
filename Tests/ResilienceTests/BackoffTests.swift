import Resilience
import Testing

@Suite struct BackoffTests {
    @Test func doublesUpToTheMaximumWithoutJitter() {
        var backoff = Backoff(initial: .milliseconds(100), maximum: .milliseconds(500), jitter: .none)
        let delays = (0..<5).map { _ in backoff.next() }
        #expect(delays == [.milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(500), .milliseconds(500)])
        backoff.reset()
        #expect(backoff.next() == .milliseconds(100))
    }

    @Test func jitterStaysWithinItsRange() {
        var equal = Backoff(initial: .seconds(1), maximum: .seconds(1), jitter: .equal)
        var full = Backoff(initial: .seconds(1), maximum: .seconds(1), jitter: .full)
        for _ in 0..<1000 {
            let e = equal.next()
            #expect(e >= .milliseconds(500) && e <= .seconds(1))
            let f = full.next()
            #expect(f >= .zero && f <= .seconds(1))
        }
    }
}

@Suite struct RecheckPolicyTests {
    @Test func looksDoubleFromTheFirstUpToTheMaximumAndSlowDownWhilePushed() {
        let policy = RecheckPolicy(first: .seconds(1), maximum: .seconds(60), whilePushed: .seconds(120), backlogLimit: 10)
        #expect((0..<8).map { policy.wait(afterStep: $0, pushed: false) }.map(\.components.seconds) == [1, 2, 4, 8, 16, 32, 60, 60])
        #expect(policy.wait(afterStep: 0, pushed: true) == .seconds(120))
    }
}
