import Synchronization

/// The jobs a worker is doing now: their count (a gauge) and the start of the oldest (a liveness
/// check: a job that never ends is a stuck worker).
final class InFlightJobs: Sendable {
    private let state = Mutex<(next: UInt64, started: [UInt64: ContinuousClock.Instant])>((0, [:]))

    /// Records a job's start; pass the token to ``end(_:)``.
    func begin() -> UInt64 {
        let (token, count) = state.withLock { state in
            state.next += 1
            state.started[state.next] = .now
            return (state.next, state.started.count)
        }
        ServiceMetrics.jobsInFlight(count)
        return token
    }

    /// Records a job's end.
    func end(_ token: UInt64) {
        let count = state.withLock { state in
            state.started[token] = nil
            return state.started.count
        }
        ServiceMetrics.jobsInFlight(count)
    }

    /// How many jobs run now.
    var count: Int { state.withLock { $0.started.count } }

    /// When the oldest job still running started.
    var oldestStart: ContinuousClock.Instant? { state.withLock { $0.started.values.min() } }
}
