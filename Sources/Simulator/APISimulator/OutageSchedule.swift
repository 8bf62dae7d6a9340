import Foundation

/// The outage windows not over yet, on the simulator's clock, and when the last one started and
/// ended. Only reached under the simulator's lock.
struct OutageSchedule {
    /// One outage placed in time.
    struct Window {
        var outage: Outage
        var start: Double
        /// nil: until stopped.
        var end: Double?
        /// From `POST /_sim/outage` rather than the `outages` knob.
        var fromControl: Bool

        func isActive(at now: Double) -> Bool { start <= now && end.map { now < $0 } ?? true }
    }

    private(set) var windows: [Window] = []
    private(set) var lastStartedAt: Double?
    private(set) var lastEndedAt: Double?

    var isEmpty: Bool { windows.isEmpty }

    /// Replaces the windows of the `outages` knob with `outages` counted from `anchor`; those in
    /// progress end at `now`.
    mutating func schedule(_ outages: [Outage], from anchor: Double, now: Double) {
        settle(now: now)
        for window in windows where !window.fromControl && window.isActive(at: now) { recordEnd(now) }
        windows.removeAll { !$0.fromControl }
        windows += outages.map { outage in
            let start = anchor + outage.startAfterSeconds
            return Window(outage: outage, start: start, end: outage.durationSeconds.map { start + $0 }, fromControl: false)
        }
        settle(now: now)
    }

    /// Adds an outage starting `startAfterSeconds` after `now` (`POST /_sim/outage`).
    mutating func add(_ outage: Outage, now: Double) {
        let start = now + outage.startAfterSeconds
        windows.append(Window(outage: outage, start: start, end: outage.durationSeconds.map { start + $0 }, fromControl: true))
        settle(now: now)
    }

    /// Ends every window in progress at `now` and drops those of the control endpoint not started
    /// yet (windows of the `outages` knob still to come are kept). Returns the outages stopped.
    mutating func stop(now: Double) -> [Outage] {
        settle(now: now)
        var stopped: [Outage] = []
        for index in windows.indices where windows[index].isActive(at: now) {
            windows[index].end = now
            stopped.append(windows[index].outage)
        }
        windows.removeAll { $0.fromControl && $0.start > now }
        settle(now: now)
        return stopped
    }

    /// Drops the windows over by `now`, remembering when the last one started and ended.
    mutating func settle(now: Double) {
        guard !windows.isEmpty else { return }
        for window in windows where window.start <= now {
            if window.end.map({ $0 > window.start }) ?? true { lastStartedAt = max(lastStartedAt ?? window.start, window.start) }
        }
        for window in windows where window.end.map({ $0 <= now }) ?? false {
            if window.end! > window.start { recordEnd(window.end!) }
        }
        windows.removeAll { $0.end.map { $0 <= now } ?? false }
    }

    /// The first window in progress that covers `endpoint`.
    func active(for endpoint: Endpoint, at now: Double) -> Window? {
        windows.first { $0.isActive(at: now) && $0.outage.endpoints.contains(endpoint) }
    }

    /// The endpoints out now, in the order of ``Endpoint/allCases``.
    func activeEndpoints(at now: Double) -> [Endpoint] {
        let out = Set(windows.filter { $0.isActive(at: now) }.flatMap(\.outage.endpoints))
        return Endpoint.allCases.filter(out.contains)
    }

    private mutating func recordEnd(_ end: Double) { lastEndedAt = max(lastEndedAt ?? end, end) }
}
