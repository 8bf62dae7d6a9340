import Dispatch
import Foundation
import Logging

/// The shared state of a ``PostgresClient``: a FIFO queue of jobs served by up to `poolSize` worker
/// threads, each owning one connection.
///
/// Threads start lazily, when a job is waiting and no idle thread can take it; idle threads sleep on a
/// condition variable (no polling). Callers are served in the order they arrived. A job still waiting
/// after ``PostgresConfiguration/poolWaitTimeout`` fails with ``PostgresError/Code/poolTimeout``: one
/// timer on a Dispatch queue (so it fires even when every worker thread is stuck on a stalled server),
/// armed for the oldest waiting job only, since jobs leave the queue in arrival order.
///
/// `@unchecked Sendable`: all mutable state is guarded by `condition` (an `NSCondition`, i.e. a mutex and
/// a condition variable); the immutable configuration and logger are `Sendable`.
final class ConnectionPool: @unchecked Sendable {
    let configuration: PostgresConfiguration
    let logger: Logger
    private let condition = NSCondition()
    private var queue = JobQueue()
    private var idleWorkers = 0
    private var workerCount = 0
    private var nextWorkerIndex = 0
    private var closed = false
    /// Whether a pool wait timer is armed (for the oldest waiting job).
    private var expiryArmed = false
    private var closeWaiters: [CheckedContinuation<Void, Never>] = []

    init(configuration: PostgresConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
    }

    /// Queues `job`, or fails it at once if the pool is closed or the job was already cancelled.
    func submit(
        _ job: PoolJob, run: @escaping @Sendable (ConnectionWorker) -> Void,
        fail: @escaping @Sendable (any Error) -> Void
    ) {
        condition.lock()
        if closed || job.state == .cancelled {
            let wasClosed = closed
            condition.unlock()
            fail(wasClosed ? Self.closedError : CancellationError())
            return
        }
        job.run = run
        job.fail = fail
        job.state = .queued
        job.waitDeadline = .now() + .nanoseconds(Int(clamping: configuration.poolWaitTimeout.roundedUpNanoseconds))
        queue.append(job)
        var newWorker: Int?
        if queue.count > idleWorkers && workerCount < configuration.poolSize {
            workerCount += 1
            newWorker = nextWorkerIndex
            nextWorkerIndex += 1
        }
        var armAt: DispatchTime?
        if !expiryArmed {
            expiryArmed = true
            armAt = job.waitDeadline
        }
        condition.signal()
        condition.unlock()
        if let newWorker { startWorker(newWorker) }
        if let armAt { armExpiry(at: armAt) }
    }

    /// Fails with ``PostgresError/Code/poolTimeout`` the jobs that waited past their deadline (the oldest,
    /// at the front of the queue), then arms the timer for the oldest job left, if any.
    private func expireWaitingJobs() {
        condition.lock()
        let now = DispatchTime.now()
        var expired: [@Sendable (any Error) -> Void] = []
        while let job = queue.first, job.waitDeadline <= now {
            _ = queue.popFirst()
            job.state = .cancelled
            if let fail = job.fail { expired.append(fail) }
            job.run = nil
            job.fail = nil
        }
        let next = queue.first?.waitDeadline
        expiryArmed = next != nil
        condition.unlock()
        if !expired.isEmpty {
            logger.warning(
                "PostgreSQL calls waited too long for a connection",
                metadata: ["postgres.calls": "\(expired.count)", "postgres.pool_size": "\(configuration.poolSize)"])
        }
        for fail in expired { fail(poolTimeoutError) }
        if let next { armExpiry(at: next) }
    }

    private func armExpiry(at deadline: DispatchTime) {
        DispatchQueue.global().asyncAfter(deadline: deadline) { [weak self] in self?.expireWaitingJobs() }
    }

    /// Takes `job` out of the queue and fails it with `CancellationError`, if no worker has taken it yet.
    func cancel(_ job: PoolJob) {
        condition.lock()
        switch job.state {
        case .created:
            job.state = .cancelled
            condition.unlock()
        case .queued:
            _ = queue.remove(job)
            job.state = .cancelled
            let fail = job.fail
            job.run = nil
            job.fail = nil
            condition.unlock()
            fail?(CancellationError())
        case .running, .cancelled:
            condition.unlock()
        }
    }

    /// Blocks the worker thread until a job is waiting (returns its body) or the pool is closed (`nil`).
    func nextJob() -> (@Sendable (ConnectionWorker) -> Void)? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let job = queue.popFirst() {
                job.state = .running
                let run = job.run
                job.run = nil
                job.fail = nil
                return run
            }
            if closed { return nil }
            idleWorkers += 1
            condition.wait()
            idleWorkers -= 1
        }
    }

    /// Called by a worker thread after it closed its connection, just before it ends.
    func workerExited() {
        condition.lock()
        workerCount -= 1
        let waiters = closed && workerCount == 0 ? closeWaiters : []
        if !waiters.isEmpty { closeWaiters = [] }
        condition.unlock()
        for waiter in waiters { waiter.resume() }
    }

    /// Stops accepting work, fails the waiting jobs with `poolClosed`, lets running bodies finish, and
    /// returns when every worker thread has closed its connection and ended.
    func close() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let jobs = beginClose()
            condition.lock()
            let done = workerCount == 0
            if !done { closeWaiters.append(continuation) }
            condition.unlock()
            for fail in jobs { fail(Self.closedError) }
            if done { continuation.resume() }
        }
    }

    /// Stops accepting work and tells the workers to end, without waiting for them (client `deinit`).
    func shutdown() {
        for fail in beginClose() { fail(Self.closedError) }
    }

    /// Marks the pool closed, wakes every idle worker and returns the `fail` of each waiting job.
    private func beginClose() -> [@Sendable (any Error) -> Void] {
        condition.lock()
        defer { condition.unlock() }
        closed = true
        condition.broadcast()
        return queue.removeAll().compactMap { job in
            job.state = .cancelled
            defer {
                job.run = nil
                job.fail = nil
            }
            return job.fail
        }
    }

    private func startWorker(_ index: Int) {
        let thread = Thread { [self] in
            ConnectionWorker(pool: self, index: index).run()
        }
        thread.name = "postgres-\(index)"
        thread.start()
    }

    private var poolTimeoutError: PostgresError {
        PostgresError(
            code: .poolTimeout,
            message: "all \(configuration.poolSize) connections to \(configuration.target) stayed busy for "
                + "longer than \(configuration.poolWaitTimeout.shortDescription) (pool wait timeout), so the call "
                + "was not run; the database may be stalled or overloaded, or the pool too small for the load: "
                + "try again later")
    }

    static var closedError: PostgresError {
        PostgresError(
            code: .poolClosed, message: "the PostgreSQL client was closed; no more queries are accepted")
    }
}
