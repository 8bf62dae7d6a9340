import Foundation
import Synchronization

/// Where the simulator reads the time (Unix seconds): the system clock, or a clock tests move by hand.
public protocol SimulatorClock: Sendable {
    /// The current time in Unix seconds.
    func now() -> Double
}

/// The system's wall clock.
public struct SystemClock: SimulatorClock {
    /// The system clock.
    public init() {}
    /// `Date().timeIntervalSince1970`.
    public func now() -> Double { Date().timeIntervalSince1970 }
}

/// A clock that only moves when told to, for tests of arrivals, follow-ups and closures.
public final class ManualClock: SimulatorClock {
    private let current: Mutex<Double>

    /// A clock showing `start`.
    public init(start: Double = 1_640_197_800) { current = Mutex(start) }

    /// The time it shows.
    public func now() -> Double { current.withLock { $0 } }

    /// Moves the clock forward by `seconds`.
    public func advance(by seconds: Double) { current.withLock { $0 += seconds } }
}
