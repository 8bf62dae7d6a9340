import Synchronization

/// A value shared by reference between tasks and threads, behind the standard library's `Mutex`: the
/// project's one lock box. (A `final class` can hold a `Mutex` directly; this is for the structs —
/// services, policies — that need a shared, mutable cell.)
public final class Locked<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>

    /// A cell holding `value`.
    public init(_ value: Value) { mutex = Mutex(value) }

    /// Runs `body` with exclusive access to the value.
    public func withLock<Result: Sendable, Failure: Error>(
        _ body: (inout Value) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try mutex.withLock { (value: inout Value) throws(Failure) -> Result in try body(&value) }
    }

    /// The current value (a copy).
    public var value: Value { mutex.withLock { $0 } }

    /// Replaces the value.
    public func set(_ newValue: Value) { mutex.withLock { $0 = newValue } }
}
