import Resilience

/// What the parts of a dispatcher tell its poll loop: the jobs queue's depth (from the
/// ``QueueDepthSampler``) and when an event was last pushed (from the events receiver).
final class DispatcherSignals: Sendable {
    private let backlog = Locked<Int?>(nil)
    private let lastEvent = Locked<ContinuousClock.Instant?>(nil)

    /// Jobs waiting in the jobs queue at the last sample, if any sample was taken.
    var jobsBacklog: Int? { backlog.value }

    /// Records a sample of the jobs queue's depth.
    func sampled(jobsBacklog: Int) { backlog.set(jobsBacklog) }

    /// Records that an event was pushed now.
    func eventPushed() { lastEvent.set(.now) }

    /// Whether an event was pushed within `window`: polling is then a safety net.
    func isPushed(within window: Duration) -> Bool {
        lastEvent.value.map { ContinuousClock.now - $0 < window } ?? false
    }
}
