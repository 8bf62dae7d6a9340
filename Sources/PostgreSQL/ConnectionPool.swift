import Dispatch
import Foundation
import Logging

/// The shared state of a ``PostgresClient``: a FIFO queue of jobs served by up to `poolSize` worker
/// threads, each owning one connection.
///
/// Threads start lazily, when a job is waiting and no idle thread can take it; idle threads sleep on a
/// condition variable (no polling). Callers are served in the order they arrived. A job that has to wait
/// for a busy connection fails with ``PostgresError/Code/poolTimeout`` if it is still waiting after
/// ``PostgresConfiguration/poolWaitTimeout`` (a timer on a Dispatch queue: it fires even when every
/// worker thread is stuck on a stalled server).
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
        queue.append(job)
        var newWorker: Int?
        var expiry: DispatchWorkItem?
        if queue.count > idleWorkers {
            if workerCount < configuration.poolSize {
                workerCount += 1
                newWorker = nextWorkerIndex
                nextWorkerIndex += 1
            } else {
                // Every connection is busy: the job waits for one to come free, for a bounded time. (A job
                // that an idle or starting worker takes needs no timer: there is one per queued job ahead.)
                let item = DispatchWorkItem { [weak self] in self?.expire(job) }
                job.expiry = item
                expiry = item
            }
        }
        condition.signal()
        condition.unlock()
        if let newWorker { startWorker(newWorker) }
        if let expiry {
            DispatchQueue.global().asyncAfter(
                deadline: .now() + .milliseconds(Int(clamping: configuration.poolWaitTimeout.roundedUpMilliseconds)),
                execute: expiry)
        }
    }

    /// Fails `job` with ``PostgresError/Code/poolTimeout`` if it is still waiting in the queue.
    private func expire(_ job: PoolJob) {
        condition.lock()
        guard job.state == .queued, queue.remove(job) else {
            condition.unlock()
            return
        }
        job.state = .cancelled
        let fail = job.fail
        job.run = nil
        job.fail = nil
        job.expiry = nil
        condition.unlock()
        logger.warning(
            "a PostgreSQL call waited too long for a connection",
            metadata: ["postgres.pool_size": "\(configuration.poolSize)"])
        fail?(poolTimeoutError)
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
            job.expiry?.cancel()
            job.expiry = nil
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
                job.expiry?.cancel()
                job.expiry = nil
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
            job.expiry?.cancel()
            defer {
                job.run = nil
                job.fail = nil
                job.expiry = nil
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
            message: "all \(configuration.poolSize) connections to \(configuration.target) stayed busy for longer "
                + "than \(configuration.poolWaitTimeout.shortDescription) (pool wait timeout), so the call was not run; "
                + "the database may be stalled or overloaded, or the pool too small for the load: try again later")
    }

    static var closedError: PostgresError {
        PostgresError(
            code: .poolClosed, message: "the PostgreSQL client was closed; no more queries are accepted")
    }
}
