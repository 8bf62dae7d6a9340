import Foundation
import Logging

/// The thread of one ``HTTPClient``: it drives the curl multi handle, which runs every transfer and
/// keeps the connections alive between them. Other threads hand it requests and cancellations
/// through a lock-protected mailbox and wake it with `curl_multi_wakeup`.
final class TransferEngine: @unchecked Sendable {
    // Safe to share: `mailbox` and `statistics` are only touched under `lock`; `multi` is shared for
    // `wakeup()` only (thread-safe in libcurl); the transfers and easy handles live in `run()`, on
    // the engine's own thread. `configuration` and `logger` are immutable.
    struct Mailbox {
        var incoming: [PendingRequest] = []
        var cancelled: [PendingRequest] = []
        var started = false
        var stopRequested = false
        var stopped = false
        var stopWaiters: [CheckedContinuation<Void, Never>] = []
    }

    let multi: CurlMulti
    let configuration: HTTPClientConfiguration
    let logger: Logger
    private let lock = NSLock()
    private var mailbox = Mailbox()
    private var counters = HTTPClientStatistics()

    init(configuration: HTTPClientConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        multi = CurlMulti(configuration: configuration)
    }

    /// Starts the thread; it holds the engine until it ends.
    private func start() {
        let thread = Thread { [self] in run() }
        thread.name = "http-client"
        thread.start()
    }

    /// Queues a request for the thread, starting the thread on the first one; false once the engine
    /// is stopping.
    func submit(_ pending: PendingRequest) -> Bool {
        let (accepted, mustStart): (Bool, Bool) = lock.withLock {
            guard !mailbox.stopRequested else { return (false, false) }
            wakeUpIfIdle()
            mailbox.incoming.append(pending)
            defer { mailbox.started = true }
            return (true, !mailbox.started)
        }
        if mustStart { start() }
        return accepted
    }

    /// Asks the thread to drop the transfer of a request whose task was cancelled.
    func cancel(_ pending: PendingRequest) {
        lock.withLock {
            guard !mailbox.stopRequested else { return }
            wakeUpIfIdle()
            mailbox.cancelled.append(pending)
        }
    }

    /// Asks the thread to fail what is pending and end; later submissions are refused.
    func stop() {
        let neverStarted: Bool = lock.withLock {
            guard !mailbox.stopRequested else { return false }
            mailbox.stopRequested = true
            multi.wakeup()
            return !mailbox.started
        }
        if neverStarted { markStopped() }
    }

    /// Returns when the thread has ended (call ``stop()`` first).
    func waitUntilStopped() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let stopped: Bool = lock.withLock {
                if !mailbox.stopped { mailbox.stopWaiters.append(continuation) }
                return mailbox.stopped
            }
            if stopped { continuation.resume() }
        }
    }

    /// Wakes the thread unless mail is already waiting (then a wakeup is pending, or the thread has
    /// not slept since, and it takes all the mail at once). Call under `lock`, before queueing.
    private func wakeUpIfIdle() {
        if mailbox.incoming.isEmpty && mailbox.cancelled.isEmpty { multi.wakeup() }
    }

    /// The counters so far.
    var statistics: HTTPClientStatistics { lock.withLock { counters } }

    /// Takes what other threads queued since the last call.
    func takeMail() -> (incoming: [PendingRequest], cancelled: [PendingRequest], stop: Bool) {
        lock.withLock {
            defer {
                mailbox.incoming.removeAll(keepingCapacity: true)
                mailbox.cancelled.removeAll(keepingCapacity: true)
            }
            return (mailbox.incoming, mailbox.cancelled, mailbox.stopRequested)
        }
    }

    /// Counts a transfer that ended and the connections it opened.
    func record(connectionsOpened: Int) {
        lock.withLock {
            counters.requestsCompleted += 1
            counters.connectionsOpened += connectionsOpened
        }
    }

    /// Marks the thread as ended and wakes ``waitUntilStopped()`` callers.
    func markStopped() {
        let waiters: [CheckedContinuation<Void, Never>] = lock.withLock {
            mailbox.stopped = true
            defer { mailbox.stopWaiters = [] }
            return mailbox.stopWaiters
        }
        for waiter in waiters { waiter.resume() }
    }
}
