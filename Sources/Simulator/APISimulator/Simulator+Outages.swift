import Foundation
import Synchronization

extension Simulator {
    /// The answer of a request to an endpoint that is out at `now` (counted as `outage_refused`), or nil.
    func outageReply(_ endpoint: Endpoint, now: Double, _ state: inout SimulatorState) -> SimulatorReply? {
        guard !state.outages.isEmpty else { return nil }
        state.outages.settle(now: now)
        guard let window = state.outages.active(for: endpoint, at: now) else { return nil }
        state.count(endpoint, \.outageRefused)
        if window.outage.hang {
            let left = window.end.map { $0 - now } ?? .infinity
            return SimulatorReply(action: .hang(seconds: min(state.knobs.hangSeconds, left)), delayMilliseconds: 0, fault: .outage)
        }
        return SimulatorReply(
            action: .respond(status: window.outage.status, body: errorBody("simulated outage of /\(endpoint.rawValue)")),
            delayMilliseconds: 0, fault: .outage)
    }

    /// Starts `outage` now, or `start_after_seconds` from now (`POST /_sim/outage`); returns the outages.
    @discardableResult
    public func startOutage(_ outage: Outage) throws -> OutageStatus {
        try outage.validate()
        let now = clock.now()
        return state.withLock { state in
            state.outages.add(outage, now: now)
            return OutageStatus(state.outages, now: now)
        }
    }

    /// Ends every outage in progress now and cancels those of ``startOutage(_:)`` still to come
    /// (`DELETE /_sim/outage`); windows of the `outages` knob still to come are kept. Requests hanging
    /// because of an outage are released (as every hang is) when a hanging outage is stopped.
    @discardableResult
    public func stopOutages() -> OutageStatus {
        let now = clock.now()
        let (status, releasing) = state.withLock { state in
            let stopped = state.outages.stop(now: now)
            return (OutageStatus(state.outages, now: now, stopped: stopped.count), stopped.contains(where: \.hang))
        }
        if releasing { releaseHangs() }
        return status
    }

    /// The outages in progress and to come, and when the last one started and ended (`GET /_sim/outage`).
    public func outageStatus() -> OutageStatus {
        let now = clock.now()
        return state.withLock { state in
            state.outages.settle(now: now)
            return OutageStatus(state.outages, now: now)
        }
    }
}
