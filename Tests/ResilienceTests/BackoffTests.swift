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
