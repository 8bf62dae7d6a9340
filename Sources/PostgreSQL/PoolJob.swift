import Dispatch

/// One call waiting for, or running on, a pooled connection.
///
/// `@unchecked Sendable`: every stored property is read and written only while holding the lock of the
/// ``ConnectionPool`` the job was submitted to, which makes the shared access safe.
final class PoolJob: @unchecked Sendable {
    enum State {
        /// Created; not yet in the queue.
        case created
        /// Waiting in the queue for a connection.
        case queued
        /// Taken by a worker thread.
        case running
        /// Cancelled (or failed by `close`) before a worker took it.
        case cancelled
    }

    var state = State.created
    /// Runs the body on the worker's connection and resumes the caller.
    var run: (@Sendable (ConnectionWorker) -> Void)?
    /// Resumes the caller with an error (cancellation, pool closed, pool wait timeout) when no worker will
    /// run the job.
    var fail: (@Sendable (any Error) -> Void)?
    /// When the job, if still queued, fails with the pool wait timeout.
    var waitDeadline = DispatchTime.distantFuture
}

/// A first-in, first-out queue of jobs: waiting callers are served in arrival order.
struct JobQueue {
    private var storage: [PoolJob] = []
    private var head = 0

    var count: Int { storage.count - head }
    /// The oldest job, if any.
    var first: PoolJob? { head < storage.count ? storage[head] : nil }
    var isEmpty: Bool { count == 0 }

    mutating func append(_ job: PoolJob) { storage.append(job) }

    mutating func popFirst() -> PoolJob? {
        guard head < storage.count else { return nil }
        let job = storage[head]
        head += 1
        if head >= 64 && head * 2 >= storage.count {
            storage.removeFirst(head)
            head = 0
        }
        return job
    }

    /// Removes `job` if it is in the queue; returns whether it was.
    mutating func remove(_ job: PoolJob) -> Bool {
        guard let index = storage[head...].firstIndex(where: { $0 === job }) else { return false }
        storage.remove(at: index)
        return true
    }

    mutating func removeAll() -> [PoolJob] {
        let jobs = Array(storage[head...])
        storage = []
        head = 0
        return jobs
    }
}
