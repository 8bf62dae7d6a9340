import Foundation
import Synchronization

/// The connection thread of a publisher or consumer: started on first use (not in `init`), at most
/// once, and the status it reports on each turn of its loop.
final class EngineThread: Sendable {
    private let name: String
    private let body: Mutex<(@Sendable () -> Void)?>
    let status: EngineStatus

    init(name: String, status: EngineStatus, body: @escaping @Sendable () -> Void) {
        self.name = name
        self.status = status
        self.body = Mutex(body)
    }

    /// Starts the thread unless it was started before.
    func startIfNeeded() {
        guard let body = body.withLock({ body in defer { body = nil }; return body }) else { return }
        let thread = Thread(block: body)
        thread.name = name
        thread.start()
    }

    /// True once the thread was started (or discarded).
    var isStarted: Bool { body.withLock { $0 == nil } }

    /// Makes sure the thread never starts; returns false if it had started already.
    func discardUnlessStarted() -> Bool {
        body.withLock { body in
            guard body != nil else { return false }
            body = nil
            return true
        }
    }
}

/// The status a connection thread reports on each turn of its loop (``AMQPConnectionStatus``).
final class EngineStatus: Sendable {
    private let current = Mutex(
        AMQPConnectionStatus(isConnected: false, lastLoop: ContinuousClock.now, isClosed: false))

    /// Called by the connection thread at the top of each loop turn.
    func loopTurned(connected: Bool) {
        let now = ContinuousClock.now
        current.withLock {
            $0.isConnected = connected
            $0.lastLoop = now
        }
    }

    /// Called by the connection thread as soon as it connects or loses its connection, so that the
    /// status does not wait for the next turn of the loop (up to a second while disconnected).
    func connectionChanged(connected: Bool) { current.withLock { $0.isConnected = connected } }

    /// Called by the connection thread when it ends.
    func closed() { current.withLock { $0.isClosed = true; $0.isConnected = false } }

    /// The last report.
    var snapshot: AMQPConnectionStatus { current.withLock { $0 } }
}
